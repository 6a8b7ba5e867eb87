"""The Microsoft Failover Cluster Virtual Adapter (NetFT) of a Windows Server 2008 cluster node.

Once a 2008 host is a cluster node, this hidden adapter exists and is first in the binding
order: the first connection in `Tcpip\\Linkage` Bind is the Failover Cluster Virtual
Adapter, with an APIPA address [askcore 2010, "Failover Clusters: Networking (Part 4)"].
The lab shows it where the runbook can trip over it: first in Linkage Bind/Export/Route,
and as an adapter of WMI (Win32_NetworkAdapter, Win32_NetworkAdapterConfiguration, so a
script can tell its GUID by its description). Not in ipconfig or netsh (a gap, listed on
the fidelity page), not in the GUI's binding list (hidden there: an assumption). The
`cluster-virtual-adapter` relaxation (topology.RELAXATIONS) leaves it out.
"""

from __future__ import annotations

import hashlib
from ipaddress import IPv4Interface

from . import assumptions as A
from .identity import stable_guid
from .state import Host, LabState


def present(state: LabState, host: Host) -> bool:
    cluster = state.cluster
    return (not state.is_2003 and cluster is not None and cluster.node(host.computer_name) is not None
            and not state.is_relaxed("cluster-virtual-adapter"))


def guid(state: LabState, host: Host) -> str:
    return stable_guid(f"{state.environment}/{host.name.upper()}/netft")


def index(host: Host) -> int:
    """Its WMI Index: after the LAN adapters."""
    return A.FIRST_LAN_INDEX + len(host.adapters)


def address(state: LabState, host: Host) -> IPv4Interface:
    digest = hashlib.sha256(guid(state, host).encode()).digest()
    return IPv4Interface(f"169.254.{1 + digest[0] % 254}.{1 + digest[1] % 254}/16")


def mac(state: LabState, host: Host) -> str:
    digest = hashlib.sha256(guid(state, host).encode()).digest()
    return A.NETFT_MAC_PREFIX + "".join(f":{b:02X}" for b in digest[:4])
