"""Continuous replication over lab time, the drills' faults, failover with the dial, handoffs."""

from __future__ import annotations

import pytest

from winlab import assumptions as A
from winlab.exchange import cms as cms_module
from winlab.exchange import events, replication
from tests.unit.winlab.exchange_site import NODES, Clock, clustered_lab, installed, ok, run


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def lab(tmp_path, lab_env, clock):
    return installed(clustered_lab(tmp_path, lab_env, clock), clock)


def copies(lab):
    """(SummaryCopyStatus, CopyQueueLength, ReplayQueueLength) per storage group."""
    state = lab.state()
    return [(replication.summary(state, g), replication.copy_queue(g), replication.replay_queue(g))
            for g in state.exchange.cms.storage_groups]


def database_resources(lab):
    return {r.name: r.state for r in lab.state().cluster.resources if r.type == "Microsoft Exchange Database Instance"}


def test_logs_close_as_time_passes_and_a_healthy_copy_keeps_up(lab, clock):
    before = lab.state().exchange.cms.storage_groups[0].generated
    clock.tick(10 * A.EXCHANGE_LOG_SECONDS)
    group = lab.state().exchange.cms.storage_groups[0]
    assert group.generated == before + 10
    assert group.copied == group.replayed == group.generated
    assert copies(lab) == [("Healthy", 0, 0)] * 2


def test_stopping_the_passive_replication_service_grows_the_copy_queue(lab, clock):
    out = ok(lab, NODES[1], "net stop msexchangerepl")
    assert "The Microsoft Exchange Replication Service service was stopped successfully." in out
    clock.tick(4 * A.EXCHANGE_LOG_SECONDS)
    assert copies(lab) == [(A.COPY_STATUS_SERVICE_DOWN, 4, 0)] * 2
    clock.tick(2 * A.EXCHANGE_LOG_SECONDS)
    assert copies(lab)[0][1] == 6
    ok(lab, NODES[1], "net start MSExchangeRepl")
    assert copies(lab) == [("Healthy", 0, 0)] * 2
    assert run(lab, NODES[1], "net start msexchangerepl")[0] == 2       # already started


def test_the_replication_service_fault_is_the_same_stop(lab, clock):
    lab.fail("replication-service")
    clock.tick(3 * A.EXCHANGE_LOG_SECONDS)
    assert copies(lab) == [(A.COPY_STATUS_SERVICE_DOWN, 3, 0)] * 2
    lab.heal("replication-service")
    assert copies(lab) == [("Healthy", 0, 0)] * 2


def test_the_copy_queue_fault_holds_a_burst_beyond_the_dial_until_healed(lab, clock):
    lab.fail("copy-queue")
    assert [c[1] for c in copies(lab)] == [A.EXCHANGE_BURST_LOGS] * 2
    assert A.EXCHANGE_BURST_LOGS > A.DIAL_THRESHOLDS["BestAvailability"]
    clock.tick(A.EXCHANGE_LOG_SECONDS)
    assert [c[1] for c in copies(lab)] == [A.EXCHANGE_BURST_LOGS + 1] * 2
    lab.heal("copy-queue")
    assert copies(lab) == [("Healthy", 0, 0)] * 2


def test_a_failed_copy_until_healed_and_a_named_storage_group(lab):
    lab.fail("failed-copy:Second Storage Group")
    assert [c[0] for c in copies(lab)] == ["Healthy", "Failed"]
    assert lab.state().exchange.cms.storage_groups[1].failed_message == A.FAILED_COPY_MESSAGE
    lab.heal("failed-copy:Second Storage Group")
    assert [c[0] for c in copies(lab)] == ["Healthy", "Healthy"]


