"""The lab's time for Exchange: what the lab calls before each command and after every change."""

from __future__ import annotations

from ..state import LabState
from . import cms, replication
from . import snapin  # noqa: F401  (registers the Exchange snap-in with the lab's PowerShell)


def advance(state: LabState, now: float) -> None:
    """Time has passed up to `now`: a failover the cluster made is resolved, logs close, copy, replay."""
    exchange = state.exchange
    if exchange is None:
        return
    if exchange.cms is not None:
        cms.reconcile(state, now)
    replication.advance(state, now, exchange.cms is not None and cms.running(state, exchange.cms))
    if exchange.cms is not None:
        cms.sync(state)


def changed(state: LabState, now: float | None = None) -> None:
    """The cluster changed (quorum.refresh): resolve it at the lab's last known time."""
    exchange = state.exchange
    if exchange is not None and exchange.cms is not None:
        cms.reconcile(state, exchange.clock if now is None else now)
