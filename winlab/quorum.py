"""Quorum (ccr-domain 4.3): whether the cluster service runs, re-evaluated after every change.

Votes are the nodes that are up, plus the file share witness when the quorum resource has
one configured (`MNSFileShare`, read when the resource last came online [S69]) and its
share answers. The cluster runs while votes >= floor(total / 2) + 1, where total is the
number of nodes, plus one with a witness. A Local Quorum cluster runs while the node that
owns the quorum resource is up. When the cluster stops, cluster.exe on every node fails
with 1722; when enough votes return, the service starts again (its recovery action).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import assumptions as A
from .state import Cluster, ClusterResource, LabState

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
    present = sum(node_is_up(state, n.name) for n in cluster.nodes)
    share = witness_share(cluster)
    if share is None:
        return Votes(present, len(cluster.nodes))
    answers = share_answers(state, share)
    return Votes(present + answers, len(cluster.nodes) + 1, share, answers)


def refresh(state: LabState) -> None:
    """Start or stop the cluster service by quorum; move groups off nodes that are down."""
    cluster = state.cluster
    if cluster is None:
        return
    was_running = cluster.running
    cluster.running = votes(state, cluster).has_quorum
    if not cluster.running:
        return
    survivors = [n.name for n in cluster.nodes if node_is_up(state, n.name)]
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
    if not cluster.running or node is None or not node_is_up(state, name):
        return A.NODE_DOWN
    return A.NODE_PAUSED if node.paused else "Up"
