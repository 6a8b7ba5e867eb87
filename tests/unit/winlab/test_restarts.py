"""Pending changes and scheduled restarts, on a lab whose clock the test moves (restarts.py)."""

import pytest

from winlab import restarts
from winlab.errors import HostUnavailable, WinLabError
from winlab.lab import Lab
from winlab.restarts import RestartTiming
from tests.unit.winlab.sites import topology

RENAME = 'wmic computersystem where name="%COMPUTERNAME%" call rename name="NEWNAME" <nul'
JOIN = r"netdom join %COMPUTERNAME% /domain:e2k7.local /userd:E2K7\Administrator /passwordd:Secret1"
BOOT = "wmic os get LastBootUpTime /value <nul"


class Clock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def lab(tmp_path, lab_env, clock):
    lab = Lab.create(tmp_path / "lab", topology(lab_env, support_tools=True), restart=RestartTiming(delay_cap=5, downtime=10), clock=clock)
    lab.set_passwords({"E2K7\\Administrator": "Secret1"})
    return lab


def run(lab, line, host="E2K7Node1"):
    out = lab.execute(host, line)
    assert out.rc == 0, (line, out)
    return out.stdout


def value(text):
    return text.strip().split("=", 1)[1]


def test_a_rename_shows_nowhere_until_the_restart(lab, clock):
    run(lab, RENAME)
    assert run(lab, "hostname & echo %COMPUTERNAME%") == "E2K7NODE1\r\nE2K7NODE1\r\n"
    assert value(run(lab, "wmic computersystem get Name /value <nul")) == "E2K7NODE1"
    params = run(lab, r"reg query HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters")
    assert "    Hostname\tREG_SZ\tE2K7NODE1\r\n" in params and "    NV Hostname\tREG_SZ\tNEWNAME\r\n" in params
    clock.now += 3600                                        # time alone changes nothing: no restart is scheduled
    assert run(lab, "hostname") == "E2K7NODE1\r\n"
    run(lab, "shutdown /r /t 0")
    clock.now += 10
    assert run(lab, "hostname & echo %COMPUTERNAME%") == "NEWNAME\r\nNEWNAME\r\n"
    assert value(run(lab, "wmic computersystem get Name /value <nul")) == "NEWNAME"
    assert lab.status().as_dict()["hosts"]["E2K7Node1"]["computer_name"] == "NEWNAME"


def test_a_join_shows_nowhere_until_the_restart(lab, clock):
    run(lab, JOIN)
    assert run(lab, "wmic computersystem get Domain,PartOfDomain /value <nul").split() == [
        "Domain=WORKGROUP", "PartOfDomain=FALSE"]
    assert "USERDOMAIN=E2K7NODE1" in run(lab, "set USERDOMAIN")
    assert lab.status().as_dict()["hosts"]["E2K7Node1"]["pending"] == {"domain": "e2k7.local"}
    assert lab.status().details[1] == "E2K7Node1: waits for a restart; then: domain e2k7.local"
    run(lab, "shutdown /r /t 0")
    clock.now += 10
    assert run(lab, "wmic computersystem get Domain,PartOfDomain /value <nul").split() == [
        "Domain=e2k7.local", "PartOfDomain=TRUE"]
    assert lab.status().as_dict()["members"] == ["E2K7DC01", "E2K7HUB01", "E2K7Node1"]


def test_a_scheduled_restart_takes_the_host_away_then_back(lab, clock):
    before = value(run(lab, BOOT))
    assert before == "20080107090000.000000+000"
    run(lab, "shutdown /r /t 20")                        # down after min(20, the cap of 5) seconds
    clock.now = 1004.9
    assert run(lab, "hostname") == "E2K7NODE1\r\n" and lab.is_up("E2K7Node1")
    clock.now = 1005.0
    with pytest.raises(HostUnavailable, match="E2K7Node1 is down"):
        lab.execute("E2K7Node1", "hostname")
    assert not lab.is_up("E2K7Node1") and lab.status().details[1] == "E2K7Node1: restarting now"
    assert run(lab, "hostname", host="E2K7Node2") == "E2K7NODE2\r\n"           # the others keep answering
    clock.now = 1014.9
    assert not lab.is_up("E2K7Node1")
    clock.now = 1015.0
    after = value(run(lab, BOOT))
    assert after == "19700101001655.000000+000" and after != before       # started at 1005 + 10 s of downtime
    assert lab.state().host("E2K7Node1").boots == 2 and lab.status().details[1] == "cluster: none"
    log = (lab.directory / "commands.log").read_text()
    assert "\tE2K7Node1\t-\trestarted (boot 2)\n" in log


def test_the_host_stays_up_without_downtime(tmp_path, lab_env):
    """The default timing restarts a host between two commands: never seen down, changes applied."""
    lab = Lab.create(tmp_path / "quick", topology(lab_env, support_tools=True))
    lab.set_passwords({"E2K7\\Administrator": "Secret1"})
    run(lab, RENAME + " & shutdown /r /t 20 & hostname")
    assert run(lab, "hostname") == "NEWNAME\r\n" and lab.is_up("E2K7Node1")
    assert value(run(lab, BOOT)) != "20080107090000.000000+000"


