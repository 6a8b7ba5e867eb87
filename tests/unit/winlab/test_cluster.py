"""cluster.exe: forming the cluster, the Majority Node Set quorum, listings and failures."""

import pytest

from winlab import faults, restarts
from winlab.baseline import baseline
from winlab.context import Credentials, HostContext

from winlab.tooling import Invocation
from winlab.tools import cluster as cluster_exe
from winlab.tools import netdom, netsh
from tests.unit.winlab.sites import topology, witness_share

CREATE = ('E2K7CLUS /create /ipaddr:192.168.10.20,255.255.255.0,"Public" /user:E2K7\\Administrator '
          '/pass:Secret1 /node:E2K7Node1 /verbose')
MNS = '"Majority Node Set"'


def call(tool, state, args, host="E2K7Node1", stdin=""):
    credentials = Credentials()
    credentials.set({"E2K7\\Administrator": "Secret1"})
    return tool(Invocation("x", args, stdin, {}, None, "C:\\", HostContext(state, state.host(host), credentials)))


def cluster(state, args, host="E2K7Node1"):
    return call(cluster_exe.run, state, args, host)


def error(code, message):
    return f"System error {code} has occurred (0x{code:08x}).\r\n{message}\r\n"


def prepared(environment, join=True):
    """Both nodes after the network-settings stage, and joined to the domain."""
    state = baseline(topology(environment))
    ipv4 = "ip" if state.is_2003 else "ipv4"
    for host, n in (("E2K7Node1", 1), ("E2K7Node2", 2)):
        for line in ('interface set interface name="Local Area Connection" newname="Public"',
                     'interface set interface name="Local Area Connection 2" newname="Private"',
                     f'interface {ipv4} set address name="Public" source=static addr=192.168.10.2{n} '
                     'mask=255.255.255.0 gateway=192.168.10.1',
                     f'interface {ipv4} set dns name="Public" source=static addr=192.168.10.10',
                     f'interface {ipv4} set address name="Private" source=static addr=10.10.10.{n} '
                     'mask=255.255.255.0 gateway=none'):
            assert call(netsh.run, state, line, host).rc == 0, line
        if join:
            joined = call(netdom.run, state, f"join {host} /domain:e2k7.local /userd:E2K7\\Administrator "
                                             "/passwordd:Secret1", host)
            assert joined.rc == 0
            restarts.start(state, state.host(host), at=0.0)          # the join takes effect at the restart
    return state


def formed(environment):
    """The create-cluster stage done: one node, Majority Node Set as quorum."""
    state = prepared(environment)
    for args in (CREATE, f'E2K7CLUS res {MNS} /create /group:"Cluster Group" /type:{MNS}',
                 f"E2K7CLUS res {MNS} /online /wait:60", f"E2K7CLUS /quorum:{MNS}"):
        assert cluster(state, args).rc == 0, args
    return state


def two_nodes(environment):
    state = formed(environment)
    assert cluster(state, "E2K7CLUS /add:E2K7Node2 /pass:Secret1 /verbose").rc == 0
    return state


def test_no_cluster_yet(lab_env):
    out = cluster(prepared(lab_env), "E2K7CLUS node")
    assert (out.rc, out.stdout, out.stderr) == (1722, "", error(1722, "The RPC server is unavailable."))


def test_local_cluster_on_a_host_that_is_not_a_node(lab_env):
    out = cluster(prepared(lab_env), "node")
    assert out.rc == 1060 and "The specified service does not exist" in out.stderr


