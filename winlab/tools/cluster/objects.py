"""What cluster.exe does to nodes, groups, resources, networks and the quorum.

Rules from the sources: one Majority Node Set per cluster [S35]; Local Quorum cannot be
the quorum of a multi-node cluster, error 87 [S29]; the quorum resource cannot go offline
(5020) or be deleted (5068, an assumption); a resource is deleted only once it is offline
(5019, as MS-CMRP's ApiDeleteResource requires); private properties are read when the
resource next comes online [S69], so setting them on an online resource warns with 5024;
`group /move` without a node moves the group to another node [S68], at once (without
`/wait` cluster.exe would wait up to 20 s [S68]; no lab move takes that long). KB 921181
(or SP2) gives the Majority Node Set its file share witness properties [S22].
"""

from __future__ import annotations

from ... import assumptions as A
from ... import quorum
from ...context import HostContext
from ...state import Cluster, ClusterResource
from . import listings
from .errors import ClusterError, warning
from .options import Request, property_assignment
from .setup import resource_id

TYPES = {"windows-2003": ("IP Address", "Network Name", "Physical Disk", "File Share", "Generic Application",
                          "Generic Service", "Generic Script", "Local Quorum", "Majority Node Set", "DHCP Service",
                          "WINS Service", "Print Spooler", "Distributed Transaction Coordinator",
                          "Message Queuing", "Volume Shadow Copy Service Task"),
         "windows-2008": ("IP Address", "IPv6 Address", "Network Name", "Physical Disk", "File Server",
                          "File Share Witness", "Generic Application", "Generic Service", "Generic Script",
                          "DHCP Service", "WINS Service", "Print Spooler", "Distributed Transaction Coordinator")}
QUORUM_CAPABLE = (quorum.LOCAL_QUORUM, quorum.MNS, "Physical Disk", quorum.FILE_SHARE_WITNESS)
ONE_PER_CLUSTER = (quorum.LOCAL_QUORUM, quorum.MNS, "File Share Witness")


def resource(cluster: Cluster, name: str | None) -> ClusterResource:
    found = cluster.resource(name or "")
    if found is None:
        raise ClusterError(5007)
    return found


def one_resource(cluster: Cluster, found: ClusterResource, title: str) -> str:
    return title.format(name=found.name) + listings.resource_rows(cluster, [found])


def create_resource(ctx: HostContext, cluster: Cluster, request: Request) -> str:
    name, group, kind = request.name, request.value("group"), request.value("type")
    if not name or not group or not kind:
        raise ClusterError(87)
    if cluster.resource(name) is not None:
        raise ClusterError(5010)
    if cluster.group(group) is None:
        raise ClusterError(5013)
    kind = next((t for t in TYPES[ctx.platform] if t.lower() == kind.lower()), None)
    if kind is None:
        raise ClusterError(5078)
    if kind in ONE_PER_CLUSTER and any(r.type == kind for r in cluster.resources):
        raise ClusterError(5010)
    created = ClusterResource(name=name, type=kind, group=cluster.group(group).name, id=resource_id(cluster.name, name),
                              private=_default_private(ctx, cluster, kind))
    cluster.resources.append(created)
    return one_resource(cluster, created, A.RES_CREATE)


def _default_private(ctx: HostContext, cluster: Cluster, kind: str) -> dict[str, str | int]:
    if kind == quorum.FILE_SHARE_WITNESS:
        return {"SharePath": ""}
    if kind != quorum.MNS:
        return {}
    hosts = [ctx.state.host(n.name) for n in cluster.nodes]
    witness_ready = all(h is not None and ("KB921181" in h.hotfixes or h.os.service_pack >= 2) for h in hosts)
    return dict(A.MNS_PRIVATE_DEFAULTS) if witness_ready else {}


def set_online(ctx: HostContext, cluster: Cluster, request: Request) -> str:
    """A File Share Witness whose share the cluster's account cannot use fails to come online
    (the listing then shows Failed)."""
    found = resource(cluster, request.name)
    found.state, found.loaded = "Online", dict(found.private)
    if found.type == quorum.FILE_SHARE_WITNESS and not quorum.share_answers(
            ctx.state, str(found.private.get("SharePath", "")), quorum.witness_account(ctx.state, cluster)):
        found.state = "Failed"
    return one_resource(cluster, found, A.RES_ONLINE)


def set_offline(cluster: Cluster, request: Request) -> str:
    found = resource(cluster, request.name)
    if found.name == cluster.quorum_resource:
        raise ClusterError(5020)
    found.state = "Offline"
    return one_resource(cluster, found, A.RES_OFFLINE)


def delete(cluster: Cluster, request: Request) -> str:
    found = resource(cluster, request.name)
    if found.name == cluster.quorum_resource:
        raise ClusterError(A.ERROR_DELETE_QUORUM_RESOURCE)
    if found.name in ("Cluster IP Address", "Cluster Name"):
        raise ClusterError(5026)
    if found.state == "Online":
        raise ClusterError(5019)
    cluster.resources.remove(found)
    return A.RES_DELETE.format(name=found.name)


def private(cluster: Cluster, request: Request) -> tuple[str, str]:
    """List (no assignments) or set private properties; returns (stdout, stderr)."""
    found = resource(cluster, request.name)
    if not request.properties:
        return A.PRIV_TITLE.format(name=found.name) + listings.property_rows("Resource", found.name, found.private), ""
    for assignment in request.properties:
        name, value, form = property_assignment(assignment)
        if not name:
            raise ClusterError(87)
        current = found.private.get(name)
        found.private[_known(found.private, name)] = _typed(value, form, current)
    return "", warning(5024) if found.state == "Online" else ""


