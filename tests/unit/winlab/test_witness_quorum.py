"""The file share witness in the quorum: its permissions, partition in time, forcing quorum, the
heartbeat tolerance properties and the 2008 Node and File Share Majority quorum."""

import pytest

from winlab import faults, quorum, security
from winlab.cmdshell.files import VirtualFileSystem
from winlab.context import HostContext
from winlab.tooling import Invocation
from winlab.state import Ace
from winlab.tools import icacls, net
from tests.unit.winlab.sites import witness_share
from tests.unit.winlab.test_cluster import MNS, call, cluster, prepared, two_nodes

UNC = r"\\E2K7HUB01\FSW"


def with_witness(state, **grant):
    """MNSFileShare set and read (Cluster Group moved there and back), the share granted as asked."""
    witness_share(state, "FSW", r"C:\FSW", **grant)
    assert cluster(state, f"E2K7CLUS res {MNS} /priv MNSFileShare={UNC}").rc == 0
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node2').rc == 0
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node1').rc == 0
    return state


def service(state, host, args):
    return call(net.run, state, args, host)


def test_the_witness_keeps_one_node_running_only_with_full_control(lab_env):
    state = with_witness(two_nodes(lab_env))
    assert service(state, "E2K7Node2", "stop clussvc").rc == 0
    assert state.cluster.running and quorum.votes(state, state.cluster).witness_present
    hub = state.host("E2K7HUB01")
    hub.shares[0].grants = {"Everyone": "READ"}                       # net share without /GRANT
    quorum.refresh(state)
    assert not state.cluster.running and cluster(state, "E2K7CLUS node").rc == 1722
    hub.shares[0].grants = {"E2K7\\Administrator": "FULL"}
    security.set_folder_acl(hub, r"C:\FSW", [Ace(account="BUILTIN\\Users", rights="R", flags=["OI", "CI"])])
    quorum.refresh(state)
    assert not state.cluster.running                                   # the folder's ACL lacks the account
    security.set_folder_acl(hub, r"C:\FSW", [Ace(account="BUILTIN\\Administrators", rights="F")])
    quorum.refresh(state)
    assert state.cluster.running                                       # a domain admin: through Administrators


def test_a_wrong_witness_path_gives_no_vote(lab_env):
    state = two_nodes(lab_env)
    witness_share(state, "FSW", r"C:\FSW")
    assert cluster(state, f"E2K7CLUS res {MNS} /priv MNSFileShare=\\\\E2K7HUB01\\FSW_TYPO").rc == 0
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node2').rc == 0
    service(state, "E2K7Node1", "stop clussvc")
    assert not state.cluster.running


def test_partition_in_time_needs_force_quorum(lab_env):
    """B misses a change; A dies; B and the witness alone must not form the cluster [S22][S39]."""
    state = with_witness(two_nodes(lab_env))
    assert service(state, "E2K7Node2", "stop clussvc").rc == 0
    assert cluster(state, 'E2K7CLUS network "Public" /prop Role=3').rc == 0    # no change: same role
    assert cluster(state, 'E2K7CLUS network "Private" /prop Role=1').rc == 0   # a change B misses
    assert state.cluster.node("E2K7Node2").config_epoch < state.cluster.config_epoch
    faults.fail(state, "E2K7Node1")
    assert service(state, "E2K7Node2", "start clussvc").rc == 0
    assert not state.cluster.running                                   # stale: the witness refuses its vote
    assert cluster(state, "E2K7CLUS node", host="E2K7Node2").rc == 1722
    again = service(state, "E2K7Node2", "start clussvc /forcequorum E2K7Node2")
    assert again.rc == 2 and "NET HELPMSG 2182" in again.stderr        # it must be stopped first
    service(state, "E2K7Node2", "stop clussvc")
    forced = service(state, "E2K7Node2", "start clussvc /forcequorum E2K7Node2")
    assert forced.rc == 0 and state.cluster.running and state.cluster.node("E2K7Node2").forced
    listing = cluster(state, "E2K7CLUS node", host="E2K7Node2").stdout
    assert "E2K7NODE2            2 Up\r\n" in listing and "E2K7NODE1            1 Down\r\n" in listing
    faults.heal(state, "E2K7Node1")                                    # A comes back and joins
    service(state, "E2K7Node2", "stop clussvc")
    assert state.cluster.running                                       # A and the witness: 2 of 3
    assert service(state, "E2K7Node2", "start clussvc").rc == 0
    assert not state.cluster.node("E2K7Node2").forced


def test_losing_a_node_and_the_witness_stops_the_cluster_until_forced(lab_env):
    state = with_witness(two_nodes(lab_env))
    service(state, "E2K7Node2", "stop clussvc")
    faults.fail(state, "E2K7HUB01")
    assert not state.cluster.running
    for host in ("E2K7Node1", "E2K7Node2"):
        assert cluster(state, "E2K7CLUS node", host=host).rc == 1722
    service(state, "E2K7Node1", "stop clussvc")
    assert service(state, "E2K7Node1", "start clussvc /fq").rc == 2     # a 2008 switch: 2003 does not start
    assert service(state, "E2K7Node1", "start clussvc /forcequorum E2K7Nobody").rc == 2
    assert service(state, "E2K7Node1", "start clussvc /forcequorum E2K7Node1").rc == 0
    assert state.cluster.running


