"""Pages of a site whose free-text fields hold script, HTML, link, attribute-list and include
payloads, opened in Chromium (issue 6): no payload runs (no dialog, `window.__pwned` never
set, no live handler or javascript: link in the DOM), every payload is shown as text, and the
site search over them runs nothing either."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.browser.chromium import launched, served
from tests.conftest import CANARY, copy_project
from tests.hostile import PAGE, combined

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.timeout(600)]

HOVER = """() => document.querySelectorAll('*').forEach(e => ['mouseover', 'mouseenter', 'mousemove', 'focus']
    .forEach(kind => { try { e.dispatchEvent(new MouseEvent(kind, {bubbles: true})) } catch (_) {} }))"""
PROBE = """() => ({
  pwned: window.__pwned ?? null,
  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
      .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
  javascript: [...document.querySelectorAll('a[href], [src]')]
      .map(e => e.getAttribute('href') || e.getAttribute('src') || '')
      .filter(v => v.trim().toLowerCase().startsWith('javascript:')),
  scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
  text: document.body.innerText + ' ' + document.title,
})"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-site"))
    site = combined(project, tmp_path_factory.mktemp("hostile-page-files"), PAGE, rotation=0, name="hostile")
    for old in project.environments_dir.glob("*.yaml"):
        if old.name != "lab.yaml":
            old.unlink()
    (project.environments_dir / "hostile.yaml").write_text(site.file.read_text(encoding="utf-8"), encoding="utf-8")
    env = dict(os.environ, LAB_DOMAIN_ADMIN_PASSWORD=CANARY, NO_MKDOCS_2_WARNING="1",
               RUNBOOK_RESULTS_DIR=str(project.root / "results"))
    env.pop("RUNBOOK_ENVIRONMENTS", None)
    built = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project.root, env=env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    with served(project.root / "site") as url:
        yield project, site, url


@pytest.fixture(scope="module")
def browser_page():
    with launched() as browser:
        page = browser.new_page()
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        yield page


def _pages(project):
    site = project.root / "site" / "runbooks" / "exchange-2007-ccr"
    return sorted(p.relative_to(project.root / "site").as_posix() for p in site.rglob("*.html")
                  if "lab/lab" not in p.as_posix())


def test_no_payload_runs_and_each_shows_as_text(hostile_site, browser_page):
    project, site, url = hostile_site
    pages = _pages(project)
    assert len(pages) >= 9                      # runbook and group indexes, the site's index, stages, scripts
    seen = ""
    for path in pages:
        browser_page.goto(f"{url}/{path}")
        browser_page.wait_for_load_state("load")
        browser_page.evaluate(HOVER)          # any on* handler that slipped through fires now
        found = browser_page.evaluate(PROBE)
        assert found["pwned"] is None, (path, found["pwned"])
        assert not found["handlers"] and not found["javascript"] and not found["scripts"], (path, found)
        seen += found["text"]
    assert not browser_page.dialogs
    shown = " ".join(seen.split())
    for field, value in site.values.items():
        assert " ".join(value.split()) in shown, (field, value)


def test_search_over_the_payloads_runs_nothing(hostile_site, browser_page):
    project, site, url = hostile_site
    for term in ("onerror", "script", "window", "config"):
        browser_page.goto(f"{url}/index.html")
        browser_page.locator("label.md-search__icon, .md-search__input").first.click()
        browser_page.locator("input.md-search__input").press_sequentially(term, delay=30)
        browser_page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
        assert term in browser_page.locator(".md-search-result").inner_text().lower()
        browser_page.evaluate(HOVER)
        found = browser_page.evaluate(PROBE)
        assert found["pwned"] is None and not found["handlers"] and not found["javascript"], (term, found)
    assert not browser_page.dialogs
