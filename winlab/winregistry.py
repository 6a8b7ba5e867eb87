"""The part of HKEY_LOCAL_MACHINE the runbook reads, derived from the host's state.

Windows writes these values itself; the lab computes them, so they can never disagree
with what ipconfig or WMI show:
- `Tcpip\\Linkage` Bind/Export/Route: the binding order, `\\Device\\{GUID}` entries [C5][C9]
  (a written order, pending until the next start, shows as written; a 2008 cluster node's
  Failover Cluster Virtual Adapter first, cluster_adapter.py);
- `Tcpip\\Parameters` Hostname/Domain and their "NV" twins, which hold a pending rename or join;
- `LanmanServer\\Linkage` Bind: `\\Device\\NetBT_Tcpip_{GUID}` per connection with File and
  Printer Sharing bound;
- `NetBT\\Parameters\\Interfaces\\Tcpip_{GUID}` NetbiosOptions [S60]; `NetBT\\Parameters`
  EnableLMHOSTS (machine-wide);
- `Control\\Network\\{4D36E972-...}\\{GUID}\\Connection` Name [C9];
- `Tcpip\\Parameters\\Interfaces\\{GUID}`: the connection's TCP/IP settings;
- what Exchange and its prerequisites leave (.NET 2.0, PowerShell, the 2003 OC Manager components
  and hotfixes, the roles setup configured: exchange/registry.py).
`write()` maps a value back to the state where that means something; anything else is
refused (the caller prints access denied).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import assumptions as A
from . import cluster_adapter, network
from .context import HostContext
from .exchange import registry as exchange_registry
from .state import Host

SERVICES = "SYSTEM\\CurrentControlSet\\Services"
NETWORK_CLASS = "SYSTEM\\CurrentControlSet\\Control\\Network\\{4D36E972-E325-11CE-BFC1-08002BE10318}"
TCPIP_LINKAGE = f"{SERVICES}\\Tcpip\\Linkage"
LANMAN_LINKAGE = f"{SERVICES}\\LanmanServer\\Linkage"
NETBT_PARAMETERS = f"{SERVICES}\\NetBT\\Parameters"


@dataclass
class Value:
    name: str
    type: str                               # REG_SZ, REG_MULTI_SZ, REG_DWORD
    data: str | int | list[str]


@dataclass
class Key:
    path: str                               # below HKEY_LOCAL_MACHINE, canonical case
    values: list[Value] = field(default_factory=list)
    subkeys: list[str] = field(default_factory=list)

    def value(self, name: str) -> Value | None:
        return next((v for v in self.values if v.name.lower() == name.lower()), None)


def view(ctx: HostContext) -> dict[str, Key]:
    """Every key of the view, by upper-case path, parents included."""
    keys: dict[str, Key] = {}
    for path, values in _values(ctx).items():
        keys[path.upper()] = Key(path, values)
    for path in list(keys.values()):
        parts = path.path.split("\\")
        for depth in range(1, len(parts)):
            parent, child = "\\".join(parts[:depth]), "\\".join(parts[:depth + 1])
            key = keys.setdefault(parent.upper(), Key(parent))
            if child not in key.subkeys:
                key.subkeys.append(child)
    return keys


def _values(ctx: HostContext) -> dict[str, list[Value]]:
    host, platform = ctx.host, ctx.platform
    written = host.pending.binding_order is not None
    order = host.pending.binding_order if written else host.binding_order
    remote_access_at = host.pending.remote_access_at if written else host.remote_access_at
    if cluster_adapter.present(ctx.state, host):
        order = [cluster_adapter.guid(ctx.state, host), *order]          # a 2008 node's NetFT heads it
    bind = [f"\\Device\\{g}" for g in order]
    for entry in A.TCPIP_BIND_TAIL[platform]:          # Remote Access: last, unless a write moved it
        bind.insert(len(bind) if remote_access_at is None else remote_access_at, entry)
    out = {
        TCPIP_LINKAGE: [Value("Bind", "REG_MULTI_SZ", bind),
                        Value("Export", "REG_MULTI_SZ", [f"\\Device\\Tcpip_{g}" for g in order]),
                        Value("Route", "REG_MULTI_SZ", [f'"{g}"' for g in order])],
        LANMAN_LINKAGE: [Value("Bind", "REG_MULTI_SZ", A.LANMAN_BIND_HEAD + [
            f"\\Device\\NetBT_Tcpip_{a.guid}" for a in host.ordered_adapters() if a.guid in host.file_sharing])],
        NETBT_PARAMETERS: [Value("EnableLMHOSTS", "REG_DWORD", int(host.lmhosts_lookup)),
                           Value("EnableDNS", "REG_DWORD", int(host.dns_for_wins))],
        # "NV" values hold what applies at the next start (a pending rename or join).
        f"{SERVICES}\\Tcpip\\Parameters": [Value("Hostname", "REG_SZ", host.netbios),
                                            Value("NV Hostname", "REG_SZ", host.pending.name or host.netbios),
                                            Value("Domain", "REG_SZ", host.domain or ""),
                                            Value("NV Domain", "REG_SZ", host.pending.domain or host.domain or "")],
    }
    for adapter in host.adapters:
        g = adapter.guid
        out[f"{NETBT_PARAMETERS}\\Interfaces\\Tcpip_{g}"] = [
            Value("NameServerList", "REG_MULTI_SZ", [str(ip) for ip in network.wins_servers(adapter)]),
            Value("NetbiosOptions", "REG_DWORD", adapter.netbios_options)]
        out[f"{NETWORK_CLASS}\\{g}\\Connection"] = [
            Value("Name", "REG_SZ", adapter.connection_name),
            Value("PnpInstanceID", "REG_SZ", f"PCI\\VEN_1022&DEV_2000\\{adapter.index}")]
        out[f"{SERVICES}\\Tcpip\\Parameters\\Interfaces\\{g}"] = _tcpip(adapter)
    for key, values in exchange_registry.values(ctx.state, host).items():      # Exchange and its prerequisites
        out[key] = [Value(name, kind, data) for name, kind, data in values]
    return out


def _tcpip(adapter) -> list[Value]:
    static = not adapter.dhcp
    return [Value("EnableDHCP", "REG_DWORD", int(adapter.dhcp)),
            Value("IPAddress", "REG_MULTI_SZ", [str(a.ip) for a in adapter.addresses] if static else ["0.0.0.0"]),
            Value("SubnetMask", "REG_MULTI_SZ", [str(a.netmask) for a in adapter.addresses] if static else ["0.0.0.0"]),
            Value("DefaultGateway", "REG_MULTI_SZ", [str(g.address) for g in adapter.gateways]),
            Value("DefaultGatewayMetric", "REG_MULTI_SZ", [str(g.metric) for g in adapter.gateways]),
            Value("NameServer", "REG_SZ", ",".join(str(ip) for ip in adapter.dns_servers)
                  if adapter.dns_source == "static" else ""),
            Value("RegistrationEnabled", "REG_DWORD", int(adapter.registration != "none")),
            Value("RegisterAdapterName", "REG_DWORD", int(adapter.registration == "both"))]


class Refused(Exception):
    """A write the lab cannot map back to its state."""


def write(ctx: HostContext, path: str, name: str, kind: str, data: str | int | list[str]) -> None:
    host, key = ctx.host, path.upper()
    if key == TCPIP_LINKAGE.upper() and name.lower() == "bind" and kind == "REG_MULTI_SZ":
        return _write_bind(ctx, data)
    if key == NETBT_PARAMETERS.upper() and name.lower() == "enablelmhosts" and kind == "REG_DWORD":
        host.lmhosts_lookup = bool(data)
        return None
    guid = _guid_in(key, f"{NETBT_PARAMETERS}\\Interfaces\\Tcpip_".upper(), "")
    if guid and name.lower() == "netbiosoptions" and kind == "REG_DWORD" and data in (0, 1, 2):
        _adapter(host, guid).netbios_options = data
        return None
    guid = _guid_in(key, f"{NETWORK_CLASS}\\".upper(), "\\CONNECTION")
    if guid and name.lower() == "name" and kind == "REG_SZ" and str(data).strip():
        _adapter(host, guid).connection_name = str(data)
        return None
    raise Refused(path)


def _guid_in(key: str, prefix: str, suffix: str) -> str | None:
    if key.startswith(prefix) and key.endswith(suffix):
        return key[len(prefix):len(key) - len(suffix)] or None
    return None


def _adapter(host: Host, guid: str):
    adapter = host.adapter_by_guid(guid)
    if adapter is None:
        raise Refused(guid)
    return adapter


def _write_bind(ctx: HostContext, data) -> None:
    """A new binding order: the same adapters, reordered; it applies at the next restart [C7]."""
    host = ctx.host
    netft = f"\\Device\\{cluster_adapter.guid(ctx.state, host)}".upper()
    tail = {e.upper() for e in A.TCPIP_BIND_TAIL[ctx.platform]}
    kept = [e for e in data if e.upper() != netft]
    entries = [e for e in kept if e.upper() not in tail]
    guids = [e[len("\\Device\\"):].upper() for e in entries if e.lower().startswith("\\device\\{")]
    if len(guids) != len(entries) or sorted(guids) != sorted(g.upper() for g in host.binding_order):
        raise Refused("Bind")
    host.pending.binding_order = [host.adapter_by_guid(g).guid for g in guids]
    moved = [i for i, e in enumerate(kept) if e.upper() in tail]     # where Remote Access was put
    host.pending.remote_access_at = moved[0] if moved and moved[0] < len(entries) else None
