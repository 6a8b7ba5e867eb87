"""net start/stop clussvc: a node leaving and rejoining, and what quorum makes of it."""

import pytest

from tests.inprocess import converge, lab_target
from tests.unit.winlab.test_end_to_end import PASSWORD

BEFORE_WITNESS = ["prerequisites", "network-settings", "join-domain", "create-cluster", "add-second-node"]


@pytest.fixture
def cluster(project, lab_env, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path))
    monkeypatch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", PASSWORD)
    with lab_target(project, lab_env) as target:
        converge(target, lab_env, BEFORE_WITNESS)        # two nodes, no file share witness yet
        yield target.lab


def test_stopping_one_of_two_nodes_without_witness_stops_the_cluster(cluster):
    stopped = cluster.execute("E2K7Node2", "net stop clussvc")
    assert stopped.rc == 0 and "was stopped successfully" in stopped.stdout
    survivor = cluster.execute("E2K7Node1", "cluster E2K7CLUS node")
    assert survivor.rc == 1722 and "The RPC server is unavailable." in survivor.stderr
    started = cluster.execute("E2K7Node2", "net start clussvc")
    assert started.rc == 0 and "was started successfully" in started.stdout
    listing = cluster.execute("E2K7Node1", "cluster E2K7CLUS node")
    assert listing.rc == 0 and listing.stdout.count(" Up\r\n") == 2


def test_net_refuses_what_windows_refuses(cluster):
    again = cluster.execute("E2K7Node1", "net start clussvc")
    assert again.rc == 2 and "NET HELPMSG 2182" in again.stderr
    assert cluster.execute("E2K7Node1", "net stop nosuchservice").rc == 2
    assert cluster.execute("E2K7DC01", "net stop clussvc").rc == 2        # not a cluster node
    assert cluster.execute("E2K7Node1", "net frobnicate").rc == 1


def test_evicting_the_second_node_leaves_a_one_node_cluster(cluster):
    evicted = cluster.execute("E2K7Node1", "cluster E2K7CLUS node E2K7Node2 /evict")
    assert evicted.rc == 0 and "Evicting node 'E2K7NODE2'" in evicted.stdout
    listing = cluster.execute("E2K7Node1", "cluster E2K7CLUS node")
    assert listing.rc == 0 and "E2K7NODE2" not in listing.stdout and "E2K7NODE1            1 Up" in listing.stdout
    last = cluster.execute("E2K7Node1", "cluster E2K7CLUS node E2K7Node1 /evict")
    assert last.rc == 5005 and "System error 5005 has occurred" in last.stderr
    assert cluster.execute("E2K7Node1", "cluster E2K7CLUS node E2K7Node2 /evict").rc == 5042


def test_shutdown_restart_boots_the_host(cluster):
    before = cluster.status().as_dict()["hosts"]["E2K7Node1"]["boots"]
    assert cluster.execute("E2K7Node1", "shutdown /r /t 20").rc == 0
    assert cluster.status().as_dict()["hosts"]["E2K7Node1"]["boots"] == before + 1
    assert cluster.execute("E2K7Node1", "shutdown -r -t 5").rc == 0
    wrong = cluster.execute("E2K7Node1", "shutdown /x")
    assert wrong.rc == 1 and "Usage: shutdown" in wrong.stderr
