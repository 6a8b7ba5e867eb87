"""The `Lab` facade: commands through the cmd shell, drills, status, the log."""

import json
from dataclasses import replace

import pytest

from winlab.errors import WinLabError
from winlab.lab import Lab
from winlab.store import LOG
from winlab.winrm import HostUnavailable
from tests.unit.winlab.sites import topology


@pytest.fixture
def lab(tmp_path, lab_env):
    lab = Lab.create(tmp_path / "lab", topology(lab_env, support_tools=True))
    lab.set_passwords({"E2K7\\Administrator": "Secret1"})
    return lab


def test_commands_run_through_the_shell_and_persist(lab):
    out = lab.execute("E2K7Node1", 'netsh interface set interface name="Local Area Connection" newname="Public"')
    assert out.rc == 0
    found = lab.execute("E2K7Node1", 'ipconfig /all | find "Ethernet adapter Public:"')
    assert (found.rc, found.stdout) == (0, "Ethernet adapter Public:\r\n")
    assert Lab(lab.directory).state().host("E2K7Node1").adapters[0].connection_name == "Public"


def test_shell_environment(lab):
    out = lab.execute("e2k7node1", "echo %COMPUTERNAME% %USERDOMAIN% %SystemRoot% %TEMP%& ver")
    assert out.stdout.startswith("E2K7NODE1 E2K7NODE1 C:\\WINDOWS "
                                 "C:\\Documents and Settings\\Administrator\\Local Settings\\Temp\r\n")
    assert "5.2.3790" in out.stdout
    assert lab.execute("E2K7DC01", "echo %USERDOMAIN% %USERDNSDOMAIN%").stdout == "E2K7 E2K7.LOCAL\r\n"


def test_winrs_variables_reach_the_command_but_not_the_log(lab):
    out = lab.execute("E2K7Node1", r"netdom join %COMPUTERNAME% /domain:e2k7.local /userd:E2K7\Administrator "
                                   r"/passwordd:%LAB_DOMAIN_ADMIN_PASSWORD%", {"LAB_DOMAIN_ADMIN_PASSWORD": "Secret1"})
    assert out.rc == 0
    log = (lab.directory / LOG).read_text()
    assert "%LAB_DOMAIN_ADMIN_PASSWORD%" in log and "Secret1" not in log
    assert "Secret1" not in (lab.directory / "state.json").read_text()


def test_bad_password(lab):
    out = lab.execute("E2K7Node1", r"netdom join %COMPUTERNAME% /domain:e2k7.local /userd:E2K7\Administrator "
                                   r"/passwordd:wrong")
    assert out.rc == 1 and out.stdout.startswith("Logon failure: unknown user name or bad password.")


def test_missing_programs_are_not_recognized(lab):
    out = lab.execute("E2K7Node1", "dsquery * -scope base")
    assert out.rc == 9009 and "'dsquery' is not recognized" in out.stderr


def test_down_host_is_unavailable(lab):
    lab.fail("E2K7Node2")
    assert not lab.is_up("E2K7Node2")
    with pytest.raises(HostUnavailable):
        lab.execute("E2K7Node2", "hostname")
    lab.heal("E2K7Node2")
    assert lab.execute("E2K7Node2", "hostname").stdout == "E2K7NODE2\r\n"


def test_unknown_host(lab):
    with pytest.raises(WinLabError, match="no host 'NOPE'"):
        lab.execute("NOPE", "hostname")


def test_status(lab):
    assert lab.status().passwords == "checked"
    status = lab.status().as_dict()
    assert status["hosts"]["E2K7Node1"] == {"role": "node", "up": True, "domain": "workgroup WORKGROUP", "boots": 1,
                                            "features": [], "pending_name": None, "computer_name": "E2K7Node1",
                                            "pending": {}, "restart": None}
    assert status["members"] == ["E2K7DC01", "E2K7HUB01"] and status["cluster"] is None
    assert json.dumps(status)
    lab.fail("private-network")
    lab.fail("E2K7Node2")
    assert lab.status().as_dict()["faults"] == {"public-network": False, "private-network": True, "down": ["E2K7Node2"],
                                                "other": []}
    assert lab.status().faults == ["private-network cut", "E2K7Node2 down"]


def test_status_in_words(lab, lab_env):
    status = lab.status()
    assert [(h.name, h.role, h.up, h.membership) for h in status.hosts][1:3] == [
        ("E2K7HUB01", "hub-transport, witness", True, "e2k7.local"), ("E2K7Node1", "node", True, "workgroup WORKGROUP")]
    assert status.details == ["platform: windows-2003", "cluster: none"]
    assert status.faults == []


def test_passwords_unchecked_without_secrets(tmp_path, lab_env):
    lab = Lab.create(tmp_path / "other", topology(lab_env))
    assert lab.status().passwords.startswith("unchecked")


def test_reset_and_open(lab, lab_env, tmp_path):
    lab.execute("E2K7Node1", 'netsh interface set interface name="Local Area Connection" newname="Public"')
    lab.reset()
    assert lab.state().host("E2K7Node1").adapters[0].connection_name == "Local Area Connection"
    assert Lab.open(lab.directory, topology(lab_env)).hosts() == ["E2K7DC01", "E2K7HUB01", "E2K7Node1", "E2K7Node2"]
    with pytest.raises(WinLabError, match="no lab of lab in"):
        Lab.open(tmp_path / "none", topology(lab_env), create=False)
    with pytest.raises(WinLabError, match="holds the lab of environment 'lab', not 'other'"):
        Lab.open(lab.directory, replace(topology(lab_env), name="other"))
    with pytest.raises(WinLabError, match="opened without its topology"):
        Lab(lab.directory).reset()


def test_every_command_is_logged(lab):
    lab.execute("E2K7Node1", "hostname")
    lab.execute("E2K7Node1", "nosuchprogram")
    lines = (lab.directory / LOG).read_text().splitlines()
    assert [line.split("\t")[1:] for line in lines[-2:]] == [["E2K7Node1", "0", "hostname"],
                                                             ["E2K7Node1", "9009", "nosuchprogram"]]


def test_serving_every_host_with_the_lab_s_masker(tmp_path, lab_env, monkeypatch):
    import winrm
    from winrm.exceptions import WSManFaultError
    lab = Lab.create(tmp_path / "served", topology(lab_env), mask=lambda text: text.replace("Pw-Served-5", "******"))
    with pytest.raises(WinLabError, match="need the accounts' passwords"):
        lab.serve()
    lab.set_passwords({"E2K7\\Administrator": "Pw-Served-5"})
    servers = lab.serve()
    try:
        assert sorted(servers.urls) == ["E2K7DC01", "E2K7HUB01", "E2K7Node1", "E2K7Node2"]
        session = winrm.Session(servers.urls["E2K7Node1"], auth=("E2K7\\Administrator", "Pw-Served-5"),
                                transport="ntlm", proxy=None, ca_trust_path=None)
        assert session.run_cmd("hostname").std_out == b"E2K7NODE1\r\n"

        def broken(state, host, line, env, stdin, now):     # a bug in the lab, quoting what it ran
            raise RuntimeError(f"lab bug near {line}")
        monkeypatch.setattr(lab, "_run", broken)
        with pytest.raises(WSManFaultError) as fault:
            session.run_cmd("echo Pw-Served-5")
        assert "lab bug near" in fault.value.reason and "Pw-Served-5" not in fault.value.reason
    finally:
        servers.shutdown()
