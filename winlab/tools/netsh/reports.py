"""netsh's read-only commands: `show config|address|dns|wins` and `dump`.

`show` blocks are `Configuration for interface "X"` with 4-space indented labels whose
values start at column 42 (2008 layout confirmed [S88][S89]; the 2003 labels `SubnetMask`
and `GatewayMetric` per [S87]). The 2003 dump prints lines that can be run again as they
are [C2]; its header and footer are confirmed (confirmations 1).
"""

from __future__ import annotations

from ... import assumptions as A
from ... import network
from ...context import HostContext
from ...state import Adapter
from ...tooling import crlf
from .grammar import NetshError

VALUE_COLUMN = 42
DUMP_2003_HEADER = ("# ----------------------------------\r\n# Interface IP Configuration\r\n"
                    "# ----------------------------------\r\npushd interface ip\r\n\r\n")
DUMP_2003_FOOTER = "\r\n\r\npopd\r\n# End of interface IP configuration\r\n"


def _row(label: str, values: list[str]) -> list[str]:
    first = f"    {label}".ljust(VALUE_COLUMN - 1) + " " + (values[0] if values else "None")
    return [first] + [" " * VALUE_COLUMN + v for v in values[1:]]


def _selected(ctx: HostContext, values: dict[str, str]) -> list[Adapter]:
    if values.get("name"):
        adapter = ctx.host.adapter(values["name"])
        if adapter is None:
            raise NetshError(A.NETSH_NO_INTERFACE[ctx.platform])
        return [adapter]
    return ctx.host.ordered_adapters()


def show(ctx: HostContext, values: dict[str, str], parts: tuple[str, ...]) -> str:
    """`parts` picks the sections: address, dns, wins."""
    lines: list[str] = []
    for adapter in _selected(ctx, values):
        lines += ["", f'Configuration for interface "{adapter.connection_name}"']
        if "address" in parts:
            lines += _addresses(ctx, adapter)
        if "dns" in parts:
            lines += _dns(ctx, adapter)
        if "wins" in parts:
            lines += _wins(adapter)
    return crlf(lines + [""])


def _addresses(ctx: HostContext, adapter: Adapter) -> list[str]:
    lines = _row("DHCP enabled:", ["Yes" if adapter.dhcp else "No"])
    show_addresses = not (ctx.is_2003 and adapter.dhcp and not A.SHOW_CONFIG_2003_DHCP_ADDRESSES)
    gateways = network.gateways(adapter)
    for address in (network.addresses(adapter) if show_addresses else []):
        lines += _row("IP Address:", [str(address.ip)])
        if ctx.is_2003:
            lines += _row("SubnetMask:", [str(address.netmask)])
        else:
            lines += _row("Subnet Prefix:", [f"{address.network} (mask {address.netmask})"])
    if gateways and show_addresses:
        lines += _row("Default Gateway:", [str(gateways[0].address)])
        lines += _row("GatewayMetric:" if ctx.is_2003 else "Gateway Metric:", [str(gateways[0].metric)])
    metric = adapter.interface_metric or (0 if ctx.is_2003 else A.INTERFACE_METRIC_2008)
    return lines + _row("InterfaceMetric:", [str(metric)])


def _dns(ctx: HostContext, adapter: Adapter) -> list[str]:
    servers = [str(ip) for ip in network.dns_servers(adapter)]
    label = "DNS servers configured through DHCP:" if network.dns_from_dhcp(adapter) \
        else "Statically Configured DNS Servers:"
    register = _row("Register with which suffix:", [A.REGISTER_WORDS[ctx.platform][adapter.registration]])
    return _row(label, servers) + register


def _wins(adapter: Adapter) -> list[str]:
    servers = [str(ip) for ip in network.wins_servers(adapter)]
    label = "WINS servers configured through DHCP:" if network.wins_from_dhcp(adapter) \
        else "Statically Configured WINS Servers:"
    return _row(label, servers)


def show_config(ctx: HostContext, values: dict[str, str]) -> str:
    # 2003 puts WINS before the register line (spec 3); 2008 after it [S88].
    if ctx.is_2003:
        return _show_2003_config(ctx, values)
    return show(ctx, values, ("address", "dns", "wins"))


def _show_2003_config(ctx: HostContext, values: dict[str, str]) -> str:
    lines: list[str] = []
    for adapter in _selected(ctx, values):
        dns = _dns(ctx, adapter)
        lines += ["", f'Configuration for interface "{adapter.connection_name}"']
        lines += _addresses(ctx, adapter) + dns[:-1] + _wins(adapter) + dns[-1:]
    return crlf(lines + [""])


def dump(ctx: HostContext, values: dict[str, str]) -> str:
    if values:
        raise NetshError(A.NETSH_SYNTAX)
    if not ctx.is_2003:
        return _dump_2008(ctx)
    blocks = [f'\r\n# Interface IP Configuration for "{a.connection_name}"\r\n\r\n'
              + crlf(dump_lines(a)) for a in ctx.host.ordered_adapters()]
    return DUMP_2003_HEADER + "".join(blocks) + DUMP_2003_FOOTER


def dump_lines(adapter: Adapter) -> list[str]:
    """The 2003 `set`/`add` lines that recreate a connection's settings [C2]."""
    name = f'name="{adapter.connection_name}"'
    if adapter.dhcp:
        lines = [f"set address {name} source=dhcp"]
    else:
        lines = [f"set address {name} source=static addr={a.ip} mask={a.netmask}" if i == 0
                 else f"add address {name} addr={a.ip} mask={a.netmask}" for i, a in enumerate(adapter.addresses)]
        lines += [f"{'set' if i == 0 else 'add'} address {name} gateway={g.address} gwmetric={g.metric}"
                  for i, g in enumerate(adapter.gateways)]
    return lines + _server_lines(adapter, "dns", name) + _server_lines(adapter, "wins", name)


def _server_lines(adapter: Adapter, kind: str, name: str) -> list[str]:
    register = f" register={adapter.registration.upper()}" if kind == "dns" else ""
    from_dhcp = network.dns_from_dhcp(adapter) if kind == "dns" else network.wins_from_dhcp(adapter)
    if from_dhcp:
        return [f"set {kind} {name} source=dhcp{register}"]
    servers = network.dns_servers(adapter) if kind == "dns" else network.wins_servers(adapter)
    first = str(servers[0]) if servers else "none"
    return [f"set {kind} {name} source=static addr={first}{register}"] + [
        f"add {kind} {name} addr={ip} index={i}" for i, ip in enumerate(servers[1:], start=2)]


def _dump_2008(ctx: HostContext) -> str:
    lines = []
    for adapter in ctx.host.ordered_adapters():
        name = f'interface="{adapter.connection_name}"'
        if adapter.dhcp:
            continue
        lines += [f"add route prefix=0.0.0.0/0 {name} nexthop={g.address} metric={g.metric} publish=Yes"
                  for g in adapter.gateways]
        lines += [f'add address name="{adapter.connection_name}" address={a.ip} mask={a.netmask}'
                  for a in adapter.addresses]
    return A.DUMP_2008_HEADER + crlf(lines) + A.DUMP_2008_FOOTER
