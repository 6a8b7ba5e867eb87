"""Cluster vocabulary: nodes, resources, quorum, networks and their interfaces, and drills
(the Cluster service, moving a group).

After a drill (a @destructive scenario) the cluster needs a moment to lose or regain quorum,
so the steps that follow one poll (`generator.acceptance.vocabulary.poll`): they read again
until the expected state holds or the time is up, and then report the last reading.
"""

from __future__ import annotations

from pytest_bdd import then, when

from winprobes import (ClusterCommonProperties, ClusterError, ClusterGroups, ClusterNetInterfaces, ClusterNetworkPriority,
                       ClusterNetworks, ClusterNodes, ClusterPrivateProperties, ClusterQuorum, ClusterResources,
                       NetworkProperties, ResourcePrivateProperties)

from .drills import run_or_fail
from .vocabulary import Mismatches, poll, typed


def _nodes(environment, read):
    params = environment.params
    return {n.name.upper(): n for n in read(params.nodes[0].name, ClusterNodes(params.cluster.name))}


@then(typed('the cluster lists the {node:Ordinal} node as "{status:Status}"'))
def _(environment, read, node, status):
    first = environment.params.nodes[node].name
    node = _nodes(environment, read).get(first.upper())
    found = Mismatches()
    found.expect(first, f"state in cluster {environment.params.cluster.name}", status, node.status if node else "not a member")
    found.check()


def _every_node_is(environment, listed, status) -> Mismatches:
    found = Mismatches()
    for node in environment.params.nodes:
        member = listed.get(node.name.upper())
        found.expect(node.name, f"state in cluster {environment.params.cluster.name}", status,
                     member.status if member else "not a member")
    return found


@then(typed('the cluster lists every node of the environment as "{status:Status}"'))
def _(environment, read, target, request, status):
    if not request.node.get_closest_marker("destructive"):
        _every_node_is(environment, _nodes(environment, read), status).check()
        return
    params = environment.params

    def attempt():            # after a drill: read afresh until the cluster has settled
        try:
            nodes = ClusterNodes(params.cluster.name).read(target, params.nodes[0].name)
        except ClusterError as error:
            return str(error)
        found = _every_node_is(environment, {n.name.upper(): n for n in nodes}, status)
        return "; ".join(found.found) or None
    poll(attempt)


@then("the cluster has no other nodes")
def _(environment, read):
    extra = sorted(set(_nodes(environment, read)) - {n.name.upper() for n in environment.params.nodes})
    found = Mismatches()
    found.expect(environment.params.nodes[0].name, f"other nodes in {environment.params.cluster.name}", None, extra or None)
    found.check()


@then(typed('the resource "{resource}" is "{status:Status}" in group "{group}"'))
def _(environment, read, resource, status, group):
    params = environment.params
    resources = {r.name: r for r in read(params.nodes[0].name, ClusterResources(params.cluster.name))}
    found = Mismatches()
    listed = resources.get(resource)
    found.expect(params.nodes[0].name, f"resource {resource!r}", f"{status} in {group}",
                 f"{listed.status} in {listed.group}" if listed else "missing")
    found.check()


@then(typed('the "{resource}" resource has the environment\'s cluster address'))
def _(environment, read, resource):
    params = environment.params
    properties = read(params.nodes[0].name, ResourcePrivateProperties(params.cluster.name, resource))
    address = properties.get("Address")
    found = Mismatches()
    found.expect(params.nodes[0].name, f"Address of resource {resource!r}", str(params.cluster.address),
                 address.value if address else "missing")
    found.check()


@then(typed('the quorum resource of the cluster is "{resource}"'))
def _(environment, read, resource):
    params = environment.params
    quorum = read(params.nodes[0].name, ClusterQuorum(params.cluster.name))
    found = Mismatches()
    found.expect(params.nodes[0].name, f"quorum resource of {params.cluster.name}", resource, quorum.resource)
    found.check()


