"""The project as a user installs it (issue 8): a wheel, installed non-editable, runs the lab
lifecycle (`runbook verify` inside it), `verify` itself and `build` for a project folder that
holds only content (no generator/, winlab/ or winprobes/), and the code that runs is the
installed copy, not this checkout."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, copy_project

pytestmark = [pytest.mark.lab, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    wheels, target = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("site-packages")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = wheels.glob("*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    return target


def test_an_installed_package_verifies_and_builds_a_content_only_project(installed, tmp_path):
    project = copy_project(tmp_path / "project")
    assert not any((project.root / name).exists() for name in ("generator", "winlab", "winprobes"))
    env = dict(os.environ, PYTHONPATH=str(installed), LAB_DOMAIN_ADMIN_PASSWORD="Installed-Secret-5",
               NO_MKDOCS_2_WARNING="1")
    for name in ("RUNBOOK_LAB_DIR", "RUNBOOK_RESULTS_DIR", "RUNBOOK_ENVIRONMENTS", "RUNBOOK_PROJECT"):
        env.pop(name, None)

    def runbook(*args):
        return subprocess.run([sys.executable, "-m", "generator", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=600)

    where = subprocess.run([sys.executable, "-c", "import generator, winlab, winprobes; "
                            "print(generator.__file__, winlab.__file__, winprobes.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert all(path.startswith(str(installed)) for path in where), where
    at = ("--project", str(project.root))
    cycle = runbook("lab", "test", str(project.environments_dir / "lab.yaml"), "--stage", "prerequisites",
                    "--stage", "network-settings", *at)
    assert cycle.returncode == 0, cycle.stdout + cycle.stderr
    assert "network-settings: converge changed 18, again 0, verify passed" in cycle.stdout   # renames included
    up = runbook("lab", "up", str(project.environments_dir / "lab.yaml"), *at)
    assert up.returncode == 0, up.stdout + up.stderr
    try:
        verified = runbook("verify", str(project.environments_dir / "lab.yaml"), "--target", "lab://lab",
                           "--stage", "network-settings", *at)
        assert verified.returncode == 0 and "## network-settings: passed" in verified.stdout, \
            verified.stdout + verified.stderr
    finally:
        runbook("lab", "down", str(project.environments_dir / "lab.yaml"), *at)
    built = runbook("build", *at)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project.root / "site/runbooks/exchange-2007-ccr/lab/lab/02-network-settings.html").is_file()
