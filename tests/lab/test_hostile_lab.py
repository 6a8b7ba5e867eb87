"""A site whose free-text fields hold command-injection payloads, through the whole lab
lifecycle over WinRM (issue 6): it converges, stays converged and verifies, and not one of the
payloads' commands ran on any host."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CANARY, copy_project
from generator.environments import load_environments
from generator.project import Project
from tests.hostile import CMD, combined, made_on_purpose

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-project"))
    site = combined(project, tmp_path_factory.mktemp("hostile-files"), CMD, rotation=3, name="hostile")
    target = project.environments_dir / "hostile.yaml"
    target.write_text(site.file.read_text(encoding="utf-8"), encoding="utf-8")
    return project, site


def test_hostile_site_converges_and_verifies_with_nothing_injected(hostile_project):
    project, site = hostile_project
    assert len(site.values) >= 10
    env = dict(os.environ, LAB_DOMAIN_ADMIN_PASSWORD=CANARY, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    for name in ("RUNBOOK_LAB_DIR", "RUNBOOK_RESULTS_DIR", "RUNBOOK_ENVIRONMENTS"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "generator", "lab", "test", "environments/hostile.yaml"],
                            cwd=project.root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every stage converged, stayed converged and verified" in result.stdout
    state = json.loads((project.root / ".lab" / "hostile" / "state.json").read_text())
    [environment] = load_environments(Project(project.root), [project.environments_dir / "hostile.yaml"])
    witness = environment.params.witness
    for name, host in state["hosts"].items():
        made = [p for p in [*host["directories"], *host["files"]]
                if "INJ" in p.upper() and not made_on_purpose(name, p, witness)]
        assert not made, (name, made)
    log = (project.root / ".lab" / "hostile" / "commands.log").read_text(errors="replace")
    assert CANARY not in log and CANARY not in result.stdout + result.stderr