def test_shutdown_abort_and_its_failures(lab, clock):
    assert lab.execute("E2K7Node1", "shutdown /a").rc == 1116
    run(lab, "shutdown -r -t 20 -f -c \"runbook: restart\"")
    again = lab.execute("E2K7Node1", "shutdown /r /t 20")
    assert (again.rc, again.stderr) == (1115, "A system shutdown is in progress.(1115)\r\n")
    run(lab, "shutdown /a")
    clock.now += 60
    assert lab.is_up("E2K7Node1") and lab.state().host("E2K7Node1").boots == 1     # aborted: no restart
    for bad in ("shutdown /r /t 601", "shutdown /r /t x", "shutdown /s", "shutdown", "shutdown /r /a",
                "shutdown /r /t"):
        out = lab.execute("E2K7Node1", bad)
        assert out.rc == 1 and out.stderr.startswith("Usage: shutdown"), bad


def test_a_restart_on_2008_refuses_a_second_one_with_1190(tmp_path, lab_2008_env):
    lab = Lab.create(tmp_path / "lab2008", topology(lab_2008_env), restart=RestartTiming(60, 1))
    assert lab.execute("E2K7Node1", "shutdown /r /t 30").rc == 0
    out = lab.execute("E2K7Node1", "shutdown /r /t 30")
    assert (out.rc, out.stderr) == (1190, "A system shutdown has already been scheduled.(1190)\r\n")


def test_netdom_reboot_schedules_the_restart_the_join_needs(lab, clock):
    run(lab, JOIN + " /reboot")
    assert lab.state().host("E2K7Node1").restart.down_at == 1005.0       # 20 s, capped at 5
    clock.now = 1015.0
    assert lab.state().host("E2K7Node1").domain == "e2k7.local"


def test_the_race_of_the_old_scripts_is_caught(lab):
    """One script that joins, schedules the restart and goes on to form the cluster fails there."""
    run(lab, JOIN + " /reboot:20")
    out = lab.execute("E2K7Node1", r"cluster E2K7CLUS /create /ipaddr:192.168.10.20 /user:E2K7\Administrator "
                                   "/pass:Secret1")
    assert out.rc == 1787 and "does not have a computer account" in out.stderr


def test_healing_a_host_that_was_off_is_a_start(lab, clock):
    run(lab, RENAME)
    run(lab, "shutdown /r /t 20")
    lab.fail("E2K7Node1")                                   # powered off: the scheduled restart is gone
    assert lab.state().host("E2K7Node1").restart is None
    clock.now += 100
    assert not lab.is_up("E2K7Node1")
    lab.heal("E2K7Node1")
    assert run(lab, "hostname") == "NEWNAME\r\n" and value(run(lab, BOOT)) == "19700101001820.000000+000"


def test_pending_binding_order_applies_at_the_restart_and_only_then(lab, clock):
    node = lab.state().host("E2K7Node1")
    public, private = (a.guid for a in node.adapters)
    key = r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Linkage"
    run(lab, rf"reg add {key} /v Bind /t REG_MULTI_SZ /d \Device\{private}\0\Device\{public} /f")
    assert lab.state().host("E2K7Node1").binding_order == [public, private]
    run(lab, "shutdown /r /t 1")
    clock.now += 20
    assert lab.state().host("E2K7Node1").binding_order == [private, public]


@pytest.mark.parametrize("text, timing", [("", RestartTiming(0, 0)), ("20,30", RestartTiming(20, 30)),
                                          (" 0.1 , 0.5 ", RestartTiming(0.1, 0.5))])
def test_restart_timing_from_text(text, timing):
    assert RestartTiming.parse(text) == timing


@pytest.mark.parametrize("text", ["20", "a,b", "1,2,3", "-1,2", "1,99999999"])
def test_bad_restart_timing_is_the_lab_s_error(text):
    with pytest.raises(WinLabError, match="restart"):
        RestartTiming.parse(text)


def test_advance_is_a_no_op_without_restarts(lab_env):
    from winlab.baseline import baseline
    state = baseline(topology(lab_env))
    assert restarts.advance(state, 10 ** 10) == [] and all(h.boots == 1 for h in state.hosts.values())


def test_the_runbook_lab_module_takes_its_timing_from_the_environment(lab_env, tmp_path, monkeypatch):
    module = lab_env.runbook.lab
    monkeypatch.setenv("RUNBOOK_LAB_RESTART", "20,30")
    assert module.open_lab(lab_env, tmp_path / "lab").restart == RestartTiming(20, 30)
    monkeypatch.delenv("RUNBOOK_LAB_RESTART")
    assert module.open_lab(lab_env, tmp_path / "lab").restart == RestartTiming(0, 0)
    monkeypatch.setenv("RUNBOOK_LAB_RESTART", "soon")
    with pytest.raises(WinLabError, match="expected DELAY_CAP,DOWNTIME in seconds"):
        module.open_lab(lab_env, tmp_path / "lab")


def test_a_bad_timing_is_bad_input_for_the_cli(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import main
    from tests.conftest import ROOT
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path))
    monkeypatch.setenv("RUNBOOK_LAB_RESTART", "1,2,3")
    result = CliRunner().invoke(main, ["lab", "reset", "environments/lab.yaml", "--project", str(ROOT)])
    assert result.exit_code == 2 and "restart timing '1,2,3'" in result.output + result.stderr
    assert "Traceback" not in result.output


def test_the_daemon_may_read_the_timing(lab_env, monkeypatch):
    from generator.labs import control
    monkeypatch.setenv("RUNBOOK_LAB_RESTART", "20,30")
    monkeypatch.setenv("RUNBOOK_WINRM_PASSWORD", "not-for-the-lab")
    passed = control._daemon_environment(lab_env)
    assert passed["RUNBOOK_LAB_RESTART"] == "20,30" and "RUNBOOK_WINRM_PASSWORD" not in passed
