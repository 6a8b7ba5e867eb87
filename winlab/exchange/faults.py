"""The Exchange drills' faults (`runbook lab fail|heal WHAT`, the `lab_faults` fixture):

- `cms-active-node`: the node running the CMS is powered off (a lost active node: the cluster
  fails the CMS over, cms.py); healing powers that node on again;
- `replication-service`: the passive node's Replication service stops (as
  `net stop msexchangerepl` there): the copy stops and CopyQueueLength grows as logs close;
  healing starts it and the copy catches up;
- `copy-queue`: every storage group closes EXCHANGE_BURST_LOGS logs at once and the copy takes
  none until healed (a queue beyond the dial; verification sees it growing);
- `failed-copy` (every storage group's passive copy) or `failed-copy:<storage group>`: the
  passive copy is Failed; healing stands for a finished reseed: Healthy again.
"""

from __future__ import annotations

from .. import assumptions as A
from .. import restarts
from ..errors import WinLabError
from ..state import LabState
from . import replication, services

ACTIVE_NODE, REPLICATION, COPY_QUEUE, FAILED_COPY = "cms-active-node", "replication-service", "copy-queue", \
    "failed-copy"
TARGETS = [ACTIVE_NODE, REPLICATION, COPY_QUEUE, FAILED_COPY, FAILED_COPY + ":<storage group>"]


def handles(what: str) -> bool:
    name = what.lower()
    return name in (ACTIVE_NODE, REPLICATION, COPY_QUEUE, FAILED_COPY) or name.startswith(FAILED_COPY + ":")


def targets(state: LabState) -> list[str]:
    return TARGETS if state.exchange is not None else []


def apply(state: LabState, what: str, broken: bool, now: float) -> str:
    exchange = state.exchange
    cms = exchange.cms if exchange else None
    if cms is None:
        raise WinLabError(f"{what} needs a clustered mailbox server: there is none yet in this lab")
    name = what.lower()
    if name == ACTIVE_NODE:
        return _active_node(state, broken, now)
    if name == REPLICATION:
        return _replication(state, broken)
    if name == COPY_QUEUE:
        return _copy_queue(state, broken, now)
    return _failed_copy(state, what[len(FAILED_COPY) + 1:] if ":" in what else None, broken, now)


def _active_node(state: LabState, broken: bool, now: float) -> str:
    cms = state.exchange.cms
    if broken:
        host = state.host(cms.active)
        if not host.up:
            return f"{host.name} is already down"
        restarts.power_off(host)
        state.exchange.lost_node = host.name
        return f"{host.name} (active node of {cms.name}) down"
    lost = state.exchange.lost_node
    host = state.host(lost) if lost else None
    if host is None or host.up:
        return "no active node of the CMS was taken down"
    restarts.start(state, host, now)
    state.exchange.lost_node = None
    return f"{host.name} up"


def _replication(state: LabState, broken: bool) -> str:
    target = replication.passive(state, state.exchange.cms)
    if target is None:
        raise WinLabError("replication-service needs the passive node: it has no Exchange yet")
    services.set_running(state, target, services.REPLICATION, not broken)
    return f"{services.REPLICATION} on {target.name} {'stopped' if broken else 'started'}"


def _copy_queue(state: LabState, broken: bool, now: float) -> str:
    exchange = state.exchange
    if broken and not exchange.copy_queue_fault:
        for group in exchange.cms.storage_groups:
            replication.burst(group, A.EXCHANGE_BURST_LOGS, now)
    exchange.copy_queue_fault = broken
    return f"copy queue {'held with a burst of ' + str(A.EXCHANGE_BURST_LOGS) + ' logs' if broken else 'released'}"


def _failed_copy(state: LabState, name: str | None, broken: bool, now: float) -> str:
    groups = state.exchange.cms.storage_groups
    chosen = [g for g in groups if name is None or g.name.lower() == name.lower()]
    if not chosen:
        raise WinLabError(f"no storage group {name!r}: {', '.join(g.name for g in groups)}")
    for group in chosen:
        if broken:
            group.failed, group.failed_message = True, A.FAILED_COPY_MESSAGE
        else:
            group.failed, group.failed_message = False, ""
            group.copied = group.replayed = group.generated
            group.copied_at = group.replayed_at = now
    return f"passive copy of {', '.join(g.name for g in chosen)} {'failed' if broken else 'reseeded'}"
