"""The operations record (issue 11): every `apply` and `verify` writes a run record, however it
ends, with nothing secret in it; stage gates refuse (exit 7, nothing sent) a stage whose earlier
stages have no current pass at the site, unless overridden (the reason is recorded)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.acceptance.runrecord import load_runs, recording
from generator.cli import main
from generator.environments import load_environments
from generator.errors import VerificationFailed
from generator.labs.control import open_lab
from generator.secrets import Secrets
from tests.conftest import ROOT, copy_project, edited_yaml

SECRET = "Lab-Secret-7&x"
TARGET = "inprocess://lab"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", SECRET)
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path / "labs"))
    monkeypatch.setenv("RUNBOOK_RESULTS_DIR", str(tmp_path / "results"))
    monkeypatch.delenv("RUNBOOK_OPERATOR", raising=False)
    return copy_project(tmp_path / "project")


@pytest.fixture
def lab_env(project):
    return load_environments(project, [project.environments_dir / "lab.yaml"])[0]


def runbook(project, *args):
    return CliRunner().invoke(main, [*args, "--project", str(project.root)])


def env_file(project) -> str:
    return str(project.environments_dir / "lab.yaml")


def commands_run(project) -> int:
    [environment] = load_environments(project, [project.environments_dir / "lab.yaml"])
    return open_lab(project, environment).status().commands


def records(project) -> list[dict]:
    return [json.loads(path.read_text()) for path, _ in load_runs(project.results_dir, "lab")]


def test_a_stage_whose_earlier_stages_are_not_verified_is_refused_with_nothing_sent(project):
    refused = runbook(project, "apply", env_file(project), "--target", TARGET, "--stage", "join-domain")
    assert refused.exit_code == 7, refused.output
    assert "prerequisites: not verified yet" in refused.stderr and "network-settings: not verified yet" in refused.stderr
    assert "--override-gate" in refused.stderr
    assert commands_run(project) == 0
    [record] = records(project)
    assert record["status"] == "blocked" and record["stages"] == ["join-domain"] and record["steps"] == []


def test_the_gate_opens_once_the_earlier_stages_pass_and_closes_when_they_go_stale(project):
    first = runbook(project, "apply", env_file(project), "--target", TARGET, "--stage", "prerequisites",
                    "--stage", "network-settings", "--by", "alice")
    assert first.exit_code == 0, first.output                # the earlier stages it converges itself
    verified = runbook(project, "verify", env_file(project), "--target", TARGET, "--stage", "prerequisites",
                       "--stage", "network-settings")
    assert verified.exit_code == 0, verified.output
    joined = runbook(project, "apply", env_file(project), "--target", TARGET, "--stage", "join-domain")
    assert joined.exit_code == 0, joined.output
    overriding = runbook(project, "apply", env_file(project), "--target", TARGET, "--stage", "join-domain",
                         "--override-gate", "not needed")
    assert overriding.exit_code == 0 and "overridden" not in overriding.output
    assert records(project)[-1]["override"] is None                 # nothing was overridden
    lab_yaml = project.environments_dir / "lab.yaml"
    lab_yaml.write_text(edited_yaml(lab_yaml, {"nodes[1].private.address": "10.10.10.3/24"}))
    stale = runbook(project, "apply", env_file(project), "--target", TARGET, "--stage", "join-domain")
    assert stale.exit_code == 7
    assert "network-settings: its pass is stale: the environment file changed" in stale.stderr
    kinds = [(r["kind"], r["status"], r["who"]) for r in records(project)]
    assert kinds[:3] == [("apply", "converged", "alice"), ("verify", "passed", kinds[1][2]),
                         ("apply", "converged", kinds[2][2])] and kinds[4][:2] == ("apply", "blocked")


def test_a_failed_earlier_stage_blocks_and_an_override_runs_with_its_reason_recorded(project):
    assert runbook(project, "apply", env_file(project), "--target", TARGET, "--stage", "prerequisites",
                   "--stage", "network-settings").exit_code == 0
    [environment] = load_environments(project, [project.environments_dir / "lab.yaml"])
    renamed = open_lab(project, environment).execute("E2K7Node1", 'netsh interface set interface name="Private" '
                                                                  'newname="LAN 9"')
    assert renamed.rc == 0, renamed
    assert runbook(project, "verify", env_file(project), "--target", TARGET, "--stage", "prerequisites",
                   "--stage", "network-settings").exit_code == 1
    refused = runbook(project, "apply", env_file(project), "--target", TARGET, "--stage", "join-domain")
    assert refused.exit_code == 7 and "network-settings: its verification failed" in refused.stderr
    overridden = runbook(project, "apply", env_file(project), "--target", TARGET, "--stage", "join-domain",
                         "--override-gate", "CAB-1234: the rename is checked by hand")
    assert overridden.exit_code == 0, overridden.output
    assert "stage gate overridden (CAB-1234" in overridden.output
    last = records(project)[-1]
    assert last["status"] == "converged" and last["override"] == "CAB-1234: the rename is checked by hand"
    assert [gate.split(":")[0] for gate in last["overridden"]] == ["network-settings"]
    assert {s["host"] for s in last["steps"]} == {"E2K7Node1", "E2K7Node2"}
    assert any(s["outcome"] == "changed" for s in last["steps"])


def test_a_record_holds_what_ran_and_its_log_beside_it(project):
    result = runbook(project, "apply", env_file(project), "--target", TARGET, "--stage", "prerequisites")
    assert result.exit_code == 0, result.output
    [(path, record)] = load_runs(project.results_dir, "lab")
    assert path.name.endswith("-apply-prerequisites.json") and record.kind == "apply" and record.site == "lab"
    assert record.started <= record.finished and record.target == TARGET and record.host
    assert set(record.scripts_sha256) == set(record.features_sha256) == set(record.fingerprint) == {"prerequisites"}
    log = project.results_dir / "lab" / record.log
    assert log.parent == path.parent and "[runbook] begin stage=prerequisites" in log.read_text()


def test_nothing_secret_reaches_a_record_or_its_log(project, lab_env):
    """The writer masks the run's secrets wherever they appear: a step's message, the error, the
    log, who ran it; a password written into the target URL is dropped."""
    secrets = Secrets().learn(lab_env.params)
    with pytest.raises(VerificationFailed):
        with recording(project, lab_env, "apply", ["prerequisites"], f"winrm://admin:{SECRET}@{{host}}",
                       SECRET, secrets) as record:
            record.step("prerequisites", "a step", "FAILED", host="E2K7Node1", message=f"said {SECRET}")
            record.output(f"echo {SECRET}")
            raise VerificationFailed(f"the script printed {SECRET}")
    [(path, kept)] = load_runs(project.results_dir, "lab")
    written = path.read_text() + (path.parent / Path(kept.log).name).read_text()
    assert SECRET not in written and written.count("******") >= 5
    assert kept.status == "failed" and kept.error == "the script printed ******"


def test_an_interrupted_run_is_recorded_as_such(project, lab_env):
    with pytest.raises(KeyboardInterrupt):
        with recording(project, lab_env, "verify", ["prerequisites"], TARGET, None, Secrets()):
            raise KeyboardInterrupt
    [(_, kept)] = load_runs(project.results_dir, "lab")
    assert kept.status == "interrupted" and kept.finished is not None


def test_who_comes_from_by_else_the_operator_variable(project, lab_env, monkeypatch):
    monkeypatch.setenv("RUNBOOK_OPERATOR", "ops-team")
    for who in ("bob", None):
        with recording(project, lab_env, "verify", ["prerequisites"], TARGET, who, Secrets()):
            pass
    assert [r.who for _, r in load_runs(project.results_dir, "lab")] == ["bob", "ops-team"]


def test_the_help_names_exit_7_and_the_override():
    top = CliRunner().invoke(main, ["--help"]).output
    assert "7 blocked (a stage gate" in " ".join(top.split())
    apply_help = " ".join(CliRunner().invoke(main, ["apply", "--help"]).output.split())
    assert "--override-gate REASON" in apply_help and "7 blocked by a stage gate (nothing sent)" in apply_help
    assert "--by NAME" in " ".join(CliRunner().invoke(main, ["verify", "--help"]).output.split())


def test_an_apply_stopped_with_ctrl_c_leaves_a_record_that_says_so(project, tmp_path):
    """The real command, interrupted while it waits for a host's restart (the lab's restarts made
    slow): exit 130, and the record keeps the steps that ran and how the run ended."""
    env = dict(os.environ, RUNBOOK_LAB_RESTART="8,8", PYTHONPATH=str(ROOT))
    running = subprocess.Popen([sys.executable, "-m", "generator", "apply", env_file(project), "--target", TARGET,
                                "--stage", "prerequisites", "--stage", "network-settings"], cwd=project.root,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in running.stdout:
            if "network-settings on E2K7Node1: running" in line:       # its first run ends in a restart
                time.sleep(2)
                running.send_signal(signal.SIGINT)
                break
        assert running.wait(timeout=60) == 130
    finally:
        running.kill()
    [record] = records(project)
    assert record["status"] == "interrupted" and record["finished"]
    assert any(s["stage"] == "network-settings" and s["outcome"] == "changed" for s in record["steps"])
