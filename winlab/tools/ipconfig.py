"""ipconfig.exe: `ipconfig`, `/all`, `/renew`, `/release`, `/flushdns`, `/registerdns`.

Layouts per ccr-domain 3.6: 2003 (XP style) indents by 8 and says `Dhcp Enabled` and
`IP Address`; 2008 (Vista style) indents by 3 and says `DHCP Enabled` and `IPv4 Address`.
Adapters are listed in binding order (an assumption the scripts rely on). A node owning
the cluster group shows the cluster address as a second address on Public [S91].
"""

from __future__ import annotations

import fnmatch

from .. import assumptions as A
from .. import network
from ..cmdshell.argv import split
from ..context import HostContext
from ..state import Adapter
from ..tooling import Invocation, Output, crlf
from .hostname import host_name

LABEL_WIDTH = 34            # "Description . . . . . . . . . . . " before the colon
HEADER = "\r\nWindows IP Configuration\r\n\r\n"


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    args = split(inv.args)
    option = args[0].lower() if args else ""
    if option in ("", "/all"):
        return Output(0, _report(ctx, full=option == "/all"))
    if option in ("/renew", "/release") and len(args) <= 2:
        return _lease(ctx, option, args[1] if len(args) > 1 else None)
    if option == "/flushdns" and len(args) == 1:
        return Output(0, HEADER + A.IPCONFIG_FLUSHED)
    if option == "/registerdns" and len(args) == 1:
        return Output(0, HEADER + A.IPCONFIG_REGISTERED)
    return Output(1, A.IPCONFIG_BAD_SWITCH + A.IPCONFIG_USAGE)


class _Layout:
    def __init__(self, ctx: HostContext):
        self.is_2003 = ctx.is_2003
        self.indent = " " * (8 if self.is_2003 else 3)

    def line(self, label: str, value: str) -> str:
        dots = label + " " + ". " * 20
        return f"{self.indent}{dots[:LABEL_WIDTH]}: {value}"

    def lines(self, label: str, values: list[str]) -> list[str]:
        if not values:
            return [self.line(label, "")]
        pad = " " * (len(self.indent) + LABEL_WIDTH + 2)
        return [self.line(label, values[0])] + [pad + v for v in values[1:]]


def _report(ctx: HostContext, full: bool) -> str:
    layout, host = _Layout(ctx), ctx.host
    out = ["", "Windows IP Configuration", ""]
    if not full:
        out.append("")
    else:
        wins = any(network.wins_servers(a) for a in host.adapters)
        out += [layout.line("Host Name", host_name(host)),
                layout.line("Primary Dns Suffix ", host.domain or ""),
                layout.line("Node Type", A.NODE_TYPE_WINS if wins else A.NODE_TYPE_NO_WINS),
                layout.line("IP Routing Enabled.", "No"), layout.line("WINS Proxy Enabled.", "No")]
        if host.domain:
            out.append(layout.line("DNS Suffix Search List.", host.domain))
        out.append("")
    for adapter in host.ordered_adapters():
        out += [f"Ethernet adapter {adapter.connection_name}:", ""]
        out += _adapter(ctx, layout, adapter, full) + [""]
    return crlf(out[:-1])


def _adapter(ctx: HostContext, layout: _Layout, adapter: Adapter, full: bool) -> list[str]:
    if not network.is_live(ctx.state, adapter):
        return [layout.line("Media State", "Media disconnected")] + (
            [layout.line("Description", adapter.description),
             layout.line("Physical Address.", adapter.mac.replace(":", "-"))] if full else [])
    out = [layout.line("Connection-specific DNS Suffix ", "")]
    if full:
        out += [layout.line("Description", adapter.description),
                layout.line("Physical Address.", adapter.mac.replace(":", "-")),
                layout.line("Dhcp Enabled." if layout.is_2003 else "DHCP Enabled.", "Yes" if adapter.dhcp else "No")]
        if adapter.dhcp or not layout.is_2003:
            out.append(layout.line("Autoconfiguration Enabled", "Yes"))
    out += _addresses(ctx, layout, adapter)
    gateways = [str(g.address) for g in network.gateways(adapter)]
    out += layout.lines("Default Gateway", gateways)
    if full:
        out += _services(ctx, layout, adapter)
    return out


def _addresses(ctx: HostContext, layout: _Layout, adapter: Adapter) -> list[str]:
    out = []
    apipa = network.uses_apipa(adapter)
    for address in network.addresses_in_use(ctx.state, ctx.host, adapter):
        if layout.is_2003:
            label = "Autoconfiguration IP Address." if apipa else "IP Address."
            out.append(layout.line(label, str(address.ip)))
        else:
            label = "Autoconfiguration IPv4 Address." if apipa else "IPv4 Address."
            out.append(layout.line(label, f"{address.ip}(Preferred) "))
        out.append(layout.line("Subnet Mask", str(address.netmask)))
    return out


def _services(ctx: HostContext, layout: _Layout, adapter: Adapter) -> list[str]:
    out = []
    if adapter.dhcp and adapter.lease:
        out.append(layout.line("DHCP Server", str(adapter.lease.server)))
    dns = [str(ip) for ip in network.dns_servers(adapter)]
    if dns:
        out += layout.lines("DNS Servers", dns)
    wins = [str(ip) for ip in network.wins_servers(adapter)]
    if wins:
        out.append(layout.line("Primary WINS Server", wins[0]))
    if len(wins) > 1:
        out.append(layout.line("Secondary WINS Server", wins[1]))
    if adapter.dhcp and adapter.lease:
        out += [layout.line("Lease Obtained.", A.LEASE_OBTAINED), layout.line("Lease Expires", A.LEASE_EXPIRES)]
    disabled = adapter.netbios_options == 2
    if not layout.is_2003 or disabled or not A.IPCONFIG_2003_NETBIOS_ONLY_WHEN_DISABLED:
        out.append(layout.line("NetBIOS over Tcpip.", "Disabled" if disabled else "Enabled"))
    return out


def _lease(ctx: HostContext, option: str, name: str | None) -> Output:
    adapters = [a for a in ctx.host.ordered_adapters() if name is None or _matches(a, name)]
    if name is not None and not adapters:
        return Output(1, HEADER, A.IPCONFIG_NO_ADAPTER)
    for adapter in adapters:
        if adapter.dhcp:
            if option == "/renew":
                network.renew(ctx.state, adapter)
            else:
                adapter.lease = None
    return Output(0, _report(ctx, full=False))


def _matches(adapter: Adapter, pattern: str) -> bool:
    """ipconfig's adapter argument accepts * wildcards."""
    return fnmatch.fnmatch(adapter.connection_name.lower(), pattern.lower())
