"""netdom join: reachability of the domain controller, the password, the restart."""

import pytest

from winlab import restarts
from winlab.restarts import RestartTiming
from winlab.baseline import baseline
from winlab.context import Credentials, HostContext
from winlab.tooling import Invocation
from winlab.tools import dsquery, netdom, netsh
from tests.unit.winlab.sites import topology

JOIN = r"join E2K7NODE1 /domain:e2k7.local /userd:E2K7\Administrator /passwordd:{password} /reboot:20"
FAILED = "\r\nThe command failed to complete successfully.\r\n"


def run(tool, state, args, host="E2K7Node1", stdin="", passwords=None, now=1000.0, restart=RestartTiming()):
    credentials = Credentials()
    credentials.set({"E2K7\\Administrator": "Secret1"} if passwords is None else passwords)
    ctx = HostContext(state, state.host(host), credentials, now=now, restart=restart)
    return tool(Invocation("x", args, stdin, {}, None, "C:\\", ctx))


@pytest.fixture
def state(lab_env):
    return baseline(topology(lab_env))


def test_join_with_the_dhcp_supplied_dns_server(state):
    out = run(netdom.run, state, JOIN.format(password="Secret1"))
    assert (out.rc, out.stderr) == (0, "")
    assert out.stdout == ("The computer needs to be restarted in order to complete the operation.\r\n\r\n"
                          "The command completed successfully.\r\n")
    node = state.host("E2K7Node1")
    assert (node.domain, node.workgroup, node.pending.domain) == (None, "WORKGROUP", "e2k7.local")


def test_the_join_takes_effect_at_the_restart_reboot_schedules(state):
    out = run(netdom.run, state, JOIN.format(password="Secret1"), now=1000.0, restart=RestartTiming(5, 30))
    node = state.host("E2K7Node1")
    assert out.rc == 0 and (node.restart.down_at, node.restart.up_at) == (1005.0, 1035.0)   # /reboot:20, capped
    again = run(netdom.run, state, JOIN.format(password="Secret1"), now=1001.0)
    assert (again.rc, again.stdout) == (1, "This machine is already joined to a domain.\r\n" + FAILED)
    assert restarts.advance(state, 1004.9) == [] and node.up and node.domain is None
    assert restarts.advance(state, 1005.0) == [] and not node.up and node.domain is None
    assert restarts.advance(state, 1035.0) == ["E2K7Node1"]
    assert (node.up, node.domain, node.workgroup, node.boots, node.booted_at) == (True, "e2k7.local", None, 2, 1035.0)
    assert not node.pending.recorded() and node.restart is None


def test_reboot_without_a_value_waits_20_seconds(state):
    run(netdom.run, state, JOIN.format(password="Secret1").replace("/reboot:20", "/REBOOT"), now=50.0,
        restart=RestartTiming(600, 1))
    assert state.host("E2K7Node1").restart.down_at == 70.0
    other = run(netdom.run, state, JOIN.replace("E2K7NODE1", "E2K7NODE2").replace(" /reboot:20", "").format(
        password="Secret1"), host="E2K7Node2", now=50.0)
    assert other.rc == 0 and state.host("E2K7Node2").restart is None        # joined, no restart scheduled


def test_join_fails_when_the_public_connection_cannot_reach_the_dc(state):
    run(netsh.run, state, 'interface ip set dns name="Local Area Connection" source=static addr=none')
    out = run(netdom.run, state, JOIN.format(password="Secret1"))
    assert out.rc == 1
    assert out.stdout == "The specified domain either does not exist or could not be contacted.\r\n" + FAILED
    assert state.host("E2K7Node1").domain is None


def test_join_fails_when_the_dc_is_off_subnet_without_gateway(state):
    run(netsh.run, state, 'interface ip set address name="Local Area Connection" source=static addr=10.99.0.5 '
                          'mask=255.255.255.0 gateway=none')
    run(netsh.run, state, 'interface ip set dns name="Local Area Connection" source=static addr=192.168.10.10')
    assert run(netdom.run, state, JOIN.format(password="Secret1")).stdout.startswith("The specified domain either")


def test_join_fails_when_the_dc_is_down(state):
    state.host("E2K7DC01").up = False
    assert run(netdom.run, state, JOIN.format(password="Secret1")).rc == 1


def test_bad_password(state):
    out = run(netdom.run, state, JOIN.format(password="wrong"))
    assert (out.rc, out.stdout) == (1, "Logon failure: unknown user name or bad password.\r\n" + FAILED)


def test_unknown_account(state):
    out = run(netdom.run, state, r"join E2K7NODE1 /d:e2k7.local /ud:E2K7\nobody /pd:Secret1")
    assert out.stdout.startswith("Logon failure")


def test_unchecked_passwords_accept_any_non_empty_one(state):
    assert run(netdom.run, state, JOIN.format(password="anything"), passwords={}).rc == 0


def test_short_switches_and_password_prompt(state):
    out = run(netdom.run, state, r"JOIN E2K7Node1 /D:e2k7.local /UD:E2K7\Administrator /PD:* /REBOOT",
              stdin="Secret1\r\n")
    assert out.rc == 0 and out.stdout.startswith("Type the password associated with the domain user:\r\n")


def test_already_joined(state):
    run(netdom.run, state, JOIN.format(password="Secret1"))
    out = run(netdom.run, state, JOIN.format(password="Secret1"))
    assert (out.rc, out.stdout) == (1, "This machine is already joined to a domain.\r\n" + FAILED)


@pytest.mark.parametrize("args", ["query dc", "join", r"join E2K7NODE1 /userd:E2K7\Administrator",
                                  "join E2K7NODE1 /domain:e2k7.local /bogus:1", "join E2K7NODE1 /d:e2k7.local /reboot:x"])
def test_usage_errors(state, args):
    out = run(netdom.run, state, args)
    assert out.rc == 1 and out.stdout.startswith("The syntax of this command is:")


def test_dsquery_forest_level(state):
    out = run(dsquery.run, state, '* "CN=Partitions,CN=Configuration,DC=e2k7,DC=local" -scope base '
                                  '-attr msDS-Behavior-Version', host="E2K7DC01")
    assert (out.rc, out.stdout) == (0, "  msDS-Behavior-Version\r\n  2 \r\n")
    missing = run(dsquery.run, state, '* "CN=Nothing,DC=e2k7,DC=local" -scope base -attr name', host="E2K7DC01")
    assert missing.rc == 1 and missing.stderr.startswith("dsquery failed:Directory object not found.")