@then(typed("the cluster does not answer on the {node:Ordinal} node"))
def _(environment, target, node):
    params = environment.params
    host = params.nodes[node].name

    def attempt():            # quorum loss takes a moment: ask again until cluster.exe reports an error
        try:
            nodes = ClusterNodes(params.cluster.name).read(target, host)
        except ClusterError:
            return None
        return (f"{host}: cluster {params.cluster.name}: expected no answer (quorum lost), "
                f"actual nodes {', '.join(f'{n.name} {n.status}' for n in nodes)}")
    poll(attempt)


@when(typed("the Cluster service {action:Action} on the {node:Ordinal} node"))
def _(environment, target, undo, action, node):
    """A service stopped by a drill is started again when the scenario ends, whatever happened
    (`net start` of a running service fails harmlessly: 2182)."""
    verb = action
    host = environment.params.nodes[node].name
    if verb == "stop":
        undo(f"Cluster service on {host}", lambda: target.run(host, "net start clussvc"))
    run_or_fail(target, host, f"net {verb} clussvc")


@when(typed("quorum is forced on the {node:Ordinal} node"))
def _(environment, target, undo, node):
    """Stop the service (it may be stopped already: quorum lost), then start it forced: on 2003
    `/forcequorum NODE` [S70][S71], on 2008 `/fq` [S72]. The service control manager may report
    that the start failed [S70]: the steps after this one read the cluster instead. When the
    scenario ends the service restarts normally, so the node does not stay forced."""
    params = environment.params
    host = params.nodes[node].name
    undo(f"forced quorum on {host}", lambda: _restart(target, host))
    target.run(host, "net stop clussvc")
    target.run(host, f"net start clussvc /forcequorum {host}" if params.is_2003 else "net start clussvc /fq")


@when(typed("the Cluster service restarts normally on the {node:Ordinal} node"))
def _(environment, target, node):
    host = environment.params.nodes[node].name
    result = _restart(target, host)
    assert result.ok, f"{host}: net start clussvc exited {result.rc}: {(result.stderr or result.stdout).strip()}"


def _restart(target, host: str):
    target.run(host, "net stop clussvc")
    return target.run(host, "net start clussvc")


@then(typed('the cluster runs on the {node:Ordinal} node with the {other:Ordinal} node "{status:Status}"'))
def _(environment, target, node, other, status):
    """After a drill: the cluster answers on `node`, which is Up, and lists `other` as `status`."""
    params = environment.params
    host, peer = params.nodes[node].name, params.nodes[other].name

    def attempt():
        try:
            listed = {n.name.upper(): n.status for n in ClusterNodes(params.cluster.name).read(target, host)}
        except ClusterError as error:
            return f"{host}: cluster {params.cluster.name}: expected it to run, actual {error}"
        found = Mismatches()
        found.expect(host, f"state in cluster {params.cluster.name}", "Up", listed.get(host.upper(), "not a member"))
        found.expect(peer, f"state in cluster {params.cluster.name}", status, listed.get(peer.upper(), "not a member"))
        return "; ".join(found.found) or None
    poll(attempt)


@then(typed('the cluster has no resource "{resource}"'))
def _(environment, read, resource):
    params = environment.params
    names = [r.name for r in read(params.nodes[0].name, ClusterResources(params.cluster.name))]
    found = Mismatches()
    found.expect(params.nodes[0].name, f"resource {resource!r} in {params.cluster.name}", "absent",
                 "present" if resource.lower() in (n.lower() for n in names) else "absent")
    found.check()


@then(typed('the resource "{resource}" has the private property "{name}"'))
def _(environment, read, resource, name):
    """KB 921181 gives the Majority Node Set its MNSFileShare property (ccr-domain 5, problem 4)
    [S22]: without it, no file share witness can be set, whatever the update list says."""
    params = environment.params
    properties = read(params.nodes[0].name, ResourcePrivateProperties(params.cluster.name, resource))
    found = Mismatches()
    found.expect(params.nodes[0].name, f"private property {name} of resource {resource!r}", "present",
                 "present" if properties.get(name) else "absent")
    found.check()