@pytest.mark.parametrize("change, args, code", [
    ("workgroup", CREATE, 1787),
    (None, CREATE.replace("/pass:Secret1", "/pass:wrong"), 1326),
    (None, CREATE.replace("/user:E2K7\\Administrator", "/user:E2K7\\nobody"), 1326),
    (None, CREATE.replace("192.168.10.20,", "10.10.10.20,"), 5894),
    (None, CREATE.replace('"Public"', '"Private"'), 5894),
    (None, CREATE.replace("192.168.10.20", "192.168.10.22"), 5057),
    (None, CREATE.replace(' /pass:Secret1', ""), 87),
    ("dc-down", CREATE, 1355),
])
def test_create_failures(lab_env, change, args, code):
    state = prepared(lab_env, join=change != "workgroup")
    if change == "dc-down":
        state.host("E2K7DC01").up = False
    out = cluster(state, args)
    assert out.rc == code and out.stderr.startswith(f"System error {code} has occurred")
    assert state.cluster is None


def test_create_makes_a_one_node_cluster_with_local_quorum(lab_env):
    state = prepared(lab_env)
    out = cluster(state, CREATE)
    assert out.rc == 0 and out.stdout.endswith("Cluster 'E2K7CLUS' was created successfully.\r\n")
    assert cluster(state, "E2K7CLUS node").stdout == (
        "Listing status for all available nodes:\r\n\r\n"
        "Node           Node ID Status\r\n-------------- ------- ---------------------\r\n"
        "E2K7NODE1            1 Up\r\n")
    assert cluster(state, "E2K7CLUS res").stdout == (
        "Listing status for all available resources:\r\n\r\n"
        "Resource             Group                Node            Status\r\n"
        "-------------------- -------------------- --------------- ------\r\n"
        "Cluster IP Address   Cluster Group        E2K7NODE1       Online\r\n"
        "Cluster Name         Cluster Group        E2K7NODE1       Online\r\n"
        "Local Quorum         Cluster Group        E2K7NODE1       Online\r\n")
    assert cluster(state, "E2K7CLUS group").stdout == (
        "Listing status for all available resource groups:\r\n\r\n"
        "Group                Node            Status\r\n-------------------- --------------- ------\r\n"
        "Cluster Group        E2K7NODE1       Online\r\n")
    assert cluster(state, "E2K7CLUS /quorum").stdout == (
        "Quorum Resource Name           Path                           Maximum Log Size\r\n"
        "------------------------------ ------------------------------ ----------------\r\n"
        "Local Quorum                   C:\\WINDOWS\\Cluster\\MSCS\\       4096\r\n")
    again = cluster(state, CREATE)
    assert again.rc == 5010


def test_adding_a_node_while_the_quorum_is_local_fails(lab_env):
    state = prepared(lab_env)
    cluster(state, CREATE)
    out = cluster(state, "E2K7CLUS /add:E2K7Node2 /pass:Secret1")
    assert (out.rc, out.stderr) == (87, error(87, "The parameter is incorrect."))


def test_majority_node_set_resource(lab_env):
    state = prepared(lab_env)
    cluster(state, CREATE)
    assert cluster(state, f"E2K7CLUS res {MNS}").rc == 5007
    created = cluster(state, f'E2K7CLUS res {MNS} /create /group:"Cluster Group" /type:{MNS}')
    assert created.stdout == ("Creating resource 'Majority Node Set'...\r\n\r\n"
                              "Resource             Group                Node            Status\r\n"
                              "-------------------- -------------------- --------------- ------\r\n"
                              "Majority Node Set    Cluster Group        E2K7NODE1       Offline\r\n")
    second = cluster(state, f'E2K7CLUS res "MNS 2" /create /group:"Cluster Group" /type:{MNS}')
    assert (second.rc, second.stderr) == (5010, error(5010, "The object already exists."))
    assert cluster(state, f"E2K7CLUS /quorum:{MNS}").rc == 5004            # still offline
    online = cluster(state, f"E2K7CLUS res {MNS} /online /wait:60")
    assert online.stdout.endswith("Majority Node Set    Cluster Group        E2K7NODE1       Online\r\n")
    assert cluster(state, f"E2K7CLUS /quorum:{MNS}").rc == 0
    assert "Majority Node Set              C:\\WINDOWS\\Cluster\\MNS." in cluster(state, "E2K7CLUS /quorum").stdout


