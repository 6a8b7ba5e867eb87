"""`runbook apply --plan`: what apply would run, in its order, with nothing opened or sent
(what `ansible-playbook --check` shows)."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main
from tests.conftest import copy_project


def test_the_plan_lists_the_runs_in_order_without_a_running_lab_or_a_secret(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    monkeypatch.delenv("LAB_DOMAIN_ADMIN_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["apply", "environments/lab.yaml", "--target", "lab://lab", "--stage",
                                       "network-settings", "--stage", "join-domain", "--plan",
                                       "--project", str(project.root)], env={"RUNBOOK_PROJECT": str(project.root)})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:8] == [
        "Plan: 4 script run(s) of 2 stage(s) of lab on lab://lab (nothing sent):",
        "   1. network-settings on E2K7Node1: 02-network-settings.cmd; the host restarts: run again until it ends",
        "   2. network-settings on E2K7Node2: 02-network-settings.cmd; the host restarts: run again until it ends",
        "   3. join-domain on E2K7Node1: 03-join-domain.cmd, after #2; the host restarts: run again until it ends",
        "   4. join-domain on E2K7Node2: 03-join-domain.cmd, after #1; the host restarts: run again until it ends",
        "Stage gate, as the results stand now: apply would be refused (exit 7):",
        "lab: network-settings, join-domain blocked: an earlier stage has no current pass at this site; nothing was sent",
        "  prerequisites: not verified yet"]
    assert not (project.root / ".lab").exists() and not (project.root / "results").exists()      # nor recorded
    # Without --plan the same command needs the lab: the plan above opened nothing.
    refused = CliRunner().invoke(main, ["apply", "environments/lab.yaml", "--target", "lab://lab", "--yes",
                                        "--project", str(project.root)], env={"RUNBOOK_PROJECT": str(project.root)})
    assert refused.exit_code == 2 and "the lab for lab is not running" in refused.stderr


def test_a_plan_for_an_unknown_target_scheme_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    result = CliRunner().invoke(main, ["apply", str(project.environments_dir / "lab.yaml"), "--target", "ftp://x",
                                       "--plan", "--project", str(project.root)])
    assert result.exit_code == 2 and "unknown target scheme 'ftp'" in result.stderr


def test_the_plan_says_when_the_gate_is_met_or_overridden(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project.root)
    first = CliRunner().invoke(main, ["apply", "environments/lab.yaml", "--target", "lab://lab", "--plan",
                                      "--stage", "prerequisites", "--project", str(project.root)])
    assert first.exit_code == 0 and first.stdout.splitlines()[-1] == "Stage gate: met"
    anyway = CliRunner().invoke(main, ["apply", "environments/lab.yaml", "--target", "lab://lab", "--plan",
                                       "--stage", "join-domain", "--override-gate", "lab trial",
                                       "--project", str(project.root)])
    assert anyway.exit_code == 0 and anyway.stdout.splitlines()[-1] == (
        "Stage gate: overridden (lab trial): prerequisites: not verified yet; network-settings: not verified yet")
