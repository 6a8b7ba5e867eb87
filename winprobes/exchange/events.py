"""One source's events in the Application log, such as MSExchangeRepl's (ccr-domain.md stage 10:
event 100 records each handoff of the clustered mailbox server [S49]).

PowerShell 1.0's Get-EventLog has no -Source (2.0 added it), so the probe filters:
`Get-EventLog Application -Newest N | Where-Object { $_.Source -eq 'MSExchangeRepl' } | Format-List`
(the newest N entries of the log, then those of the source: fewer than N).
PowerShell 1.0 names the event number EventID (2.0 shows InstanceId): either is read. A
message's lines go on under the value column and are kept with their breaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import EmsProbe, records
from .formatlist import Record
from .shell import ems_shape, name
from .values import integer, timestamp


@dataclass(frozen=True)
class EventEntry:
    index: int | None
    event_id: int
    source: str
    entry_type: str                      # Information, Warning, Error
    time: str | None                     # TimeGenerated, ISO 8601
    message: str


class ApplicationEvents(EmsProbe[tuple[EventEntry, ...]]):
    """Among the newest `newest` Application log entries, those of `source`, newest first."""

    NAME = "application_events"
    ALLOW = (ems_shape(r"Get-EventLog Application -Newest \d{1,5} \| Where-Object \{ \$_\.Source -eq "
                       r"{NAME} \} \| Format-List"),)

    def __init__(self, source: str = "MSExchangeRepl", newest: int = 200, culture: str | None = None):
        if not (isinstance(newest, int) and 0 < newest < 100000):
            raise ValueError(f"newest {newest!r}: a number of entries from 1 to 99999")
        self.source, self.newest, self.culture = name(source, "event source"), newest, culture

    def pipeline(self) -> str:
        return f"Get-EventLog Application -Newest {self.newest} | Where-Object {{ $_.Source -eq {self.source} }} | Format-List"

    def process(self, lines: list[str]) -> tuple[EventEntry, ...]:
        return records(lines, self._entry)

    def _entry(self, record: Record) -> EventEntry:
        number = "EventID" if "EventID" in record.fields else "InstanceId"
        event_id = integer(record.text(number), record.lines[number])
        when = timestamp(record.get("TimeGenerated") or "", record.lines.get("TimeGenerated"), self.culture)
        return EventEntry(integer(record.get("Index") or "", record.lines.get("Index")), event_id or 0,
                          record.get("Source") or self.source.strip("'"), record.get("EntryType") or "", when.isoformat() if when else None,
                          record.get("Message") or "")
