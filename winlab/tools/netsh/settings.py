"""netsh commands that change a connection: rename, addresses, DNS and WINS servers.

The handlers serve both platforms: the 2003 `interface ip` context names the address tag
`addr`, the 2008 `interface ipv4` context `address`; `tags.address` is whichever it is.
Semantics follow the XP/2003 help [C1][S56]: `source=dhcp` drops static settings and asks
for a lease, `addr=none` empties a server list, `index` is 1-based [S57].
"""

from __future__ import annotations

from ipaddress import IPv4Interface

from ... import assumptions as A
from ... import network
from ...context import HostContext
from ...state import Adapter, Gateway
from .grammar import NetshError, address, keyword, mask, number, refuse_extra, require

FORBIDDEN_IN_NAMES = set('\t\\/:*?<>|"')


def connection(ctx: HostContext, values: dict[str, str]) -> Adapter:
    require(values, ctx.platform, "name")
    adapter = ctx.host.adapter(values["name"])
    if adapter is None:
        raise NetshError(A.NETSH_NO_INTERFACE[ctx.platform])
    return adapter


def ok(ctx: HostContext) -> str:
    return A.NETSH_OK[ctx.platform]


def set_interface(ctx: HostContext, values: dict[str, str]) -> str:
    """`interface set interface name=X newname=Y` (the lab emulates renaming only)."""
    adapter = connection(ctx, values)
    if "admin" in values or "connect" in values:
        raise NetshError(A.NETSH_BAD_VALUE.format(value=values.get("admin") or values.get("connect"),
                                                  tag="admin" if "admin" in values else "connect"))
    require(values, ctx.platform, "newname")
    new = values["newname"]
    if not new.strip() or set(new) & FORBIDDEN_IN_NAMES:
        raise NetshError(A.NETSH_BAD_VALUE.format(value=new, tag="newname"))
    other = ctx.host.adapter(new)
    if other is not None and other is not adapter:
        raise NetshError(A.NETSH_NAME_IN_USE)
    adapter.connection_name = new
    return ok(ctx)


def set_address(ctx: HostContext, values: dict[str, str], addr: str) -> str:
    adapter = connection(ctx, values)
    if "source" not in values:
        return _set_gateway(ctx, adapter, values, addr)
    source = keyword(values, "source", ("dhcp", "static"))
    if source == "dhcp":
        refuse_extra(values, addr, "mask", "gateway", "gwmetric")
        adapter.dhcp, adapter.addresses, adapter.gateways = True, [], []
        network.renew(ctx.state, adapter)
        return ok(ctx)
    require(values, ctx.platform, addr, "mask")
    ip, netmask = address(values, addr), mask(values, "mask")
    interface = IPv4Interface(f"{ip}/{netmask}")
    if ip in (interface.network.network_address, interface.network.broadcast_address):
        raise NetshError(A.NETSH_BAD_VALUE.format(value=values[addr], tag=addr))
    gateways = _gateways(ctx, values)
    adapter.dhcp, adapter.lease = False, None
    adapter.addresses, adapter.gateways = [interface], gateways
    return ok(ctx)


def _gateways(ctx: HostContext, values: dict[str, str]) -> list[Gateway]:
    if "gateway" not in values or values["gateway"].lower() == "none":
        refuse_extra(values, "gwmetric")
        return []
    metric = number(values, "gwmetric", 0, 9999) if "gwmetric" in values else 0
    return [Gateway(address=address(values, "gateway"), metric=metric)]


def _set_gateway(ctx: HostContext, adapter: Adapter, values: dict[str, str], addr: str) -> str:
    """`set address name=X gateway=G gwmetric=M` (the form `dump` writes [C2])."""
    refuse_extra(values, addr, "mask")
    require(values, ctx.platform, "gateway")
    if adapter.dhcp:
        raise NetshError(A.NETSH_MISSING[ctx.platform])
    adapter.gateways = _gateways(ctx, values)
    return ok(ctx)


def add_address(ctx: HostContext, values: dict[str, str], addr: str) -> str:
    adapter = connection(ctx, values)
    require(values, ctx.platform, addr, "mask")
    interface = IPv4Interface(f"{address(values, addr)}/{mask(values, 'mask')}")
    if adapter.dhcp:
        raise NetshError(A.NETSH_MISSING[ctx.platform])
    if any(a.ip == interface.ip for a in adapter.addresses):
        raise NetshError(A.NETSH_DUPLICATE)
    adapter.addresses.append(interface)
    if "gateway" in values:
        adapter.gateways = adapter.gateways + _gateways(ctx, values)
    return ok(ctx)


def delete_address(ctx: HostContext, values: dict[str, str], addr: str) -> str:
    adapter = connection(ctx, values)
    require(values, ctx.platform, addr)
    ip = address(values, addr)
    kept = [a for a in adapter.addresses if a.ip != ip]
    if adapter.dhcp or len(kept) == len(adapter.addresses):
        raise NetshError(A.NETSH_BAD_VALUE.format(value=values[addr], tag=addr))
    adapter.addresses = kept
    return ok(ctx)


def set_servers(ctx: HostContext, values: dict[str, str], addr: str, kind: str) -> str:
    """`set dns` / `set wins` (2008: `set dnsservers` / `set winsservers`)."""
    adapter = connection(ctx, values)
    require(values, ctx.platform, "source")
    source = keyword(values, "source", ("dhcp", "static"))
    if source == "dhcp":
        refuse_extra(values, addr)
        servers = []
    else:
        require(values, ctx.platform, addr)
        servers = [] if values[addr].lower() == "none" else [address(values, addr)]
    if kind == "dns":
        register = keyword(values, "register", ("none", "primary", "both")) if "register" in values \
            else A.NETSH_DEFAULT_REGISTER
        adapter.dns_source, adapter.dns_servers, adapter.registration = source, servers, register
    else:
        refuse_extra(values, "register")
        adapter.wins_source, adapter.wins_servers = source, servers
    return ok(ctx)


def add_server(ctx: HostContext, values: dict[str, str], addr: str, kind: str) -> str:
    adapter = connection(ctx, values)
    require(values, ctx.platform, addr)
    ip = address(values, addr)
    static = getattr(adapter, f"{kind}_source") == "static"
    servers = list(getattr(adapter, f"{kind}_servers")) if static else []
    if ip in servers:
        raise NetshError(A.NETSH_DUPLICATE)
    index = number(values, "index", 1, 999) if "index" in values else len(servers) + 1
    servers.insert(min(index, len(servers) + 1) - 1, ip)
    setattr(adapter, f"{kind}_source", "static")
    setattr(adapter, f"{kind}_servers", servers)
    return ok(ctx)


def delete_server(ctx: HostContext, values: dict[str, str], addr: str, kind: str) -> str:
    adapter = connection(ctx, values)
    require(values, ctx.platform, addr)
    servers = list(getattr(adapter, f"{kind}_servers"))
    if values[addr].lower() == "all":
        servers = []
    else:
        ip = address(values, addr)
        if ip not in servers:
            raise NetshError(A.NETSH_BAD_VALUE.format(value=values[addr], tag=addr))
        servers.remove(ip)
    setattr(adapter, f"{kind}_servers", servers)
    return ok(ctx)
