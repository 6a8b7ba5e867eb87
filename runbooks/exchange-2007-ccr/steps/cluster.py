"""Cluster vocabulary: nodes, resources, quorum, and the Cluster service (drills).

After a drill (a @destructive scenario) the cluster needs a moment to lose or regain quorum,
so the steps that follow one poll (`generator.acceptance.vocabulary.poll`): they read again
until the expected state holds or the time is up, and then report the last reading.
"""

from __future__ import annotations

from pytest_bdd import then, when

from winprobes import ClusterError, ClusterNodes, ClusterQuorum, ClusterResources, ResourcePrivateProperties

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
def _(environment, target, action, node):
    verb = action
    host = environment.params.nodes[node].name
    result = target.run(host, f"net {verb} clussvc")
    assert result.ok, f"{host}: net {verb} clussvc exited {result.rc}: {(result.stderr or result.stdout).strip()}"
