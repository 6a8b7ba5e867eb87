"""The Exchange snap-in's cmdlets on the lab's state: what each returns (properties, order, values) and
how each refuses. Called as the lab's PowerShell calls them (run(ctx, params, input)); their text
through powershell.exe is tests/lab's."""

from __future__ import annotations

from datetime import timedelta

import pytest

from winlab import assumptions as A
from winlab.exchange import events
from winlab.exchange.snapin import SNAPIN
from winlab.powershell import ByteQuantifiedSize, CmdletError
from tests.unit.winlab.exchange_site import NODES, Clock, clustered_lab, installed, ok

CMS = "E2K7CMS"
FIRST = r"E2K7CMS\First Storage Group"


class Ctx:
    """What a cmdlet sees of a session: the host, the lab, the clock; confirmations answered yes."""

    def __init__(self, state, host, now):
        self.lab, self.host = state, state.host(host)
        self.host_context = type("HostContext", (), {"now": now})()
        self.warnings: list[str] = []

    def confirm(self, action, target):
        return True

    def warn(self, text):
        self.warnings.append(text)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def lab(tmp_path, lab_env, clock):
    return installed(clustered_lab(tmp_path, lab_env, clock), clock)


@pytest.fixture
def call(lab, clock):
    """call(host, cmdlet, **params): the cmdlet's output, in one transaction of the lab."""
    def run(host, name, **params):
        cmdlet = next(c for c in SNAPIN.cmdlets if c.name == name)
        with lab.store.transaction() as state:
            lab._advance(state)                 # as every command does: the lab's time passes first
            return list(cmdlet.run(Ctx(state, host, clock.now), params, []))
    return run


def test_transport_config_is_the_organisations_with_the_dumpster_defaults(call):
    config, = call("E2K7HUB01", "Get-TransportConfig")
    assert list(config.properties) == list(A.TRANSPORT_CONFIG_FIELDS)
    assert str(config.get("MaxDumpsterSizePerStorageGroup")) == "18 MB (18,874,368 bytes)"
    assert config.get("MaxDumpsterTime") == timedelta(days=7)
    call("E2K7HUB01", "Set-TransportConfig", MaxDumpsterSizePerStorageGroup=ByteQuantifiedSize(15 << 20),
         MaxDumpsterTime=timedelta(days=10))
    config, = call(NODES[0], "Get-TransportConfig")                 # organisation-wide: any server reads it
    assert int(config.get("MaxDumpsterSizePerStorageGroup")) == 15 << 20
    assert config.get("MaxDumpsterTime") == timedelta(days=10)


def test_the_mount_dial_is_read_and_set_on_the_cms(call):
    server, = call(NODES[0], "Get-MailboxServer", Identity=CMS)
    assert server.get("AutoDatabaseMountDial") == "BestAvailability"
    assert server.get("RedundantMachines") == ["E2K7NODE1", "E2K7NODE2"]
    call(NODES[0], "Set-MailboxServer", Identity=CMS, AutoDatabaseMountDial="GoodAvailability")
    assert call(NODES[1], "Get-MailboxServer", Identity="E2K7CMS.e2k7.local")[0].get("AutoDatabaseMountDial") == \
        "GoodAvailability"
    with pytest.raises(CmdletError, match=r"object 'NOPE' could not be found on domain controller "
                                          r"'E2K7DC01.e2k7.local'"):
        call(NODES[0], "Get-MailboxServer", Identity="NOPE")


def test_copy_status_lists_every_copy_with_the_documented_fields_first(call):
    copies = call(NODES[0], "Get-StorageGroupCopyStatus", Server=CMS)
    assert [c.get("Identity") for c in copies] == [FIRST, r"E2K7CMS\Second Storage Group"]
    assert list(copies[0].properties)[:10] == ["Identity", "StorageGroupName", "SummaryCopyStatus", "Failed",
                                                "FailedMessage", "Seeding", "Suspend", "SuspendComment",
                                                "CopyQueueLength", "ReplayQueueLength"]
    assert [(c.get("SummaryCopyStatus"), c.get("CopyQueueLength"), c.get("ReplayQueueLength")) for c in copies] == [
        ("Healthy", 0, 0)] * 2
    local = call(NODES[1], "Get-StorageGroupCopyStatus")            # on a node: its CMS's copies
    assert [c.get("Identity") for c in local] == [c.get("Identity") for c in copies]
    with pytest.raises(CmdletError, match="not a Mailbox server"):
        call("E2K7HUB01", "Get-StorageGroupCopyStatus")
    with pytest.raises(CmdletError, match="could not be found"):
        call(NODES[0], "Get-StorageGroupCopyStatus", Identity=r"E2K7CMS\No Such Group")