def test_two_nodes(lab_env):
    state = two_nodes(lab_env)
    assert cluster(state, "E2K7CLUS node").stdout.endswith("E2K7NODE1            1 Up\r\n"
                                                           "E2K7NODE2            2 Up\r\n")
    local = cluster(state, '/quorum:"Local Quorum"')
    assert (local.rc, local.stderr) == (87, error(87, "The parameter is incorrect."))
    again = cluster(state, "E2K7CLUS /add:E2K7Node2 /pass:Secret1")
    assert (again.rc, again.stderr) == (5065, error(5065, "The cluster node is already a member of the cluster."))


def test_adding_a_node_outside_the_domain_fails(lab_env):
    state = prepared(lab_env)
    state.host("E2K7Node2").domain, state.host("E2K7Node2").workgroup = None, "WORKGROUP"
    for args in (CREATE, f'E2K7CLUS res {MNS} /create /group:"Cluster Group" /type:{MNS}',
                 f"E2K7CLUS res {MNS} /online", f"E2K7CLUS /quorum:{MNS}"):
        cluster(state, args)
    out = cluster(state, "E2K7CLUS /add:E2K7Node2 /pass:Secret1")
    assert out.rc == 1787 and len(state.cluster.nodes) == 1
    state.host("E2K7Node2").up = False
    assert cluster(state, "E2K7CLUS /add:E2K7Node2 /pass:Secret1").rc == 1722


def test_losing_a_node_without_witness_stops_the_cluster(lab_env):
    state = two_nodes(lab_env)
    faults.fail(state, "E2K7Node1")
    out = cluster(state, "E2K7CLUS node", host="E2K7Node2")
    assert (out.rc, out.stderr) == (1722, error(1722, "The RPC server is unavailable."))
    faults.heal(state, "E2K7Node1")
    assert cluster(state, "E2K7CLUS node", host="E2K7Node2").stdout.endswith(" 1 Up\r\nE2K7NODE2            2 Up\r\n")


def test_file_share_witness_keeps_the_survivor_running(lab_env):
    state = two_nodes(lab_env)
    witness_share(state, "MNS_FSW_E2K7CLUS", r"C:\MNS_FSW_E2K7CLUS")
    out = cluster(state, f"E2K7CLUS res {MNS} /priv MNSFileShare=\\\\E2K7HUB01\\MNS_FSW_E2K7CLUS")
    assert out.rc == 0 and out.stderr == (
        "System warning 5024 (0x000013a0).\r\nThe properties were stored but not all changes will take effect "
        "until the next time the resource is brought online.\r\n")
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move').rc == 0     # reads the property
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node1').rc == 0
    faults.fail(state, "E2K7Node2")
    listing = cluster(state, "E2K7CLUS node").stdout
    assert listing.endswith("E2K7NODE1            1 Up\r\nE2K7NODE2            2 Down\r\n")
    faults.fail(state, "witness")
    assert cluster(state, "E2K7CLUS node").rc == 1722


def test_private_properties_listing(lab_env):
    state = formed(lab_env)
    assert cluster(state, f"E2K7CLUS res {MNS} /priv").stdout == (
        "Listing private properties for 'Majority Node Set':\r\n\r\n"
        "T  Resource             Name                           Value\r\n"
        "-- -------------------- ------------------------------ -----------------------\r\n"
        "S  Majority Node Set    MNSFileShare                   \r\n"
        "D  Majority Node Set    MNSFileShareCheckInterval      240 (0xf0)\r\n"
        "D  Majority Node Set    MNSFileShareDelay              4 (0x4)\r\n")


def test_networks_and_a_cut_private_network(lab_env):
    state = two_nodes(lab_env)
    assert cluster(state, "E2K7CLUS network").stdout == (
        "Listing status for all available networks:\r\n\r\n"
        "Network              Status\r\n-------------------- -----------\r\n"
        "Public               Up\r\nPrivate              Up\r\n")
    faults.fail(state, "private-network")
    assert cluster(state, "E2K7CLUS network").stdout.endswith("Public               Up\r\nPrivate              Down\r\n")
    assert cluster(state, "E2K7CLUS node").rc == 0           # the heartbeat falls back to Public


