"""Network vocabulary: connections, addresses, DNS, WINS, NetBIOS, bindings and reachability
over Private, on every node."""

from __future__ import annotations

from pytest_bdd import then

from winprobes import AdapterConfigurations, FileSharingBindings, NetworkAdapters, Ping, TcpipBindings
from winprobes.netsh import NetshConfig, NetshDump
from winprobes.views import CLUSTER_VIRTUAL_ADAPTER, REMOTE_ACCESS, binding_order, file_sharing_bound, netbios_setting

from .vocabulary import Mismatches, typed


def _settings(read, environment, host: str, connection: str):
    """The connection's IP settings: `netsh interface ip dump` on 2003, `ipv4 show config` on 2008."""
    probe = NetshDump() if environment.params.platform == "windows-2003" else NetshConfig(ipv4=True)
    for settings in read(host, probe):
        if settings.name.lower() == connection.lower():
            return settings
    return None


def _expected(node, connection: str):
    return getattr(node, connection.lower())        # node.public / node.private


def _each_node(environment, read, connection, check):
    found = Mismatches()
    for node in environment.params.nodes:
        settings = _settings(read, environment, node.name, connection)
        if settings is None:
            found.expect(node.name, f"connection {connection}", "present", "missing")
        else:
            check(found, node, settings)
    found.check()


@then(typed('every node has connections named "{first:Connection}" and "{second:Connection}"'))
def _(environment, read, first, second):
    found = Mismatches()
    for node in environment.params.nodes:
        names = [a.connection_id for a in read(node.name, NetworkAdapters()) if a.connection_id]
        for wanted in (first, second):
            found.expect(node.name, f"connection {wanted}", "present",
                         "present" if wanted in names else f"missing (connections: {', '.join(names)})")
    found.check()


def _binding_order(read, host: str) -> list[str]:
    return binding_order(read(host, NetworkAdapters()), read(host, AdapterConfigurations()), read(host, TcpipBindings()))


@then(typed('on every node the binding order starts with "{first:Connection}" then "{second:Connection}"'))
def _(environment, read, first, second):
    """Windows Server 2008 puts the failover cluster's virtual adapter on top once the cluster
    exists [S125]: by design, so it may head the list."""
    found = Mismatches()
    for node in environment.params.nodes:
        order = _binding_order(read, node.name)
        if environment.params.platform == "windows-2008" and order[:1] == [f"[{CLUSTER_VIRTUAL_ADAPTER}]"]:
            order = order[1:]
        found.expect(node.name, "TCP/IP binding order", [first, second], order[:2])
    found.check()


@then("on every node no connection follows the remote access connections in the binding order")
def _(environment, read):
    found = Mismatches()
    for node in environment.params.nodes:
        order = _binding_order(read, node.name)
        after = order[order.index(REMOTE_ACCESS) + 1:] if REMOTE_ACCESS in order else []
        found.expect(node.name, f"connections after {REMOTE_ACCESS} in the binding order", None, after or None)
    found.check()


@then(typed('on every node "{connection:Connection}" has the environment\'s static address and mask'))
def _(environment, read, connection):
    def check(found, node, settings):
        want = _expected(node, connection).address
        actual = settings.addresses[0] if settings.addresses else None
        found.expect(node.name, f"{connection} address source", "static", settings.source)
        found.expect(node.name, f"{connection} address", f"{want.ip} mask {want.netmask}",
                     f"{actual.address} mask {actual.mask}" if actual else None)
    _each_node(environment, read, connection, check)


@then(typed('on every node "{connection:Connection}" has the environment\'s default gateway'))
def _(environment, read, connection):
    def check(found, node, settings):
        want = _expected(node, connection).gateway
        found.expect(node.name, f"{connection} default gateway", str(want) if want else None,
                     settings.gateways[0].address if settings.gateways else None)
    _each_node(environment, read, connection, check)


@then(typed('on every node "{connection:Connection}" has no default gateway'))
def _(environment, read, connection):
    def check(found, node, settings):
        found.expect(node.name, f"{connection} default gateway", None,
                     [g.address for g in settings.gateways] or None)
    _each_node(environment, read, connection, check)


