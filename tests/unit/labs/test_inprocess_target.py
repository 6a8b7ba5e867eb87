"""`inprocess://NAME`: the runbook's lab in this process behind the Target interface, as
`apply` and the probes use any target (the WinRM path has its own tests in tests/lab)."""

from __future__ import annotations

import pytest

from generator.acceptance.apply import apply
from generator.errors import LabError, TargetError
from generator.targets import guard, open_target, target_class
from generator.targets.guard import UnsafeCommand
from generator.targets.inprocess import InProcessTarget

PASSWORD = "Inproc-Secret-7"


@pytest.fixture
def target(project, lab_env, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path))
    monkeypatch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", PASSWORD)
    with open_target("inprocess://lab", lab_env, project) as target:
        yield target


def test_the_scheme_names_the_in_process_target(target, tmp_path):
    assert target_class("inprocess://lab") is InProcessTarget
    assert (target.key, target.state_dir, target.confirm_changes) == ("inprocess://lab", tmp_path / "lab", False)
    assert target.route(["E2K7Node1"]) == {"E2K7Node1": "inprocess://lab/E2K7Node1"}


def test_commands_run_on_the_lab_in_this_process(target):
    result = target.run("E2K7Node1", "echo %GREETING%& hostname", env={"GREETING": "hi"})
    assert (result.rc, result.stdout) == (0, "hi\r\nWIN-E2K7SETUP1\r\n")        # a fresh server: setup's name
    assert target.run("E2K7Node1", "more", stdin="typed\r\n").stdout == "typed\r\n"
    assert target.run("E2K7Node1", "frobnicate").rc == 9009


def test_the_accounts_passwords_are_the_environment_s_secrets(target):
    for node in ("E2K7Node1", "E2K7Node2"):          # netdom: the Support Tools, from the node's CD [S63]
        assert target.run(node, r"msiexec /i D:\SUPPORT\TOOLS\SUPTOOLS.MSI /qn").rc == 0
    good = target.run("E2K7Node1", f'netdom join %COMPUTERNAME% /domain:e2k7.local /userd:E2K7\\Administrator '
                                   f'/passwordd:"{PASSWORD}" /reboot')           # a member once restarted
    bad = target.run("E2K7Node2", 'netdom join %COMPUTERNAME% /domain:e2k7.local /userd:E2K7\\Administrator '
                                  '/passwordd:"wrong-one"')
    members = target.lab.status().as_dict()["members"]
    assert good.rc == 0 and "E2K7Node1" in members, good
    assert bad.rc != 0 and "E2K7Node2" not in members


def test_an_unknown_host_has_no_endpoint(target):
    with pytest.raises(TargetError, match="no host E2K7Node9 in the lab of lab"):
        target.route(["E2K7Node1", "E2K7Node9"])
    with pytest.raises(TargetError, match="no host E2K7Node9"):
        target.run("E2K7Node9", "hostname")


def test_a_host_that_is_down_is_unreachable(target):
    target.lab.fail("E2K7Node2")
    assert not target.reachable("E2K7Node2") and target.reachable("E2K7Node1")
    with pytest.raises(TargetError, match=r"E2K7Node2 \(inprocess://lab/E2K7Node2\) is not answering"):
        target.run("E2K7Node2", "hostname")
    target.lab.heal("E2K7Node2")
    assert target.reachable("E2K7Node2")


def test_the_lab_s_own_errors_are_lab_errors(target):
    with pytest.raises(LabError, match="unknown fault target 'disk'"):
        target.lab.fail("disk")


def test_a_read_only_run_sends_only_probes(target, monkeypatch, lab_allow_list):
    monkeypatch.setenv(guard.READ_ONLY_ENV, "")
    monkeypatch.setattr(guard._Policy, "mode", None)
    guard.enforce()
    before = target.lab.status().commands
    with pytest.raises(UnsafeCommand, match="refused `mkdir C:\\\\x`"):
        target.run("E2K7Node1", r"mkdir C:\x")
    assert target.run("E2K7Node1", "hostname").ok
    assert target.lab.status().commands == before + 1               # the refused one never ran


def test_the_url_names_the_environment_s_lab(project, lab_env, monkeypatch, tmp_path):
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path))
    with pytest.raises(TargetError, match="inprocess://paris is the lab of environment 'paris', not of 'lab'"):
        open_target("inprocess://paris", lab_env, project)
    with pytest.raises(TargetError, match="--host and --hosts apply to winrm:// targets only"):
        open_target("inprocess://lab", lab_env, project, hosts={"E2K7Node1": "10.0.0.1"})


def test_apply_goes_through_the_target(target, lab_env):
    report = apply(lab_env, target, ["prerequisites", "network-settings"])
    runs = [(r.stage, r.host) for r in report.runs]
    assert runs[-4:] == [("network-settings", "E2K7Node1")] * 2 + [("network-settings", "E2K7Node2")] * 2  # renamed:
    assert [r.result.rc for r in report.runs][-4:] == [3010, 0, 3010, 0]           # again after the restart
    assert report.changed and target.lab.state().host("E2K7Node1").adapter("Public") is not None
    assert apply(lab_env, target, ["network-settings"]).changed == 0
