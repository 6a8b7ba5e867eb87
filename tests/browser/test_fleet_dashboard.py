"""The fleet dashboard at 200 sites, in Chromium (issue 11): every site is a row under its group,
the stages' header row and the site column stay in view however far the matrix is scrolled (down
or, on a phone, sideways), the state filter and the name filter show the right rows, and a cell
opens its stage page. The sticky checks are also shown failing without the project's stylesheet.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest
import yaml

from generator.acceptance.results import ScenarioResult, StageResult, now, save_result, stage_fingerprints
from generator.environments import load_environments
from generator.project import Project
from tests.browser.chromium import launched, served
from tests.conftest import ROOT, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.timeout(900)]

SITES, GROUPS = 200, 10
FLEET = "runbooks/exchange-2007-ccr/fleet.html"
STAGES = [stage["id"] for stage in
          yaml.safe_load((ROOT / "runbooks/exchange-2007-ccr/runbook.yaml").read_text())["stages"]]


def failed_at_join(i: int) -> bool:
    return i % 7 == 0


def _results(project: Project, environments: list) -> None:
    """Every seventh site failed stage 3 (1 and 2 passed); every seventh plus one has a stale
    stage 1; the others passed their first i % 8 stages."""
    for i, env in enumerate(environments):
        current = stage_fingerprints(env)

        def save(stage, status, fingerprint):
            save_result(project.results_dir, StageResult(
                environment=env.name, stage=stage, target=f"winrm://ops@{{host}}.site{i:03d}.example", status=status,
                finished_at=now(), scenarios=[ScenarioResult(name="it holds", status=status)],
                fingerprint=fingerprint))
        if failed_at_join(i):
            save("prerequisites", "passed", current["prerequisites"])
            save("network-settings", "passed", current["network-settings"])
            save("join-domain", "failed", current["join-domain"])
        elif i % 7 == 1:
            save("prerequisites", "passed", None)
        else:
            for stage in STAGES[:i % 8]:
                save(stage, "passed", current[stage])


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("fleet")
    project = copy_project(root / "project")
    spec = importlib.util.spec_from_file_location("bench_variants", ROOT / "bench" / "variants.py")
    variants = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(variants)
    paths = variants.write_variants(root / "environments", SITES, groups=GROUPS)
    results = root / "results"
    os.environ["RUNBOOK_RESULTS_DIR"] = str(results)
    try:
        _results(project, load_environments(project, paths))
    finally:
        del os.environ["RUNBOOK_RESULTS_DIR"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RUNBOOK_ENVIRONMENTS=str(root / "environments"),
               RUNBOOK_RESULTS_DIR=str(results))
    built = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project.root, env=env,
                           capture_output=True, text=True, timeout=800)
    assert built.returncode == 0, built.stderr
    with served(project.root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched() as running:
        yield running


@pytest.fixture
def open_fleet(site_url, browser):
    pages = []

    def open_at(width: int = 1280, height: int = 900):
        page = browser.new_page(viewport={"width": width, "height": height})
        pages.append(page)
        page.goto(f"{site_url}/{FLEET}")
        page.wait_for_selector(".runbook-fleet-filter select")
        return page
    yield open_at
    for page in pages:
        page.close()


# Scroll the matrix so that row `row` of its table `table` is at its top (down) and to its right
# end (sideways); then say where the last column's header cell and the site cell of a row just
# below are, and whether each is what shows at its place (not covered, not scrolled away).
STICKY = """([table, row]) => {
  const fleet = document.querySelector(".runbook-fleet");
  fleet.scrollIntoView({block: "end"});         // the whole box in view, below the theme's header bar
  const tables = fleet.querySelectorAll("table");
  const target = tables[table].querySelectorAll("tbody tr")[row];
  fleet.scrollTop += target.getBoundingClientRect().top - fleet.getBoundingClientRect().top;
  fleet.scrollLeft = fleet.scrollWidth;
  const box = fleet.getBoundingClientRect();
  const head = tables[table].querySelector("thead th:last-child");    // the target column, at the right end
  const site = tables[table].querySelectorAll("tbody tr")[row + 3].querySelector("td:first-child");   // below the header
  const at = (e) => { const r = e.getBoundingClientRect();
                      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); };
  return {
    scrolled: [fleet.scrollTop, fleet.scrollLeft, fleet.scrollWidth > fleet.clientWidth],
    headTop: head.getBoundingClientRect().top - box.top,
    headShown: head.contains(at(head)),
    siteLeft: site.getBoundingClientRect().left - box.left,
    siteShown: site.contains(at(site)),
    siteText: site.innerText.trim(),
    headAt: String(at(head) && at(head).outerHTML).slice(0, 120),
    siteAt: String(at(site) && at(site).outerHTML).slice(0, 120),
  };
}"""
WITHOUT_STYLESHEET = """() => document.querySelectorAll('link[rel=stylesheet]').forEach(l => {
  if (l.href.includes('runbook.css')) l.remove(); })"""
ROWS = """() => [...document.querySelectorAll(".runbook-fleet tbody tr")].filter(r => r.offsetParent !== null)
  .map(r => r.cells[0].innerText.trim())"""


def sticky_problems(found: dict) -> list[str]:
    problems = []
    if not (abs(found["headTop"]) <= 2 and found["headShown"]):
        problems.append(f"the stages' header row scrolled away ({found['headTop']:.0f} px from the top)")
    if not (abs(found["siteLeft"]) <= 2 and found["siteShown"]):
        problems.append(f"the site column scrolled away ({found['siteLeft']:.0f} px from the left)")
    return problems


def test_every_site_is_a_row_under_its_group_with_a_state_per_stage(open_fleet):
    page = open_fleet()
    assert len(page.evaluate(ROWS)) == SITES
    assert page.locator(".runbook-fleet h2").count() == GROUPS
    badges = page.locator(".runbook-fleet tbody .runbook-badge")
    assert badges.count() == SITES * len(STAGES)
    first = page.locator(".runbook-fleet tbody tr", has_text="Site 007").first
    title = first.locator(".runbook-badge").nth(2).get_attribute("title")
    assert title.startswith("join-domain: failed, ") and "against winrm://ops@{host}.site007.example" in title
    assert first.locator(".runbook-badge").nth(3).get_attribute("title").startswith("create-cluster: blocked (")
    icons = page.evaluate("() => [...document.querySelectorAll('.runbook-fleet tbody .runbook-icon')].map(i => "
                          "[i.getBoundingClientRect().width, getComputedStyle(i).maskImage || "
                          "getComputedStyle(i).webkitMaskImage])")
    assert len(icons) == SITES * len(STAGES) and min(width for width, _ in icons) >= 12   # none squeezed away
    assert all(mask.startswith('url("data:image/svg+xml') for _, mask in icons)          # each has its shape
    shapes = page.evaluate("() => Object.fromEntries(['passed', 'failed', 'stale', 'none', 'blocked'].map(s => "
                           "{ const i = document.querySelector('.runbook-fleet .runbook-badge--' + s + ' .runbook-icon');"
                           " return [s, i && getComputedStyle(i).maskImage]; }))")
    assert len(set(shapes.values())) == len(shapes), shapes     # states differ by shape, not colour alone


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_header_row_and_the_site_column_stay_in_view(open_fleet, width, height):
    page = open_fleet(width, height)
    found = page.evaluate(STICKY, [6, 12])
    assert found["scrolled"][0] > 1000, found                  # really scrolled far down
    if width < 500:
        assert found["scrolled"][2] and found["scrolled"][1] > 0, found   # and sideways on a phone
    assert sticky_problems(found) == [], (found["headAt"], found["siteAt"], found)
    assert found["siteText"].startswith("Site ")


def test_without_the_stylesheet_the_sticky_check_fails(open_fleet):
    page = open_fleet(390, 844)
    page.evaluate(WITHOUT_STYLESHEET)
    problems = sticky_problems(page.evaluate(STICKY, [6, 12]))
    assert problems and any("header row" in p for p in problems), problems


def test_the_filters_show_the_sites_with_a_failed_stage_or_a_name(open_fleet):
    page = open_fleet()
    page.select_option(".runbook-fleet-filter select", "failed")
    shown = page.evaluate(ROWS)
    assert shown == [r for r in _titles_by_group() if failed_at_join(int(r.split()[1]))], shown
    assert page.locator(".runbook-fleet-filter [aria-live]").inner_text().strip() == f"{len(shown)} site(s) shown"
    page.select_option(".runbook-fleet-filter select", "")
    page.fill(".runbook-fleet-filter input", "site 12")
    assert sorted(page.evaluate(ROWS)) == [f"Site {n}" for n in range(120, 130)]
    assert page.locator(".runbook-fleet h2:visible").count() == GROUPS    # sites 120..129 are in every group


def test_a_cell_opens_its_stage_page(open_fleet):
    page = open_fleet()
    row = page.locator(".runbook-fleet tbody tr", has_text="Site 007").first
    row.locator("a:has(.runbook-badge)").nth(2).click()
    page.wait_for_load_state()
    assert page.url.endswith("/site007/03-join-domain.html")
    assert "3. Join the domain · Site 007" in page.title()


def _titles_by_group() -> list[str]:
    """The sites in the page's order: by group, then by title."""
    return [f"Site {i:03d}" for g in range(GROUPS) for i in range(SITES) if i % GROUPS == g]
