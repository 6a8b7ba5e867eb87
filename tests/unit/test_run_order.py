"""The site's run order: the plan the Scripts page shows and `apply` follows."""

from __future__ import annotations

from generator.docsite.pages import scripts_page
from generator.outputs import render_environment
from generator.scripts.runorder import run_order


def test_stages_run_in_order_and_wait_for_the_other_hosts_previous_stage(lab_env):
    plan = run_order(render_environment(lab_env))
    assert [run.number for run in plan] == list(range(1, len(plan) + 1))
    assert [run.stage.number for run in plan] == sorted(run.stage.number for run in plan)
    stages = sorted({run.stage.number for run in plan})
    for run in plan:
        before = [s for s in stages if s < run.stage.number]
        previous = [o.number for o in plan if before and o.stage.number == before[-1] and o.host != run.host]
        assert run.waits_for == tuple(previous), run
    node1_join = next(r for r in plan if r.stage.id == "join-domain" and r.host == "E2K7Node1")
    node2_network = next(r for r in plan if r.stage.id == "network-settings" and r.host == "E2K7Node2")
    assert node2_network.number in node1_join.waits_for


def test_a_selection_plans_only_its_stages(lab_env):
    rendered = render_environment(lab_env)
    plan = run_order(rendered, ["join-domain", "create-cluster"])
    assert {run.stage.id for run in plan} == {"join-domain", "create-cluster"}
    assert plan[0].number == 1 and plan[0].waits_for == ()


def test_the_scripts_page_shows_the_plan_and_the_exit_codes(lab_env):
    rendered = render_environment(lab_env)
    page = scripts_page(rendered)
    for run in run_order(rendered):
        assert f"| {run.number} | {run.host} | [" in page
    assert "| 3010 | The host restarts now." in page and "| 6 | It waits for another host's scripts." in page
    assert "/host:" in page and "Not confirmed yet" in page and "ScriptPW" in page
