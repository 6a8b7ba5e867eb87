"""Quorum (ccr-domain 4.3): whether the cluster service runs, re-evaluated after every change.

Nodes that are up talk to each other over the cluster networks whose role carries internal
traffic (1 private, 3 mixed [S38]) where both have a live connection: that is the
heartbeat, so with Private cut it goes over Public while Public is mixed. Nodes that cannot
reach each other form partitions; the partition with the most nodes (on a tie, the one
owning the quorum group, which wins the witness) is the one that counts. Its votes are
its nodes, plus the file share witness when the quorum resource has one configured
(`MNSFileShare`, read when the resource last came online [S69]) and its share answers.
The cluster runs while votes >= floor(total / 2) + 1, where total is the number of nodes,
plus one with a witness; nodes outside the counting partition stop their cluster service
(shown Down). A Local Quorum cluster runs while the node that owns the quorum resource is
up. When the cluster stops, cluster.exe on every node fails with 1722; when enough votes
return, the service starts again (its recovery action).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import assumptions as A
from . import network as net
from .state import Cluster, ClusterNetwork, ClusterResource, Host, LabState

INTERNAL_ROLES = (1, 3)             # roles that carry the cluster's own traffic [S38]

MNS, LOCAL_QUORUM, FILE_SHARE_WITNESS = "Majority Node Set", "Local Quorum", "File Share Witness"
WITNESS_PROPERTY = {MNS: "MNSFileShare", FILE_SHARE_WITNESS: "SharePath"}


@dataclass(frozen=True)
class Votes:
    present: int
    total: int
    witness: str | None = None          # UNC path of the file share witness, when configured
    witness_present: bool = False

    @property
    def majority(self) -> int:
        return self.total // 2 + 1

    @property
    def has_quorum(self) -> bool:
        return self.present >= self.majority


def node_is_up(state: LabState, name: str) -> bool:
    """The host is powered on and, when it is a cluster member, its Cluster service runs."""
    host = state.host(name)
    member = state.cluster.node(name) if state.cluster else None
    return host is not None and host.up and (member is None or member.service_running)


def quorum_resource(cluster: Cluster) -> ClusterResource | None:
    return cluster.resource(cluster.quorum_resource) if cluster.quorum_resource else None


def witness_share(cluster: Cluster) -> str | None:
    """The witness in effect: the witness resource's share as read when it came online."""
    witness = quorum_resource(cluster)
    if witness is None or cluster.quorum_resource is None:
        witness = next((r for r in cluster.resources if r.type == FILE_SHARE_WITNESS), None)
    if witness is None or witness.type not in WITNESS_PROPERTY:
        return None
    value = witness.loaded.get(WITNESS_PROPERTY[witness.type], "")
    return str(value) or None


def share_answers(state: LabState, unc: str) -> bool:
    """\\\\HOST\\SHARE exists and its host is up."""
    parts = unc.lstrip("\\").split("\\")
    if len(parts) < 2 or not unc.startswith("\\\\"):
        return False
    host = state.host(parts[0])
    return host is not None and host.up and any(s.name.lower() == parts[1].lower() for s in host.shares)


def votes(state: LabState, cluster: Cluster) -> Votes:
    resource = quorum_resource(cluster)
    if resource is not None and resource.type == LOCAL_QUORUM:
        owner = cluster.group(resource.group)
        return Votes(int(owner is not None and node_is_up(state, owner.owner)), 1)
    present = len(counting_partition(state, cluster))
    share = witness_share(cluster)
    if share is None:
        return Votes(present, len(cluster.nodes))
    answers = share_answers(state, share)
    return Votes(present + answers, len(cluster.nodes) + 1, share, answers)


def interface_live(state: LabState, host: Host, network: ClusterNetwork) -> bool:
    """The host's connection on the cluster network's subnet has its link up."""
    adapter = net.connection_on(host, network.subnet.network_address)
    return adapter is not None and net.is_live(state, adapter)


def heartbeat_networks(state: LabState, cluster: Cluster) -> list[ClusterNetwork]:
    """The internal networks on which at least two nodes that are up can talk."""
    up = [state.host(n.name) for n in cluster.nodes if node_is_up(state, n.name)]
    return [network for network in cluster.networks if network.role in INTERNAL_ROLES
            and sum(interface_live(state, host, network) for host in up) >= 2]


def heartbeat_only_networks(state: LabState, cluster: Cluster) -> list[ClusterNetwork]:
    """Cluster networks on a wire that only cluster nodes are plugged into (the private one)."""
    nodes = {state.host(n.name).name for n in cluster.nodes if state.host(n.name) is not None}
    found = []
    for network in cluster.networks:
        users = {h.name for h in state.hosts.values() for a in h.adapters
                 if any(network.subnet == i.network for i in net.addresses(a))}
        if users and users <= nodes:
            found.append(network)
    return found


def partitions(state: LabState, cluster: Cluster) -> list[list[str]]:
    """The nodes that are up, grouped by who can reach whom over the heartbeat networks."""
    groups: list[list[str]] = []
    for node in (n.name for n in cluster.nodes if node_is_up(state, n.name)):
        joined = [g for g in groups if any(_talk(state, cluster, node, other) for other in g)]
        merged = [node] + [name for g in joined for name in g]
        groups = [g for g in groups if g not in joined] + [merged]
    return groups


def counting_partition(state: LabState, cluster: Cluster) -> list[str]:
    """The partition whose votes count: the most nodes; on a tie the quorum group's owner's."""
    owner = cluster.group(quorum_resource(cluster).group).owner if quorum_resource(cluster) else None
    best = max(partitions(state, cluster), default=[],
               key=lambda g: (len(g), any(n.upper() == (owner or "").upper() for n in g)))
    return [n.name for n in cluster.nodes if n.name in best]         # in the cluster's order


def _talk(state: LabState, cluster: Cluster, one: str, other: str) -> bool:
    a, b = state.host(one), state.host(other)
    return any(interface_live(state, a, network) and interface_live(state, b, network)
               for network in cluster.networks if network.role in INTERNAL_ROLES)


def refresh(state: LabState) -> None:
    """Start or stop the cluster service by quorum; move groups off nodes that are down."""
    cluster = state.cluster
    if cluster is None:
        return
    was_running = cluster.running
    cluster.running = votes(state, cluster).has_quorum
    if not cluster.running:
        return
    survivors = counting_partition(state, cluster)
    for group in cluster.groups:
        if group.owner not in survivors and survivors:
            group.owner = survivors[0]
            reload_group(cluster, group.name)
        elif not was_running:
            reload_group(cluster, group.name)


def reload_group(cluster: Cluster, group: str) -> None:
    """Resources that come online read their private properties again."""
    for resource in cluster.resources_of(group):
        if resource.state == "Online":
            resource.loaded = dict(resource.private)


def node_state(state: LabState, cluster: Cluster, name: str) -> str:
    node = cluster.node(name)
    if not cluster.running or node is None or node.name not in counting_partition(state, cluster):
        return A.NODE_DOWN
    return A.NODE_PAUSED if node.paused else "Up"
