"""The fleet matrix (issue 11): one function gives the dashboard page and `runbook report` (JSON,
CSV) every site by stage with its state (passed, failed, stale, not-run, blocked, attested), when,
target, page and latest run record; stage pages say why a stage is blocked and show a manual
step's attestation beside it."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from generator.acceptance.attestations import attest, load_judged
from generator.acceptance.results import Fingerprint, ScenarioResult, StageResult, now, save_result, stage_fingerprints
from generator.acceptance.runrecord import recording
from generator.acceptance.stagegates import unmet_before
from generator.cli import main
from generator.docsite.fleet import fleet_matrix
from generator.docsite.tree import build_tree
from generator.environments import load_environments
from generator.secrets import Secrets
from tests.conftest import copy_project, edited_yaml

HOSTILE_TITLE = '=HYPERLINK("http://x") <b>bold</b> [link](http://y)'
FLEET = "runbooks/exchange-2007-ccr/fleet.md"


@pytest.fixture
def copy(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_RESULTS_DIR", str(tmp_path / "results"))
    project = copy_project(tmp_path / "project")
    paris = project.environments_dir / "paris.yaml"
    paris.write_text(edited_yaml(paris, {"title": HOSTILE_TITLE}))
    return project


def record(project, env, stage, status, fingerprint, scenarios=None):
    save_result(project.results_dir, StageResult(
        environment=env.name, stage=stage, target=f"lab://{env.name}", status=status, finished_at=now(),
        scenarios=scenarios or [ScenarioResult(name="every check holds", status=status)], fingerprint=fingerprint))


@pytest.fixture
def fleet(copy):
    """lab: 1-2 passed, 3 failed, 4 blocked; dallas: 1 passed then stale, 2 blocked, 4 attested on its
    own (a pass of manual gates alone) and an attestation of the wizard; paris: nothing (1 not-run)."""
    lab, dallas, paris = (load_environments(copy, [copy.environments_dir / f"{n}.yaml"])[0]
                          for n in ("lab", "dallas", "paris"))
    now_lab, now_dallas = stage_fingerprints(lab), stage_fingerprints(dallas)
    for stage in ("prerequisites", "network-settings"):
        record(copy, lab, stage, "passed", now_lab[stage])
    record(copy, lab, "join-domain", "failed", now_lab["join-domain"])
    record(copy, dallas, "prerequisites", "passed", Fingerprint(stage=now_dallas["prerequisites"].stage,
                                                                environment="0" * 16))
    record(copy, dallas, "create-cluster", "passed", now_dallas["create-cluster"],
           [ScenarioResult(name="Manual step validate-configuration on DFWEXMB2A is attested", status="passed",
                           manual="validate-configuration")])
    attest(copy.results_dir, dallas, "create-cluster", "validate-configuration", "Jane <b>Doe</b>")
    with recording(copy, lab, "verify", ["prerequisites", "network-settings"], "lab://lab", "ops", Secrets()):
        pass
    return copy, [lab, dallas, paris]


def states(rows) -> dict[str, list[str]]:
    return {row.site: [cell.state for cell in row.cells] for row in rows}


def test_the_matrix_has_every_state_with_when_target_and_why(fleet):
    project, envs = fleet
    rows = fleet_matrix(project, envs)
    assert [r.site for r in rows] == ["dallas", "paris", "lab"]          # as the site lists them: by group
    found = states(rows)
    assert found["lab"][:4] == ["passed", "passed", "failed", "blocked"]
    assert found["dallas"][:4] == ["stale", "blocked", "blocked", "attested"]
    assert found["paris"][:2] == ["not-run", "blocked"]
    lab = {cell.stage: cell for cell in rows[2].cells}
    assert lab["prerequisites"].target == "lab://lab" and lab["prerequisites"].when is not None
    assert lab["prerequisites"].run.endswith("-verify-prerequisites+network-settings.json")
    assert lab["join-domain"].run == "" and lab["join-domain"].why.startswith("its verification failed")
    assert lab["create-cluster"].why == "join-domain: its verification failed (" + \
        lab["join-domain"].when.strftime("%Y-%m-%d %H:%M") + " UTC)"
    dallas = {cell.stage: cell for cell in rows[0].cells}
    assert dallas["prerequisites"].why == "its pass is stale: the environment file changed since it was recorded"


def test_report_json_and_csv_say_what_the_page_shows(fleet):
    project, envs = fleet
    run = CliRunner().invoke(main, ["report", "--project", str(project.root)])
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    reported = {site["site"]: [s["state"] for s in site["stages"].values()] for site in data["sites"]}
    assert reported == states(fleet_matrix(project, envs))
    page = build_tree(project, envs).files[FLEET]
    shown = re.findall(r'runbook-badge--compact runbook-badge--([a-z]+)"', page)
    assert shown == [{"not-run": "none"}.get(s, s) for site in data["sites"] for s in reported[site["site"]]]
    assert data["sites"][2]["stages"]["join-domain"]["link"] == "runbooks/exchange-2007-ccr/lab/lab/03-join-domain.html"
    out = project.root / "out" / "fleet.csv"
    written = CliRunner().invoke(main, ["report", "--format", "csv", "--output", str(out), "--project",
                                       str(project.root)])
    assert written.exit_code == 0, written.output
    lines = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(line["site"], line["join-domain.state"]) for line in lines] == \
        [("dallas", "blocked"), ("paris", "blocked"), ("lab", "failed")]
    assert lines[1]["title"] == "'" + HOSTILE_TITLE                        # no formula in a spreadsheet


def test_the_dashboard_groups_sites_links_cells_and_run_records_and_escapes_titles(fleet):
    project, envs = fleet
    tree = build_tree(project, envs)
    page = tree.files[FLEET]
    assert page.index("## Americas") < page.index("## EMEA") < page.index("## Lab")
    assert "](lab/lab/03-join-domain.md)" in page and "](americas/dallas/index.md)" in page
    [run] = re.findall(r"\]\((lab/lab/runs/[^)]+\.json)\)", page)[:1]
    assert f"runbooks/exchange-2007-ccr/{unquote(run)}" in tree.files          # the record is on the site
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page and "\\[link\\]" in page
    assert {"Fleet": FLEET} in tree.nav[0][next(iter(tree.nav[0]))]


def test_a_stage_page_says_why_it_is_blocked_and_shows_the_attestation_in_the_steps_box(fleet):
    project, envs = fleet
    files = build_tree(project, envs).files
    blocked = files["runbooks/exchange-2007-ccr/lab/lab/04-create-cluster.md"]
    assert '!!! warning "Blocked: an earlier stage has no current pass at this site"' in blocked
    assert "join\\-domain: its verification failed" in blocked and "runbook-badge--blocked" in blocked
    assert "Blocked:" not in files["runbooks/exchange-2007-ccr/lab/lab/03-join-domain.md"]   # 1, 2 passed
    dallas = files["runbooks/exchange-2007-ccr/americas/dallas/04-create-cluster.md"]
    box = dallas[dallas.index('!!! runbook-manual "DFWEXMB2A'):]
    box = box[:box.index("\n## ")]
    assert "runbook-badge--attested" in box and "by **Jane &lt;b&gt;Doe&lt;/b&gt;** on " in box
    (project.results_dir / "dallas" / "attestations" / "create-cluster" / "validate-configuration.json").unlink()
    dallas = build_tree(project, envs).files["runbooks/exchange-2007-ccr/americas/dallas/04-create-cluster.md"]
    assert "not attested</span> The stage is not verified until this step is attested: `runbook attest " \
           "environments/dallas.yaml --stage create-cluster --step validate-configuration" in dallas


def test_a_pass_that_counted_an_attestation_goes_stale_when_it_expires_or_is_gone(fleet):
    project, envs = fleet
    path = project.results_dir / "dallas" / "attestations" / "create-cluster" / "validate-configuration.json"
    kept = json.loads(path.read_text())
    path.write_text(json.dumps({**kept, "expires": str(date.today() - timedelta(days=1))}))
    dallas = {c.stage: c for c in fleet_matrix(project, envs)[0].cells}["create-cluster"]
    assert dallas.state == "stale"
    assert dallas.why == ("its pass is stale: the attestation of manual step validate-configuration expired on "
                          f"{date.today() - timedelta(days=1)}")
    unmet = unmet_before(["create-cluster", "add-second-node"], ["add-second-node"],
                         {"create-cluster": load_judged(project.results_dir, "dallas", "create-cluster")}, {})
    assert [str(u) for u in unmet] == [f"create-cluster: {dallas.why}"]            # and apply's gate says so
    path.unlink()
    dallas = {c.stage: c for c in fleet_matrix(project, envs)[0].cells}["create-cluster"]
    assert dallas.state == "stale" and "validate-configuration it counted is gone" in dallas.why
    path.write_text(json.dumps({**kept, "expires": str(date.today())}))               # valid through today
    assert {c.stage: c for c in fleet_matrix(project, envs)[0].cells}["create-cluster"].state == "attested"
