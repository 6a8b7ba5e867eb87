"""Cluster vocabulary: nodes, resources, quorum, and the Cluster service (drills)."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from generator.probes import ClusterNodes, ClusterQuorum, ClusterResources, ProbeError

from .common import Mismatches


def _nodes(environment, read):
    params = environment.params
    return {n.name.upper(): n for n in read(params.nodes[0].name, ClusterNodes(params.cluster.name))}


@then(parsers.parse('the cluster lists the first node as "{status}"'))
def _(environment, read, status):
    first = environment.params.nodes[0].name
    node = _nodes(environment, read).get(first.upper())
    found = Mismatches()
    found.expect(first, f"state in cluster {environment.params.cluster.name}", status, node.status if node else "not a member")
    found.check()


@then(parsers.parse('the cluster lists every node of the environment as "{status}"'))
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


@then(parsers.parse('the resource "{resource}" is "{status}" in group "{group}"'))
def _(environment, read, resource, status, group):
    params = environment.params
    resources = {r.name: r for r in read(params.nodes[0].name, ClusterResources(params.cluster.name))}
    found = Mismatches()
    listed = resources.get(resource)
    found.expect(params.nodes[0].name, f"resource {resource!r}", f"{status} in {group}",
                 f"{listed.status} in {listed.group}" if listed else "missing")
    found.check()


@then(parsers.parse('the quorum resource of the cluster is "{resource}"'))
def _(environment, read, resource):
    params = environment.params
    quorum = read(params.nodes[0].name, ClusterQuorum(params.cluster.name))
    found = Mismatches()
    found.expect(params.nodes[0].name, f"quorum resource of {params.cluster.name}", resource, quorum.resource)
    found.check()


@then("the cluster does not answer on the first node")
def _(environment, target):
    params = environment.params
    try:
        nodes = ClusterNodes(params.cluster.name).read(target, params.nodes[0].name)
    except ProbeError:
        return
    raise AssertionError(f"{params.nodes[0].name}: cluster {params.cluster.name}: expected no answer (quorum lost), "
                         f"actual nodes {', '.join(f'{n.name} {n.status}' for n in nodes)}")


@when(parsers.parse("the Cluster service {action} on the second node"))
def _(environment, target, action):
    verb = {"stops": "stop", "starts": "start"}[action]
    host = environment.params.nodes[1].name
    result = target.run(host, f"net {verb} clussvc")
    assert result.ok, f"{host}: net {verb} clussvc exited {result.rc}: {(result.stderr or result.stdout).strip()}"