@then(typed('the quorum model of the cluster is "{model}"'))
def _(environment, read, model):
    params = environment.params
    quorum = read(params.nodes[0].name, ClusterQuorum(params.cluster.name))
    found = Mismatches()
    found.expect(params.nodes[0].name, f"quorum model of {params.cluster.name}", model,
                 quorum.type or f"quorum resource {quorum.resource}")
    found.check()


def _networks(environment, read) -> dict[str, tuple[str, dict]]:
    """Cluster network name -> (status, its properties), from the first node."""
    params = environment.params
    host, cluster = params.nodes[0].name, params.cluster.name
    listed = read(host, ClusterNetworks(cluster))
    return {n.name: (n.status, read(host, NetworkProperties(cluster, n.name))) for n in listed}


def _network_on(environment, read, connection: str) -> tuple[str, str, dict] | None:
    """(name, status, properties) of the cluster network on the subnet of `connection`: found by
    its Address and AddressMask, so it does not matter what the network is called."""
    subnet = getattr(environment.params.nodes[0], connection.lower()).address.network
    for name, (status, properties) in _networks(environment, read).items():
        address, mask = properties.get("Address"), properties.get("AddressMask")
        if address and address.value == str(subnet.network_address) and (mask is None or mask.value == str(subnet.netmask)):
            return name, status, properties
    return None


@then(typed('the cluster network on the "{connection:Connection}" subnet has role {role:d}, {meaning}'))
def _(environment, read, connection, role, meaning):
    params = environment.params
    found = Mismatches()
    network = _network_on(environment, read, connection)
    subnet = getattr(params.nodes[0], connection.lower()).address.network
    actual = network[2].get("Role") if network else None
    found.expect(params.nodes[0].name, f"Role of the cluster network on {subnet} ({role}: {meaning})", role,
                 (actual.value if actual else "no Role property") if network else "no such cluster network")
    found.check()


@then(typed('the cluster network on the "{connection:Connection}" subnet is "{status:Status}"'))
def _(environment, read, connection, status):
    params = environment.params
    network = _network_on(environment, read, connection)
    subnet = getattr(params.nodes[0], connection.lower()).address.network
    found = Mismatches()
    found.expect(params.nodes[0].name, f"state of the cluster network on {subnet}", status,
                 network[1] if network else "no such cluster network")
    found.check()


@then(typed('every node has an "{status:Status}" interface on the cluster networks of '
            '"{first:Connection}" and "{second:Connection}"'))
def _(environment, read, status, first, second):
    params = environment.params
    interfaces = read(params.nodes[0].name, ClusterNetInterfaces(params.cluster.name))
    states = {(i.node.upper(), i.network): i.status for i in interfaces}
    found = Mismatches()
    for connection in (first, second):
        network = _network_on(environment, read, connection)
        for node in params.nodes:
            actual = states.get((node.name.upper(), network[0])) if network else None
            found.expect(node.name, f"interface on the {connection} cluster network", status,
                         actual or ("no such interface" if network else "no such cluster network"))
    found.check()


@when(typed('the group "{group}" moves to the {node:Ordinal} node'))
def _(environment, target, group, node):
    """`/move` without `/wait` waits 20 seconds for the group to come online [S68]."""
    params = environment.params
    host, destination = params.nodes[0].name, params.nodes[node].name
    result = target.run(host, f'cluster {params.cluster.name} group "{group}" /move:{destination}')
    assert result.ok, (f"{host}: cluster {params.cluster.name} group {group!r} /move:{destination} exited "
                       f"{result.rc}: {(result.stderr or result.stdout).strip()}")


@then(typed('the group "{group}" is "{status:Status}" on the {node:Ordinal} node'))
def _(environment, target, group, status, node):
    params = environment.params
    owner = params.nodes[node].name

    def attempt():            # after a move: read afresh until the group has settled
        try:
            [listed] = ClusterGroups(params.cluster.name, group).read(target, params.nodes[0].name)
        except (ClusterError, ValueError) as error:
            return f"{params.nodes[0].name}: group {group!r}: {error}"
        if listed.node.upper() == owner.upper() and listed.status == status:
            return None
        return (f"{params.nodes[0].name}: group {group!r}: expected {status} on {owner}, "
                f"actual {listed.status} on {listed.node}")
    poll(attempt)


