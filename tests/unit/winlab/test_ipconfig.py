"""ipconfig: XP-style output on 2003, Vista-style on 2008, adapters in binding order."""

from ipaddress import IPv4Address, IPv4Interface

import pytest

from winlab.baseline import baseline
from winlab.context import HostContext
from winlab.state import Gateway
from winlab.tooling import Invocation
from winlab.tools import hostname, ipconfig
from tests.unit.winlab.sites import topology


def run(tool, state, host, args=""):
    return tool(Invocation("ipconfig", args, "", {}, None, "C:\\", HostContext(state, state.host(host))))


def crlf(*lines):
    return "".join(line + "\r\n" for line in lines)


NODE1_ALL = crlf(
    "", "Windows IP Configuration", "",
    "        Host Name . . . . . . . . . . . . : E2K7NODE1",
    "        Primary Dns Suffix  . . . . . . . : ",
    "        Node Type . . . . . . . . . . . . : Unknown",
    "        IP Routing Enabled. . . . . . . . : No",
    "        WINS Proxy Enabled. . . . . . . . : No",
    "", "Ethernet adapter Local Area Connection:", "",
    "        Connection-specific DNS Suffix  . : ",
    "        Description . . . . . . . . . . . : VMware Accelerated AMD PCNet Adapter",
    "        Physical Address. . . . . . . . . : 00-0C-29-DE-C6-15",
    "        Dhcp Enabled. . . . . . . . . . . : Yes",
    "        Autoconfiguration Enabled . . . . : Yes",
    "        IP Address. . . . . . . . . . . . : 192.168.10.254",
    "        Subnet Mask . . . . . . . . . . . : 255.255.255.0",
    "        Default Gateway . . . . . . . . . : 192.168.10.1",
    "        DHCP Server . . . . . . . . . . . : 192.168.10.10",
    "        DNS Servers . . . . . . . . . . . : 192.168.10.10",
    "        Lease Obtained. . . . . . . . . . : Monday, January 07, 2008 9:00:00 AM",
    "        Lease Expires . . . . . . . . . . : Tuesday, January 15, 2008 9:00:00 AM",
    "", "Ethernet adapter Local Area Connection 2:", "",
    "        Connection-specific DNS Suffix  . : ",
    "        Description . . . . . . . . . . . : VMware Accelerated AMD PCNet Adapter #2",
    "        Physical Address. . . . . . . . . : 00-0C-29-69-6A-38",
    "        Dhcp Enabled. . . . . . . . . . . : Yes",
    "        Autoconfiguration Enabled . . . . : Yes",
    "        Autoconfiguration IP Address. . . : 169.254.154.9",
    "        Subnet Mask . . . . . . . . . . . : 255.255.0.0",
    "        Default Gateway . . . . . . . . . : ")


def test_all_on_a_fresh_2003_node(lab_env):
    out = run(ipconfig.run, baseline(topology(lab_env)), "E2K7Node1", "/all")
    assert (out.rc, out.stderr) == (0, "")
    assert out.stdout == NODE1_ALL


def static_private(state, dns=(), netbios=0):
    adapter = state.host("E2K7Node1").adapters[1]
    adapter.dhcp, adapter.lease = False, None
    adapter.addresses = [IPv4Interface("10.10.10.1/24")]
    adapter.dns_source, adapter.dns_servers = "static", [IPv4Address(d) for d in dns]
    adapter.netbios_options = netbios
    return adapter


def test_static_connection_with_several_dns_servers_and_netbios_off(lab_env):
    state = baseline(topology(lab_env))
    static_private(state, dns=("10.10.10.5", "10.10.10.6"), netbios=2)
    out = run(ipconfig.run, state, "E2K7Node1", "/all").stdout
    block = out.split("Ethernet adapter Local Area Connection 2:\r\n\r\n")[1]
    assert block == crlf(
        "        Connection-specific DNS Suffix  . : ",
        "        Description . . . . . . . . . . . : VMware Accelerated AMD PCNet Adapter #2",
        "        Physical Address. . . . . . . . . : 00-0C-29-69-6A-38",
        "        Dhcp Enabled. . . . . . . . . . . : No",
        "        IP Address. . . . . . . . . . . . : 10.10.10.1",
        "        Subnet Mask . . . . . . . . . . . : 255.255.255.0",
        "        Default Gateway . . . . . . . . . : ",
        "        DNS Servers . . . . . . . . . . . : 10.10.10.5",
        "                                            10.10.10.6",
        "        NetBIOS over Tcpip. . . . . . . . : Disabled")