def test_losing_the_active_node_with_an_empty_queue_fails_over_and_mounts(lab):
    lab.fail("cms-active-node")
    state = lab.state()
    assert state.exchange.cms.active == NODES[1]
    assert state.cluster.group("E2K7CMS").owner.upper() == NODES[1].upper()
    assert set(database_resources(lab).values()) == {"Online"}
    assert cms_module.state_word(state, state.exchange.cms) == "Online"
    assert state.exchange.redeliveries == []
    assert [c[0] for c in copies(lab)] == [A.COPY_STATUS_SERVICE_DOWN] * 2      # the old node is the passive one
    lab.heal("cms-active-node")
    assert copies(lab) == [("Healthy", 0, 0)] * 2


def test_losing_the_active_node_beyond_the_dial_leaves_the_databases_dismounted(lab, clock):
    lab.fail("copy-queue")
    lab.fail("cms-active-node")
    state = lab.state()
    assert state.exchange.cms.active == NODES[1]
    assert set(database_resources(lab).values()) == {"Offline"}
    assert cms_module.state_word(state, state.exchange.cms) == A.CMS_STATE_PARTIAL
    blocked = [e for e in events.entries(state, state.hosts[NODES[1]]) if e.event_id == A.EVENT_DIAL_BLOCKED[0]]
    assert len(blocked) == 2 and "BestAvailability" in blocked[0].message
    before = state.exchange.cms.storage_groups[0].generated
    clock.tick(5 * A.EXCHANGE_LOG_SECONDS)
    assert lab.state().exchange.cms.storage_groups[0].generated == before      # dismounted: no logs
    lab.heal("copy-queue")
    lab.heal("cms-active-node")               # the old node is back: its logs are copied, the databases mount
    assert set(database_resources(lab).values()) == {"Online"}
    assert lab.state().exchange.redeliveries == []


def test_a_lossy_failover_within_the_dial_asks_the_hub_to_redeliver(lab, monkeypatch):
    monkeypatch.setitem(A.DIAL_THRESHOLDS, "BestAvailability", A.EXCHANGE_BURST_LOGS)
    lab.fail("copy-queue")
    lab.fail("cms-active-node")
    state = lab.state()
    assert set(database_resources(lab).values()) == {"Online"}
    assert [(r.storage_group, r.hub, r.lost_logs) for r in state.exchange.redeliveries] == [
        ("First Storage Group", "E2K7HUB01", A.EXCHANGE_BURST_LOGS),
        ("Second Storage Group", "E2K7HUB01", A.EXCHANGE_BURST_LOGS)]
    lossy = [e for e in events.entries(state, state.hosts[NODES[1]]) if e.event_id == A.EVENT_LOSSY[0]]
    assert "E2K7HUB01" in lossy[0].message and f"{A.EXCHANGE_BURST_LOGS} log files were lost" in lossy[0].message
    status = lab.status()
    assert "copy queue held (copy-queue)" in status.faults and "E2K7Node1 (cms-active-node) down" in status.faults
    assert any(line.endswith(f"lossy failover of First Storage Group: {A.EXCHANGE_BURST_LOGS} logs lost, E2K7HUB01 "
                             "asked to redeliver from its transport dumpster") for line in status.details)
    lab.heal("copy-queue")
    lab.heal("cms-active-node")
    assert [c[0] for c in copies(lab)] == ["Failed", "Failed"]      # the old active copy diverged: reseed it


def test_a_lossless_dial_never_mounts_with_logs_missing(lab, monkeypatch):
    with lab.store.transaction() as state:
        state.exchange.cms.dial = "Lossless"
    lab.fail("replication-service")
    lab.heal("replication-service")
    lab.fail("copy-queue")
    lab.fail("cms-active-node")
    assert set(database_resources(lab).values()) == {"Offline"}


def test_a_cluster_tool_move_leaves_the_databases_dismounted(lab):
    out = ok(lab, NODES[0], f"cluster group E2K7CMS /move:{NODES[1]}")
    assert "E2K7CMS" in out
    state = lab.state()
    assert state.exchange.cms.active == NODES[1]
    assert set(database_resources(lab).values()) == {"Offline"}
    with lab.store.transaction() as state:
        cms_module.start(state)
    assert set(database_resources(lab).values()) == {"Online"}


