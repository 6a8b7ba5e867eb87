"""ansible/site.yml for real: `ansible-playbook -f 4` over four sites, each its own lab (two 2003,
two 2008 variants), reached over WinRM by `runbook` as the playbook starts it. The tests run in
this order on the same labs: --check first (the labs still fresh), then --limit, then the whole
fleet with a fault at one site, then that site alone once healed, then serial batches."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.fleet.conftest import HOSTILE_TITLE

pytestmark = [pytest.mark.lab, pytest.mark.timeout(900)]

STAGES = ("prerequisites", "network-settings", "join-domain")     # the first three: a few minutes on 2 cores
TAGS = ",".join(STAGES)
FAULTY = "austin"                                                  # first in the inventory: batch 1 with serial 1


def test_check_prints_each_sites_plan_and_sends_nothing(fleet):
    result = fleet.playbook("--check", "-f", "4", "--tags", TAGS)
    assert result.returncode == 0, result.stdout + result.stderr
    for site in fleet.sites:
        assert fleet.commands(site) == [], f"{site}'s lab received commands in check mode"
    assert "join-domain on E2K7Node2: 03-join-domain.cmd" in result.stdout       # north and south
    assert "network-settings on DFWEXMB2A: 02-network-settings.cmd" in result.stdout     # austin and dallas
    assert result.stdout.count("(nothing sent)") == len(fleet.sites) * len(STAGES)
    assert set(fleet.recap(result)) == set(fleet.sites)
    assert not (fleet.root / "results").exists()
    # The site's title is the site's text: shown as it is, never run as a template.
    assert "{{ lookup('pipe', 'touch INJ-title') }} {% raw %}" in result.stdout
    assert not list(fleet.root.rglob("INJ-title"))


def test_limit_runs_the_named_site_only(fleet):
    result = fleet.playbook("-f", "4", "--limit", "dallas", "--tags", "prerequisites")
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(fleet.recap(result)) == {"dallas"}
    assert fleet.commands("dallas"), "dallas' lab received nothing"
    assert fleet.result("dallas", "prerequisites") == "passed"
    for site in set(fleet.sites) - {"dallas"}:
        assert fleet.commands(site) == [] and fleet.result(site, "prerequisites") is None, site


def test_a_stage_whose_earlier_stages_have_not_passed_is_blocked_and_sends_nothing(fleet):
    result = fleet.playbook("--limit", "north", "--tags", "join-domain")
    assert result.returncode == 2, result.stdout + result.stderr
    assert fleet.recap(result)["north"]["failed"] == 1
    assert "join-domain: apply exited 7, blocked by a stage gate" in result.stdout
    assert "prerequisites" in result.stdout.split("apply exited 7")[1].splitlines()[0]     # says which stage
    assert fleet.commands("north") == []


def test_a_fault_at_one_site_fails_that_site_only(fleet):
    fleet.ok("lab", "fail", "DFWEXMB2B", f"environments/{FAULTY}.yaml")
    try:
        result = fleet.playbook("-f", "4", "--tags", TAGS, "-e", "runbook_operator=ops-fleet")
    finally:
        fleet.ok("lab", "heal", "DFWEXMB2B", f"environments/{FAULTY}.yaml")
    assert result.returncode == 2, result.stdout + result.stderr
    recap = fleet.recap(result)
    assert recap[FAULTY]["failed"] == 1, recap
    assert f"{FAULTY} (Austin (AUS1)): prerequisites: apply exited" in result.stdout
    for site in set(fleet.sites) - {FAULTY}:
        assert recap[site]["failed"] == 0 and recap[site]["changed"] > 0, (site, recap)
        assert [fleet.result(site, stage) for stage in STAGES] == ["passed"] * len(STAGES), site
        assert (fleet.root / "results" / site / "reports" / "join-domain.json").is_file()
    assert fleet.result(FAULTY, "prerequisites") is None
    records = [json.loads(p.read_text()) for p in (fleet.root / "results" / "south" / "runs").glob("*-apply-*.json")]
    assert {r["who"] for r in records} == {"ops-fleet"} and len(records) == 2 * len(STAGES)
    # The fleet report (the dashboard's matrix): the faulty site's row alone is not passed.
    rows = {row["site"]: row["stages"] for row in json.loads(fleet.ok("report", "--format", "json"))["sites"]}
    for site in set(fleet.sites) - {FAULTY}:
        assert [rows[site][stage]["state"] for stage in STAGES] == ["passed"] * len(STAGES), (site, rows[site])
        assert rows[site]["join-domain"]["run"] and rows[site]["join-domain"]["target"] == f"lab://{site}"
    assert rows[FAULTY]["prerequisites"]["state"] == "not-run" and rows[FAULTY]["join-domain"]["state"] == "blocked"


def test_the_failed_site_converges_alone_once_healed(fleet):
    result = fleet.playbook("-f", "4", "--limit", FAULTY, "--tags", TAGS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(fleet.recap(result)) == {FAULTY} and fleet.recap(result)[FAULTY]["changed"] > 0
    for site in fleet.sites:
        assert [fleet.result(site, stage) for stage in STAGES] == ["passed"] * len(STAGES), site


def test_a_second_run_changes_nothing_and_serial_batches_go_on_past_a_failed_one(fleet):
    """serial 1: the faulty site is batch 1 on its own; Ansible ends a play when a whole batch
    fails, so the playbook must keep its failure from ending the others' batches. The sites
    converge first, so the test stands alone (pytest-xdist may give it fresh labs)."""
    converged = fleet.playbook("-f", "4", "--tags", "prerequisites,network-settings")
    assert converged.returncode == 0, converged.stdout + converged.stderr
    fleet.ok("lab", "fail", "DFWEXMB2B", f"environments/{FAULTY}.yaml")
    try:
        result = fleet.playbook("-e", "runbook_serial=1", "--tags", "prerequisites,network-settings")
    finally:
        fleet.ok("lab", "heal", "DFWEXMB2B", f"environments/{FAULTY}.yaml")
    recap = fleet.recap(result)
    assert set(recap) == set(fleet.sites), result.stdout
    assert recap[FAULTY]["failed"] == 1
    for site in set(fleet.sites) - {FAULTY}:
        assert recap[site]["failed"] == 0 and recap[site]["changed"] == 0, (site, recap)


def test_the_hostile_title_reaches_the_playbook_as_text(fleet):
    """The inventory holds the title !unsafe; the debug line of each run prints it."""
    inventory = (fleet.root / "inventory.yml").read_text()
    assert "runbook_title: !unsafe" in inventory and HOSTILE_TITLE.split("{{")[0] in inventory


def test_results_come_back_from_the_node_that_ran_the_site(fleet, tmp_path):
    """A site run elsewhere (its own copy of the project, as on an execution node; here the same
    machine, with the running labs' folder): its results are fetched into the controller's."""
    node = tmp_path / "node"
    shutil.copytree(fleet.root, node, ignore=shutil.ignore_patterns(".lab", "results", ".ansible"))
    (node / ".lab").symlink_to(fleet.root / ".lab")
    report = fleet.root / "results" / "south" / "reports" / "prerequisites.json"
    report.unlink()
    (fleet.root / "node.yml").write_text(      # the inventory's own variables, as group_vars or host_vars set them
        f"all:\n  hosts:\n    south:\n      runbook_project: {node}\n      runbook_fetch_results: true\n")
    result = fleet.playbook("-i", "node.yml", "--limit", "south", "--tags", "prerequisites")
    assert result.returncode == 0, result.stdout + result.stderr
    fetched = node / "results" / "south" / "reports" / "prerequisites.json"
    assert report.read_bytes() == fetched.read_bytes() and b"prerequisites" in fetched.read_bytes()
    assert "Results back to the controller" in result.stdout and "(item=prerequisites.json)" in result.stdout
