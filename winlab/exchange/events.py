"""The Application event log entries Exchange writes (Get-EventLog Application reads them)."""

from __future__ import annotations

from .. import assumptions as A
from ..state import Host, LabState
from .model import Event

SOURCE = "MSExchangeRepl"


def write(state: LabState, host: str, event: tuple[int, str], now: float, **fields) -> Event:
    """Record `event` (an (id, text) pair of assumptions.py) on `host`'s Application log."""
    exchange = state.exchange
    event_id, text = event
    entry = Event(host=host, index=len(exchange.events) + 1, time=now, source=SOURCE, event_id=event_id,
                  entry_type=A.EVENT_TYPES.get(event_id, "Information"), message=text.format(**fields))
    exchange.events.append(entry)
    return entry


def entries(state: LabState, host: Host) -> list[Event]:
    """The host's entries, oldest first ([] on a host without Exchange's events)."""
    if state.exchange is None:
        return []
    return [e for e in state.exchange.events if e.host.upper() == host.name.upper()]
