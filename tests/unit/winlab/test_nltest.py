"""nltest /sc_query: the secure channel of a member with its domain's controllers."""

import pytest

from winlab.lab import Lab
from winlab.restarts import RestartTiming
from tests.unit.winlab.sites import topology

SOUND = ("Flags: 30 HAS_IP  HAS_TIMESERV\r\nTrusted DC Name \\\\E2K7DC01.e2k7.local\r\n"
         "Trusted DC Connection Status Status = 0 0x0 NERR_Success\r\nThe command completed successfully\r\n")
BROKEN = ("Flags: 0\r\nTrusted DC Name\r\nTrusted DC Connection Status Status = {} {}\r\n"
          "The command completed successfully\r\n")
NOT_A_MEMBER = "I_NetLogonControl failed: Status = 1355 0x54b ERROR_NO_SUCH_DOMAIN\r\n"


@pytest.fixture
def lab(tmp_path, lab_env):
    lab = Lab.create(tmp_path / "lab", topology(lab_env, support_tools=True))
    lab.set_passwords({"E2K7\\Administrator": "Secret1"})
    return lab


def joined(lab, node="E2K7Node1"):
    out = lab.execute(node, r"netdom join %COMPUTERNAME% /d:e2k7.local /ud:E2K7\Administrator /pd:Secret1 /reboot:5")
    assert out.rc == 0
    return lab


@pytest.mark.parametrize("domain", ["e2k7.local", "E2K7", "E2K7.LOCAL"])
def test_a_sound_channel(lab, domain):
    out = joined(lab).execute("E2K7Node1", f"nltest /sc_query:{domain}")
    assert (out.rc, out.stdout, out.stderr) == (0, SOUND, "")
    assert lab.execute("E2K7Node1", 'nltest /sc_query:e2k7.local | find "NERR_Success"').rc == 0


def test_the_secure_channel_fault(lab):
    joined(lab)
    assert lab.fail("secure-channel:E2K7Node1") == "secure channel of E2K7Node1 broken"
    out = lab.execute("E2K7Node1", "nltest /sc_query:e2k7.local")
    assert (out.rc, out.stdout) == (0, BROKEN.format("1787 0x6fb", "ERROR_NO_TRUST_SAM_ACCOUNT"))
    assert lab.status().faults == ["secure channel of E2K7Node1 broken"]
    assert lab.fail("secure-channel:e2k7node1") == "the secure channel of E2K7Node1 is already broken"
    assert lab.heal("secure-channel:E2K7Node1") == "secure channel of E2K7Node1 repaired"
    assert lab.execute("E2K7Node1", "nltest /sc_query:e2k7.local").stdout == SOUND
    assert lab.status().faults == []


def test_no_domain_controller_answers(lab):
    joined(lab)
    lab.fail("E2K7DC01")
    out = lab.execute("E2K7Node1", "nltest /sc_query:e2k7.local")
    assert (out.rc, out.stdout) == (0, BROKEN.format("1311 0x51f", "ERROR_NO_LOGON_SERVERS"))


def test_not_a_member_yet(tmp_path, lab_env):
    lab = Lab.create(tmp_path / "slow", topology(lab_env, support_tools=True), restart=RestartTiming(600, 60), clock=lambda: 1000.0)
    assert lab.execute("E2K7Node1", "nltest /sc_query:e2k7.local").stdout == NOT_A_MEMBER       # workgroup
    joined(lab)                                                   # joined, but the restart is 600 s away
    out = lab.execute("E2K7Node1", "nltest /sc_query:e2k7.local")
    assert (out.rc, out.stdout) == (1, NOT_A_MEMBER)
    assert joined(lab, "E2K7Node2") and lab.execute("E2K7Node1", "nltest /sc_query:other.local").rc == 1


@pytest.mark.parametrize("line", ["nltest", "nltest /sc_query:", "nltest /dsgetdc:e2k7.local",
                                  "nltest /sc_query:e2k7.local /server:x"])
def test_other_command_lines_print_the_usage(lab, line):
    out = lab.execute("E2K7Node1", line)
    assert out.rc == 1 and out.stdout.startswith("Usage: nltest")


def test_server_asks_another_member_about_its_own_channel(tmp_path, lab_env):
    lab = Lab.create(tmp_path / "slow", topology(lab_env, support_tools=True), restart=RestartTiming(600, 60),
                     clock=lambda: 1000.0)
    lab.set_passwords({"E2K7\\Administrator": "Secret1"})
    query = "nltest /server:E2K7Node2 /sc_query:E2K7"
    out = lab.execute("E2K7Node1", query)
    assert (out.rc, out.stdout) == (1, "I_NetLogonControl failed: Status = 5 0x5 ERROR_ACCESS_DENIED\r\n")
    joined(lab, "E2K7Node2")                                      # its join waits for the restart
    assert lab.execute("E2K7Node1", query).rc == 1
    assert lab.execute("E2K7Node1", "nltest /server:NOSUCH /sc_query:E2K7").stdout.endswith(
        "RPC_S_SERVER_UNAVAILABLE\r\n")


def test_server_reports_the_named_members_channel(lab):
    joined(joined(lab, "E2K7Node2"), "E2K7Node1")
    out = lab.execute("E2K7Node1", r"nltest /server:\\E2K7Node2 /sc_query:e2k7.local")
    assert (out.rc, out.stdout) == (0, SOUND)
    lab.fail("secure-channel:E2K7Node2")
    assert "ERROR_NO_TRUST_SAM_ACCOUNT" in lab.execute("E2K7Node1", "nltest /server:E2K7Node2 /sc_query:E2K7").stdout
    assert lab.execute("E2K7Node1", "nltest /sc_query:E2K7").stdout == SOUND        # its own is sound
    lab.fail("E2K7Node2")
    assert lab.execute("E2K7Node1", "nltest /server:E2K7Node2 /sc_query:E2K7").rc == 1
