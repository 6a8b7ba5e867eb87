"""SP1's continuous replication host names: each is a cluster group of its own on its node, an IP
Address and a Network Name resource on the redundant network [S8][S15][S16]. The name is
operational while its node is up and that network's adapter is live; on 2008 a Network Name
created while NetBIOS is disabled on the adapter never comes online, even once NetBIOS is enabled
again: the group must be removed and created anew [S15] (ccr-domain 5, problem 13)."""

from __future__ import annotations

from ipaddress import IPv4Address

from .. import assumptions as A
from .. import network as net
from ..state import Adapter, ClusterGroup, ClusterResource, Host, LabState
from ..tools.cluster.setup import resource_id
from .model import Cms, ReplicationHostName

NETBIOS_DISABLED = 2


def adapter_for(state: LabState, host: Host, address: str) -> Adapter | None:
    """The host's connection on whose subnet `address` lies."""
    wanted = IPv4Address(address)
    return next((a for a in host.adapters if any(wanted in i.network for i in net.addresses(a))), None)


def create(state: LabState, cms: Cms, target: Host, name: str, address: str) -> None:
    """Enable-ContinuousReplicationHostName: the group and its resources (an earlier one of that name replaced)."""
    cluster = state.cluster
    remove(state, cms, name)
    adapter = adapter_for(state, target, address)
    interface = next(i for i in net.addresses(adapter) if IPv4Address(address) in i.network)
    group = A.REPLICATION_HOST_GROUP.format(name=name.upper())
    ip_name, nn_name = (pattern.format(address=address, name=name.upper()) for pattern in A.REPLICATION_HOST_RESOURCES)
    cluster.groups.append(ClusterGroup(name=group, owner=target.computer_name))
    private_ip = {"Address": address, "SubnetMask": str(interface.netmask), "Network": adapter.connection_name,
                  "EnableNetBIOS": 1}
    cluster.resources += [
        ClusterResource(name=ip_name, type="IP Address", group=group, id=resource_id(cluster.name, ip_name),
                        private=private_ip, loaded=dict(private_ip)),
        ClusterResource(name=nn_name, type="Network Name", group=group, id=resource_id(cluster.name, nn_name),
                        private={"Name": name.upper()}, loaded={"Name": name.upper()}, dependencies=[ip_name])]
    cluster.config_epoch += 1
    netbios_off = not state.is_2003 and adapter.netbios_options == NETBIOS_DISABLED
    cms.host_names.append(ReplicationHostName(node=target.name, name=name.upper(), address=address,
                                              netbios_failed=netbios_off))
    sync(state, cms)


def remove(state: LabState, cms: Cms, name: str) -> None:
    group = A.REPLICATION_HOST_GROUP.format(name=name.upper())
    cluster = state.cluster
    cluster.resources = [r for r in cluster.resources if r.group.lower() != group.lower()]
    cluster.groups = [g for g in cluster.groups if g.name.lower() != group.lower()]
    cms.host_names = [h for h in cms.host_names if h.name.upper() != name.upper()]


def live(state: LabState, entry: ReplicationHostName) -> bool:
    """Its node is up and the adapter of its subnet has its link."""
    host = state.host(entry.node)
    adapter = adapter_for(state, host, entry.address) if host is not None and host.up else None
    return adapter is not None and net.is_live(state, adapter)


def operational(state: LabState, entry: ReplicationHostName) -> bool:
    return live(state, entry) and not entry.netbios_failed


def sync(state: LabState, cms: Cms) -> None:
    """The resources follow: the IP Address while live, the Network Name while operational."""
    cluster = state.cluster
    for entry in cms.host_names:
        group = A.REPLICATION_HOST_GROUP.format(name=entry.name)
        for resource in cluster.resources_of(group):
            up = operational(state, entry) if resource.type == "Network Name" else live(state, entry)
            resource.state = "Online" if up else "Failed"