def _known(properties: dict, name: str) -> str:
    return next((k for k in properties if k.lower() == name.lower()), name)


def _typed(value: str, form: str | None, current) -> str | int:
    if form == "dword" or (form is None and isinstance(current, int)):
        try:
            return int(value, 16) if value.lower().startswith("0x") else int(value)
        except ValueError:
            raise ClusterError(87) from None
    return value


def set_quorum(ctx: HostContext, cluster: Cluster, name: str) -> str:
    found = resource(cluster, name)
    if ctx.is_2003 and found.type == quorum.FILE_SHARE_WITNESS:
        raise ClusterError(5021)
    if found.type not in QUORUM_CAPABLE:
        raise ClusterError(5021)
    if found.type == quorum.LOCAL_QUORUM and len(cluster.nodes) > 1:
        raise ClusterError(87)
    if found.state != "Online":
        raise ClusterError(A.ERROR_QUORUM_OFFLINE)
    cluster.quorum_resource = found.name
    return A.QUORUM_SET.format(name=found.name)


def move_group(ctx: HostContext, cluster: Cluster, request: Request) -> str:
    group = find_group(cluster, request.name)
    target = request.value("moveto")
    up = quorum.counting_partition(ctx.state, cluster)          # nodes whose cluster service takes part
    if target:
        node = cluster.node(target)
        if node is None:
            raise ClusterError(5042)
        if node.name not in up:
            raise ClusterError(5050)
        if node.paused:                 # a paused node takes no groups (ERROR_CLUSTER_NODE_PAUSED [C20])
            raise ClusterError(5070)
        destination = node.name
    else:
        others = [n for n in up if n.upper() != group.owner.upper() and not cluster.node(n).paused]
        if not others:
            raise ClusterError(5005)
        destination = others[0]
    group.owner = destination
    quorum.reload_group(cluster, group.name)
    return A.GROUP_MOVE.format(name=group.name) + listings.group_rows(cluster, [group])


def group_state(cluster: Cluster, request: Request, online: bool) -> str:
    group = find_group(cluster, request.name)
    members = cluster.resources_of(group.name)
    if not online and any(r.name == cluster.quorum_resource for r in members):
        raise ClusterError(5068)
    for member in members:
        member.state = "Online" if online else "Offline"
        if online:
            member.loaded = dict(member.private)
    title = A.GROUP_ONLINE if online else A.GROUP_OFFLINE
    return title.format(name=group.name) + listings.group_rows(cluster, [group])


def find_group(cluster: Cluster, name: str | None):
    group = cluster.group(name or "")
    if group is None:
        raise ClusterError(5013)
    return group


def network_properties(cluster: Cluster, request: Request) -> str:
    network = cluster.network_named(request.name or "")
    if network is None:
        raise ClusterError(5045)
    for assignment in request.properties:
        name, value, _ = property_assignment(assignment)
        if name.lower() != "role" or value not in ("0", "1", "2", "3"):
            raise ClusterError(87)
        network.role = int(value)
    if request.properties:
        return ""
    return A.PROP_TITLE.format(name=network.name) + listings.property_rows(
        "Network", network.name, listings.network_properties(network))


def set_network_priority(cluster: Cluster, value: str) -> str:
    """`/setnetpri:N1,N2`: every internal network, in the order wanted [S36]."""
    names = [n.strip().strip('"') for n in value.split(",") if n.strip()]
    networks = [cluster.network_named(n) for n in names]
    if any(n is None for n in networks):
        raise ClusterError(5045)
    internal = {n.name for n in cluster.networks if n.role in (1, 3)}
    if {n.name for n in networks} != internal or len(names) != len(internal):
        raise ClusterError(87)
    cluster.network_priority = [n.name for n in networks]
    return ""


def rename(cluster: Cluster, kind: str, name: str | None, new: str | None) -> str:
    """`/ren[ame]:NEW` of the cluster (kind None), a group, a resource or a network."""
    if not new:
        raise ClusterError(87)
    if kind is None:
        cluster.name = new.upper()
        core = cluster.resource("Cluster Name")
        if core is not None:
            core.private["Name"] = cluster.name
        return ""
    if kind == "group":
        group = find_group(cluster, name)
        if cluster.group(new) is not None:
            raise ClusterError(5010)
        for member in cluster.resources_of(group.name):
            member.group = new
        group.name = new
    elif kind == "resource":
        found = resource(cluster, name)
        if cluster.resource(new) is not None:
            raise ClusterError(5010)
        for other in cluster.resources:
            other.dependencies = [new if d == found.name else d for d in other.dependencies]
        if cluster.quorum_resource == found.name:
            cluster.quorum_resource = new
        found.name = new
    else:
        network = cluster.network_named(name or "")
        if network is None:
            raise ClusterError(5045)
        if cluster.network_named(new) is not None:
            raise ClusterError(5044)
        cluster.network_priority = [new if n == network.name else n for n in cluster.network_priority]
        network.name = new
    return ""


def evict(ctx: HostContext, cluster: Cluster, name: str) -> str:
    """Remove a node; its groups move to a remaining node. Evicting a node that is up also
    removes the cluster configuration from it [C16]. The last node cannot be evicted."""
    node = cluster.node(name)
    if len(cluster.nodes) == 1:
        raise ClusterError(A.EVICT_LAST_NODE)
    cluster.nodes.remove(node)
    remaining = [n.name for n in cluster.nodes]
    for group in cluster.groups:
        if group.owner.upper() == node.name.upper():
            group.owner = remaining[0]
    quorum.refresh(ctx.state)
    return A.EVICT_PROGRESS.format(node=node.name.upper())
