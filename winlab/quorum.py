"""Quorum (ccr-domain 4.3): whether the cluster service runs, re-evaluated after every change.

Nodes that are up talk to each other over the cluster networks whose role carries internal
traffic (1 private, 3 mixed [S38]) where both have a live connection: that is the
heartbeat, so with Private cut it goes over Public while Public is mixed. Nodes that cannot
reach each other form partitions; the partition with the most nodes (on a tie, the one
owning the quorum group, which wins the witness) is the one that counts. Its votes are
its nodes, plus the file share witness when the quorum resource has one configured
(`MNSFileShare`, read when the resource last came online [S69]; on 2008 the File Share
Witness resource's `SharePath`) and its share answers: the witness host is up, the share
exists and the cluster's account (2003 the service account, 2008 the cluster's computer
account [S14][S42]) has Full Control on the share and on its folder.
The cluster runs while votes >= floor(total / 2) + 1, where total is the number of nodes,
plus one with a witness; nodes outside the counting partition stop their cluster service
(shown Down). A Local Quorum cluster runs while the node that owns the quorum resource is
up. When the cluster stops, cluster.exe on every node fails with 1722; when enough votes
return, the service starts again (its recovery action).

Partition in time [S22][S39]: every configuration change bumps `Cluster.config_epoch`; the
nodes of the running partition and the witness (a log file in its folder, as the real
witness keeps one) record it. The witness lends its vote only to a partition holding a node
as current as the witness, so a node that missed a change cannot form the cluster with the
witness alone. Forcing quorum (`net start clussvc /forcequorum` [S70], `/fq` [S72]) runs the
cluster on the forced nodes without a majority, marked forced, until a normal start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import assumptions as A
from . import network as net
from . import security
from .cmdshell.files import VirtualFileSystem
from .state import Cluster, ClusterNetwork, ClusterResource, Host, LabState, Share

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
    """The witness in effect: the quorum resource's share as read when it came online (2003 the
    Majority Node Set's MNSFileShare, 2008 a File Share Witness made the quorum with `/quorum:R`;
    one that is not the quorum does not vote)."""
    witness = quorum_resource(cluster)
    if witness is None or witness.type not in WITNESS_PROPERTY:
        return None
    value = witness.loaded.get(WITNESS_PROPERTY[witness.type], "")
    return str(value) or None


def witness_account(state: LabState, cluster: Cluster) -> str:
    """The account the witness must grant Full Control: 2003 the cluster service account, 2008 the
    cluster's computer account [S14][S42]."""
    if cluster.service_account:
        return security.resolve(state, cluster.service_account) or cluster.service_account
    return f"{state.domain.netbios}\\{cluster.name.upper()}$"


def share_answers(state: LabState, unc: str, account: str | None = None) -> bool:
    """\\\\HOST\\SHARE exists, its host is up, and `account` (when given) has Full Control on
    the share and its folder."""
    found = witness_folder(state, unc)
    if found is None:
        return False
    host, share = found
    return account is None or security.has_full_control(state, host, share, account)


def witness_folder(state: LabState, unc: str) -> tuple[Host, Share] | None:
    """The host and share a \\\\HOST\\SHARE path names, when the host is up and shares it."""
    parts = unc.lstrip("\\").split("\\")
    if len(parts) < 2 or not unc.startswith("\\\\"):
        return None
    host = state.host(parts[0])
    if host is None or not host.up:
        return None
    share = next((s for s in host.shares if s.name.lower() == parts[1].lower()), None)
    if share is None or not VirtualFileSystem(host.files, host.directories).is_dir(share.path):
        return None
    return host, share


def votes(state: LabState, cluster: Cluster) -> Votes:
    resource = quorum_resource(cluster)
    if resource is not None and resource.type == LOCAL_QUORUM:
        owner = cluster.group(resource.group)
        return Votes(int(owner is not None and node_is_up(state, owner.owner)), 1)
    partition = counting_partition(state, cluster)
    share = witness_share(cluster)
    if share is None:
        return Votes(len(partition), len(cluster.nodes))
    answers = witness_problem(state, cluster, partition) is None
    return Votes(len(partition) + answers, len(cluster.nodes) + 1, share, answers)


def witness_problem(state: LabState, cluster: Cluster, partition: list[str] | None = None) -> str | None:
    """Why the configured witness gives no vote now to `partition` (default: the counting one);
    None: it votes, or there is none."""
    unc = witness_share(cluster)
    if unc is None:
        return None
    parts = unc.lstrip("\\").split("\\")
    host = state.host(parts[0]) if unc.startswith("\\\\") and len(parts) >= 2 else None
    if host is None or not host.up:
        return "its host does not answer"
    found = witness_folder(state, unc)
    if found is None:
        return "no such share (or its folder is gone)"
    account = witness_account(state, cluster)
    if security.share_rights(state, found[1], account) != "FULL":
        return f"{account} lacks Full Control on the share"
    if security.folder_rights(state, found[0], found[1].path, account) != "F":
        return f"{account} lacks Full Control on the folder"
    if not current_enough(state, cluster, counting_partition(state, cluster) if partition is None else partition, unc):
        return "the nodes up missed a configuration change it recorded (partition in time)"
    return None


