"""Cluster networks and their interfaces, the heartbeat, Local Quorum after the switch to Majority
Node Set, and the 2008 Failover Cluster Virtual Adapter."""

import pytest

from winlab import faults, quorum, restarts

from winlab.tools import reg, wmic
from winlab.status import lab_status
from tests.unit.winlab.test_cluster import MNS, call, cluster, error, formed, prepared, two_nodes
from tests.unit.winlab.sites import topology, witness_share

NETINT_HEADER = ("Listing status for all available network interfaces:\r\n\r\n"
                 "Node           Network              Status\r\n"
                 "-------------- -------------------- -----------\r\n")


def rows(state, args="E2K7CLUS netint"):
    out = cluster(state, args)
    assert out.rc == 0, out
    return out.stdout


def test_network_interfaces(lab_env):
    state = two_nodes(lab_env)
    assert rows(state) == NETINT_HEADER + (
        "E2K7NODE1      Public               Up\r\nE2K7NODE1      Private              Up\r\n"
        "E2K7NODE2      Public               Up\r\nE2K7NODE2      Private              Up\r\n")
    one = rows(state, 'E2K7CLUS netinterface /node:E2K7Node2 /net:"Private"')
    assert one == ("Listing status for network interface on node 'E2K7NODE2' and network 'Private':\r\n\r\n"
                   + NETINT_HEADER.split("\r\n\r\n", 1)[1] + "E2K7NODE2      Private              Up\r\n")


def test_a_cut_private_network_fails_its_interfaces(lab_env):
    state = two_nodes(lab_env)
    faults.fail(state, "private-network")
    assert rows(state).endswith("E2K7NODE1      Private              Failed\r\n"
                                "E2K7NODE2      Public               Up\r\nE2K7NODE2      Private              Failed\r\n")
    assert rows(state, "E2K7CLUS network").endswith("Public               Up\r\nPrivate              Down\r\n")
    assert quorum.heartbeat_networks(state, state.cluster)[0].name == "Public"
    assert "  heartbeat over: Public" in lab_status(state, "").details
    faults.heal(state, "private-network")
    assert "  heartbeat over: Public, Private" in lab_status(state, "").details


def test_a_node_that_is_down_has_unavailable_interfaces(lab_env):
    state = two_nodes(lab_env)
    witness_share(state, "FSW", r"C:\FSW")
    mns = state.cluster.resource("Majority Node Set")
    mns.private["MNSFileShare"] = mns.loaded["MNSFileShare"] = r"\\E2K7HUB01\FSW"
    faults.fail(state, "E2K7Node2")
    assert rows(state).endswith("E2K7NODE2      Public               Unavailable\r\n"
                                "E2K7NODE2      Private              Unavailable\r\n")


@pytest.mark.parametrize("args, code", [('E2K7CLUS netint /node:E2K7Node2', 87),
                                        ('E2K7CLUS netint /node:E2K7DC01 /net:Private', 5042),
                                        ('E2K7CLUS netint /node:E2K7Node2 /net:Nope', 5047),
                                        ('E2K7CLUS netint /prop', 50)])
def test_network_interface_failures(lab_env, args, code):
    assert cluster(two_nodes(lab_env), args).rc == code


def test_with_private_cut_a_client_only_public_partitions_the_nodes(lab_env):
    """No heartbeat network left: without a witness neither node has a majority."""
    state = two_nodes(lab_env)
    assert cluster(state, 'E2K7CLUS network "Public" /prop Role=2').rc == 0
    assert cluster(state, "E2K7CLUS node").rc == 0                  # Private still carries the heartbeat
    faults.fail(state, "private-network")
    assert quorum.partitions(state, state.cluster) == [["E2K7Node1"], ["E2K7Node2"]]
    assert not state.cluster.running and cluster(state, "E2K7CLUS node").rc == 1722
    assert "  heartbeat over: NONE (the nodes cannot reach each other)" in lab_status(state, "").details


def test_with_a_witness_the_quorum_group_owner_s_partition_survives(lab_env):
    state = two_nodes(lab_env)
    witness_share(state, "FSW", r"C:\FSW")
    assert cluster(state, f"E2K7CLUS res {MNS} /priv MNSFileShare=\\\\E2K7HUB01\\FSW").rc == 0
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node2').rc == 0     # reads the witness
    cluster(state, 'E2K7CLUS network "Public" /prop Role=2')
    faults.fail(state, "private-network")
    assert state.cluster.running
    assert rows(state, "E2K7CLUS node").endswith("E2K7NODE1            1 Down\r\nE2K7NODE2            2 Up\r\n")
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node1').rc == 5050


def test_the_network_role_fault(lab_env):
    state = two_nodes(lab_env)
    assert cluster(state, 'E2K7CLUS network "Private" /prop Role=1').rc == 0
    assert faults.fail(state, "network-role") == "cluster network Private set to role 3 (mixed)"
    assert "D  Private              Role                           3 (0x3)\r\n" in \
        rows(state, 'E2K7CLUS network "Private" /prop')
    assert lab_status(state, "").faults == ["cluster network Private role wrong"]
    assert faults.heal(state, "network-role") == "cluster network roles restored: Private 1"
    assert state.cluster.network_named("Private").role == 1 and lab_status(state, "").faults == []


def test_the_network_role_fault_needs_a_cluster(lab_env):
    from winlab.errors import WinLabError
    with pytest.raises(WinLabError, match="network-role needs a cluster"):
        faults.fail(prepared(lab_env), "network-role")


