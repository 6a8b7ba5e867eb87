"""Cluster vocabulary: nodes, resources, quorum, and the Cluster service (drills)."""

from __future__ import annotations

from pytest_bdd import then, when

from generator.probes import ClusterNodes, ClusterQuorum, ClusterResources, ProbeError

from .common import Mismatches, typed


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


@then(typed('the cluster lists every node of the environment as "{status:Status}"'))
def _(environment, read, status):
    listed = _nodes(environment, read)
    found = Mismatches()
    for node in environment.params.nodes:
        member = listed.get(node.name.upper())
        found.expect(node.name, f"state in cluster {environment.params.cluster.name}", status,
                     member.status if member else "not a member")
    found.check()


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
    try:
        nodes = ClusterNodes(params.cluster.name).read(target, host)
    except ProbeError:
        return
    raise AssertionError(f"{host}: cluster {params.cluster.name}: expected no answer (quorum lost), "
                         f"actual nodes {', '.join(f'{n.name} {n.status}' for n in nodes)}")


@when(typed("the Cluster service {action:Action} on the {node:Ordinal} node"))
def _(environment, target, action, node):
    verb = action
    host = environment.params.nodes[node].name
    result = target.run(host, f"net {verb} clussvc")
    assert result.ok, f"{host}: net {verb} clussvc exited {result.rc}: {(result.stderr or result.stdout).strip()}"
