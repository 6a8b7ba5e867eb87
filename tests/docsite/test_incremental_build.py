"""`runbook build` builds pages on every core and builds again only what changed: whatever the
number of processes and whatever the last build left, the site is byte for byte the one a
single-process build from nothing (and MkDocs' own `mkdocs build`) writes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.docsite.buildstate import load_state
from generator.runbooks import forget_runbooks, load_runbook
from tests.conftest import copy_project

pytestmark = [pytest.mark.site, pytest.mark.timeout(600)]

DATED = {"sitemap.xml", "sitemap.xml.gz"}          # carry the day of the build


def build(project, *args: str):
    forget_runbooks()
    result = CliRunner().invoke(main, ["build", "--project", str(project.root), *args],
                                env={"RUNBOOK_RESULTS_DIR": str(project.root / "results"), "NO_MKDOCS_2_WARNING": "1"})
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def built_count(result) -> tuple[int, int]:
    found = re.search(r"(\d+) of (\d+) pages built", result.stdout)
    assert found, result.output
    return int(found[1]), int(found[2])


def site(project, folder: str = "site") -> dict[str, bytes]:
    root = project.root / folder
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in DATED}


def rebuilt(before, after) -> set[str]:
    """Pages whose key changed between two builds' states."""
    return {src for src, record in after.pages.items() if before.pages.get(src) is None
            or before.pages[src].key != record.key}


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def site_pages(project) -> int:
    """The pages of one site: its stage pages, its scripts page and its own page."""
    return len(load_runbook(project, "exchange-2007-ccr").stages) + 2


def test_an_edited_site_rebuilds_its_pages_only_and_the_site_is_the_one_built_from_nothing(project):
    first = build(project, "--jobs", "2")
    assert first.exit_code == 0, first.output
    built, pages = built_count(first)
    assert built == pages > 30
    state = load_state(project.build_state)
    again = build(project, "--jobs", "2")
    assert built_count(again) == (0, pages)

    lab = project.environments_dir / "lab.yaml"
    lab.write_text(lab.read_text().replace("10.10.10.2/24", "10.10.10.9/24"))
    edited = build(project, "--jobs", "2")
    assert edited.exit_code == 0, edited.output
    changed = rebuilt(state, load_state(project.build_state))
    assert changed and all(src.startswith("runbooks/exchange-2007-ccr/lab/lab/") for src in changed), changed
    assert built_count(edited)[0] == len(changed) <= site_pages(project)
    incremental = site(project)
    assert b"10.10.10.9" in incremental["runbooks/exchange-2007-ccr/lab/lab/02-network-settings.html"]

    project.build_state.unlink()
    scratch = build(project, "--jobs", "1")
    assert built_count(scratch) == (pages, pages)
    assert site(project) == incremental

    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project.root / "plain")],
                           cwd=project.root, capture_output=True, text=True, timeout=300,
                           env=dict(os.environ, NO_MKDOCS_2_WARNING="1", RUNBOOK_RESULTS_DIR=str(project.root / "results")))
    assert plain.returncode == 0, plain.stderr
    assert site(project, "plain") == incremental


def test_a_page_changed_or_removed_in_the_site_is_built_again(project):
    assert build(project).exit_code == 0
    expected = site(project)
    stage = project.root / "site/runbooks/exchange-2007-ccr/emea/paris/03-join-domain.html"
    stage.write_text(stage.read_text().replace("Join the domain", "Tampered"))
    (project.root / "site/guide/index.html").unlink()
    result = build(project)
    assert built_count(result)[0] == 2
    assert site(project) == expected


def test_a_theme_change_rebuilds_every_page(project):
    assert build(project).exit_code == 0
    main_html = project.root / "site-templates/main.html"
    main_html.write_text(main_html.read_text().replace("Edit those, not this page", "Edit those sources, not this page"))
    result = build(project)
    built, pages = built_count(result)
    assert built == pages
    assert "Edit those sources" in (project.root / "site/runbooks/exchange-2007-ccr/lab/lab/index.html").read_text()