def test_network_roles_and_priority(lab_env):
    state = two_nodes(lab_env)
    assert cluster(state, 'E2K7CLUS network "Private" /prop Role=1').rc == 0
    assert "D  Private              Role                           1 (0x1)\r\n" in \
        cluster(state, 'E2K7CLUS network "Private" /prop').stdout
    assert cluster(state, 'E2K7CLUS /setnetpri:"Private","Public"').rc == 0
    assert cluster(state, "E2K7CLUS /listnetpri").stdout.endswith("Private\r\nPublic\r\n")
    assert cluster(state, 'E2K7CLUS /setnetpri:"Private"').rc == 87


@pytest.mark.parametrize("args", ["/cluster:E2K7CLUS node /status", "E2K7NODE2 node /stat", "node",
                                  "/CLUSTER:e2k7clus NODE E2K7Node1 /STATUS"])
def test_cluster_name_forms_and_abbreviations(lab_env, args):
    out = cluster(two_nodes(lab_env), args)
    assert out.rc == 0 and "E2K7NODE1            1 Up\r\n" in out.stdout


def test_abbreviated_create_and_add(lab_env):
    state = prepared(lab_env)
    assert cluster(state, 'E2K7CLUS /create /ipaddress:192.168.10.20 /user:Administrator@e2k7.local '
                          '/password:Secret1 /verb').rc == 0
    assert state.cluster.network == "Public"
    for args in (f'E2K7CLUS res {MNS} /create /group:"Cluster Group" /type:{MNS}', f"E2K7CLUS res {MNS} /on",
                 f"E2K7CLUS /quorumresource:{MNS}", "E2K7CLUS /addnodes:E2K7Node2 /password:Secret1 /unattended"):
        assert cluster(state, args).rc == 0, args


@pytest.mark.parametrize("args, code", [
    ('E2K7CLUS res "Nope"', 5007), ('E2K7CLUS group "Nope"', 5013), ("E2K7CLUS node E2K7DC01", 5042),
    ('E2K7CLUS network "Nope"', 5045), ('E2K7CLUS res X /create /group:"Cluster Group" /type:"Magic"', 5078),
    ('E2K7CLUS res X /create /group:"Nope" /type:"Generic Service"', 5013),
    (f"E2K7CLUS res {MNS} /offline", 5020), (f"E2K7CLUS res {MNS} /delete", 5068),
    ('E2K7CLUS res "Cluster Name" /quorum', 87), ('E2K7CLUS /quorum:"Cluster Name"', 5021),
    ('E2K7CLUS group "Cluster Group" /move:E2K7DC01', 5042), ("E2K7CLUS node /evict", 50),
    ("E2K7CLUS /version", 50), ("E2K7CLUS /frob", 87), ('E2K7CLUS /add /nodes:"E2K7Node2"', 87), ('E2K7CLUS res "Cluster Name" /online /wait:x', 87),
])
def test_failures(lab_env, args, code):
    out = cluster(formed(lab_env), args)
    assert out.rc == code, out


def test_unknown_option_message(lab_env):
    out = cluster(formed(lab_env), "E2K7CLUS node /frobnicate")
    assert (out.rc, out.stderr) == (87, "The option '/frobnicate' is invalid.\r\n")


def test_group_move_to_a_node_that_is_down(lab_env):
    state = two_nodes(lab_env)
    witness_share(state, "FSW", r"C:\FSW")
    state.cluster.resource("Majority Node Set").private["MNSFileShare"] = r"\\E2K7HUB01\FSW"
    state.cluster.resource("Majority Node Set").loaded["MNSFileShare"] = r"\\E2K7HUB01\FSW"
    faults.fail(state, "E2K7Node2")
    out = cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node2')
    assert (out.rc, out.stderr) == (5050, error(5050, "The cluster node is down."))


