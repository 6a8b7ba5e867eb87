"""Continuous replication as lab time passes: logs closed on the active copy, copied to the
passive node and replayed into its database; queue lengths and the copy's summary status.

A mounted database closes a log every EXCHANGE_LOG_SECONDS. While the copy can run (the
passive node is up and its Replication service runs, the two nodes share a live network,
the copy is neither suspended, failed nor seeding, and the copy-queue fault is off) every
closed log is copied and inspected at once, and replayed unless the copy is suspended.
CopyQueueLength is the logs closed and not copied, ReplayQueueLength the logs copied and
not replayed [S96]. A new copy goes Initializing, then Seeding, then Healthy (or Suspended
after `-ManualResume`), each phase taking lab seconds (assumptions.py); the passive node's
setup copies every database while it installs [S7], so its copies are only Initializing.
"""

from __future__ import annotations

from .. import assumptions as A
from .. import network as net
from ..state import Host, LabState
from . import services
from .model import Cms, StorageGroup

HEALTHY, FAILED, SUSPENDED, SEEDING, INITIALIZING, DISABLED = (
    "Healthy", "Failed", "Suspended", "Seeding", "Initializing", "Disabled")


def advance(state: LabState, now: float, online: bool) -> None:
    """Carry replication forward to `now`: logs (while the CMS runs, `online`), seeding phases, copy
    and replay."""
    exchange = state.exchange
    if exchange is None:
        return
    elapsed, exchange.clock = max(0.0, now - exchange.clock), max(exchange.clock, now)
    cms = exchange.cms
    if cms is None:
        return
    for group in cms.storage_groups:
        if online and group.mounted and not group.blocked_by_dial:
            _generate(group, elapsed / A.EXCHANGE_LOG_SECONDS, now)
        if group.seed_phase_until is not None and not channel_open(state, cms):
            group.seed_phase_until += elapsed       # seeding makes no progress while the copy cannot run
        _seed_phases(state, cms, group, now)
        catch_up(state, group, now)


def _generate(group: StorageGroup, logs: float, now: float) -> None:
    group.carry += logs
    closed = int(group.carry)
    if closed:
        group.carry -= closed
        group.generated += closed
        group.generated_at = now


def burst(group: StorageGroup, logs: int, now: float) -> None:
    """`logs` logs closed at once (the copy-queue fault)."""
    group.generated += logs
    group.generated_at = now


def passive(state: LabState, cms: Cms) -> Host | None:
    """The node holding the passive copy: a node with the role installed that is not active."""
    name = next((n for n in cms.nodes if n.upper() != cms.active.upper()), None)
    return state.host(name) if name else None


def channel_open(state: LabState, cms: Cms) -> bool:
    """Logs can travel: both nodes up, the passive node's Replication service running, a live network
    between them (log shipping uses SMB over any network [S34])."""
    source, target = state.host(cms.active), passive(state, cms)
    if source is None or target is None or not (source.up and target.up):
        return False
    if not services.running(state, target, services.REPLICATION):
        return False
    return _share_a_network(state, source, target)


def _share_a_network(state: LabState, one: Host, other: Host) -> bool:
    live = {a.segment for a in one.adapters if net.is_live(state, a)}
    return any(a.segment in live and net.is_live(state, a) for a in other.adapters)


def copying(state: LabState, group: StorageGroup) -> bool:
    exchange = state.exchange
    return (channel_open(state, exchange.cms) and not exchange.copy_queue_fault and not group.suspended
            and not group.failed and not group.seeding and not group.initializing)


def catch_up(state: LabState, group: StorageGroup, now: float) -> None:
    if not copying(state, group):
        return
    if group.copied < group.generated:
        group.copied, group.copied_at = group.generated, now
    if group.replayed < group.copied:
        group.replayed, group.replayed_at = group.copied, now


def begin_seed(group: StorageGroup, now: float, manual_resume: bool = False, copied: bool = False) -> None:
    """A new baseline for the passive copy: Initializing, then Seeding (unless the database was `copied`
    already, as the passive node's setup does [S7]), then Healthy, or Suspended after `-ManualResume`."""
    group.initializing, group.seeding, group.failed, group.failed_message = True, False, False, ""
    group.suspended, group.suspend_comment, group.manual_resume = False, "", manual_resume
    group.copied = group.replayed = group.generated if copied else 0
    group.seed_pending = not copied
    group.seed_phase_until = now + A.EXCHANGE_INITIALIZING_SECONDS


def _seed_phases(state: LabState, cms: Cms, group: StorageGroup, now: float) -> None:
    """Initializing -> Seeding -> done, each phase only while the copy channel is open."""
    while group.seed_phase_until is not None and now >= group.seed_phase_until and channel_open(state, cms):
        if group.initializing and group.seed_pending:
            group.initializing, group.seeding = False, True
            group.seed_phase_until += A.EXCHANGE_SEEDING_SECONDS
            continue
        group.initializing = group.seeding = False
        group.seed_phase_until = None
        group.copied = group.replayed = group.generated
        group.copied_at = group.replayed_at = now
        if group.manual_resume:
            group.suspended, group.manual_resume = True, False


def copy_queue(group: StorageGroup) -> int:
    return max(0, group.generated - group.copied)


def replay_queue(group: StorageGroup) -> int:
    return max(0, group.copied - group.replayed)


def summary(state: LabState, group: StorageGroup) -> str:
    """SummaryCopyStatus of the passive copy [S93]."""
    cms = state.exchange.cms
    target = passive(state, cms)
    if target is None:
        return DISABLED
    if not target.up or not services.running(state, target, services.REPLICATION):
        return A.COPY_STATUS_SERVICE_DOWN
    if group.failed:
        return FAILED
    if group.suspended:
        return SUSPENDED
    if group.initializing:
        return INITIALIZING
    if group.seeding:
        return SEEDING
    return HEALTHY