def test_warnings_of_pages_taken_from_the_last_build_are_reported_again(project):
    page = project.docs_dir / "guide" / "broken.md"
    page.write_text("# Broken\n\nSee [the missing page](missing.md).\n")
    nav = project.root / "mkdocs.yml"
    nav.write_text(nav.read_text().replace("      - Writing a stage: guide/authoring.md\n",
                                           "      - Writing a stage: guide/authoring.md\n      - Broken: guide/broken.md\n"))
    for attempt in range(2):                  # in a process of its own: what the terminal shows
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--no-strict"], cwd=project.root,
                                capture_output=True, text=True, timeout=300,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1",
                                         RUNBOOK_RESULTS_DIR=str(project.root / "results")))
        assert result.returncode == 0, result.stderr
        assert result.stderr.count("contains a link 'missing.md'") == 1, (attempt, result.stderr)
        assert built_count(result)[0] == (0 if attempt else built_count(result)[1])
    strict = build(project)
    assert strict.exit_code == 2 and "Aborted with 1 warnings in strict mode" in strict.output


def test_the_search_index_holds_every_page_once_after_an_incremental_build(project):
    assert build(project).exit_code == 0
    lab = project.environments_dir / "lab.yaml"
    lab.write_text(lab.read_text().replace("192.168.10.20", "192.168.10.29"))
    assert build(project).exit_code == 0
    docs = json.loads((project.root / "site/search/search_index.json").read_text())["docs"]
    pages = {d["location"] for d in docs if "#" not in d["location"]}
    assert len(pages) == len([d for d in docs if "#" not in d["location"]])      # once each
    lab = [d["text"] for d in docs if "/lab/lab/" in d["location"]]
    assert any("192.168.10.29" in text for text in lab) and not any("192.168.10.20" in text for text in lab)


def test_a_renamed_site_updates_every_page_that_shows_its_name(project):
    paris = project.environments_dir / "paris.yaml"
    berlin = project.environments_dir / "berlin.yaml"      # before Paris in EMEA: its last page links to Paris
    berlin.write_text(paris.read_text().replace("title: Paris (PAR1)", "title: Berlin (BER1)"))
    assert build(project).exit_code == 0
    paris.write_text(paris.read_text().replace("title: Paris (PAR1)", "title: Paris (PAR9)"))
    result = build(project)
    assert result.exit_code == 0, result.output
    incremental = site(project)
    footer = incremental["runbooks/exchange-2007-ccr/emea/berlin/scripts.html"]
    assert b"Paris (PAR9)" in footer[footer.index(b"md-footer__inner"):]      # the next page: no Markdown changed
    assert not any(b"Paris (PAR1)" in html for path, html in incremental.items() if path.startswith("runbooks/"))
    project.build_state.unlink()
    assert build(project).exit_code == 0
    assert site(project) == incremental


def test_a_change_to_what_sites_render_from_renders_them_again(project):
    """A stage template, a feature, a result: each alone, and the pages show it at once."""
    from datetime import datetime, timezone

    from generator.acceptance.results import StageResult, save_result
    stage = project.runbooks_dir / "exchange-2007-ccr/stages/join-domain.md"
    feature = project.features_dir / "exchange-2007-ccr/join-domain.feature"
    changes = [
        (lambda: stage.write_text(stage.read_text() + "\nEvery site shows this new sentence.\n"),
         lambda name, page: "Every site shows this new sentence." in page),
        (lambda: feature.write_text(feature.read_text().replace("Feature: Both nodes are members of the domain",
                                                                "Feature: Both nodes joined the domain")),
         lambda name, page: "Both nodes joined the domain" in page),
        (lambda: save_result(project.results_dir, StageResult(environment="paris", stage="join-domain",
                                                              target="lab://paris", status="passed",
                                                              finished_at=datetime.now(timezone.utc))),
         lambda name, page: ("Not verified yet" in page) == (name != "emea/paris")),
    ]
    assert build(project).exit_code == 0
    for change, shown in changes:
        change()
        assert build(project).exit_code == 0
        pages = site(project)
        for name in ("lab/lab", "emea/paris", "americas/dallas"):
            assert shown(name, pages[f"runbooks/exchange-2007-ccr/{name}/03-join-domain.html"].decode()), name
    shutil.rmtree(project.root / "build")
    assert build(project).exit_code == 0
    assert site(project) == pages
