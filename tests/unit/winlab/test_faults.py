"""Failure drills: a node, the witness, the private network."""

from ipaddress import IPv4Address, IPv4Network

import pytest

from winlab import faults, network
from winlab.errors import WinLabError
from winlab.baseline import baseline
from winlab.state import Cluster, ClusterGroup, ClusterNetwork, ClusterNode, ClusterResource
from tests.unit.winlab.sites import topology


def two_node_cluster(lab_env):
    state = baseline(topology(lab_env))
    state.cluster = Cluster(
        name="E2K7CLUS", address=IPv4Address("192.168.10.20"), subnet=IPv4Network("192.168.10.0/24"),
        network="Public", networks=[ClusterNetwork(name="Public", subnet=IPv4Network("192.168.10.0/24"))],
        nodes=[ClusterNode(name="E2K7Node1", id=1), ClusterNode(name="E2K7Node2", id=2)],
        groups=[ClusterGroup(name="Cluster Group", owner="E2K7Node1")],
        resources=[ClusterResource(name="Majority Node Set", type="Majority Node Set", group="Cluster Group",
                                   state="Online", id="a")],
        quorum_resource="Majority Node Set")
    return state


def test_failing_a_node_without_witness_stops_the_cluster_and_healing_restarts_it(lab_env):
    state = two_node_cluster(lab_env)
    assert faults.fail(state, "e2k7node2") == "E2K7Node2 down"
    assert not state.hosts["E2K7Node2"].up and not state.cluster.running
    assert faults.heal(state, "E2K7Node2") == "E2K7Node2 up"
    assert state.hosts["E2K7Node2"].up and state.cluster.running
    assert state.hosts["E2K7Node2"].boots == 2


def test_failing_twice_says_so(lab_env):
    state = baseline(topology(lab_env))
    faults.fail(state, "E2K7Node1")
    assert faults.fail(state, "E2K7Node1") == "E2K7Node1 is already down"


def test_witness_names_the_witness_host(lab_env):
    state = baseline(topology(lab_env))
    faults.fail(state, "witness")
    assert not state.hosts["E2K7HUB01"].up
    faults.heal(state, "witness")
    assert state.hosts["E2K7HUB01"].up


def test_private_network_cut(lab_env):
    state = baseline(topology(lab_env))
    private = state.hosts["E2K7Node1"].adapters[1]
    faults.fail(state, "private-network")
    assert state.faults.cut == ["private"] and not network.is_live(state, private)
    assert network.is_live(state, state.hosts["E2K7Node1"].adapters[0])
    faults.heal(state, "private-network")
    assert not state.faults.cut and network.is_live(state, private)


def test_unknown_target_is_refused_with_the_choices(lab_env):
    with pytest.raises(WinLabError, match="unknown fault target 'E2K7Node3': use one of dc, witness, "
                                          "public-network, private-network, E2K7DC01, E2K7HUB01, E2K7Node1, "
                                          "E2K7Node2, secure-channel:<host>, network-role$"):
        faults.fail(baseline(topology(lab_env)), "E2K7Node3")
