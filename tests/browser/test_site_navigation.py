"""A site of many sites per group, in Chromium: a site's page lists its own site in the sidebar
(not its group's other sites) and its group's page lists them all; the search finds a site's
host on that site's pages and nowhere else."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from tests.browser.chromium import launched, served
from tests.conftest import ROOT, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.timeout(600)]

GROUP = "runbooks/exchange-2007-ccr/region-00"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """Three sites in one group, built and served over HTTP."""
    root = tmp_path_factory.mktemp("navigation")
    project = copy_project(root / "project")
    spec = importlib.util.spec_from_file_location("bench_variants", ROOT / "bench" / "variants.py")
    variants = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(variants)
    variants.write_variants(root / "environments", 3, groups=1)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RUNBOOK_ENVIRONMENTS=str(root / "environments"),
               RUNBOOK_RESULTS_DIR=str(root / "results"))
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project.root, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    with served(project.root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def page():
    with launched() as browser:
        yield browser.new_page(viewport={"width": 1280, "height": 900})


def sidebar(page) -> str:
    return page.locator(".md-sidebar--primary").inner_text()


def test_a_sites_page_shows_its_own_site_in_the_sidebar(site_url, page):
    page.goto(f"{site_url}/{GROUP}/site001/02-network-settings.html")
    shown = sidebar(page)
    assert "Site 001" in shown and "3. Join the domain" in shown and "Scripts" in shown
    assert "Site 000" not in shown and "Site 002" not in shown
    assert "Region 00" in page.locator(".md-path").inner_text()          # breadcrumbs: the group, then the site
    page.locator(".md-sidebar--primary a", has_text="3. Join the domain").first.click()
    assert page.url.endswith("/site001/03-join-domain.html")


def test_the_groups_page_lists_every_site(site_url, page):
    page.goto(f"{site_url}/{GROUP}/index.html")
    shown = sidebar(page)
    assert all(f"Site 00{i}" in shown for i in range(3))
    page.locator(".md-sidebar--primary a", has_text="Site 002").first.click()
    assert page.url.endswith("/site002/index.html")


def test_search_finds_a_sites_host_on_that_sites_pages(site_url, page):
    page.goto(f"{site_url}/index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("S001NODE2", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    links = settled_links(page)
    assert any("/site001/0" in href for href in links), links                   # a stage page of that site
    assert all("/site001/" in href for href in links), links


def settled_links(page) -> list[str]:
    """The result links once the theme has stopped rendering them (it adds them as it goes):
    read all at once, until two reads agree."""
    def read() -> list[str]:
        return page.eval_on_selector_all(".md-search-result__item > a", "found => found.map(a => a.getAttribute('href'))")
    previous, current = None, read()
    while current != previous:
        page.wait_for_timeout(200)
        previous, current = current, read()
    return current
