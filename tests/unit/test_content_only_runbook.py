"""A second runbook as content only (issue 8): tests/fixtures/data-folder, written by following
the README's "Add a runbook" alone, with its own model, stage, feature, steps, probe and lab
topology, is added to a copy of the project; it checks, renders, applies and verifies on the
in-process lab, and verification fails on a wrong state. (tests/lab runs it over WinRM.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.environments import load_environments
from generator.labs.control import open_lab
from generator.runbooks import forget_runbooks
from tests.conftest import ROOT, copy_project

FIXTURE = ROOT / "tests" / "fixtures" / "data-folder"


def with_data_folder(destination: Path):
    project = copy_project(destination)
    for part in ("runbooks", "features", "environments"):
        shutil.copytree(FIXTURE / part, project.root / part, dirs_exist_ok=True)
    forget_runbooks()
    return project


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("FS1_ADMIN_PASSWORD", "Fs1-Secret-99")
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path / "labs"))
    monkeypatch.setenv("RUNBOOK_RESULTS_DIR", str(tmp_path / "results"))
    yield with_data_folder(tmp_path / "project")
    forget_runbooks()


def runbook(project, *args):
    return CliRunner().invoke(main, [*args, "--project", str(project.root)])


def test_the_fixture_is_content_only():
    parts = {path.relative_to(FIXTURE).parts[0] for path in FIXTURE.rglob("*") if path.is_file()}
    assert parts == {"runbooks", "features", "environments", "README.md"}


def test_it_checks_renders_applies_and_verifies_in_the_lab(project_copy, tmp_path):
    env_file = str(project_copy.environments_dir / "fs1.yaml")
    checked = runbook(project_copy, "check")
    assert checked.exit_code == 0 and "2 runbook(s)" in checked.output, checked.output
    rendered = runbook(project_copy, "render", env_file, "--out", str(tmp_path / "out"))
    assert rendered.exit_code == 0, rendered.output
    script = (tmp_path / "out" / "fs1" / "scripts" / "FS1" / "01-create-folder.cmd").read_text()
    assert 'echo "Shared data of the finance team, kept 7 years."> "D:\\Data\\README.txt"' in script
    first = runbook(project_copy, "apply", env_file, "--target", "inprocess://fs1")
    assert first.exit_code == 0 and "1 step(s) changed" in first.output, first.output
    again = runbook(project_copy, "apply", env_file, "--target", "inprocess://fs1")
    assert again.exit_code == 0 and "0 step(s) changed" in again.output, again.output
    verified = runbook(project_copy, "verify", env_file, "--target", "inprocess://fs1")
    assert verified.exit_code == 0 and "PASS The README holds the note" in verified.output, verified.output


def test_verification_fails_on_a_wrong_state(project_copy):
    env_file = str(project_copy.environments_dir / "fs1.yaml")
    assert runbook(project_copy, "apply", env_file, "--target", "inprocess://fs1").exit_code == 0
    [environment] = load_environments(project_copy, [project_copy.environments_dir / "fs1.yaml"])
    open_lab(project_copy, environment).execute("FS1", 'echo "Somebody else\'s note"> "D:\\Data\\README.txt"')
    verified = runbook(project_copy, "verify", env_file, "--target", "inprocess://fs1")
    assert verified.exit_code == 1, verified.output
    assert ("FS1: D:\\Data\\README.txt: expected Shared data of the finance team, kept 7 years., "
            "actual Somebody else's note") in verified.output
    assert "PASS The server is the environment's" in verified.output