def test_a_stopped_copy_shows_service_down_and_a_growing_queue(lab, call, clock):
    lab.fail("replication-service")
    clock.tick(5 * A.EXCHANGE_LOG_SECONDS)
    copy, = call(NODES[0], "Get-StorageGroupCopyStatus", Identity=FIRST)
    assert (copy.get("SummaryCopyStatus"), copy.get("CopyQueueLength")) == (A.COPY_STATUS_SERVICE_DOWN, 5)
    health = {h.get("Check"): h.get("Result") for h in call(NODES[0], "Test-ReplicationHealth")}
    assert health["ReplayService"] == "Failed" and health["CmsGroup"] == "Passed"


def test_replication_health_passes_on_a_healthy_cms_and_names_a_suspended_copy(call):
    results = call(NODES[0], "Test-ReplicationHealth")
    assert [r.get("Check") for r in results] == list(A.REPLICATION_CHECKS)
    assert {r.get("Result") for r in results} == {"Passed"}
    call(NODES[1], "Suspend-StorageGroupCopy", Identity=FIRST, SuspendComment="maintenance")
    failed = [r for r in call(NODES[0], "Test-ReplicationHealth") if r.get("Result") != "Passed"]
    assert [(r.get("Check"), r.get("Error")) for r in failed] == [
        ("SGCopySuspended", "Suspended storage group copies: First Storage Group")]


def test_reseed_is_suspend_update_resume_and_refuses_out_of_order(lab, call):
    lab.fail("failed-copy:First Storage Group")
    assert call(NODES[0], "Get-StorageGroupCopyStatus", Identity=FIRST)[0].get("SummaryCopyStatus") == "Failed"
    with pytest.raises(CmdletError, match="must be suspended before it is seeded"):
        call(NODES[1], "Update-StorageGroupCopy", Identity=FIRST, DeleteExistingFiles=True)
    call(NODES[1], "Suspend-StorageGroupCopy", Identity=FIRST, SuspendComment="reseed")
    call(NODES[1], "Suspend-StorageGroupCopy", Identity=FIRST)                  # again: not an error [S53]
    with pytest.raises(CmdletError, match="Update-StorageGroupCopy must be run on the passive node"):
        call(NODES[0], "Update-StorageGroupCopy", Identity=FIRST, DeleteExistingFiles=True)
    with pytest.raises(CmdletError, match="Files already exist"):
        call(NODES[1], "Update-StorageGroupCopy", Identity=FIRST)
    with pytest.raises(CmdletError, match="failed state"):
        call(NODES[1], "Resume-StorageGroupCopy", Identity=FIRST)
    call(NODES[1], "Update-StorageGroupCopy", Identity=FIRST, DeleteExistingFiles=True, ManualResume=True)
    copy, = call(NODES[0], "Get-StorageGroupCopyStatus", Identity=FIRST)
    assert (copy.get("SummaryCopyStatus"), copy.get("Suspend"), copy.get("Failed")) == ("Suspended", True, False)
    call(NODES[1], "Resume-StorageGroupCopy", Identity=FIRST)
    copy, = call(NODES[0], "Get-StorageGroupCopyStatus", Identity=FIRST)
    assert (copy.get("SummaryCopyStatus"), copy.get("Suspend"), copy.get("CopyQueueLength")) == ("Healthy", False, 0)


