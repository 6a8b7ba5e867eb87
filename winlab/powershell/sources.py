"""What other parts of the lab contribute to the core cmdlets: services (Get-Service) and
Application log entries (Get-EventLog). The lab's Exchange registers its services and the
replication service's events here; the core knows only the Cluster service.

    register_services(lambda ctx: [Service("MSExchangeRepl", "Microsoft Exchange Replication Service", "Running")])
    register_events(lambda ctx: [Event(...)])
`ctx` is the cmdlet's context (ctx.host, ctx.lab, ctx.now()).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from .objects import PSObject

SERVICE_TYPE, EVENT_TYPE = "System.ServiceProcess.ServiceController", "System.Diagnostics.EventLogEntry"


@dataclass(frozen=True)
class Service:
    name: str
    display_name: str
    status: str                         # Running | Stopped | ...

    def object(self) -> PSObject:
        return PSObject((SERVICE_TYPE, "System.ComponentModel.Component", "System.Object"),
                        {"Status": self.status, "Name": self.name, "DisplayName": self.display_name},
                        to_string=self.name)


@dataclass(frozen=True)
class Event:
    index: int
    time: datetime
    entry_type: str                     # Information | Warning | Error
    source: str
    event_id: int
    message: str
    log: str = "Application"

    def object(self) -> PSObject:
        return PSObject((EVENT_TYPE, "System.ComponentModel.Component", "System.Object"),
                        {"Index": self.index, "TimeGenerated": self.time, "TimeWritten": self.time,
                         "EntryType": self.entry_type, "Source": self.source, "EventID": self.event_id,
                         "InstanceId": self.event_id, "Message": self.message, "Category": "(0)",
                         "MachineName": ""}, to_string="System.Diagnostics.EventLogEntry")


_SERVICES: list[Callable[[Any], list[Service]]] = []
_EVENTS: list[Callable[[Any], list[Event]]] = []


def register_services(source: Callable[[Any], list[Service]]) -> None:
    if source not in _SERVICES:
        _SERVICES.append(source)


def register_events(source: Callable[[Any], list[Event]]) -> None:
    if source not in _EVENTS:
        _EVENTS.append(source)


def services(ctx) -> list[Service]:
    found = [s for source in [_cluster_service] + _SERVICES for s in source(ctx)]
    return sorted(found, key=lambda s: s.name.lower())


def events(ctx, log: str) -> list[Event]:
    found = [e for source in _EVENTS for e in source(ctx) if e.log.lower() == log.lower()]
    return sorted(found, key=lambda e: e.index, reverse=True)


def _cluster_service(ctx) -> list[Service]:
    """ClusSvc: installed on every server (2003) / with Failover Clustering (2008); running on a member node."""
    cluster = ctx.lab.cluster
    member = cluster.node(ctx.host.computer_name) if cluster else None
    if not ctx.host.os.release.startswith("2003") and "Failover-Clustering" not in ctx.host.features:
        return []
    running = member is not None and member.service_running and ctx.host.up
    return [Service("ClusSvc", "Cluster Service", "Running" if running else "Stopped")]
