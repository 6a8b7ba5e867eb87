"""Answers that need several probes joined: a connection name is Win32_NetworkAdapter's
NetConnectionID; its adapter GUID is the SettingID of the Win32_NetworkAdapterConfiguration
with the same Index; registry bindings name adapters by that GUID.

    >>> from winprobes.wmic import NetworkAdapter, AdapterConfiguration
    >>> nics = [NetworkAdapter(1, "00-0C-29-00-00-01", "Private"),
    ...         NetworkAdapter(2, "00-0C-29-00-00-02", "Public")]
    >>> configs = [AdapterConfiguration(1, "{11111111-1111-1111-1111-111111111111}", True, 2, True, False, False),
    ...            AdapterConfiguration(2, "{22222222-2222-2222-2222-222222222222}", True, 0, True, True, True)]
    >>> binding_order(nics, configs, ["{22222222-2222-2222-2222-222222222222}",
    ...                               "{11111111-1111-1111-1111-111111111111}", "NdisWanIp"])
    ['Public', 'Private', '[Remote Access connections]']
    >>> netbios_setting("Private", nics, configs)
    'disabled'
"""

from __future__ import annotations

from typing import Iterable, Sequence

from .base import ProbeError
from .wmic import AdapterConfiguration, NetworkAdapter

NETBIOS_SETTINGS = {0: "default", 1: "enabled", 2: "disabled"}   # TcpipNetbiosOptions
# What the Advanced Settings dialog calls the remote access entry; Bind names it NdisWanIp [S130].
REMOTE_ACCESS = "[Remote Access connections]"
# Windows Server 2008 failover clusters add this hidden adapter at the top of the binding
# order [S124][S125]; it has no entry in Network Connections, so no name an operator chose.
CLUSTER_VIRTUAL_ADAPTER = "Microsoft Failover Cluster Virtual Adapter"


class ConnectionNotFound(ProbeError):
    """No adapter carries the connection name a check asks about."""


def connection_guids(adapters: Iterable[NetworkAdapter],
                     configurations: Iterable[AdapterConfiguration]) -> dict[str, str]:
    """Connection name -> adapter GUID (upper case), for adapters that have both."""
    by_index = {c.index: c.setting_id for c in configurations if c.setting_id}
    return {a.connection_id: by_index[a.index].upper()
            for a in adapters if a.connection_id and a.index in by_index}


def adapter_guid(connection: str, adapters: Sequence[NetworkAdapter],
                 configurations: Sequence[AdapterConfiguration]) -> str:
    guids = connection_guids(adapters, configurations)
    for name, guid in guids.items():
        if name.lower() == connection.lower():
            return guid
    raise ConnectionNotFound(f"no network connection named {connection!r} "
                             f"(connections: {', '.join(guids) or 'none'})")


def binding_order(adapters: Sequence[NetworkAdapter], configurations: Sequence[AdapterConfiguration],
                  bindings: Sequence[str]) -> list[str]:
    """Connection names in TCP/IP binding order (first = used first): REMOTE_ACCESS for
    `NdisWanIp`, `[<adapter name>]` for the failover cluster's virtual adapter; GUIDs of other
    adapters without a connection name (WAN miniports, removed adapters) are left out."""
    by_index = {c.index: c.setting_id.upper() for c in configurations if c.setting_id}
    names = {}
    for adapter in adapters:
        guid = by_index.get(adapter.index)
        if guid and adapter.name == CLUSTER_VIRTUAL_ADAPTER:
            names[guid] = f"[{CLUSTER_VIRTUAL_ADAPTER}]"
        elif guid and adapter.connection_id:
            names[guid] = adapter.connection_id
    names["NDISWANIP"] = REMOTE_ACCESS
    return [names[entry.upper()] for entry in bindings if entry.upper() in names]


def netbios_setting(connection: str, adapters: Sequence[NetworkAdapter],
                    configurations: Sequence[AdapterConfiguration]) -> str | None:
    """"default" (from DHCP), "enabled" or "disabled"; None when TCP/IP is not enabled."""
    guid = adapter_guid(connection, adapters, configurations)
    config = next(c for c in configurations if (c.setting_id or "").upper() == guid)
    return NETBIOS_SETTINGS.get(config.tcpip_netbios_options)


def file_sharing_bound(connection: str, adapters: Sequence[NetworkAdapter],
                       configurations: Sequence[AdapterConfiguration],
                       file_sharing: Sequence[str]) -> bool:
    """Whether File and Printer Sharing is bound to the connection (LanmanServer Bind)."""
    guid = adapter_guid(connection, adapters, configurations)
    return guid in {g.upper() for g in file_sharing}
