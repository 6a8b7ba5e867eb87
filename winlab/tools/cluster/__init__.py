"""cluster.exe: status listings, forming the cluster and the Majority Node Set quorum.

`cluster NAME node|group|res|network [OBJECT]` and `netint [/node:N /net:X]` list;
`/create`, `/add`, `res R /create`, `/online`, `/offline`, `/delete`, `/priv`,
`/quorum[:R]` (2008 also `/quorum /nodemajority`), `group G /move[:N]`, `network N /prop Role=n`,
`/ren[ame]`, `/listnetpri`, `/setnetpri`, and the cluster's own `/prop` and `/priv` (its heartbeat
tolerance) change the cluster. A change of configuration is recorded by the running nodes and the
witness (quorum.py: partition in time). NAME is the
cluster's name, a member node's name, or left out (`.`) for the local node's cluster.
With no cluster of that name, or while the cluster service is stopped for lack of
quorum, cluster.exe fails with 1722. Real options the lab does not emulate fail with 50.
"""

from __future__ import annotations

from ... import assumptions as A
from ...context import HostContext
from ...state import Cluster
from ...tooling import Invocation, Output
from ... import quorum
from . import listings, objects, properties, setup
from .errors import BadOption, ClusterError
from .options import Request, parse

NOT_EMULATED = ClusterError(A.ERROR_NOT_EMULATED)


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    try:
        request = parse(inv.args)
        before = _configuration(ctx)
        output = _dispatch(ctx, request)
        if _configuration(ctx) != before:           # a change every running node and the witness record
            ctx.state.cluster.config_epoch += 1
            quorum.record_configuration(ctx.state, ctx.state.cluster)
        return output
    except BadOption as error:
        return error.output()
    except ClusterError as error:
        return error.output()


def _configuration(ctx: HostContext) -> dict | None:
    return quorum.configuration(ctx.state.cluster) if ctx.state.cluster is not None else None


def connect(ctx: HostContext, name: str | None) -> Cluster:
    """The cluster `name` reaches: its own name, a member node's name, or the local node's."""
    cluster = ctx.state.cluster
    if name in (None, "."):
        if cluster is None or cluster.node(ctx.host.computer_name) is None:
            raise ClusterError(A.ERROR_NO_LOCAL_CLUSTER)
    elif cluster is None or (name.upper() != cluster.name.upper() and cluster.node(name) is None):
        raise ClusterError(1722)
    elif cluster.node(name) is not None and not ctx.state.host(name).up:
        raise ClusterError(1722)
    if not cluster.running:
        raise ClusterError(1722)
    return cluster


def _dispatch(ctx: HostContext, request: Request) -> Output:
    if request.object is None:
        return _cluster_options(ctx, request)
    handler = {"node": _node, "group": _group, "resource": _resource, "network": _network,
               "netinterface": _netinterface}.get(request.object)
    if handler is None:
        raise NOT_EMULATED
    cluster = connect(ctx, request.cluster)
    if request.object != "node" and request.has("rename") and _only(request, "rename"):
        return Output(0, objects.rename(cluster, request.object, request.name, request.value("rename")))
    return handler(ctx, request, cluster)


def _only(request: Request, *allowed: str) -> bool:
    """Every option given is among `allowed`."""
    return set(request.options) <= set(allowed)


def _cluster_options(ctx: HostContext, request: Request) -> Output:
    if ctx.is_2003 and request.has("nodes"):
        raise BadOption("/nodes")                   # a Windows 2008 option [S65]
    if request.has("create"):
        return Output(0, setup.create(ctx, request))
    cluster = connect(ctx, request.cluster)
    if request.has("addnodes") or (not ctx.is_2003 and request.has("nodes") and not request.has("create")):
        return Output(0, setup.add(ctx, request, cluster))
    if request.has("quorumresource") and _only(request, "quorumresource", "path", "maxlogsize"):
        name = request.value("quorumresource")
        return Output(0, objects.set_quorum(ctx, cluster, name) if name else listings.quorum_listing(ctx, cluster))
    if not ctx.is_2003 and request.has("quorumresource") and _only(request, "quorumresource", "nodemajority") \
            and not request.value("quorumresource"):
        cluster.quorum_resource = None                  # Node Majority [S78]
        return Output(0, "")
    for option in ("properties", "privproperties"):
        if request.has(option) and _only(request, option):
            return Output(0, properties.cluster_properties(ctx, cluster, request, option == "privproperties"))
    if request.has("listnetpriority") and _only(request, "listnetpriority"):
        return Output(0, listings.network_priority(cluster))
    if request.has("setnetpriority") and _only(request, "setnetpriority"):
        return Output(0, objects.set_network_priority(cluster, request.value("setnetpriority") or ""))
    if request.has("rename") and _only(request, "rename"):
        return Output(0, objects.rename(cluster, None, None, request.value("rename")))
    raise NOT_EMULATED if request.options else ClusterError(87)