def _network_of(environment, read, connection: str) -> str | None:
    network = _network_on(environment, read, connection)
    return network[0] if network else None


@when(typed('the cluster\'s network priority changes to "{first:Connection}" first on the {node:Ordinal} node'))
def _(environment, target, read, undo, first, node):
    """A configuration change (a drill's): the internal networks' order turned round with
    `/setnetpri` [S36]; put back, Private first, when the scenario ends."""
    params = environment.params
    host = params.nodes[node].name
    def setnetpri(*connections: str) -> str:
        names = [_network_of(environment, read, connection) for connection in connections]
        return f'cluster {params.cluster.name} /setnetpri:' + ",".join(f'"{n}"' for n in names)
    changed = setnetpri(first, "Private" if first == "Public" else "Public")
    planned = setnetpri("Private", "Public")
    undo(f"network priority of {params.cluster.name}", lambda: target.run(params.nodes[0].name, planned))
    run_or_fail(target, host, changed)


@then(typed('the cluster\'s network priority puts the "{first:Connection}" subnet\'s network first, '
            'then the "{second:Connection}" one'))
def _(environment, read, first, second):
    """`/listnetpri`: the internal networks, highest priority first [S36]."""
    params = environment.params
    wanted = [_network_of(environment, read, first), _network_of(environment, read, second)]
    listed = list(read(params.nodes[0].name, ClusterNetworkPriority(params.cluster.name)))
    found = Mismatches()
    found.expect(params.nodes[0].name, f"network priority of {params.cluster.name}",
                 ", ".join(str(n) for n in wanted), ", ".join(listed) or "none")
    found.check()


@then(typed('the cluster\'s {kind:PropertyKind} "{name}" is the environment\'s {setting:Heartbeat}'))
def _(environment, read, kind, name, setting):
    """The heartbeat tolerance [S13][S80]: 2003 private properties, 2008 common properties."""
    params = environment.params
    probe = ClusterPrivateProperties if kind == "private property" else ClusterCommonProperties
    properties = read(params.nodes[0].name, probe(params.cluster.name))
    value = properties.get(name)
    found = Mismatches()
    found.expect(params.nodes[0].name, f"{kind} {name} of {params.cluster.name}",
                 str(getattr(params.cluster.heartbeat, setting)), _number(value.value) if value else "not set")
    found.check()


def _number(value) -> str:
    """`10 (0xa)` or 10 -> `10`: cluster.exe shows a DWORD in decimal, then in hex (ccr-domain 3.4)."""
    return str(value).split(" ", 1)[0]


@when(typed('the "{connection:Connection}" network is cut'))
def _(lab_faults, undo, connection):
    """The lab's fault: the wire of that network is cut (a pulled cable on a real cluster)."""
    fault = f"{connection.lower()}-network"
    undo(f"the {connection} network", lambda: lab_faults.heal(fault))
    lab_faults.fail(fault)


@when(typed('the "{connection:Connection}" network is restored'))
def _(lab_faults, connection):
    lab_faults.heal(f"{connection.lower()}-network")


@then(typed('every node\'s interface on the cluster network of "{connection:Connection}" is "{status:Status}"'))
def _(environment, target, read, connection, status):
    """Polled: the cluster notices a cut network after its missed heartbeats."""
    params = environment.params
    network = _network_of(environment, read, connection)

    def attempt():
        try:
            interfaces = ClusterNetInterfaces(params.cluster.name).read(target, params.nodes[0].name)
        except ClusterError as error:
            return f"{params.nodes[0].name}: cluster {params.cluster.name}: {error}"
        states = {(i.node.upper(), i.network): i.status for i in interfaces}
        found = Mismatches()
        for node in params.nodes:
            found.expect(node.name, f"interface on the {connection} cluster network", status,
                         states.get((node.name.upper(), network), "no such interface"))
        return "; ".join(found.found) or None
    poll(attempt)