def test_a_handoff_checks_replication_first(lab, call, clock):
    lab.fail("replication-service")
    with pytest.raises(CmdletError, match="Replication of storage group 'First Storage Group' is not healthy"):
        call(NODES[0], "Move-ClusteredMailboxServer", Identity=CMS, TargetMachine=NODES[1], MoveComment="x")
    lab.heal("replication-service")
    with pytest.raises(CmdletError, match="not a passive node"):
        call(NODES[0], "Move-ClusteredMailboxServer", Identity=CMS, TargetMachine=NODES[0], MoveComment="x")
    call(NODES[0], "Move-ClusteredMailboxServer", Identity=CMS, TargetMachine=NODES[1], MoveComment="patch night")
    status, = call(NODES[1], "Get-ClusteredMailboxServerStatus", Identity=CMS)
    assert status.get("State") == "Online"
    assert status.get("OperationalMachines") == ["E2K7NODE1 <Quorum Owner>", "E2K7NODE2 <Active>"]
    state = lab.state()
    handoff = [e for e in events.entries(state, state.hosts[NODES[1]]) if e.event_id == 100]
    assert "patch night" in handoff[0].message


def test_cms_status_needs_the_cluster_service(lab, call):
    status, = call(NODES[0], "Get-ClusteredMailboxServerStatus")
    assert list(status.properties)[:4] == ["Identity", "ClusteredMailboxServerName", "State", "OperationalMachines"]
    assert status.get("ClusteredMailboxServerName") == "E2K7CMS.e2k7.local"
    assert status.get("OperationalMachines") == ["E2K7NODE1 <Active, Quorum Owner>", "E2K7NODE2"]
    ok(lab, NODES[1], "net stop clussvc")
    with pytest.raises(CmdletError, match="cluster service on 'E2K7NODE2' is not running"):
        call(NODES[1], "Get-ClusteredMailboxServerStatus")


def test_stop_keeps_the_cms_offline_until_started(call):
    call(NODES[0], "Stop-ClusteredMailboxServer", Identity=CMS, StopReason="maintenance")
    assert call(NODES[0], "Get-ClusteredMailboxServerStatus")[0].get("State") == "Offline"
    assert call(NODES[0], "Get-MailboxDatabase", Server=CMS, Status=True)[0].get("Mounted") is False
    with pytest.raises(CmdletError, match="is stopped"):
        call(NODES[0], "Move-ClusteredMailboxServer", Identity=CMS, TargetMachine=NODES[1], MoveComment="x")
    call(NODES[0], "Start-ClusteredMailboxServer", Identity=CMS)
    assert call(NODES[0], "Get-ClusteredMailboxServerStatus")[0].get("State") == "Online"


def test_replication_host_names_must_resolve_on_both_nodes(lab, call):
    """The name's address is a new one on the target's Private subnet (its own IP Address resource)."""
    ok(lab, NODES[0], 'netsh interface ip set address name="Local Area Connection 2" source=static '
                      'addr=10.10.10.1 mask=255.255.255.0')
    arguments = dict(Identity=CMS, TargetMachine=NODES[0], HostName="E2K7N1REPL", IPv4Address="10.10.10.11")
    with pytest.raises(CmdletError, match="'E2K7N1REPL' does not resolve to 10.10.10.11 on 'E2K7NODE1'"):
        call(NODES[0], "Enable-ContinuousReplicationHostName", **arguments)
    for node in NODES:
        ok(lab, node, r'cmd /d /c echo 10.10.10.11 E2K7N1REPL>>"%SystemRoot%\system32\drivers\etc\hosts"')
    for wrong in ("10.99.0.11", "10.10.10.1"):          # on no network of the node; the node's own address
        with pytest.raises(CmdletError, match=f"{wrong} is not on a network of 'E2K7NODE1'"):
            call(NODES[0], "Enable-ContinuousReplicationHostName", **{**arguments, "IPv4Address": wrong})
    call(NODES[0], "Enable-ContinuousReplicationHostName", **arguments)
    status, = call(NODES[0], "Get-ClusteredMailboxServerStatus", Identity=CMS)
    assert status.get("OperationalReplicationHostNames") == ["E2K7N1REPL"]
    assert status.get("InUseReplicationHostNames") == ["E2K7N1REPL"]
    lab.fail("private-network")
    status, = call(NODES[0], "Get-ClusteredMailboxServerStatus", Identity=CMS)
    assert status.get("FailedReplicationHostNames") == ["E2K7N1REPL"]