def current_enough(state: LabState, cluster: Cluster, partition: list[str], share: str) -> bool:
    """The partition holds a node that saw the configuration the witness last recorded."""
    newest = max((cluster.node(n).config_epoch for n in partition), default=-1)
    return newest >= witness_epoch(state, cluster, share)


def witness_log(state: LabState, cluster: Cluster, share: str) -> tuple[VirtualFileSystem, str] | None:
    found = witness_folder(state, share)
    if found is None:
        return None
    host, folder = found
    resource = quorum_resource(cluster) or next((r for r in cluster.resources if r.type == FILE_SHARE_WITNESS), None)
    name = A.WITNESS_LOG.format(id=resource.id if resource else cluster.name)
    return VirtualFileSystem(host.files, host.directories), folder.path.rstrip("\\") + "\\" + name


def witness_epoch(state: LabState, cluster: Cluster, share: str) -> int:
    """The configuration the witness last recorded (-1: none yet, any node will do)."""
    log = witness_log(state, cluster, share)
    text = log[0].read(log[1]) if log else None
    match = re.search(r"epoch=(\d+)", text or "")
    return int(match[1]) if match else -1


def record_configuration(state: LabState, cluster: Cluster) -> None:
    """The running partition (and the witness, when it answers) saw the current configuration."""
    partition = counting_partition(state, cluster)
    for name in partition:
        cluster.node(name).config_epoch = cluster.config_epoch
    share = witness_share(cluster)
    log = witness_log(state, cluster, share) if share else None
    if log and share_answers(state, share, witness_account(state, cluster)):
        log[0].write(log[1], f"cluster={cluster.name}\r\nepoch={cluster.config_epoch}\r\n")


def configuration(cluster: Cluster) -> dict:
    """What a change of configuration changes (not states, owners, nor who runs)."""
    return cluster.model_dump(include={"name", "networks", "network_priority", "quorum_resource", "properties",
                                       "private", "resources", "groups"},
                              exclude={"resources": {"__all__": {"state", "loaded"}},
                                       "groups": {"__all__": {"owner"}}}) | {
        "nodes": [n.name for n in cluster.nodes]}


def start_service(state: LabState, name: str, forced: list[str]) -> None:
    """`net start clussvc` on node `name`: normally (forced empty), or forcing quorum."""
    cluster = state.cluster
    node = cluster.node(name)
    node.service_running, node.forced = True, bool(forced)
    node.loaded = dict(cluster.private)                 # 2003 heartbeat properties: read at start
    if forced:
        cluster.config_epoch = node.config_epoch        # its configuration is the one that runs
    refresh(state)


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
    """The partition whose votes count: a forced one; else the most nodes; on a tie the quorum
    group's owner's."""
    owner = cluster.group(quorum_resource(cluster).group).owner if quorum_resource(cluster) else None
    best = max(partitions(state, cluster), default=[],
               key=lambda g: (any(cluster.node(n).forced for n in g), len(g),
                              any(n.upper() == (owner or "").upper() for n in g)))
    return [n.name for n in cluster.nodes if n.name in best]         # in the cluster's order


def _talk(state: LabState, cluster: Cluster, one: str, other: str) -> bool:
    a, b = state.host(one), state.host(other)
    return any(interface_live(state, a, network) and interface_live(state, b, network)
               for network in cluster.networks if network.role in INTERNAL_ROLES)


def refresh(state: LabState) -> None:
    """Start or stop the cluster service by quorum; move groups off nodes that are down; then let
    Exchange see what the cluster did (a failover of its clustered mailbox server)."""
    _refresh_cluster(state)
    if state.exchange is not None:
        from .exchange.clock import changed
        changed(state)


def _refresh_cluster(state: LabState) -> None:
    cluster = state.cluster
    if cluster is None:
        return
    _witness_health(state, cluster)
    was_running = cluster.running
    survivors = counting_partition(state, cluster)
    forced = any(cluster.node(n).forced for n in survivors)
    cluster.running = forced or votes(state, cluster).has_quorum
    if not cluster.running:
        return
    record_configuration(state, cluster)                # nodes that join take the running configuration
    for group in cluster.groups:
        if group.owner not in survivors and survivors:
            group.owner = survivors[0]
            reload_group(cluster, group.name)
        elif not was_running:
            reload_group(cluster, group.name)


def _witness_health(state: LabState, cluster: Cluster) -> None:
    """A 2008 File Share Witness resource fails while its share does not answer for the cluster's
    account, and comes back online when it does (its restart policy); one taken offline stays so."""
    for resource in cluster.resources:
        if resource.type == FILE_SHARE_WITNESS and resource.state != "Offline":
            unc = str(resource.loaded.get("SharePath", ""))
            resource.state = "Online" if share_answers(state, unc, witness_account(state, cluster)) else "Failed"


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
