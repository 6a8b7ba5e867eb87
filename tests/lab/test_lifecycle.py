"""The lab lifecycle, apply twice, verify with reports: what `make site` and users run."""

from __future__ import annotations

import json

import pytest

from tests.lab.test_lab_test_process import STAGES

pytestmark = [pytest.mark.lab, pytest.mark.timeout(600)]


def test_lab_test_runs_every_stage_and_records_results(lab):
    runs = lab.root / "results" / "lab" / "runs"
    before = set(runs.glob("*.json")) if runs.is_dir() else set()
    out = lab.ok("lab", "test", "environments/lab.yaml")
    records = [json.loads(path.read_text()) for path in sorted(set(runs.glob("*.json")) - before)]
    for stage in STAGES:
        assert f"{stage}: converge changed" in out and ", again 0, verify passed" in out
        result = json.loads((lab.root / "results" / "lab" / f"{stage}.json").read_text())
        assert result["status"] == "passed" and result["target"] == "lab://lab"
        assert result["converge"]["converge again"] == 0
        # the lifecycle keeps run records as apply and verify do: one of each per stage
        mine = {r["kind"]: r for r in records if r["stages"] == [stage]}
        assert mine["apply"]["status"] == "converged" and mine["apply"]["steps"], stage
        assert mine["verify"]["status"] == "passed" and mine["verify"]["steps"], stage
    drills = json.loads((lab.root / "results/lab/quorum-drills.json").read_text())
    assert [s["name"] for s in drills["scenarios"]][-2:] == [
        "With Private cut the heartbeat goes over Public", "A node that missed a change cannot form the cluster with the witness alone"]
    assert all(s["status"] == "passed" for s in drills["scenarios"]) and len(drills["scenarios"]) == 6


def test_second_apply_changes_nothing_and_says_so(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    first = lab.converge()
    # 14 planned runs, and each node's network-settings (rename) and join-domain run again after its restart
    assert "converged lab: 28 script run(s), 52 step(s) changed" in first
    assert "converged lab: 24 script run(s), 0 step(s) changed" in lab.converge()


def test_verify_writes_cucumber_json_and_a_summary(lab, tmp_path):
    lab.converge()
    report = tmp_path / "report" / "cucumber.json"
    result = lab.verify(extra=("--report", str(report)))
    assert result.returncode == 0, result.stdout + result.stderr
    features = json.loads(report.read_text())
    assert {f["uri"].split("/")[-1] for f in features} >= {"network-settings.feature", "create-cluster.feature"}
    summary = report.with_suffix(".md").read_text()
    assert "## network-settings: passed" in summary and "PASS Private has an address and a mask only" in summary
    # @destructive scenarios are not run without --allow-destructive, and not counted as passed
    assert "losing a node" not in summary


def test_stage_option_and_bad_input(lab):
    lab.converge()
    assert lab.verify("join-domain").returncode == 0
    unknown = lab.verify("no-such-stage")
    assert unknown.returncode == 2 and "has no stage 'no-such-stage'" in unknown.stderr
    not_running = lab.cli("verify", "environments/paris.yaml", "--target", "lab://paris")
    assert not_running.returncode == 2 and "the lab for paris is not running" in not_running.stdout + not_running.stderr
    wrong = lab.cli("apply", "environments/lab.yaml", "--target", "ftp://x")
    assert wrong.returncode == 2 and "unknown target scheme 'ftp'" in wrong.stderr
