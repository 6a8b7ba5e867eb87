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
    with pytest.raises(WinLabError, match="unknown fault target 'E2K7Node3': use one of dc, hub-transport, witness, "
                                          "public-network, private-network, E2K7DC01, E2K7HUB01, E2K7Node1, "
                                          "E2K7Node2, secure-channel:<host>, network-role, cms-active-node, "
                                          "replication-service, copy-queue, failed-copy, "
                                          "failed-copy:<storage group>$"):
        faults.fail(baseline(topology(lab_env)), "E2K7Node3")


def test_secure_channel_targets_a_host(lab_env):
    state = baseline(topology(lab_env))
    assert faults.fail(state, "secure-channel:e2k7node2") == "secure channel of E2K7Node2 broken"
    assert faults.fail(state, "secure-channel:witness") == "secure channel of E2K7HUB01 broken"
    assert state.faults.secure_channel == ["E2K7Node2", "E2K7HUB01"]
    with pytest.raises(WinLabError, match="unknown fault target 'E2K7Node7'"):
        faults.fail(state, "secure-channel:E2K7Node7")
    assert faults.heal(state, "secure-channel:E2K7Node2") == "secure channel of E2K7Node2 repaired"
    assert faults.heal(state, "secure-channel:E2K7Node2") == "the secure channel of E2K7Node2 is already sound"


def test_powering_a_host_off_cancels_its_restart_and_on_applies_what_was_pending(lab_env):
    from winlab import restarts
    state = baseline(topology(lab_env))
    node = state.hosts["E2K7Node1"]
    node.pending.domain = "e2k7.local"
    restarts.schedule(node, 20, now=100.0, timing=restarts.RestartTiming(20, 5))
    faults.fail(state, "E2K7Node1", now=101.0)
    assert not node.up and node.restart is None
    restarts.advance(state, 1000.0)
    assert not node.up                                  # off stays off
    faults.heal(state, "E2K7Node1", now=2000.0)
    assert (node.up, node.domain, node.boots, node.booted_at) == (True, "e2k7.local", 2, 2000.0)


def test_healing_a_network_role_that_was_never_broken_restores_nothing(lab_env):
    state = two_node_cluster(lab_env)
    assert faults.heal(state, "network-role") == "cluster network roles restored: none"
