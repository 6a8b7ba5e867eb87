"""The WMI classes the lab answers, their instances computed from the host's state.

Win32_OperatingSystem, Win32_ComputerSystem, Win32_Processor, Win32_QuickFixEngineering,
Win32_NetworkAdapter and Win32_NetworkAdapterConfiguration, with the properties the
runbook and its probes read (and a few neighbours). The adapter classes share WMI's
Index: the RAS/WAN miniports first (IPEnabled FALSE), then the LAN connections.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from ... import assumptions as A
from ... import cluster_adapter, network
from ...identity import stable_guid
from ...context import HostContext
from ...state import Adapter
from ..hostname import host_name

Row = dict[str, Any]


@dataclass(frozen=True)
class WmiClass:
    name: str
    key: str                                    # property naming an instance in its path
    properties: tuple[str, ...]
    rows: Callable[[HostContext], list[Row]]
    brief: tuple[str, ...] = ()


def _os(ctx: HostContext) -> list[Row]:
    os, root = ctx.host.os, A.SYSTEM_ROOT[ctx.platform]
    return [{"BuildNumber": os.build, "Caption": os.caption, "CSDVersion": os.csd_version or None,
             "CSName": ctx.host.netbios, "LastBootUpTime": wmi_datetime(ctx.host.booted_at),
             "Manufacturer": "Microsoft Corporation",
             "Name": f"{os.caption.strip()}|{root}|\\Device\\Harddisk0\\Partition1", "OSType": 18,
             "OtherTypeDescription": os.other_type, "ProductType": 2 if ctx.host.domain_controller else 3,
             "ServicePackMajorVersion": os.service_pack, "ServicePackMinorVersion": 0,
             "SystemDirectory": root + "\\system32", "Version": os.version, "WindowsDirectory": root}]


def wmi_datetime(epoch: float) -> str:
    """CIM DATETIME, yyyymmddHHMMSS.mmmmmm+UUU (UUU: minutes from UTC; the lab's hosts run on UTC)."""
    moment = datetime.fromtimestamp(epoch, timezone.utc)
    return f"{moment:%Y%m%d%H%M%S}.{moment.microsecond:06d}{A.UTC_OFFSET_MINUTES:+04d}"


def _computer(ctx: HostContext) -> list[Row]:
    host = ctx.host
    domain = host.domain or (host.pending.domain if A.JOIN_SHOWN_BEFORE_RESTART else None)
    member = domain is not None
    role = 5 if host.domain_controller else (3 if member else 2)
    return [{"Caption": host.netbios, "Domain": domain or host.workgroup, "DomainRole": role,
             "Manufacturer": A.COMPUTER_MANUFACTURER, "Model": A.COMPUTER_MODEL, "Name": host.netbios,
             "PartOfDomain": member, "UserName": None, "Workgroup": None if member else host.workgroup}]


def _cpu(ctx: HostContext) -> list[Row]:
    """One processor. AddressWidth is the width the running Windows uses (32 for x86 Windows on
    an x64 processor) [S127]; Architecture is the processor's (9 x64, 0 x86)."""
    x64 = ctx.host.os.architecture == "x64"
    return [{"AddressWidth": 64 if x64 else 32, "Architecture": 9 if x64 else 0, "DataWidth": 64 if x64 else 32,
             "DeviceID": "CPU0", "Manufacturer": A.PROCESSOR_MANUFACTURER, "Name": A.PROCESSOR_NAME,
             "NumberOfCores": 1, "SystemName": ctx.host.netbios}]


def _qfe(ctx: HostContext) -> list[Row]:
    return [{"Caption": f"http://support.microsoft.com/?kbid={kb[2:]}", "CSName": ctx.host.netbios,
             "Description": "Update", "HotFixID": kb, "InstalledBy": "Administrator",
             "InstalledOn": None, "ServicePackInEffect": f"SP{ctx.host.os.service_pack + 1}"}
            for kb in ctx.host.hotfixes]


def _system_adapters(ctx: HostContext) -> list[tuple[int, str]]:
    return list(enumerate(A.SYSTEM_ADAPTERS[ctx.platform], start=1))


def _nic(ctx: HostContext) -> list[Row]:
    rows = [_nic_row(ctx, index, name, None) for index, name in _system_adapters(ctx)]
    rows += [_nic_row(ctx, a.index, a.description, a) for a in sorted(ctx.host.adapters, key=lambda a: a.index)]
    return rows + ([_netft_nic(ctx)] if cluster_adapter.present(ctx.state, ctx.host) else [])


def _netft_nic(ctx: HostContext) -> Row:
    index = cluster_adapter.index(ctx.host)
    return {"AdapterType": "Ethernet 802.3", "Caption": f"[{index:08d}] {A.NETFT_DESCRIPTION}",
            "Description": A.NETFT_DESCRIPTION, "DeviceID": str(index), "Index": index,
            "MACAddress": cluster_adapter.mac(ctx.state, ctx.host), "Manufacturer": "Microsoft",
            "Name": A.NETFT_DESCRIPTION, "NetConnectionID": A.NETFT_CONNECTION, "NetConnectionStatus": 2,
            "ProductName": A.NETFT_DESCRIPTION, "ServiceName": A.NETFT_SERVICE}


def _nic_row(ctx: HostContext, index: int, description: str, adapter: Adapter | None) -> Row:
    lan = adapter is not None
    connected = lan and network.is_live(ctx.state, adapter)
    return {"AdapterType": "Ethernet 802.3" if lan else "Wide Area Network (WAN)",
            "Caption": f"[{index:08d}] {description}", "Description": description, "DeviceID": str(index),
            "Index": index, "MACAddress": adapter.mac if lan else None,
            "Manufacturer": A.NIC_MANUFACTURER[ctx.platform] if lan else "Microsoft",
            "Name": description, "NetConnectionID": adapter.connection_name if lan else None,
            "NetConnectionStatus": (2 if connected else 7) if lan else None, "ProductName": description,
            "ServiceName": A.NIC_SERVICE[ctx.platform] if lan else None}


def _nicconfig(ctx: HostContext) -> list[Row]:
    rows = [_config_off(index, name, ctx) for index, name in _system_adapters(ctx)]
    rows += [_config_on(a, ctx) for a in sorted(ctx.host.adapters, key=lambda a: a.index)]
    return rows + ([_netft_config(ctx)] if cluster_adapter.present(ctx.state, ctx.host) else [])


def _netft_config(ctx: HostContext) -> Row:
    index, address = cluster_adapter.index(ctx.host), cluster_adapter.address(ctx.state, ctx.host)
    row = {p: None for p in NICCONFIG_PROPERTIES}
    row.update({"Caption": f"[{index:08d}] {A.NETFT_DESCRIPTION}", "Description": A.NETFT_DESCRIPTION,
                "DHCPEnabled": False, "DNSEnabledForWINSResolution": False, "DNSHostName": host_name(ctx.host),
                "DomainDNSRegistrationEnabled": False, "FullDNSRegistrationEnabled": False, "Index": index,
                "IPAddress": [str(address.ip)], "IPEnabled": True, "IPSubnet": [str(address.netmask)],
                "MACAddress": cluster_adapter.mac(ctx.state, ctx.host), "ServiceName": A.NETFT_SERVICE,
                "SettingID": cluster_adapter.guid(ctx.state, ctx.host), "TcpipNetbiosOptions": 0,
                "WINSEnableLMHostsLookup": ctx.host.lmhosts_lookup})
    return row


def _config_off(index: int, description: str, ctx: HostContext) -> Row:
    row = {p: None for p in NICCONFIG_PROPERTIES}
    row.update({"Caption": f"[{index:08d}] {description}", "Description": description, "DHCPEnabled": False,
                "Index": index, "IPEnabled": False,
                "SettingID": stable_guid(f"{ctx.state.environment}/{ctx.host.name.upper()}/wan/{index}")})
    return row


def _config_on(adapter: Adapter, ctx: HostContext) -> Row:
    host = ctx.host
    addresses = network.addresses_in_use(ctx.state, host, adapter) if network.is_live(ctx.state, adapter) else []
    gateways = network.gateways(adapter)
    wins = network.wins_servers(adapter)
    return {"Caption": f"[{adapter.index:08d}] {adapter.description}",
            "DefaultIPGateway": [str(g.address) for g in gateways] or None,
            "Description": adapter.description, "DHCPEnabled": adapter.dhcp,
            "DHCPServer": str(adapter.lease.server) if adapter.dhcp and adapter.lease else None,
            "DNSDomain": None, "DNSEnabledForWINSResolution": host.dns_for_wins,
            "DNSHostName": host_name(host), "DNSServerSearchOrder": [str(ip) for ip in network.dns_servers(adapter)] or None,
            "DomainDNSRegistrationEnabled": adapter.registration == "both",
            "FullDNSRegistrationEnabled": adapter.registration != "none",
            "GatewayCostMetric": [g.metric for g in gateways] or None, "Index": adapter.index,
            "IPAddress": [str(a.ip) for a in addresses] or None, "IPEnabled": True,
            "IPSubnet": [str(a.netmask) for a in addresses] or None, "MACAddress": adapter.mac,
            "ServiceName": A.NIC_SERVICE[ctx.platform], "SettingID": adapter.guid,
            "TcpipNetbiosOptions": adapter.netbios_options, "WINSEnableLMHostsLookup": host.lmhosts_lookup,
            "WINSPrimaryServer": str(wins[0]) if wins else None,
            "WINSSecondaryServer": str(wins[1]) if len(wins) > 1 else None}


NICCONFIG_PROPERTIES = (
    "Caption", "DefaultIPGateway", "Description", "DHCPEnabled", "DHCPServer", "DNSDomain",
    "DNSEnabledForWINSResolution", "DNSHostName", "DNSServerSearchOrder", "DomainDNSRegistrationEnabled",
    "FullDNSRegistrationEnabled", "GatewayCostMetric", "Index", "IPAddress", "IPEnabled", "IPSubnet",
    "MACAddress", "ServiceName", "SettingID", "TcpipNetbiosOptions", "WINSEnableLMHostsLookup",
    "WINSPrimaryServer", "WINSSecondaryServer")


OS = WmiClass("Win32_OperatingSystem", "Name", (
    "BuildNumber", "Caption", "CSDVersion", "CSName", "LastBootUpTime", "Manufacturer", "Name", "OSType",
    "OtherTypeDescription",
    "ProductType", "ServicePackMajorVersion", "ServicePackMinorVersion", "SystemDirectory", "Version",
    "WindowsDirectory"), _os, brief=("BuildNumber", "Caption", "Manufacturer", "Version", "WindowsDirectory"))
COMPUTER = WmiClass("Win32_ComputerSystem", "Name", (
    "Caption", "Domain", "DomainRole", "Manufacturer", "Model", "Name", "PartOfDomain", "UserName", "Workgroup"),
    _computer, brief=("Domain", "Manufacturer", "Model", "Name"))
CPU = WmiClass("Win32_Processor", "DeviceID", (
    "AddressWidth", "Architecture", "DataWidth", "DeviceID", "Manufacturer", "Name", "NumberOfCores", "SystemName"),
    _cpu, brief=("AddressWidth", "Architecture", "DeviceID", "Manufacturer", "Name"))
QFE = WmiClass("Win32_QuickFixEngineering", "HotFixID", (
    "Caption", "CSName", "Description", "HotFixID", "InstalledBy", "InstalledOn", "ServicePackInEffect"),
    _qfe, brief=("Description", "HotFixID", "InstalledBy", "InstalledOn"))
NIC = WmiClass("Win32_NetworkAdapter", "DeviceID", (
    "AdapterType", "Caption", "Description", "DeviceID", "Index", "MACAddress", "Manufacturer", "Name",
    "NetConnectionID", "NetConnectionStatus", "ProductName", "ServiceName"),
    _nic, brief=("AdapterType", "DeviceID", "MACAddress", "Name", "NetConnectionID"))
NICCONFIG = WmiClass("Win32_NetworkAdapterConfiguration", "Index", NICCONFIG_PROPERTIES, _nicconfig,
                     brief=("DHCPEnabled", "IPAddress", "DefaultIPGateway", "DNSDomain", "ServiceName",
                            "Description", "Index"))

CLASSES = {c.name.lower(): c for c in (OS, COMPUTER, CPU, QFE, NIC, NICCONFIG)}
ALIASES = {"os": OS, "computersystem": COMPUTER, "cpu": CPU, "qfe": QFE, "nic": NIC, "nicconfig": NICCONFIG}
