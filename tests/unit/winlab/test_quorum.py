"""Quorum votes and the cluster service (ccr-domain 4.3)."""

from ipaddress import IPv4Address, IPv4Network

import pytest

from winlab import quorum
from winlab.baseline import baseline
from winlab.state import Cluster, ClusterGroup, ClusterNetwork, ClusterNode, ClusterResource
from tests.unit.winlab.sites import topology, witness_share

WITNESS = r"\\E2K7HUB01\MNS_FSW_E2K7CLUS"


def clustered(lab_env, witness: bool, nodes=("E2K7Node1", "E2K7Node2")):
    state = baseline(topology(lab_env))
    share = {"MNSFileShare": WITNESS if witness else ""}
    state.cluster = Cluster(
        name="E2K7CLUS", address=IPv4Address("192.168.10.20"), subnet=IPv4Network("192.168.10.0/24"),
        network="Public", networks=[ClusterNetwork(name="Public", subnet=IPv4Network("192.168.10.0/24"))],
        nodes=[ClusterNode(name=n, id=i) for i, n in enumerate(nodes, start=1)],
        groups=[ClusterGroup(name="Cluster Group", owner=nodes[0])],
        resources=[ClusterResource(name="Majority Node Set", type="Majority Node Set", group="Cluster Group",
                                   state="Online", id="a", private=share, loaded=share)],
        quorum_resource="Majority Node Set")
    witness_share(state, "MNS_FSW_E2K7CLUS", r"C:\MNS_FSW_E2K7CLUS")
    return state


@pytest.mark.parametrize("node_a, node_b, witness_up, votes, running", [
    (True, True, True, (3, 3), True),        # 3/3
    (True, True, False, (2, 3), True),       # 2/3: no further failure tolerated
    (True, False, True, (2, 3), True),       # A holds the witness
    (True, False, False, (1, 3), False),     # 1/3: the cluster service stops
    (False, False, True, (1, 3), False),
])
def test_vote_table_with_file_share_witness(lab_env, node_a, node_b, witness_up, votes, running):
    state = clustered(lab_env, witness=True)
    state.hosts["E2K7Node1"].up, state.hosts["E2K7Node2"].up = node_a, node_b
    state.hosts["E2K7HUB01"].up = witness_up
    counted = quorum.votes(state, state.cluster)
    assert (counted.present, counted.total) == votes
    quorum.refresh(state)
    assert state.cluster.running is running


@pytest.mark.parametrize("node_a, node_b, running", [(True, True, True), (True, False, False),
                                                     (False, True, False)])
def test_two_nodes_without_witness_lose_quorum_on_any_failure(lab_env, node_a, node_b, running):
    state = clustered(lab_env, witness=False)
    state.hosts["E2K7Node1"].up, state.hosts["E2K7Node2"].up = node_a, node_b
    quorum.refresh(state)
    assert state.cluster.running is running
    assert quorum.votes(state, state.cluster).majority == 2


def test_one_node_runs_alone(lab_env):
    state = clustered(lab_env, witness=False, nodes=("E2K7Node1",))
    quorum.refresh(state)
    assert state.cluster.running


def test_majority_is_floor_half_plus_one():
    assert [quorum.Votes(0, total).majority for total in (1, 2, 3, 4, 5)] == [1, 2, 2, 3, 3]


def test_witness_counts_only_once_loaded(lab_env):
    """MNSFileShare is read when the resource comes online [S69]."""
    state = clustered(lab_env, witness=False)
    state.cluster.resources[0].private["MNSFileShare"] = WITNESS
    assert quorum.votes(state, state.cluster).total == 2
    quorum.reload_group(state.cluster, "Cluster Group")
    assert quorum.votes(state, state.cluster).total == 3


def test_witness_without_its_share_gives_no_vote(lab_env):
    state = clustered(lab_env, witness=True)
    state.hosts["E2K7HUB01"].shares.clear()
    votes = quorum.votes(state, state.cluster)
    assert (votes.present, votes.total, votes.witness_present) == (2, 3, False)


def test_local_quorum_runs_while_its_owner_is_up(lab_env):
    state = clustered(lab_env, witness=False, nodes=("E2K7Node1",))
    state.cluster.resources[0].type = "Local Quorum"
    state.hosts["E2K7Node1"].up = False
    quorum.refresh(state)
    assert not state.cluster.running


def test_groups_fail_over_to_a_surviving_node(lab_env):
    state = clustered(lab_env, witness=True)
    state.hosts["E2K7Node1"].up = False
    quorum.refresh(state)
    assert state.cluster.running and state.cluster.groups[0].owner == "E2K7Node2"
    assert quorum.node_state(state, state.cluster, "E2K7Node1") == "Down"
    assert quorum.node_state(state, state.cluster, "E2K7Node2") == "Up"