def test_a_handoff_moves_without_loss_and_logs_event_100(lab, clock):
    clock.tick(3 * A.EXCHANGE_LOG_SECONDS)
    with lab.store.transaction() as state:
        cms_module.move(state, state.hosts[NODES[1]], "patching", clock.now)
    state = lab.state()
    assert state.exchange.cms.active == NODES[1] and state.exchange.redeliveries == []
    assert set(database_resources(lab).values()) == {"Online"}
    handoff = [e for e in events.entries(state, state.hosts[NODES[1]]) if e.event_id == 100]
    assert handoff and "patching" in handoff[0].message and handoff[0].source == "MSExchangeRepl"
    assert copies(lab) == [("Healthy", 0, 0)] * 2
    services = {n: s for n, _, s in __import__("winlab.exchange.services", fromlist=["x"]).listed(
        state, state.hosts[NODES[0]])}
    assert services["MSExchangeIS"] is False and services["MSExchangeRepl"] is True


def test_losing_quorum_takes_the_cms_offline_and_it_comes_back(lab, clock):
    lab.fail("E2K7Node2")
    lab.fail("witness")
    state = lab.state()
    assert not state.cluster.running
    assert cms_module.state_word(state, state.exchange.cms) == "Offline"
    lab.heal("witness")
    assert cms_module.state_word(lab.state(), lab.state().exchange.cms) == "Online"


def test_stopping_the_active_nodes_cluster_service_fails_over_without_loss(lab, clock):
    ok(lab, NODES[1], "net stop msexchangerepl")          # the passive copy falls 4 logs behind...
    clock.tick(4 * A.EXCHANGE_LOG_SECONDS)
    assert copies(lab)[0][1] == 4
    ok(lab, NODES[0], "net stop clussvc")                 # ...and the old node, still up, hands over its logs
    state = lab.state()
    assert state.exchange.cms.active == NODES[1]
    assert set(database_resources(lab).values()) == {"Online"}
    assert state.exchange.redeliveries == [] and not any(g.failed for g in state.exchange.cms.storage_groups)


def test_losing_the_active_node_with_logs_not_copied_is_lossy_within_the_dial(lab, clock):
    ok(lab, NODES[1], "net stop msexchangerepl")
    clock.tick(4 * A.EXCHANGE_LOG_SECONDS)
    ok(lab, NODES[1], "net start msexchangerepl")          # (caught up again: nothing lost)
    assert copies(lab)[0][1] == 0
    ok(lab, NODES[1], "net stop msexchangerepl")
    clock.tick(4 * A.EXCHANGE_LOG_SECONDS)
    lab.fail("cms-active-node")                           # powered off: its 4 logs are gone
    state = lab.state()
    assert [r.lost_logs for r in state.exchange.redeliveries] == [4, 4]
    assert set(database_resources(lab).values()) == {"Online"}


def test_cluster_exe_on_the_cms_resources_dismounts_stops_and_starts(lab, clock):
    database = "First Storage Group/Mailbox Database (E2K7CMS)"
    ok(lab, NODES[0], f'cluster res "{database}" /offline')
    assert database_resources(lab)[database] == "Offline"
    assert not lab.state().exchange.cms.storage_groups[0].mounted
    generated = lab.state().exchange.cms.storage_groups[0].generated
    clock.tick(3 * A.EXCHANGE_LOG_SECONDS)
    assert lab.state().exchange.cms.storage_groups[0].generated == generated      # dismounted: no logs
    ok(lab, NODES[0], f'cluster res "{database}" /online')
    assert database_resources(lab)[database] == "Online"
    ok(lab, NODES[0], "cluster group E2K7CMS /offline")
    state = lab.state()
    assert state.exchange.cms.stopped and cms_module.state_word(state, state.exchange.cms) == "Offline"
    ok(lab, NODES[0], "cluster group E2K7CMS /online")
    state = lab.state()
    assert not state.exchange.cms.stopped and set(database_resources(lab).values()) == {"Online"}
