"""A failed verification reads as one sentence (the step, then host, setting, expected and
actual): no exception chain, no Python class name. The chain goes to the run's log, and to
the console only with --verbose."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.acceptance.failures import from_report, sentence
from generator.cli import main
from generator.errors import TargetError
from tests.conftest import CANARY, copy_project

CLASS_NAMES = ("winprobes.", "generator.", "ClusterError", "TargetError", "Traceback")


def chained() -> BaseException:
    try:
        try:
            raise ConnectionError("('Connection aborted.', RemoteDisconnected('Remote end closed connection'))")
        except ConnectionError as exc:
            raise TargetError("E2K7Node2 (http://127.0.0.1:5985/wsman) is not answering (connection closed)") from exc
    except TargetError as outer:
        return outer


def test_a_chained_exception_is_told_by_its_own_message_only():
    told = sentence(chained())
    assert told == "E2K7Node2 (http://127.0.0.1:5985/wsman) is not answering (connection closed)"
    assert "Connection aborted" not in told


def test_an_exception_without_a_message_is_told_by_the_first_cause_that_has_one():
    try:
        raise AssertionError() from ValueError("E2K7Node1: Private DNS registration: expected none, actual primary")
    except AssertionError as exc:
        assert sentence(exc) == "E2K7Node1: Private DNS registration: expected none, actual primary"
    assert "without a message" in sentence(AssertionError())


REPORT = """runbooks/exchange-2007-ccr/steps/network.py:40: in _
    raise ConnectionError(...)
E   requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('closed'))

The above exception was the direct cause of the following exception:

generator/targets/winrm.py:120: in run
    raise TargetError(...)
E   generator.errors.TargetError: E2K7Node2 (http://127.0.0.1:5985/wsman) is not answering (connection closed)"""


@pytest.mark.parametrize("report, told", [
    (REPORT, "E2K7Node2 (http://127.0.0.1:5985/wsman) is not answering (connection closed)"),
    ("E   winprobes.clusterexe.ClusterError: E2K7Node1: `cluster E2K7CLUS node` exited 1722",
     "E2K7Node1: `cluster E2K7CLUS node` exited 1722"),
    ("E   AssertionError: E2K7Node1: state in cluster E2K7CLUS: expected Up, actual Down",
     "E2K7Node1: state in cluster E2K7CLUS: expected Up, actual Down"),
    ("E   Failed: Timeout >300.0s", "Timeout >300.0s"),
    ("E   AssertionError: SRV1.CORP.COM: share: expected MNS, actual none", "SRV1.CORP.COM: share: expected MNS, actual none"),
])
def test_a_pytest_report_is_told_by_its_last_exception_without_the_class(report, told):
    assert from_report(report) == told


@pytest.fixture
def fresh_lab(tmp_path, monkeypatch):
    """A copy of the project and its lab as freshly installed servers (no cluster yet)."""
    monkeypatch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", CANARY)
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path / "labs"))
    monkeypatch.setenv("RUNBOOK_RESULTS_DIR", str(tmp_path / "results"))
    return copy_project(tmp_path / "project")


def verify(project, *args):
    return CliRunner().invoke(main, ["verify", str(project.environments_dir / "lab.yaml"), "--target",
                                     "inprocess://lab", "--stage", "create-cluster", *args,
                                     "--project", str(project.root)])


def test_verify_tells_each_failure_in_one_sentence_and_logs_the_rest(fresh_lab, tmp_path):
    report = tmp_path / "out" / "cucumber.json"
    result = verify(fresh_lab, "--report", str(report))
    assert result.exit_code == 1, result.output
    saved = json.loads((tmp_path / "results" / "lab" / "create-cluster.json").read_text())
    messages = [s["message"] for s in saved["scenarios"] if s["status"] == "failed"]
    assert messages and all("\n" not in m and "E2K7Node1: `cluster E2K7CLUS" in m for m in messages), messages
    assert not [m for m in messages if any(name in m for name in CLASS_NAMES)], messages
    assert not any(name in result.output for name in CLASS_NAMES), result.output
    assert "pytest's output: " in result.output
    # the raw report does carry the class name: the sentence is what removed it
    raw = [next(s["result"]["error_message"] for s in element["steps"] if s["result"]["status"] == "failed")
           for feature in json.loads(report.read_text()) for element in feature["elements"]]
    assert len(raw) == len(messages) and all("winprobes.clusterexe.ClusterError" in r for r in raw)
    log = (tmp_path / "results" / "lab" / "verify.log").read_text()
    assert "winprobes.clusterexe.ClusterError" in log and "steps/cluster.py" in log


def test_verbose_prints_pytests_own_output(fresh_lab):
    result = verify(fresh_lab, "--verbose")
    assert result.exit_code == 1 and "winprobes.clusterexe.ClusterError" in result.output, result.output


def test_a_scenario_whose_clean_up_fails_is_not_a_pass(fresh_lab, tmp_path):
    """Every step passes, then the scenario's clean-up (here an autouse fixture of the runbook's
    steps, as a drill's `undo`) fails: the result says so, in one sentence, and the stage fails."""
    steps = fresh_lab.root / "runbooks" / "exchange-2007-ccr" / "steps" / "broken_cleanup.py"
    steps.write_text("import pytest\n\n\n@pytest.fixture(autouse=True)\ndef _broken_clean_up():\n    yield\n"
                     "    raise AssertionError('E2K7Node1: the witness share could not be brought back')\n")
    result = CliRunner().invoke(main, ["verify", str(fresh_lab.environments_dir / "lab.yaml"), "--target",
                                       "inprocess://lab", "--stage", "prerequisites", "--project", str(fresh_lab.root)])
    assert result.exit_code == 1, result.output
    saved = json.loads((tmp_path / "results" / "lab" / "prerequisites.json").read_text())
    assert saved["status"] == "failed" and saved["scenarios"]
    assert all(s["status"] == "failed" and s["message"] == "after the scenario: E2K7Node1: the witness share could "
               "not be brought back" for s in saved["scenarios"]), saved["scenarios"]
