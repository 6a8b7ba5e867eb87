"""The Exchange probes' own command lines sent to the lab's nodes and Hub Transport (through
cmd.exe and powershell.exe, as over WinRS), and what the lab's Exchange shell prints read back:
the probes and the lab agree on the layouts, and a wrong state reads as that state."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from winprobes import (ApplicationEvents, ClusteredMailboxServerStatus, MailboxDatabases, MailboxServer,
                       ProbeError, PublicFolderDatabases, ReplicationHealth, StorageGroupCopyStatus,
                       StorageGroupCopyStatusTable, StorageGroups, TransportConfig)
from tests.unit.winlab.exchange_site import NODES, Clock, clustered_lab, installed, ok

CMS = "E2K7CMS"
HUB = "E2K7HUB01"


@dataclass
class Result:
    command: str
    rc: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.rc == 0


class LabRunner:
    """What a probe needs of a target: run(host, command), here the lab's own WinRS handler."""

    def __init__(self, lab):
        self.lab = lab

    def run(self, host: str, command: str) -> Result:
        out = self.lab.execute(host, command)
        return Result(command, out.rc, out.stdout, out.stderr)


@pytest.fixture(scope="module")
def clock():
    return Clock()


@pytest.fixture(scope="module")
def lab(lab_env, tmp_path_factory, clock):
    return installed(clustered_lab(tmp_path_factory.mktemp("exprobes"), lab_env, clock), clock)


@pytest.fixture(scope="module")
def target(lab):
    return LabRunner(lab)


def test_transport_config_on_the_hub_reads_the_dumpster_defaults(target):
    settings = TransportConfig().read(target, HUB)
    assert (settings.max_dumpster_size_bytes, settings.max_dumpster_time_seconds) == (18 * 1024 * 1024, 7 * 86400)


def test_every_copy_is_read_healthy_and_the_table_says_the_same(target, lab):
    copies = StorageGroupCopyStatus(server=CMS).read(target, NODES[0])
    assert copies and all(c.summary_copy_status == "Healthy" and c.healthy for c in copies), copies
    assert all(c.copy_queue_length is not None and c.copy_queue_length <= 6 for c in copies)
    assert all(c.last_inspected_log_time for c in copies)
    rows = StorageGroupCopyStatusTable(server=CMS).read(target, NODES[0])
    assert [(r.storage_group, r.summary_copy_status, r.copy_queue_length, r.replay_queue_length,
             r.last_inspected_log_time) for r in rows] == [
        (c.storage_group, c.summary_copy_status, c.copy_queue_length, c.replay_queue_length,
         c.last_inspected_log_time) for c in copies]
    names = [c.storage_group for c in StorageGroupCopyStatus(server=CMS).read(target, NODES[0])]
    groups = [g.name for g in StorageGroups(CMS).read(target, NODES[0])]
    assert names == groups
    databases = MailboxDatabases(CMS).read(target, NODES[0])
    assert len(databases) == len(groups) and all(d.mounted for d in databases)
    assert {d.storage_group.rsplit("\\", 1)[-1] for d in databases} == set(groups)
    assert len(PublicFolderDatabases().read(target, NODES[0])) <= 1


def test_the_cms_mount_dial_and_replication_health(target):
    status = ClusteredMailboxServerStatus(CMS).read(target, NODES[0])
    assert status.state == "Online" and status.active_machine is not None
    assert {m.split(".")[0].lower() for m in status.operational_machines} == {n.lower() for n in NODES}
    assert MailboxServer(CMS).read(target, NODES[0]).auto_database_mount_dial in (
        "Lossless", "GoodAvailability", "BestAvailability")
    checks = ReplicationHealth().read(target, NODES[1])
    assert checks and all(c.passed for c in checks), checks


def test_a_suspended_copy_reads_suspended_and_fails_replication_health(target, lab):
    first = StorageGroupCopyStatus(server=CMS).read(target, NODES[0])[0]
    ok(lab, NODES[1], 'powershell -NoProfile -NonInteractive -Command "Add-PSSnapin Microsoft.Exchange.Management.'
                      f"PowerShell.Admin; Suspend-StorageGroupCopy -Identity '{first.identity}' -SuspendComment "
                      "'probe test' -Confirm:$false\"")
    try:
        again = StorageGroupCopyStatus(identity=first.identity).read(target, NODES[0])
        assert [(c.summary_copy_status, c.suspend, c.suspend_comment) for c in again] == [
            ("Suspended", True, "probe test")]
        assert not all(c.passed for c in ReplicationHealth().read(target, NODES[1]))
    finally:
        ok(lab, NODES[1], 'powershell -NoProfile -NonInteractive -Command "Add-PSSnapin Microsoft.Exchange.'
                          f"Management.PowerShell.Admin; Resume-StorageGroupCopy -Identity '{first.identity}' "
                          '-Confirm:$false"')


def test_events_of_a_source_and_a_host_without_exchange(target):
    events = ApplicationEvents("MSExchangeRepl", 500).read(target, NODES[0])
    assert all(e.source == "MSExchangeRepl" and e.event_id >= 0 for e in events)
    with pytest.raises(ProbeError, match="E2K7DC01"):
        StorageGroupCopyStatus(server=CMS).read(target, "E2K7DC01")
