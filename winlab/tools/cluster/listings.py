"""cluster.exe's status tables and property lists.

Confirmed layouts (ccr-domain 3.1-3.3, confirmations 5.4): `node` rows `%-14s %7d %s`,
`group` rows `%-20s %-15s %s`, `res` rows `%-20s %-20s %-15s %s`, a longer name printed
in full and followed by one space. Node and owner names are shown in upper case (NetBIOS
names). The `network`, `/priv`, `/prop` and `/quorum` layouts are expected shapes
(assumptions).
"""

from __future__ import annotations

from ... import assumptions as A
from ... import quorum
from ...context import HostContext
from ...state import Cluster, ClusterGroup, ClusterNetwork, ClusterResource

NODES_ALL = "Listing status for all available nodes:\r\n\r\n"
NODE_HEADER = "Node           Node ID Status\r\n-------------- ------- ---------------------\r\n"
GROUPS_ALL = "Listing status for all available resource groups:\r\n\r\n"
GROUP_HEADER = "Group                Node            Status\r\n-------------------- --------------- ------\r\n"
RESOURCES_ALL = "Listing status for all available resources:\r\n\r\n"
RESOURCE_HEADER = ("Resource             Group                Node            Status\r\n"
                   "-------------------- -------------------- --------------- ------\r\n")


def node_rows(ctx: HostContext, cluster: Cluster, names: list[str]) -> str:
    rows = ""
    for name in names:
        node = cluster.node(name)
        rows += f"{node.name.upper():<14} {node.id:>7} {quorum.node_state(ctx.state, cluster, name)}\r\n"
    return NODE_HEADER + rows


def group_state(cluster: Cluster, group: ClusterGroup) -> str:
    states = {r.state for r in cluster.resources_of(group.name)}
    if "Failed" in states:
        return "Failed"
    if states == {"Online"}:
        return "Online"
    return "Partially Online" if "Online" in states else "Offline"


def group_rows(cluster: Cluster, groups: list[ClusterGroup]) -> str:
    return GROUP_HEADER + "".join(
        f"{g.name:<20} {g.owner.upper():<15} {group_state(cluster, g)}\r\n" for g in groups)


def resource_rows(cluster: Cluster, resources: list[ClusterResource]) -> str:
    rows = ""
    for r in resources:
        owner = cluster.group(r.group).owner.upper()
        rows += f"{r.name:<20} {r.group:<20} {owner:<15} {r.state}\r\n"
    return RESOURCE_HEADER + rows


def network_state(ctx: HostContext, cluster: Cluster, network: ClusterNetwork) -> str:
    """Up while the up nodes' interfaces on it are connected; Down when all failed."""
    live = [quorum.interface_live(ctx.state, ctx.state.host(node.name), network)
            for node in cluster.nodes if quorum.node_is_up(ctx.state, node.name)]
    if not live:
        return A.NETWORK_UNAVAILABLE
    if all(live):
        return A.NETWORK_UP
    return A.NETWORK_PARTITIONED if any(live) else A.NETWORK_DOWN


def network_rows(ctx: HostContext, cluster: Cluster, networks: list[ClusterNetwork]) -> str:
    return A.NETWORK_HEADER + "".join(
        f"{n.name:<20} {network_state(ctx, cluster, n)}\r\n" for n in networks)


def interface_state(ctx: HostContext, cluster: Cluster, node: str, network: ClusterNetwork) -> str:
    """A node's interface on a network [C19]: Unavailable while the node is down, Failed when its
    link is down, Unreachable when it is up but no other node's live interface answers on it."""
    state = ctx.state
    if not quorum.node_is_up(state, node):
        return A.NETINT_UNAVAILABLE
    if not quorum.interface_live(state, state.host(node), network):
        return A.NETINT_FAILED
    peers = [n.name for n in cluster.nodes if n.name != node and quorum.node_is_up(state, n.name)]
    answering = [p for p in peers if quorum.interface_live(state, state.host(p), network)]
    return A.NETINT_UP if answering or not peers else A.NETINT_UNREACHABLE


def interface_rows(ctx: HostContext, cluster: Cluster, pairs: list[tuple[str, ClusterNetwork]]) -> str:
    return A.NETINT_HEADER + "".join(
        A.NETINT_ROW.format(node=node.upper(), network=network.name,
                            status=interface_state(ctx, cluster, node, network)) for node, network in pairs)


def property_rows(kind: str, owner: str, properties: dict[str, str | int]) -> str:
    rows = ""
    for name, value in properties.items():
        letter = "D" if isinstance(value, int) else "S"
        shown = A.DWORD_FORMAT.format(value=value) if isinstance(value, int) else value
        rows += f"{letter:<2} {owner:<20} {name:<30} {shown}\r\n"
    return A.PROPERTY_HEADER.format(kind=kind) + rows


def network_properties(network: ClusterNetwork) -> dict[str, str | int]:
    return {"Name": network.name, "Description": "", "Role": network.role,
            "Address": str(network.subnet.network_address), "AddressMask": str(network.subnet.netmask)}


def quorum_listing(ctx: HostContext, cluster: Cluster) -> str:
    resource = quorum.quorum_resource(cluster)
    if resource is None:
        return A.NODE_MAJORITY_2008
    if resource.type == quorum.FILE_SHARE_WITNESS:
        return A.FSW_MAJORITY_2008.format(name=resource.name, path=resource.loaded.get("SharePath", ""))
    root = A.SYSTEM_ROOT[ctx.platform]
    template = A.MNS_PATH if resource.type == quorum.MNS else A.LOCAL_QUORUM_PATH
    path = template.format(root=root, id=resource.id)
    return A.QUORUM_HEADER + f"{resource.name:<30} {path:<30} {A.QUORUM_MAX_LOG_SIZE}\r\n"


def network_priority(cluster: Cluster) -> str:
    return (A.NETPRI_TITLE.format(cluster=cluster.name.upper()) + A.NETPRI_HEADER
            + "".join(f"{name}\r\n" for name in cluster.network_priority))