def test_databases_one_per_storage_group_and_mounted_only_within_the_dial(lab, call):
    groups = call(NODES[0], "Get-StorageGroup", Server=CMS)
    assert [(g.get("Name"), g.get("Replicated")) for g in groups] == [("First Storage Group", "Cluster"),
                                                                       ("Second Storage Group", "Cluster")]
    databases = call(NODES[0], "Get-MailboxDatabase", Server=CMS, Status=True)
    assert [(d.get("Name"), d.get("StorageGroup"), d.get("Mounted")) for d in databases] == [
        ("Mailbox Database", FIRST, True), ("Mailbox Database 2", r"E2K7CMS\Second Storage Group", True)]
    assert call(NODES[0], "Get-MailboxDatabase", Server=CMS)[0].get("Mounted") is None      # without -Status
    assert call(NODES[0], "Get-PublicFolderDatabase") == []
    lab.fail("copy-queue")
    lab.fail("cms-active-node")
    assert [d.get("Mounted") for d in call(NODES[1], "Get-MailboxDatabase", Server=CMS, Status=True)] == [False, False]


def test_a_replication_host_name_is_a_cluster_group_of_its_own(lab, call):
    ok(lab, NODES[0], 'netsh interface ip set address name="Local Area Connection 2" source=static '
                      'addr=10.10.10.1 mask=255.255.255.0')
    for node in NODES:
        ok(lab, node, r'cmd /d /c echo 10.10.10.11 E2K7N1REPL>>"%SystemRoot%\system32\drivers\etc\hosts"')
    call(NODES[0], "Enable-ContinuousReplicationHostName", Identity=CMS, TargetMachine=NODES[0],
         HostName="E2K7N1REPL", IPv4Address="10.10.10.11")
    resources = ok(lab, NODES[1], "cluster res")
    assert "IP Address (10.10.10.11)" in resources and "Network Name (E2K7N1REPL)" in resources
    assert "E2K7N1REPL" in ok(lab, NODES[1], "cluster group")
    lab.fail("private-network")
    states = {r.name: r.state for r in lab.state().cluster.resources if r.group == "E2K7N1REPL"}
    assert states == {"IP Address (10.10.10.11)": "Failed", "Network Name (E2K7N1REPL)": "Failed"}


def test_on_2008_a_name_created_with_netbios_off_never_comes_online(tmp_path, lab_2008_env, clock):
    from ipaddress import IPv4Interface
    from winlab.exchange import hostnames
    lab = clustered_lab(tmp_path, lab_2008_env, clock)
    for feature in ("PowerShell", "Web-Server", "Web-ISAPI-Ext", "Web-Metabase", "Web-Lgcy-Mgmt-Console",
                    "Web-Basic-Auth", "Web-Windows-Auth"):
        ok(lab, NODES[0], f"ServerManagerCmd -install {feature} <nul")
    ok(lab, NODES[0], r"E:\setup.com /mode:install /roles:mailbox /NewCms /CMSName:E2K7CMS /CMSIPAddress:192.168.10.30")
    with lab.store.transaction() as state:
        private = state.hosts[NODES[0]].adapters[1]
        private.dhcp, private.addresses, private.netbios_options = False, [IPv4Interface("10.10.10.1/24")], 2
        state.hosts[NODES[0]].files[r"C:\Windows\system32\drivers\etc\hosts"] += "10.10.10.11 E2K7N1REPL\r\n"
        hostnames.create(state, state.exchange.cms, state.hosts[NODES[0]], "E2K7N1REPL", "10.10.10.11")
        state.hosts[NODES[0]].adapters[1].netbios_options = 1          # NetBIOS enabled afterwards: too late
    state = lab.state()
    entry, = state.exchange.cms.host_names
    assert not hostnames.operational(state, entry) and hostnames.live(state, entry)
    assert {r.name: r.state for r in state.cluster.resources if r.group == "E2K7N1REPL"}["Network Name (E2K7N1REPL)"] \
        == "Failed"
    with lab.store.transaction() as state:                            # remove the group, create it again
        hostnames.create(state, state.exchange.cms, state.hosts[NODES[0]], "E2K7N1REPL", "10.10.10.11")
    state = lab.state()
    assert hostnames.operational(state, state.exchange.cms.host_names[0])