def test_long_resource_names_are_printed_in_full(lab_env):
    state = formed(lab_env)
    cluster(state, 'E2K7CLUS res "Exchange Information Store Instance" /create /group:"Cluster Group" '
                   '/type:"Generic Service"')
    assert "Exchange Information Store Instance Cluster Group        E2K7NODE1       Offline\r\n" in \
        cluster(state, "E2K7CLUS res").stdout


def test_the_cluster_address_shows_on_the_owning_node(lab_env):
    from winlab.tools import ipconfig
    state = formed(lab_env)
    assert "IP Address. . . . . . . . . . . . : 192.168.10.20\r\n" in call(ipconfig.run, state, "").stdout


def test_windows_2008_forms(lab_2008_env):
    state = prepared(lab_2008_env)
    create = cluster(state, '/cluster:E2K7CLUS /create /nodes:"E2K7Node1" /ipaddr:192.168.10.20/255.255.255.0')
    assert create.rc == 0 and state.cluster.quorum_resource is None
    assert cluster(state, '/cluster:E2K7CLUS /add /nodes:"E2K7Node2"').rc == 0
    assert cluster(state, "/cluster:E2K7CLUS node").stdout.endswith("E2K7NODE2            2 Up\r\n")
    assert cluster(state, "/cluster:E2K7CLUS /quorum").stdout == "Quorum type: Node Majority\r\n"
    assert cluster(state, 'E2K7CLUS res MNS /create /group:"Cluster Group" /type:"Majority Node Set"').rc == 5078


def test_rename(lab_env):
    state = two_nodes(lab_env)
    assert cluster(state, f'E2K7CLUS res {MNS} /ren:"MNS"').rc == 0
    assert state.cluster.quorum_resource == "MNS"
    assert cluster(state, 'E2K7CLUS network "Private" /rename:"Heartbeat"').rc == 0
    assert state.cluster.network_priority == ["Public", "Heartbeat"]
    assert cluster(state, 'E2K7CLUS network "Public" /ren:"Heartbeat"').rc == 5044
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /ren:"Core"').rc == 0
    assert {r.group for r in state.cluster.resources} == {"Core"}
    assert cluster(state, "E2K7CLUS /ren:E2K7CLUS2").rc == 0
    assert cluster(state, "E2K7CLUS2 node").rc == 0 and cluster(state, "E2K7CLUS node").rc == 1722


def test_group_move_to_a_paused_node(lab_env):
    state = two_nodes(lab_env)
    assert cluster(state, "E2K7CLUS node E2K7Node2 /pause").rc == 0
    out = cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node2')
    assert (out.rc, out.stderr) == (5070, error(5070, "The cluster node is paused."))
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move').rc == 5005          # no other node takes it
    assert cluster(state, "E2K7CLUS node E2K7Node2 /resume").rc == 0
    assert cluster(state, 'E2K7CLUS group "Cluster Group" /move:E2K7Node2').rc == 0


def test_the_clusters_name_answers_a_ping_once_the_cluster_exists(lab_env):
    """DNS knows the cluster's name from its creation (its Network Name), at the cluster address:
    the witness host's 2008 gate pings it before it grants the cluster's computer account."""
    from winlab.tools import ping
    state = prepared(lab_env)
    before = call(ping.run, state, "-n 1 E2K7CLUS", "E2K7HUB01")
    assert before.rc == 1 and "could not find host E2K7CLUS" in before.stdout + before.stderr
    assert cluster(state, CREATE).rc == 0
    after = call(ping.run, state, "-n 1 E2K7CLUS", "E2K7HUB01")
    assert after.rc == 0 and "Pinging E2K7CLUS.e2k7.local [192.168.10.20]" in after.stdout
    assert "Reply from 192.168.10.20" in after.stdout
