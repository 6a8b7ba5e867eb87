"""A site's pages list their own site in the sidebar, not every site of their group (the
group's page lists them all); a site's stage and scripts pages are in the one search index by
their headings and the site's values, every other page in full."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.runbooks import forget_runbooks
from tests.conftest import ROOT, copy_project

pytestmark = [pytest.mark.site, pytest.mark.timeout(600)]

GROUP = "site/runbooks/exchange-2007-ccr/region-00"


def write_variants(folder, count: int, groups: int):
    """bench/variants.py: sites derived from environments/lab.yaml (bench/ is not a package tests import)."""
    spec = importlib.util.spec_from_file_location("bench_variants", ROOT / "bench" / "variants.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_variants(folder, count, groups)


@pytest.fixture(scope="module")
def three_sites(tmp_path_factory):
    """A copy of the project built with three sites in one group."""
    root = tmp_path_factory.mktemp("nav")
    project = copy_project(root / "project")
    write_variants(root / "environments", 3, groups=1)
    forget_runbooks()
    result = CliRunner().invoke(main, ["build", "--project", str(project.root)],
                                env={"RUNBOOK_ENVIRONMENTS": str(root / "environments"),
                                     "RUNBOOK_RESULTS_DIR": str(root / "results"), "NO_MKDOCS_2_WARNING": "1"})
    assert result.exit_code == 0, result.output
    return project.root


def sidebar(page: str) -> str:
    """The primary navigation of a Material page."""
    start = page.index('class="md-nav md-nav--primary')
    return page[start:page.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def test_a_site_page_lists_its_own_site_and_pages_not_the_other_sites(three_sites):
    for page in ("site001/02-network-settings.html", "site001/index.html", "site001/scripts.html"):
        nav = sidebar((three_sites / GROUP / page).read_text())
        assert "Site 001" in nav and "2. Network settings on both nodes" in nav and "Scripts" in nav, page
        assert "Site 000" not in nav and "Site 002" not in nav, page
        assert "../index.html" in nav              # the group's page, which lists every site


def test_the_group_page_lists_every_site_and_pages_keep_their_neighbours(three_sites):
    nav = sidebar((three_sites / GROUP / "index.html").read_text())
    assert all(f"Site 00{i}" in nav for i in range(3))
    scripts = (three_sites / GROUP / "site001/scripts.html").read_text()
    footer = scripts[scripts.index('class="md-footer__inner'):]
    assert "../site002/index.html" in footer and "Site 002" in footer      # next: the next site of the group


def search_index(root) -> list[dict]:
    return json.loads((root / "site/search/search_index.json").read_text())["docs"]


def test_a_sites_stage_page_is_indexed_by_headings_and_the_sites_values(three_sites):
    docs = {d["location"]: d for d in search_index(three_sites)}
    stage = "runbooks/exchange-2007-ccr/region-00/site001/02-network-settings.html"
    assert docs[stage]["title"] == "2. Network settings on both nodes · Site 001"        # its h1, naming the site
    private = docs[f"{stage}#configure-the-private-connection-address-and-mask-only"]
    assert private["title"] == "Configure the Private connection: address and mask only"
    assert private["text"].split() == ["S001NODE1", "172.16.1.1", "S001NODE2", "172.16.1.2"]
    html = (three_sites / "site" / stage).read_text()
    sections = [d for d in docs if d.startswith(f"{stage}#")]
    assert len(sections) > 5 and all(f'id="{d.split("#")[1]}"' in html for d in sections)


def test_other_pages_are_indexed_in_full(three_sites):
    docs = search_index(three_sites)
    site_page = " ".join(d["text"] for d in docs if d["location"].startswith(
        "runbooks/exchange-2007-ccr/region-00/site001/index.html"))
    assert "172.16.1.2/24" in site_page and "S001NODE2" in site_page and "Computer name of the node" in site_page
    guide = " ".join(d["text"] for d in docs if d["location"].startswith("guide/index.html"))
    assert len(guide) > 2000
    prose = "Windows has no supported command to change the order"
    assert sum(prose in d["text"] for d in docs) == 0          # a stage's shared prose: in no entry
    assert prose in (three_sites / GROUP / "site001/02-network-settings.html").read_text()


def test_a_sites_stage_and_scripts_entries_hold_only_its_values(three_sites):
    from generator.docsite.searchindex import site_values
    from generator.environments import load_environments
    from generator.project import Project
    project = Project(three_sites)
    env = load_environments(project, [three_sites.parent / "environments" / "site001.yaml"])[0]
    words = {w for v in site_values(env.params) for w in v.split()}
    entries = [d for d in search_index(three_sites) if "/site001/" in d["location"]
               and "/site001/index.html" not in d["location"]]
    assert len(entries) > 40
    for entry in entries:
        if "#" in entry["location"]:
            assert set(entry["text"].split()) <= words, entry
        else:
            assert re.fullmatch(r"(<p>[^<]*</p>)?", entry["text"]), entry
