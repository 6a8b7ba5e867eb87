"""netsh: the interface, interface ip (2003) and interface ipv4 (2008) contexts."""

from ipaddress import IPv4Address, IPv4Interface

import pytest

from winlab import network
from winlab.baseline import baseline
from winlab.context import HostContext
from winlab.tooling import Invocation
from winlab.tools import netsh
from tests.unit.winlab.sites import topology

OK = "Ok.\r\n\r\n"


def run(state, args, host="E2K7Node1"):
    return netsh.run(Invocation("netsh", args, "", {}, None, "C:\\", HostContext(state, state.host(host))))


@pytest.fixture
def state(lab_env):
    state = baseline(topology(lab_env))
    run(state, 'interface set interface name="Local Area Connection" newname="Public"')
    run(state, 'interface set interface name="Local Area Connection 2" newname="Private"')
    return state


def test_rename(lab_env):
    state = baseline(topology(lab_env))
    out = run(state, 'interface set interface name="Local Area Connection" newname="Public"')
    assert (out.rc, out.stdout) == (0, OK)
    assert state.host("E2K7Node1").adapters[0].connection_name == "Public"


@pytest.mark.parametrize("args, message", [
    ('interface set interface name="Nope" newname="X"',
     "An interface with this name is not registered with the router.\r\n"),
    ('interface set interface name="Public" newname="Private"',
     "Cannot rename this connection. A connection with the name you specified already exists.\r\n"),
    ('interface set interface name="Public" newname="a:b"', "'a:b' is not an acceptable value for newname.\r\n"),
    ('interface set interface name="Public"', "One or more essential parameters not specified\r\n"),
])
def test_rename_failures(state, args, message):
    assert (run(state, args).rc, run(state, args).stdout) == (1, message)


def test_set_static_address_with_gateway(state):
    out = run(state, 'interface ip set address name="Public" source=static addr=192.168.10.21 '
                     'mask=255.255.255.0 gateway=192.168.10.1 gwmetric=1')
    assert (out.rc, out.stdout) == (0, OK)
    public = state.host("E2K7Node1").adapter("Public")
    assert not public.dhcp and public.addresses == [IPv4Interface("192.168.10.21/24")]
    assert [(str(g.address), g.metric) for g in public.gateways] == [("192.168.10.1", 1)]


def test_positional_form_and_abbreviations(state):
    assert run(state, 'int ip set addr "Private" static 10.10.10.1 255.255.255.0 none').rc == 0
    assert network.addresses(state.host("E2K7Node1").adapter("Private")) == [IPv4Interface("10.10.10.1/24")]
    assert run(state, 'INTERFACE IP SET DNS "Private" STATIC 10.10.10.9 NONE').rc == 0
    private = state.host("E2K7Node1").adapter("Private")
    assert private.dns_servers == [IPv4Address("10.10.10.9")] and private.registration == "none"


@pytest.mark.parametrize("args, rc, message", [
    ('interface ip set address name="Nope" source=static addr=10.0.0.1 mask=255.0.0.0', 1,
     "An interface with this name is not registered with the router.\r\n"),
    ('interface ip set address name="Private" source=static addr=10.10.10.1 mask=255.0.255.0', 1,
     "'255.0.255.0' is not an acceptable value for mask.\r\n"),
    ('interface ip set address name="Private" source=static addr=10.10.10.256 mask=255.255.255.0', 1,
     "'10.10.10.256' is not an acceptable value for addr.\r\n"),
    ('interface ip set address name="Private" source=static addr=10.10.10.1', 1,
     "One or more essential parameters not specified\r\n"),
    ('interface ip set address name="Private" source=manual', 1, "'manual' is not an acceptable value for source.\r\n"),
    ('interface ip set address name="Private" source=static address=10.10.10.1 mask=255.255.255.0', 1,
     "The syntax supplied for this command is not valid. Check help for the correct syntax.\r\n"),
    ('interface ip set address name="Private" source=dhcp mask=255.255.255.0', 1,
     "The syntax supplied for this command is not valid. Check help for the correct syntax.\r\n"),
    ('interface ip set frob name="Private"', 1, 'The following command was not found: interface ip set frob name="Private".\r\n'),
    ('interface ipv4 show config', 1, "The following command was not found: interface ipv4 show config.\r\n"),
])
def test_failures_like_netsh(state, args, rc, message):
    out = run(state, args)
    assert (out.rc, out.stdout) == (rc, message)


def test_dns_and_wins(state):
    assert run(state, 'interface ip set dns name="Public" source=static addr=192.168.10.10 register=primary').rc == 0
    assert run(state, 'interface ip add dns name="Public" addr=192.168.10.12 index=2').rc == 0
    assert run(state, 'interface ip add dns name="Public" addr=192.168.10.11 index=2').rc == 0
    public = state.host("E2K7Node1").adapter("Public")
    assert [str(ip) for ip in public.dns_servers] == ["192.168.10.10", "192.168.10.11", "192.168.10.12"]
    duplicate = run(state, 'interface ip add dns name="Public" addr=192.168.10.12')
    assert (duplicate.rc, duplicate.stdout) == (1, "The object is already in the list.\r\n")
    assert run(state, 'interface ip set wins name="Private" source=static addr=none').rc == 0
    assert state.host("E2K7Node1").adapter("Private").wins_source == "static"


