"""The clustered mailbox server: `Get-ClusteredMailboxServerStatus` (ccr-domain.md 3.8) and
`Test-ReplicationHealth` (3.9).

Get-ClusteredMailboxServerStatus' content is CONFIRMED [S8][S9][S98] (the CMS, its State, the
operational machines with the active one marked, failed resources, SP1's replication host
names); its exact Format-List names are UNCONFIRMED and read as ccr-domain.md 3.8 shows them:
`OperationalMachines : {NODE1 <Active, Quorum Owner>, NODE2}`. Test-ReplicationHealth's objects
have Server, Check, Result, Error [S99]; the 2007 check names are UNCONFIRMED, so they are
kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..base import Unreadable
from .base import EmsProbe, one_record, records
from .formatlist import Record
from .shell import ems_shape, name
from .values import collection

_MACHINE = re.compile(r"^(?P<name>[^<\s]+)\s*(?:<(?P<notes>[^>]*)>)?$")


@dataclass(frozen=True)
class CmsStatus:
    identity: str
    name: str                            # ClusteredMailboxServerName (FQDN)
    state: str                           # Online, Partially Online, Online Pending, Offline, ...
    operational_machines: tuple[str, ...]    # names as printed, without their <notes>
    active_machine: str | None           # the machine marked <Active ...>
    quorum_owner: str | None             # the machine marked <... Quorum Owner>
    failed_resources: tuple[str, ...]
    operational_replication_host_names: tuple[str, ...]
    failed_replication_host_names: tuple[str, ...]
    in_use_replication_host_names: tuple[str, ...]


def _machines(record: Record) -> tuple[tuple[str, ...], str | None, str | None]:
    names, active, owner = [], None, None
    for item in collection(record.text("OperationalMachines"), record.lines["OperationalMachines"]):
        match = _MACHINE.match(item)
        if not match:
            raise Unreadable(f"{item!r} is not a machine such as `NODE1 <Active>`", record.lines["OperationalMachines"])
        notes = {note.strip().lower() for note in (match["notes"] or "").split(",")}
        names.append(match["name"])
        active = match["name"] if "active" in notes else active
        owner = match["name"] if "quorum owner" in notes else owner
    return tuple(names), active, owner


def _list(record: Record, field: str) -> tuple[str, ...]:
    return tuple(collection(record.get(field) or "", record.lines.get(field)))


class ClusteredMailboxServerStatus(EmsProbe[CmsStatus]):
    """`Get-ClusteredMailboxServerStatus -Identity CMS | Format-List`."""

    NAME = "clustered_mailbox_server_status"
    ALLOW = (ems_shape(r"Get-ClusteredMailboxServerStatus -Identity {NAME} \| Format-List"),)

    def __init__(self, identity: str):
        self.identity = name(identity, "clustered mailbox server")

    def pipeline(self) -> str:
        return f"Get-ClusteredMailboxServerStatus -Identity {self.identity} | Format-List"

    def process(self, lines: list[str]) -> CmsStatus:
        return one_record(lines, _status, "clustered mailbox server")


def _status(record: Record) -> CmsStatus:
    machines, active, owner = _machines(record)
    return CmsStatus(
        identity=record.text("Identity"), name=record.get("ClusteredMailboxServerName") or record.text("Identity"),
        state=record.text("State"), operational_machines=machines, active_machine=active, quorum_owner=owner,
        failed_resources=_list(record, "FailedResources"),
        operational_replication_host_names=_list(record, "OperationalReplicationHostNames"),
        failed_replication_host_names=_list(record, "FailedReplicationHostNames"),
        in_use_replication_host_names=_list(record, "InUseReplicationHostNames"))


@dataclass(frozen=True)
class HealthCheck:
    server: str
    check: str
    result: str                          # Passed, or what else the check printed
    error: str

    @property
    def passed(self) -> bool:
        return self.result == "Passed"


class ReplicationHealth(EmsProbe[tuple[HealthCheck, ...]]):
    """`Test-ReplicationHealth [-Identity SERVER] | Format-List`: one object per check."""

    NAME = "replication_health"
    ALLOW = (ems_shape(r"Test-ReplicationHealth(?: -Identity {NAME})? \| Format-List"),)

    def __init__(self, identity: str | None = None):
        self.selector = f" -Identity {name(identity, 'server')}" if identity is not None else ""

    def pipeline(self) -> str:
        return f"Test-ReplicationHealth{self.selector} | Format-List"

    def process(self, lines: list[str]) -> tuple[HealthCheck, ...]:
        return records(lines, lambda r: HealthCheck(r.text("Server"), r.text("Check"), r.text("Result"),
                                                    r.get("Error") or ""))
