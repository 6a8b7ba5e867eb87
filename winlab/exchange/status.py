"""What `runbook lab status` says of Exchange: the CMS and where it runs, each copy, the drills'
faults in force, and every dumpster redelivery request a lossy failover made."""

from __future__ import annotations

from datetime import datetime, timezone

from ..state import LabState
from . import cms as cms_module
from . import replication, services


def lines(state: LabState) -> list[str]:
    exchange = state.exchange
    cms = exchange.cms if exchange else None
    if cms is None:
        return []
    found = [f"exchange: {cms.name} {cms_module.state_word(state, cms)} on {cms.active} "
             f"(AutoDatabaseMountDial {cms.dial})"]
    for group in cms.storage_groups:
        found.append(f"exchange: {group.name}: {replication.summary(state, group)}, copy queue "
                     f"{replication.copy_queue(group)}, replay queue {replication.replay_queue(group)}, "
                     f"{'mounted' if cms_module.running(state, cms) and cms_module.mounted(group) else 'dismounted'}")
    for request in exchange.redeliveries:
        when = datetime.fromtimestamp(request.time, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        found.append(f"exchange: {when} lossy failover of {request.storage_group}: {request.lost_logs} logs lost, "
                     f"{request.hub} asked to redeliver from its transport dumpster")
    return found


def faults(state: LabState) -> list[str]:
    exchange = state.exchange
    cms = exchange.cms if exchange else None
    if cms is None:
        return []
    found = [f"{exchange.lost_node} (cms-active-node) down"] if exchange.lost_node else []
    passive = replication.passive(state, cms)
    if passive is not None and passive.up and not services.running(state, passive, services.REPLICATION):
        found.append(f"{services.REPLICATION} stopped on {passive.name}")
    if exchange.copy_queue_fault:
        found.append("copy queue held (copy-queue)")
    found += [f"passive copy of {g.name} failed" for g in cms.storage_groups if g.failed]
    return found