def configured(state):
    for line in ('set address name="Public" source=static addr=192.168.10.21 mask=255.255.255.0 '
                 'gateway=192.168.10.1 gwmetric=1',
                 'set dns name="Public" source=static addr=192.168.10.10 register=primary',
                 'set address name="Private" source=static addr=10.10.10.1 mask=255.255.255.0 gateway=none',
                 'set dns name="Private" source=static addr=none register=none',
                 'set wins name="Private" source=static addr=none'):
        assert run(state, "interface ip " + line).rc == 0
    return state


def test_dump_writes_lines_that_run_again(state):
    out = run(configured(state), "interface ip dump")
    assert out.rc == 0
    assert out.stdout == (
        "# ----------------------------------\r\n# Interface IP Configuration\r\n"
        "# ----------------------------------\r\npushd interface ip\r\n\r\n"
        '\r\n# Interface IP Configuration for "Public"\r\n\r\n'
        'set address name="Public" source=static addr=192.168.10.21 mask=255.255.255.0\r\n'
        'set address name="Public" gateway=192.168.10.1 gwmetric=1\r\n'
        'set dns name="Public" source=static addr=192.168.10.10 register=PRIMARY\r\n'
        'set wins name="Public" source=static addr=none\r\n'
        '\r\n# Interface IP Configuration for "Private"\r\n\r\n'
        'set address name="Private" source=static addr=10.10.10.1 mask=255.255.255.0\r\n'
        'set dns name="Private" source=static addr=none register=NONE\r\n'
        'set wins name="Private" source=static addr=none\r\n'
        "\r\n\r\npopd\r\n# End of interface IP configuration\r\n")
    for line in out.stdout.split("\r\n"):
        if line.startswith(("set ", "add ")):
            assert run(state, "interface ip " + line).rc == 0
    assert run(state, "interface ip dump").stdout == out.stdout


def test_dump_of_a_fresh_node(lab_env):
    out = run(baseline(topology(lab_env)), "interface ip dump").stdout
    assert 'set address name="Local Area Connection" source=dhcp\r\n' \
           'set dns name="Local Area Connection" source=dhcp register=PRIMARY\r\n' \
           'set wins name="Local Area Connection" source=dhcp\r\n' in out


def test_show_config_2003(state):
    out = run(configured(state), 'interface ip show config name="Public"')
    assert out.stdout == (
        '\r\nConfiguration for interface "Public"\r\n'
        "    DHCP enabled:                         No\r\n"
        "    IP Address:                           192.168.10.21\r\n"
        "    SubnetMask:                           255.255.255.0\r\n"
        "    Default Gateway:                      192.168.10.1\r\n"
        "    GatewayMetric:                        1\r\n"
        "    InterfaceMetric:                      0\r\n"
        "    Statically Configured DNS Servers:    192.168.10.10\r\n"
        "    Statically Configured WINS Servers:   None\r\n"
        "    Register with which suffix:           Primary only\r\n\r\n")
    address = run(state, 'interface ip show address "Private"').stdout
    assert "Default Gateway" not in address and "    SubnetMask:                           255.255.255.0\r\n" in address


@pytest.fixture
def state_2008(lab_2008_env):
    state = baseline(topology(lab_2008_env))
    run(state, 'interface set interface name="Local Area Connection" newname="Public"')
    return state


def test_2008_ipv4_context(state_2008):
    assert run(state_2008, 'interface ipv4 set address name="Public" source=static address=192.168.10.21 '
                           'mask=255.255.255.0 gateway=192.168.10.1').rc == 0
    assert run(state_2008, 'interface ipv4 set dnsservers name="Public" source=static address=192.168.10.10 '
                           'register=both').rc == 0
    assert run(state_2008, 'interface ipv4 add dnsservers name="Public" address=192.168.10.11 index=2').rc == 0
    assert run(state_2008, 'interface ip set dns name="Public" source=static addr=192.168.10.10 register=both').rc == 0
    out = run(state_2008, 'interface ipv4 show config name="Public"')
    assert out.stdout == (
        '\r\nConfiguration for interface "Public"\r\n'
        "    DHCP enabled:                         No\r\n"
        "    IP Address:                           192.168.10.21\r\n"
        "    Subnet Prefix:                        192.168.10.0/24 (mask 255.255.255.0)\r\n"
        "    Default Gateway:                      192.168.10.1\r\n"
        "    Gateway Metric:                       0\r\n"
        "    InterfaceMetric:                      10\r\n"
        "    Statically Configured DNS Servers:    192.168.10.10\r\n"
        "    Register with which suffix:           Both primary and connection-specific\r\n"
        "    Statically Configured WINS Servers:   None\r\n\r\n")


def test_2008_has_no_2003_only_spelling_of_show_address(state_2008):
    """`show address` abbreviates `show addresses`, as netsh matches by prefix."""
    assert run(state_2008, 'interface ipv4 show address name="Public"').rc == 0
