"""`runbook lab test` verifies every stage in one pytest process (not one per stage), with each
stage's result recorded as `verify` records it and the lifecycle's exit codes: 0 when every
stage passed; 1 when one failed, which ends the run there and drops the results of the
stages after it. The command runs in this process (click's CliRunner) against a running lab,
so the pytest processes it starts can be counted."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import CANARY, ROOT, copy_project
from tests.lab.conftest import LabProject, running_lab

pytestmark = [pytest.mark.lab, pytest.mark.timeout(600)]

STAGES = tuple(stage["id"] for stage in
               yaml.safe_load((ROOT / "runbooks" / "exchange-2007-ccr" / "runbook.yaml").read_text())["stages"])
# A scenario the join-domain stage cannot pass: network-settings gave Public a gateway.
FAILING = """
  Scenario: Public has no default gateway (wrong on purpose)
    Then on every node "Public" has no default gateway
"""


@pytest.fixture
def pytest_runs(monkeypatch) -> list[list[str]]:
    """The command lines of the pytest processes started from here (they still run)."""
    runs: list[list[str]] = []
    real = subprocess.Popen

    def popen(args, *rest, **options):
        if "pytest" in args:
            runs.append(list(args))
        return real(args, *rest, **options)
    monkeypatch.setattr(subprocess, "Popen", popen)
    return runs


def lab_test(lab: LabProject):
    env = {**lab.env, "RUNBOOK_LAB_DIR": None, "RUNBOOK_RESULTS_DIR": None}
    return CliRunner().invoke(main, ["lab", "test", str(lab.root / "environments" / "lab.yaml"),
                                     "--project", str(lab.root)], env=env)


def results(lab: LabProject) -> dict[str, dict]:
    folder = lab.root / "results" / "lab"
    return {s: json.loads((folder / f"{s}.json").read_text()) for s in STAGES if (folder / f"{s}.json").is_file()}


def test_every_stage_is_verified_in_one_pytest_process(lab, pytest_runs):
    result = lab_test(lab)
    assert result.exit_code == 0, result.output
    [run] = pytest_runs
    assert [a.rsplit("/", 1)[-1] for a in run if a.endswith(".feature")] == [f"{s}.feature" for s in STAGES]
    recorded = results(lab)
    assert list(recorded) == list(STAGES)
    for stage, found in recorded.items():
        assert found["status"] == "passed" and found["scenarios"], stage
        assert f"{stage}: converge changed {found['converge']['converge']}, again 0, verify passed" in result.output
    times = [recorded[s]["finished_at"] for s in STAGES]
    assert times == sorted(times)                          # each saved when its stage was verified
    assert [s["name"] for s in recorded["quorum-drills"]["scenarios"]][-1] == \
        "A node that missed a change cannot form the cluster with the witness alone"     # the drills ran, to the last


@pytest.fixture
def failing_lab(tmp_path):
    """A lab in its own project copy whose join-domain feature has a scenario that fails."""
    project = copy_project(tmp_path / "project")
    feature = project.features_dir / "exchange-2007-ccr" / "join-domain.feature"
    feature.write_text(feature.read_text() + FAILING)
    yield from running_lab(project)


def test_a_failing_stage_ends_the_run_with_exit_1_and_its_result(failing_lab, pytest_runs):
    stale = failing_lab.root / "results" / "lab"
    stale.mkdir(parents=True)
    for stage in ("create-cluster", "add-second-node"):               # from an earlier run: no longer true
        (stale / f"{stage}.json").write_text("{}")
    result = lab_test(failing_lab)
    assert result.exit_code == 1, result.output
    assert len(pytest_runs) == 1
    recorded = results(failing_lab)
    assert list(recorded) == ["prerequisites", "network-settings", "join-domain"]
    assert recorded["prerequisites"]["status"] == recorded["network-settings"]["status"] == "passed"
    joined = recorded["join-domain"]
    assert joined["status"] == "failed"
    statuses = {s["name"]: s["status"] for s in joined["scenarios"]}
    wrong = "Public has no default gateway (wrong on purpose)"
    assert statuses.pop(wrong) == "failed" and statuses and set(statuses.values()) == {"passed"}, statuses
    assert "Each node is a member server of the environment's domain" in statuses
    message = next(s["message"] for s in joined["scenarios"] if s["name"] == wrong)
    assert "gateway" in message and CANARY not in json.dumps(joined)
    # each node: the Support Tools, then the join
    assert "join-domain: converge changed 4, again 0, verify FAILED" in result.output
    assert "1 failed" in result.output                     # pytest's own account, before the lifecycle's
    assert "create-cluster" not in result.output.split("verify FAILED", 1)[1]