@then(typed('on every node "{connection:Connection}" has the environment\'s DNS servers in order'))
def _(environment, read, connection):
    def check(found, node, settings):
        want = [str(ip) for ip in _expected(node, connection).dns_servers]
        found.expect(node.name, f"{connection} DNS servers", want, list(settings.dns_servers or []))
    _each_node(environment, read, connection, check)


@then(typed('on every node "{connection:Connection}" has no DNS servers'))
def _(environment, read, connection):
    def check(found, node, settings):
        found.expect(node.name, f"{connection} DNS servers", None, list(settings.dns_servers or []) or None)
    _each_node(environment, read, connection, check)


@then(typed('on every node "{connection:Connection}" has no WINS servers'))
def _(environment, read, connection):
    def check(found, node, settings):
        found.expect(node.name, f"{connection} WINS servers", None, list(settings.wins_servers or []) or None)
    _each_node(environment, read, connection, check)


@then(typed('every node reaches the other node\'s "{connection:Connection}" address'))
def _(environment, read, connection):
    """Over Private the peer is on the node's own subnet: an echo reply from its address means
    the link is up both ways."""
    found = Mismatches()
    nodes = environment.params.nodes
    for node, peer in zip(nodes, reversed(nodes)):
        address = str(_expected(peer, connection).address.ip)
        result = read(node.name, Ping(address))
        found.expect(node.name, f"echo replies from {peer.name}'s {connection} address {address}", "at least one",
                     "at least one" if result.reached else f"none ({'; '.join(dict.fromkeys(result.failures)) or 'no answer'})")
    found.check()


@then(typed('on every node "{connection:Connection}" registers its addresses in DNS under the primary DNS suffix'))
def _(environment, read, connection):
    def check(found, node, settings):
        found.expect(node.name, f"{connection} DNS registration", "primary", settings.register)
    _each_node(environment, read, connection, check)


@then(typed('on every node "{connection:Connection}" does not register its addresses in DNS'))
def _(environment, read, connection):
    def check(found, node, settings):
        found.expect(node.name, f"{connection} DNS registration", "none", settings.register)
    _each_node(environment, read, connection, check)


@then("on every node LMHOSTS lookup is off")
def _(environment, read):
    found = Mismatches()
    for node in environment.params.nodes:
        enabled = {c.wins_enable_lmhosts_lookup for c in read(node.name, AdapterConfigurations()) if c.ip_enabled}
        found.expect(node.name, "Enable LMHOSTS lookup", {False}, enabled)
    found.check()


def netbios_required(params, node, connection: str) -> str:
    """What the runbook leaves on the connection: NetBIOS disabled on Private, except on Windows
    Server 2008 when Private carries a replication host name [S15]; Public is left enabled."""
    if connection == "Private" and not (params.platform == "windows-2008" and node.private.replication_host_name):
        return "disabled"
    return "enabled"


@then(typed('on every node NetBIOS over TCP/IP on "{connection:Connection}" is as the environment requires'))
def _(environment, read, connection):
    found = Mismatches()
    for node in environment.params.nodes:
        setting = netbios_setting(connection, read(node.name, NetworkAdapters()),
                                  read(node.name, AdapterConfigurations()))
        want = netbios_required(environment.params, node, connection)
        # "default" takes the setting from DHCP; on a static connection that means enabled
        actual = "enabled" if want == "enabled" and setting == "default" else setting
        found.expect(node.name, f"NetBIOS over TCP/IP on {connection}", want, actual)
    found.check()


@then(typed('on every node File and Printer Sharing is bound to "{connection:Connection}"'))
def _(environment, read, connection):
    found = Mismatches()
    for node in environment.params.nodes:
        bound = file_sharing_bound(connection, read(node.name, NetworkAdapters()),
                                   read(node.name, AdapterConfigurations()), read(node.name, FileSharingBindings()))
        found.expect(node.name, f"File and Printer Sharing on {connection}", "bound", "bound" if bound else "unbound")
    found.check()