def test_2003_heartbeat_properties_take_effect_at_the_next_service_start(lab_env):
    state = two_nodes(lab_env)
    assert cluster(state, "E2K7CLUS /priv").stdout == (
        "Listing private properties for 'E2K7CLUS':\r\n\r\n"
        "T  Cluster              Name                           Value\r\n"
        "-- -------------------- ------------------------------ -----------------------\r\n"
        "D  E2K7CLUS             HeartBeatLostInterfaceTicks    4 (0x4)\r\n"
        "D  E2K7CLUS             HeartBeatLostNodeTicks         6 (0x6)\r\n")
    assert cluster(state, "E2K7CLUS /priv HeartBeatLostNodeTicks=10:DWORD").rc == 0
    assert cluster(state, "E2K7CLUS /priv HeartbeatLostNodeTick=10").rc == 87        # misspelt
    assert "HeartBeatLostNodeTicks         10 (0xa)" in cluster(state, "E2K7CLUS /priv").stdout
    assert state.cluster.node("E2K7Node2").loaded.get("HeartBeatLostNodeTicks") is None
    service(state, "E2K7Node2", "stop clussvc")
    service(state, "E2K7Node2", "start clussvc")
    assert state.cluster.node("E2K7Node2").loaded["HeartBeatLostNodeTicks"] == 10
    assert cluster(state, "E2K7CLUS /prop SameSubnetThreshold=10").rc == 87           # a 2008 property


def two_nodes_2008(environment):
    state = prepared(environment)
    assert cluster(state, '/cluster:E2K7CLUS /create /nodes:"E2K7Node1 E2K7Node2" '
                          '/ipaddr:192.168.10.20/255.255.255.0').rc == 0
    return state


@pytest.mark.parametrize("args, code", [("SameSubnetDelay=2000", 0), ("SameSubnetDelay=2001", 87),
                                        ("CrossSubnetDelay=4000", 0), ("SameSubnetThreshold=2", 87),
                                        ("CrossSubnetThreshold=10", 0), ("HeartBeatLostNodeTicks=6", 87)])
def test_2008_heartbeat_ranges(lab_2008_env, args, code):
    state = two_nodes_2008(lab_2008_env)
    assert cluster(state, f"/cluster:E2K7CLUS /prop {args}").rc == code
    if code == 0:
        name, value = args.split("=")
        assert f"{name:<30} {value} (0x{int(value):x})" in cluster(state, "/cluster:E2K7CLUS /prop").stdout


def test_2008_node_and_file_share_majority(lab_2008_env):
    state = two_nodes_2008(lab_2008_env)
    hub = state.host("E2K7HUB01")
    witness_share(state, "FSW", r"C:\FSW", account="E2K7\\Administrator")   # the CNO not granted yet
    fsw = '/cluster:E2K7CLUS res "File Share Witness"'
    assert cluster(state, f'{fsw} /create /group:"Cluster Group" /type:"File Share Witness"').rc == 0
    assert cluster(state, f"{fsw} /priv SharePath={UNC}").rc == 0
    assert cluster(state, f"{fsw} /online").stdout.endswith(" Failed\r\n")            # the CNO lacks access
    hub.shares[0].grants["E2K7\\E2K7CLUS$"] = "FULL"
    files = VirtualFileSystem(hub.files, hub.directories)
    grant = icacls.run(Invocation("icacls", r'C:\FSW /grant "E2K7\E2K7CLUS$":(OI)(CI)F', "", {}, files, "C:\\",
                                  HostContext(state, hub)))
    assert grant.rc == 0
    assert cluster(state, f"{fsw} /online").stdout.endswith(" Online\r\n")
    assert cluster(state, '/cluster:E2K7CLUS /quorum:"File Share Witness"').rc == 0
    assert cluster(state, "/cluster:E2K7CLUS /quorum").stdout == (
        "Quorum type: Node and File Share Majority\r\nQuorum resource: File Share Witness\r\n"
        f"Share path: {UNC}\r\n")
    assert service(state, "E2K7Node2", "stop clussvc").rc == 0 and state.cluster.running
    faults.fail(state, "E2K7HUB01")
    assert not state.cluster.running
    service(state, "E2K7Node1", "stop clussvc")
    assert service(state, "E2K7Node1", "start clussvc /forcequorum E2K7Node1").rc == 2   # the 2003 form
    assert service(state, "E2K7Node1", "start clussvc /fq").rc == 0 and state.cluster.running


def test_lab_status_says_why_the_witness_gives_no_vote_and_who_is_forced(lab_env):
    from winlab.status import lab_status
    state = with_witness(two_nodes(lab_env))
    line = lambda: next(d for d in lab_status(state, "").details if d.startswith("cluster "))
    assert "witness \\\\E2K7HUB01\\FSW present" in line()
    state.host("E2K7HUB01").shares[0].grants = {"Everyone": "READ"}
    quorum.refresh(state)
    assert "witness \\\\E2K7HUB01\\FSW MISSING (E2K7\\Administrator lacks Full Control on the share)" in line()
    service(state, "E2K7Node2", "stop clussvc")
    service(state, "E2K7Node1", "stop clussvc")
    service(state, "E2K7Node1", "start clussvc /forcequorum E2K7Node1")
    assert line().startswith("cluster E2K7CLUS: running FORCED on E2K7Node1, ")
