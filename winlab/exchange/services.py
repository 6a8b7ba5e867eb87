"""The Exchange services on each host: what `net start|stop` changes and Get-Service lists.

A Mailbox server runs the Replication service (MSExchangeRepl) on both nodes; the clustered
services (Information Store, System Attendant) run on the active node only, as the cluster's
resources. Stopping MSExchangeRepl on the passive node stops the copy (replication.py);
stopping the store on the active node dismounts its databases.
"""

from __future__ import annotations

from .. import assumptions as A
from ..state import Host, LabState

REPLICATION, STORE = "MSExchangeRepl", "MSExchangeIS"


def catalogue(state: LabState, host: Host) -> list[tuple[str, str]]:
    """(name, display name) of the Exchange services installed on `host`."""
    server = state.exchange.server(host.name) if state.exchange else None
    if server is None:
        return []
    found: dict[str, str] = {}
    if "HubTransport" in server.roles:
        found.update(A.EXCHANGE_SERVICES_HUB)
    if "Mailbox" in server.roles:
        found.update(A.EXCHANGE_SERVICES_MAILBOX)
    return list(found.items())


def listed(state: LabState, host: Host) -> list[tuple[str, str, bool]]:
    """(name, display name, running) of every Exchange service on `host`, for Get-Service."""
    return [(name, display, running(state, host, name)) for name, display in catalogue(state, host)]


def find(state: LabState, host: Host, name: str) -> tuple[str, str] | None:
    """The service `name` (its short or display name, any case) names on `host`."""
    wanted = name.strip('"').lower()
    return next(((n, d) for n, d in catalogue(state, host) if wanted in (n.lower(), d.lower())), None)


def running(state: LabState, host: Host, name: str) -> bool:
    server = state.exchange.server(host.name) if state.exchange else None
    return bool(host.up and server is not None and server.services.get(name, False))


def set_running(state: LabState, host: Host, name: str, value: bool) -> None:
    state.exchange.server(host.name).services[name] = value


def node_services(active: bool) -> dict[str, bool]:
    """A Mailbox node's services as setup leaves them: the clustered ones only where the CMS runs."""
    return {name: active or name not in A.CMS_CLUSTERED_SERVICES for name, _ in A.EXCHANGE_SERVICES_MAILBOX}
