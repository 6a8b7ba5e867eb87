"""`Get-StorageGroupCopyStatus`: each storage group copy's health (ccr-domain.md 3.7).

In CCR the status describes the passive copy [S93]. Format-List starts (RTM, verbatim [S92]):
Identity, StorageGroupName, SummaryCopyStatus, Failed, FailedMessage, Seeding, Suspend,
SuspendComment, CopyQueueLength, ReplayQueueLength, then the log times and numbers (order
UNCONFIRMED): every property is found by its name, wherever it stands. The default table view
is Name, SummaryCopyStatus, CopyQueueLength, ReplayQueueLength, LastInspectedLogTime [S10].
SummaryCopyStatus is kept as printed (`Healthy`, `Failed`, `Seeding`, `Suspended`, `Stopped`,
`Disabled`, `Not Supported`; SP1 `Initializing`, `Service Down`, `Resynchronizing`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import Unreadable
from .base import EmsProbe, records
from .formatlist import Record, table
from .shell import ems_shape, name
from .values import boolean, integer, timestamp


@dataclass(frozen=True)
class CopyStatus:
    identity: str                       # SERVER\StorageGroup
    storage_group: str
    summary_copy_status: str            # as printed
    failed: bool | None
    failed_message: str
    seeding: bool | None
    suspend: bool | None
    suspend_comment: str
    copy_queue_length: int | None       # logs not yet copied to the passive copy
    replay_queue_length: int | None     # logs not yet replayed into it
    last_inspected_log_time: str | None  # ISO 8601 (the host's clock)

    @property
    def healthy(self) -> bool:
        return self.summary_copy_status == "Healthy"


def _flag(record: Record, field: str) -> bool | None:
    text = record.get(field)
    return None if text is None else boolean(text, record.lines[field])


def _when(text: str | None, line: int | None, culture: str | None) -> str | None:
    found = timestamp(text or "", line, culture)
    return found.isoformat() if found else None


class StorageGroupCopyStatus(EmsProbe[tuple[CopyStatus, ...]]):
    """`Get-StorageGroupCopyStatus [-Server S | -Identity S\\SG] | Format-List`: every copy."""

    NAME = "storage_group_copy_status"
    ALLOW = (ems_shape(r"Get-StorageGroupCopyStatus(?: -(?:Server|Identity) {NAME})? \| Format-List"),)

    def __init__(self, server: str | None = None, identity: str | None = None, culture: str | None = None):
        if server is not None and identity is not None:
            raise ValueError("give a server or a storage group's identity, not both")
        self.selector = f" -Server {name(server, 'server')}" if server is not None else \
            f" -Identity {name(identity, 'storage group')}" if identity is not None else ""
        self.culture = culture

    def pipeline(self) -> str:
        return f"Get-StorageGroupCopyStatus{self.selector} | Format-List"

    def process(self, lines: list[str]) -> tuple[CopyStatus, ...]:
        return records(lines, self._copy)

    def _copy(self, record: Record) -> CopyStatus:
        identity = record.text("Identity")
        lines = record.lines
        return CopyStatus(
            identity=identity,
            storage_group=record.get("StorageGroupName") or identity.rsplit("\\", 1)[-1],
            summary_copy_status=record.text("SummaryCopyStatus"),
            failed=_flag(record, "Failed"),
            failed_message=record.get("FailedMessage") or "",
            seeding=_flag(record, "Seeding"),
            suspend=_flag(record, "Suspend"),
            suspend_comment=record.get("SuspendComment") or "",
            copy_queue_length=integer(record.text("CopyQueueLength"), lines["CopyQueueLength"]),
            replay_queue_length=integer(record.text("ReplayQueueLength"), lines["ReplayQueueLength"]),
            last_inspected_log_time=_when(record.get("LastInspectedLogTime"), lines.get("LastInspectedLogTime"), self.culture))


@dataclass(frozen=True)
class CopyStatusRow:
    storage_group: str
    summary_copy_status: str
    copy_queue_length: int | None
    replay_queue_length: int | None
    last_inspected_log_time: str | None


COLUMNS = ("Name", "SummaryCopyStatus", "CopyQueueLength", "ReplayQueueLength", "LastInspectedLogTime")


class StorageGroupCopyStatusTable(EmsProbe[tuple[CopyStatusRow, ...]]):
    """`Get-StorageGroupCopyStatus [-Server S]`: the default table, one row a copy."""

    NAME = "storage_group_copy_status_table"
    ALLOW = (ems_shape(r"Get-StorageGroupCopyStatus(?: -Server {NAME})?"),)

    def __init__(self, server: str | None = None, culture: str | None = None):
        self.selector = f" -Server {name(server, 'server')}" if server is not None else ""
        self.culture = culture

    def pipeline(self) -> str:
        return f"Get-StorageGroupCopyStatus{self.selector}"

    def process(self, lines: list[str]) -> tuple[CopyStatusRow, ...]:
        if not any(line.strip() for line in lines):
            return ()
        rows = []
        for number, (sg, summary, copy, replay, inspected) in table(lines, COLUMNS).rows:
            if not summary:
                raise Unreadable("a row without its SummaryCopyStatus", number)
            rows.append(CopyStatusRow(sg, summary, integer(copy, number), integer(replay, number),
                                      _when(inspected, number, self.culture)))
        return tuple(rows)