def test_adapters_follow_the_binding_order(lab_env):
    state = baseline(topology(lab_env))
    node = state.host("E2K7Node1")
    node.binding_order.reverse()
    headers = [l for l in run(ipconfig.run, state, "E2K7Node1", "/all").stdout.split("\r\n")
               if l.startswith("Ethernet adapter ")]
    assert headers == ["Ethernet adapter Local Area Connection 2:", "Ethernet adapter Local Area Connection:"]


def test_brief_form(lab_env):
    out = run(ipconfig.run, baseline(topology(lab_env)), "E2K7DC01").stdout
    assert out == crlf("", "Windows IP Configuration", "", "", "Ethernet adapter Local Area Connection:", "",
                       "        Connection-specific DNS Suffix  . : ",
                       "        IP Address. . . . . . . . . . . . : 192.168.10.10",
                       "        Subnet Mask . . . . . . . . . . . : 255.255.255.0",
                       "        Default Gateway . . . . . . . . . : 192.168.10.1")


def test_domain_member_shows_its_suffix(lab_env):
    out = run(ipconfig.run, baseline(topology(lab_env)), "E2K7DC01", "/all").stdout
    assert "        Primary Dns Suffix  . . . . . . . : e2k7.local\r\n" in out
    assert "        DNS Suffix Search List. . . . . . : e2k7.local\r\n" in out


def test_disconnected_media(lab_env):
    state = baseline(topology(lab_env))
    state.faults.cut = ["private"]
    out = run(ipconfig.run, state, "E2K7Node1", "/all").stdout
    assert "Local Area Connection 2:\r\n\r\n        Media State . . . . . . . . . . . : Media disconnected\r\n" in out


def test_release_and_renew(lab_env):
    state = baseline(topology(lab_env))
    assert run(ipconfig.run, state, "E2K7Node1", "/release").rc == 0
    assert state.host("E2K7Node1").adapters[0].lease is None
    run(ipconfig.run, state, "E2K7Node1", '/renew "Local Area Connection"')
    assert str(state.host("E2K7Node1").adapters[0].lease.address) == "192.168.10.254/24"


def test_unknown_switch_fails(lab_env):
    out = run(ipconfig.run, baseline(topology(lab_env)), "E2K7Node1", "/bogus")
    assert out.rc == 1 and out.stdout.startswith("\r\nError: unrecognized or incomplete command line.\r\n")


@pytest.fixture
def state_2008(lab_2008_env):
    return baseline(topology(lab_2008_env))


def test_vista_style_on_2008(state_2008):
    adapter = static_private(state_2008)
    adapter.gateways = [Gateway(address=IPv4Address("10.10.10.254"), metric=1)]
    out = run(ipconfig.run, state_2008, "E2K7Node1", "/all").stdout
    block = out.split("Ethernet adapter Local Area Connection 2:\r\n\r\n")[1]
    assert block == crlf(
        "   Connection-specific DNS Suffix  . : ",
        "   Description . . . . . . . . . . . : Intel(R) PRO/1000 MT Network Connection #2",
        f"   Physical Address. . . . . . . . . : {adapter.mac.replace(':', '-')}",
        "   DHCP Enabled. . . . . . . . . . . : No",
        "   Autoconfiguration Enabled . . . . : Yes",
        "   IPv4 Address. . . . . . . . . . . : 10.10.10.1(Preferred) ",
        "   Subnet Mask . . . . . . . . . . . : 255.255.255.0",
        "   Default Gateway . . . . . . . . . : 10.10.10.254",
        "   NetBIOS over Tcpip. . . . . . . . : Enabled")


def test_hostname(lab_env):
    state = baseline(topology(lab_env))
    assert run(hostname.run, state, "E2K7Node1").stdout == "E2K7NODE1\r\n"
    refused = run(hostname.run, state, "E2K7Node1", "NEWNAME")
    assert refused.rc == 1 and "Use the Network Control Panel Applet" in refused.stderr
