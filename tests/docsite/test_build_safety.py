"""`runbook build` builds in temporary folders beside site/ and docs/runbooks/ and swaps them in
only on success: a failed or interrupted build leaves both byte for byte as they were, and no
temporary folder behind. `runbook serve` stops on Ctrl-C with exit 130."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest

from generator.project import Project
from tests.conftest import copy_project

pytestmark = [pytest.mark.site, pytest.mark.timeout(600)]

LAB_PAGE = "exchange-2007-ccr/lab/lab/02-network-settings"


def environ(root) -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", RUNBOOK_RESULTS_DIR=str(root / "results"))


def runbook(root, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, env=environ(root),
                          capture_output=True, text=True, timeout=300)


def snapshot(folder) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(project) -> list[str]:
    """Temporary folders (ours are dot-named) beside site/ and docs/runbooks/."""
    return sorted(str(p) for folder in (project.root, project.docs_dir) for p in folder.iterdir()
                  if p.name.startswith("."))


@dataclass
class Built:
    project: Project
    site: dict                 # snapshots after the first build
    docs: dict

    def __getattr__(self, name):
        return getattr(self.project, name)


@pytest.fixture
def built(tmp_path):
    """A copy of the project after one good build, with snapshots of what it wrote."""
    project = copy_project(tmp_path / "project")
    result = runbook(project.root, "build")
    assert result.returncode == 0, result.stderr
    done = Built(project, snapshot(project.root / "site"), snapshot(project.generated_docs_dir))
    assert f"{LAB_PAGE}.md" in done.docs and f"runbooks/{LAB_PAGE}.html" in done.site
    return done


def change_an_environment(project) -> None:
    """A change that would alter both the pages and the site if they were written."""
    lab = project.environments_dir / "lab.yaml"
    lab.write_text(lab.read_text().replace("10.10.10.2/24", "10.10.10.9/24"))


def assert_unchanged(project) -> None:
    assert snapshot(project.root / "site") == project.site
    assert snapshot(project.generated_docs_dir) == project.docs
    assert leftovers(project) == []


def test_a_strict_warning_leaves_site_and_pages_as_they_were(built):
    change_an_environment(built)
    (built.docs_dir / "guide" / "broken.md").write_text("# Broken\n\nSee [the missing page](missing.md).\n")
    result = runbook(built.root, "build")
    assert result.returncode == 2 and "missing.md" in result.stderr and "strict mode" in result.stderr
    assert "Traceback" not in result.stderr
    assert_unchanged(built)


def test_a_template_error_leaves_site_and_pages_as_they_were(built):
    change_an_environment(built)
    stage = built.runbooks_dir / "exchange-2007-ccr" / "stages" / "join-domain.md"
    stage.write_text(stage.read_text().replace("{{ domain.fqdn }}", "{{ domain.fqdnn }}", 1))
    result = runbook(built.root, "build")
    assert result.returncode == 2 and "join-domain.md:" in result.stderr and "fqdnn" in result.stderr
    assert_unchanged(built)


def test_a_good_build_replaces_both_and_drops_what_is_gone(built):
    change_an_environment(built)
    (built.environments_dir / "dallas.yaml").unlink()
    result = runbook(built.root, "build")
    assert result.returncode == 0, result.stderr
    site, docs = snapshot(built.root / "site"), snapshot(built.generated_docs_dir)
    assert b"10.10.10.9" in docs[f"{LAB_PAGE}.md"] and b"10.10.10.9" not in built.docs[f"{LAB_PAGE}.md"]
    assert b"10.10.10.9" in site[f"runbooks/{LAB_PAGE}.html"]
    assert not any("/dallas/" in path for path in [*site, *docs])
    assert any("/dallas/" in path for path in built.site)
    assert leftovers(built) == []


def test_ctrl_c_during_a_build_leaves_both_as_they_were(built):
    change_an_environment(built)
    process = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=built.root, env=environ(built.root),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not leftovers(built) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)                                  # until the staging folders exist: mid-build
    assert leftovers(built), "the build never staged anything"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130 and stderr.rstrip().endswith("interrupted") and "Traceback" not in stderr
    assert_unchanged(built)


def test_mkdocs_build_run_directly_still_renders_the_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project.root,
                            env=environ(project.root), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (project.generated_docs_dir / f"{LAB_PAGE}.md").is_file()
    assert (project.root / "site" / "runbooks" / f"{LAB_PAGE}.html").is_file()


def test_serve_stops_on_ctrl_c_with_exit_130(tmp_path):
    project = copy_project(tmp_path / "project")
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project.root, env=environ(project.root), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        assert process.poll() is None, process.communicate()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130 and stderr.rstrip().endswith("interrupted"), stderr