def _node(ctx: HostContext, request: Request, cluster: Cluster) -> Output:
    names = [n.name for n in cluster.nodes]
    if request.name is not None:
        node = cluster.node(request.name)
        if node is None:
            raise ClusterError(5042)
        names = [node.name]
    if _only(request, "status"):
        title = A.NODE_ONE.format(name=names[0].upper()) if request.name else listings.NODES_ALL
        return Output(0, title + listings.node_rows(ctx, cluster, names))
    if request.name and (_only(request, "pause") or _only(request, "resume")):
        cluster.node(request.name).paused = request.has("pause")
        return Output(0, listings.node_rows(ctx, cluster, names))
    if request.name and request.has("evict") and _only(request, "evict", "wait"):
        return Output(0, objects.evict(ctx, cluster, request.name))
    raise NOT_EMULATED


def _group(ctx: HostContext, request: Request, cluster: Cluster) -> Output:
    if _only(request, "status"):
        if request.name is None:
            return Output(0, listings.GROUPS_ALL + listings.group_rows(cluster, cluster.groups))
        group = objects.find_group(cluster, request.name)
        return Output(0, A.GROUP_ONE.format(name=group.name) + listings.group_rows(cluster, [group]))
    if request.has("moveto") and _only(request, "moveto", "wait"):
        _check_wait(request)
        return Output(0, objects.move_group(ctx, cluster, request))
    for option, online in (("online", True), ("offline", False)):
        if request.has(option) and _only(request, option, "wait"):
            return Output(0, objects.group_state(cluster, request, online))
    raise NOT_EMULATED


def _resource(ctx: HostContext, request: Request, cluster: Cluster) -> Output:
    _check_wait(request)
    if _only(request, "status"):
        if request.name is None:
            return Output(0, listings.RESOURCES_ALL + listings.resource_rows(cluster, cluster.resources))
        return Output(0, objects.one_resource(cluster, objects.resource(cluster, request.name), A.RES_ONE))
    actions = (("create", ("create", "group", "type", "separate"), lambda: objects.create_resource(ctx, cluster, request)),
               ("online", ("online", "wait"), lambda: objects.set_online(ctx, cluster, request)),
               ("offline", ("offline", "wait"), lambda: objects.set_offline(cluster, request)),
               ("delete", ("delete",), lambda: objects.delete(cluster, request)))
    for option, allowed, action in actions:
        if request.has(option) and _only(request, *allowed):
            return Output(0, action())
    if request.has("privproperties") and _only(request, "privproperties"):
        stdout, stderr = objects.private(cluster, request)
        return Output(0, stdout, stderr)
    raise NOT_EMULATED


def _network(ctx: HostContext, request: Request, cluster: Cluster) -> Output:
    if _only(request, "status"):
        networks = cluster.networks
        if request.name is not None:
            found = cluster.network_named(request.name)
            if found is None:
                raise ClusterError(5045)
            networks = [found]
        title = A.NETWORK_ONE.format(name=networks[0].name) if request.name else A.NETWORK_ALL
        return Output(0, title + listings.network_rows(ctx, cluster, networks))
    if request.has("properties") and _only(request, "properties"):
        return Output(0, objects.network_properties(cluster, request))
    raise NOT_EMULATED


def _netinterface(ctx: HostContext, request: Request, cluster: Cluster) -> Output:
    """`netint` lists every interface; `/node:N /net[work]:X` (given together [C17]) one."""
    if request.name is not None or not _only(request, "status", "node", "network"):
        raise NOT_EMULATED if request.name is None else BadOption(request.name)
    node, network = request.value("node"), request.value("network")
    if (node is None) != (network is None):
        raise ClusterError(87)
    pairs = [(n.name, net) for n in cluster.nodes for net in cluster.networks]
    if node is not None:
        found = cluster.node(node)
        if found is None:
            raise ClusterError(5042)
        pairs = [(n, net) for n, net in pairs if n == found.name and net.name.lower() == network.lower()]
        if not pairs:
            raise ClusterError(5047)
        title = A.NETINT_ONE.format(node=found.name.upper(), network=pairs[0][1].name)
    else:
        title = A.NETINT_ALL
    return Output(0, title + listings.interface_rows(ctx, cluster, pairs))


def _check_wait(request: Request) -> None:
    """`/wait[:seconds]`: a number when given."""
    wait = request.value("wait")
    if wait and not wait.isdigit():
        raise BadOption(f"/wait:{wait}")