def test_local_quorum_cannot_be_deleted_while_it_is_the_quorum(lab_env):
    state = prepared(lab_env)
    assert cluster(state, 'E2K7CLUS /create /ipaddr:192.168.10.20 /user:E2K7\\Administrator /pass:Secret1').rc == 0
    out = cluster(state, 'E2K7CLUS res "Local Quorum" /delete')
    assert (out.rc, out.stderr) == (5068, error(5068, "This operation cannot be performed on the cluster resource as "
                                                      "it the quorum resource. You may not bring the quorum resource "
                                                      "offline or modify its possible owners list."))
    for args in (f'E2K7CLUS res {MNS} /create /group:"Cluster Group" /type:{MNS}', f"E2K7CLUS res {MNS} /online",
                 f"E2K7CLUS /quorum:{MNS}"):
        assert cluster(state, args).rc == 0, args
    assert cluster(state, 'E2K7CLUS res "Local Quorum" /delete').rc == 5019            # online: offline first
    assert cluster(state, 'E2K7CLUS res "Local Quorum" /offline').rc == 0
    out = cluster(state, 'E2K7CLUS res "Local Quorum" /delete')
    assert (out.rc, out.stdout) == (0, "Deleting resource 'Local Quorum'...\r\n")
    assert state.cluster.resource("Local Quorum") is None
    assert "Local Quorum" not in rows(state, "E2K7CLUS res")


def test_cluster_group_moves_to_node_2_and_back(lab_env):
    state = two_nodes(lab_env)
    out = cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node2')
    assert out.rc == 0 and out.stdout.endswith("Cluster Group        E2K7NODE2       Online\r\n")
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /moveto:E2K7Node1 /wait:20').rc == 0
    assert state.cluster.group("Cluster Group").owner == "E2K7Node1"
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node2 /wait:x').rc == 87


# --- Windows Server 2008: the Failover Cluster Virtual Adapter ---------------------------------------

LINKAGE = r"query HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Linkage /v Bind"


def cluster_2008(environment, relaxed=()):
    state = prepared(environment)
    state.relaxed = list(relaxed)
    create = cluster(state, '/cluster:E2K7CLUS /create /nodes:"E2K7Node1" /ipaddr:192.168.10.20/255.255.255.0')
    assert create.rc == 0
    return state


def test_the_virtual_adapter_heads_the_binding_order_once_the_cluster_exists(lab_2008_env):
    before = prepared(lab_2008_env)
    before.relaxed = []
    public = before.host("E2K7Node1").adapter("Public").guid
    assert call(reg.run, before, LINKAGE).stdout.split("REG_MULTI_SZ", 1)[1].strip().startswith(f"\\Device\\{public}")
    state = cluster_2008(lab_2008_env)
    node = state.host("E2K7Node1")
    bind = call(reg.run, state, LINKAGE).stdout.split("REG_MULTI_SZ", 1)[1].strip()
    entries = bind.split("\\0")
    assert entries[1:] == [f"\\Device\\{node.adapter('Public').guid}", f"\\Device\\{node.adapter('Private').guid}"]
    netft = call(wmic.run, state, "nicconfig where \"Description='Microsoft Failover Cluster Virtual Adapter'\" "
                                  "get SettingID,IPAddress /value").stdout.split()
    assert netft[1] == f"SettingID={entries[0][len(chr(92) + 'Device' + chr(92)):]}"
    assert netft[0].startswith('IPAddress={"169.254.')
    nic = call(wmic.run, state, "nic where \"Name='Microsoft Failover Cluster Virtual Adapter'\" get NetConnectionID")
    assert "Local Area Connection* 9" in nic.stdout
    assert call(reg.run, state, LINKAGE, host="E2K7Node2").stdout.count("\\Device\\") == 2    # not a node yet


def test_the_virtual_adapter_stays_first_when_the_order_is_written(lab_2008_env):
    state = cluster_2008(lab_2008_env)
    node = state.host("E2K7Node1")
    public, private = node.adapter("Public").guid, node.adapter("Private").guid
    bind = call(reg.run, state, LINKAGE).stdout.split("REG_MULTI_SZ", 1)[1].strip()
    netft = bind.split("\\0")[0]
    key = r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Linkage"
    out = call(reg.run, state, rf"add {key} /v Bind /t REG_MULTI_SZ /d {netft}\0\Device\{private}\0\Device\{public} /f")
    assert out.rc == 0
    restarts.start(state, node, at=0.0)
    assert call(reg.run, state, LINKAGE).stdout.split("REG_MULTI_SZ", 1)[1].strip() == \
        f"{netft}\\0\\Device\\{private}\\0\\Device\\{public}"


def test_relaxed_the_virtual_adapter_is_left_out(lab_2008_env):
    state = cluster_2008(lab_2008_env, relaxed=["cluster-virtual-adapter"])
    assert call(reg.run, state, LINKAGE).stdout.count("\\Device\\") == 2
    out = call(wmic.run, state, "nic where \"Name='Microsoft Failover Cluster Virtual Adapter'\" get Index")
    assert out.stderr == "No Instance(s) Available.\r\n"


def test_2003_clusters_have_no_virtual_adapter(lab_env):
    state = formed(lab_env)
    assert call(reg.run, state, LINKAGE).stdout.count("\\Device\\") == 3      # two adapters and NdisWanIp


def test_lab_module_relaxes_only_while_the_templates_predate_issue_7(lab_2008_env):
    assert topology(lab_2008_env, lenient=True).relaxed == {"feature-restarts", "cluster-virtual-adapter"}
    strict = topology(lab_2008_env, lenient=False)
    assert strict.relaxed == frozenset() and not any(h.support_tools for h in strict.hosts)
