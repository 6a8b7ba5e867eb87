"""What Exchange adds to the core cmdlets: its services to Get-Service, the Replication service's
Application-log entries to Get-EventLog (handoffs, failovers, dumpster redelivery requests)."""

from __future__ import annotations

from ...powershell.sources import Event, Service, register_events, register_services
from .. import events, services
from .lookup import when


def exchange_services(ctx) -> list[Service]:
    return [Service(name, display, "Running" if running else "Stopped")
            for name, display, running in services.listed(ctx.lab, ctx.host)]


def exchange_events(ctx) -> list[Event]:
    return [Event(e.index, when(e.time), e.entry_type, e.source, e.event_id, e.message)
            for e in events.entries(ctx.lab, ctx.host)]


register_services(exchange_services)
register_events(exchange_events)
