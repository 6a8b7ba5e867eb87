"""The operator's view (issue 12), read in Chromium at a desktop and a phone width: command
lines wrap and the copy button never covers them, check and run blocks differ by label, icon,
edge and colour (in print too), states show the theme's SVG icons and a word (no emoji font
needed), titles and search results name the site, the parameters page keeps each value on one
line, stale and failed results say so in plain words, the fidelity page shows its constants
whole, and nothing on these pages is cut off. Each layout check is also shown failing on a page
without the project's stylesheet or script.

    pytest tests/browser/test_operator_view.py --screenshots DIR    # also saves the pages it checks
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.acceptance.results import Fingerprint, ScenarioResult, StageResult, now, save_result, stage_fingerprints
from generator.environments import load_environments
from tests.browser.chromium import launched, served
from tests.conftest import CANARY, copy_project, edited_yaml

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.timeout(600)]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CCR = "runbooks/exchange-2007-ccr"
LAB = f"{CCR}/lab/lab"
PAGES = {"stage": f"{LAB}/02-network-settings.html", "failed-stage": f"{LAB}/04-create-cluster.html",
         "scripts": f"{LAB}/scripts.html", "parameters": f"{LAB}/index.html", "runbook": f"{CCR}/index.html",
         "fidelity": "runbooks/lab-fidelity.html"}
FAILURE = ('Then the cluster lists the first node as "Up": E2K7Node1: state in cluster E2K7CLUS: expected Up, '
           'actual Down')


def _results(project) -> None:
    """Results of the lab site (current: passed, failed; one stale) and of Paris, recorded
    before its environment file changed."""
    lab, paris = load_environments(project, [project.environments_dir / "lab.yaml",
                                             project.environments_dir / "paris.yaml"])
    now_lab, now_paris = stage_fingerprints(lab), stage_fingerprints(paris)

    def record(env, stage, status, fingerprint, scenarios=()):
        # a real run records the scenarios it ran (none ran: no result at all)
        scenarios = list(scenarios) or [ScenarioResult(name=f"{stage}: every check holds", status="passed")]
        save_result(project.results_dir, StageResult(environment=env.name, stage=stage, target="lab://lab",
                                                     status=status, finished_at=now(), scenarios=list(scenarios),
                                                     fingerprint=fingerprint))
    record(lab, "prerequisites", "passed", now_lab["prerequisites"])
    record(lab, "network-settings", "passed", now_lab["network-settings"])
    record(lab, "create-cluster", "failed", now_lab["create-cluster"], [
        ScenarioResult(name="The cluster answers and its first node is Up", status="failed", message=FAILURE),
        ScenarioResult(name="The cluster's core resources are online", status="skipped"),
        ScenarioResult(name="The cluster IP address is the environment's cluster address", status="passed")])
    record(lab, "add-second-node", "passed", Fingerprint(stage=now_lab["add-second-node"].stage, environment="0" * 16))
    record(paris, "prerequisites", "passed", now_paris["prerequisites"])
    paris_yaml = project.environments_dir / "paris.yaml"
    paris_yaml.write_text(edited_yaml(paris_yaml, {"nodes[1].private.address": "172.16.20.5/29"}), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("operator-view"))
    env = dict(os.environ, RUNBOOK_RESULTS_DIR=str(project.root / "results"), NO_MKDOCS_2_WARNING="1",
               LAB_DOMAIN_ADMIN_PASSWORD=CANARY, PAR1_DOMAIN_ADMIN_PASSWORD=CANARY,
               PAR1_CLUSTER_SERVICE_PASSWORD=CANARY, DFW2_DOMAIN_ADMIN_PASSWORD=CANARY)
    env.pop("RUNBOOK_ENVIRONMENTS", None)
    previous = os.environ.get("RUNBOOK_RESULTS_DIR")
    os.environ["RUNBOOK_RESULTS_DIR"] = env["RUNBOOK_RESULTS_DIR"]
    try:
        _results(project)
    finally:
        os.environ.pop("RUNBOOK_RESULTS_DIR") if previous is None else os.environ.update(RUNBOOK_RESULTS_DIR=previous)
    built = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project.root, env=env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    with served(project.root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched() as opened:
        yield opened


@pytest.fixture(params=list(WIDTHS))
def width(request):
    return request.param


@pytest.fixture
def open_page(browser, site, width, request):
    """open_page(name): the page in a fresh tab at the test's width (and its screenshot saved
    when --screenshots is given)."""
    context = browser.new_context(viewport=WIDTHS[width], is_mobile=width == "phone", has_touch=width == "phone")
    shots = request.config.getoption("--screenshots")

    def open_(name: str, path: str | None = None):
        page = context.new_page()
        page.goto(f"{site}/{path or PAGES[name]}")
        page.wait_for_load_state("load")
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(shots) / f"{name}-{width}.png"), full_page=True)
        return page
    yield open_
    context.close()


WITHOUT_STYLESHEET = "() => document.querySelectorAll('link[href*=\"runbook.css\"]').forEach(l => l.remove())"

CUT_OFF = """() => {
  const root = document.querySelector("article.md-content__inner"), width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width + 1)
    found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  for (const el of root.querySelectorAll("*")) {
    if (!el.getClientRects().length) continue;                      // hidden: another tab
    if (el.closest(".runbook-hidden")) continue;                     // for screen readers only: shown as its icon
    const overflow = getComputedStyle(el).overflowX;
    if (["auto", "scroll", "hidden", "clip"].includes(overflow) && el.scrollWidth > el.clientWidth + 1)
      found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth - el.clientWidth}px out of sight: `
                 + el.textContent.trim().slice(0, 50));
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects())
      if (r.width && (r.right > width + 1 || r.left < -1)) { found.push(`beyond the edge: ${node.textContent.trim().slice(0, 50)}`); break; }
  }
  return found;
}"""


def test_nothing_on_the_operators_pages_is_cut_off(open_page):
    for name in PAGES:
        page = open_page(name)
        assert page.evaluate(CUT_OFF) == [], name


def test_without_the_stylesheet_a_phone_cuts_the_scripts_page_off(browser, site):
    page = browser.new_page(viewport=WIDTHS["phone"])
    page.goto(f"{site}/{PAGES['scripts']}")
    page.evaluate(WITHOUT_STYLESHEET)
    assert page.evaluate(CUT_OFF)                    # the check sees what the stylesheet prevents
    page.close()


COPY_CLEAR = """() => {
  const found = []; let checked = 0;
  for (const block of document.querySelectorAll("article .highlight")) {
    const code = block.querySelector("pre > code");
    if (!code || !block.getClientRects().length) continue;
    const title = (block.querySelector(".filename") || {}).textContent || "untitled";
    const nav = block.querySelector(".md-code__nav");
    if (!nav) { found.push(`no copy button: ${title}`); continue; }
    checked++;
    if (code.scrollWidth > code.clientWidth + 1) found.push(`scrolls: ${title}`);
    const button = nav.getBoundingClientRect();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      for (let i = 0; i < node.textContent.length; i++) {
        if (!node.textContent[i].trim()) continue;
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width && r.right > button.left && r.left < button.right && r.bottom > button.top && r.top < button.bottom) {
          found.push(`the copy button covers ${JSON.stringify(node.textContent.slice(Math.max(0, i - 10), i + 10))} in ${title}`);
          break;
        }
      }
    }
  }
  return {checked, found};
}"""

SHOW_TAB = "label => [...document.querySelectorAll('.tabbed-labels label')].find(l => l.textContent.trim() === label).click()"


def command_blocks_hidden(page) -> list[str]:
    """Problems of every code block, in every host's tab (choosing one switches every step)."""
    labels = page.evaluate("() => [...new Set([...document.querySelectorAll('.tabbed-labels label')].map(l => l.textContent.trim()))]")
    found, checked = [], 0
    for label in labels:
        page.evaluate(SHOW_TAB, label)
        seen = page.evaluate(COPY_CLEAR)
        found += seen["found"]
        checked += seen["checked"]
    assert checked >= 10, "too few code blocks checked: the test would pass on an empty page"
    return found


def test_command_lines_wrap_and_the_copy_button_covers_none(open_page):
    for name in ("stage", "failed-stage"):
        assert command_blocks_hidden(open_page(name)) == [], name


def test_without_the_stylesheet_long_command_lines_are_hidden(open_page):
    page = open_page("stage")
    page.evaluate(WITHOUT_STYLESHEET)
    assert command_blocks_hidden(page)


BLOCKS = """() => [...document.querySelectorAll("article .highlight > .filename")]
  .filter(t => t.getClientRects().length && / · (check|run)(,|$)/.test(t.textContent))
  .map(t => {
    const block = getComputedStyle(t.parentElement), label = t.querySelector(".runbook-kind");
    const icon = label && label.querySelector("svg");
    return {kind: / · (check|run)(?:,|$)/.exec(t.textContent)[1], title: t.textContent,
            label: label ? label.innerText.trim() : null, shown: label ? label.getBoundingClientRect().width : 0,
            icon: icon ? icon.getBoundingClientRect().width : 0, iconShape: icon ? icon.innerHTML : null,
            edge: block.borderLeftStyle, edgeWidth: parseFloat(block.borderLeftWidth), colour: block.borderLeftColor,
            tooltip: t.title};
  })"""


def block_kinds_apart(blocks: list[dict]) -> list[str]:
    """Why check and run blocks could be mistaken for each other; empty when they cannot."""
    found = [f"{b['title']}: no label" for b in blocks if b["label"] != b["kind"].upper() or not b["shown"]]
    found += [f"{b['title']}: no icon" for b in blocks if not b["icon"]]
    found += [f"{b['title']}: no edge" for b in blocks if b["edge"] == "none" or not b["edgeWidth"]]
    kinds = {kind: [b for b in blocks if b["kind"] == kind] for kind in ("check", "run")}
    if not kinds["check"] or not kinds["run"]:
        return found + ["the page lacks a check or a run block"]
    for what in ("edge", "colour", "iconShape"):           # the edge's style tells them apart without colour
        checks, runs = {b[what] for b in kinds["check"]}, {b[what] for b in kinds["run"]}
        if len(checks) != 1 or len(runs) != 1 or checks == runs:
            found.append(f"check and run blocks share their {what}: {checks} / {runs}")
    return found


def test_check_and_run_blocks_differ_by_label_icon_edge_and_colour(open_page):
    page = open_page("stage")
    page.evaluate(SHOW_TAB, "E2K7Node1")
    blocks = page.evaluate(BLOCKS)
    assert len(blocks) >= 10 and block_kinds_apart(blocks) == []
    assert {b["edge"] for b in blocks} == {"dashed", "solid"}
    page.emulate_media(media="print")                       # a printed page keeps them apart too
    assert block_kinds_apart(page.evaluate(BLOCKS)) == []
    page.emulate_media(media="screen")
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")   # the dark palette
    dark = page.evaluate(BLOCKS)
    assert block_kinds_apart(dark) == [] and {b["colour"] for b in dark}.isdisjoint({b["colour"] for b in blocks})


def test_without_the_stylesheet_or_the_script_the_blocks_look_alike(open_page):
    page = open_page("stage")
    page.evaluate(SHOW_TAB, "E2K7Node1")
    page.evaluate(WITHOUT_STYLESHEET)
    assert any("share their edge" in p for p in block_kinds_apart(page.evaluate(BLOCKS)))
    page.reload()
    page.evaluate("() => document.querySelectorAll('.runbook-kind').forEach(l => l.remove())")
    page.evaluate(SHOW_TAB, "E2K7Node1")
    assert any("no label" in p for p in block_kinds_apart(page.evaluate(BLOCKS)))


STATES = """() => ({
  states: [...document.querySelectorAll("article .runbook-state, article .runbook-badge")].map(e => {
    const icon = e.querySelector("svg");
    return {word: e.innerText.trim(), icon: icon ? icon.getBoundingClientRect().width : 0,
            shape: icon ? icon.innerHTML : null, colour: getComputedStyle(e).color};
  }),
  emoji: document.querySelector("article").innerText.match(/[\\u2300-\\u23ff\\u2600-\\u27bf\\u2b00-\\u2bff\\u{1f000}-\\u{1faff}]/gu) || [],
})"""


def states_apart(found: dict) -> list[str]:
    problems = [f"emoji on the page: {found['emoji']}"] if found["emoji"] else []
    problems += [f"{s['word']!r}: no icon" for s in found["states"] if not s["icon"]]
    shapes = {}
    for state in found["states"]:
        shapes.setdefault(state["word"], set()).add(state["shape"])
    distinct = {word: next(iter(shape)) for word, shape in shapes.items() if len(shape) == 1}
    for word in shapes:
        for other in shapes:
            if word < other and distinct.get(word) == distinct.get(other) and \
                    {word, other} <= {"passed", "failed", "not verified", "passed, stale"}:
                problems.append(f"{word!r} and {other!r} have the same icon")
    return problems


def test_states_show_the_themes_icons_and_a_word(open_page):
    page = open_page("failed-stage")
    found = page.evaluate(STATES)
    words = {s["word"] for s in found["states"]}
    assert {"failed", "skipped", "passed", "not run"} <= words, words
    assert states_apart(found) == []
    runbook = open_page("runbook").evaluate(STATES)
    assert {"passed", "failed", "not verified", "passed, stale"} <= {s["word"] for s in runbook["states"]}
    assert states_apart(runbook) == []


def test_an_emoji_state_or_a_missing_icon_is_caught(open_page):
    page = open_page("failed-stage")
    page.evaluate("() => { const li = document.createElement('li'); li.textContent = '\\u2705 passed';"
                  " document.querySelector('article ul').append(li); document.querySelector('.runbook-state svg').remove() }")
    problems = states_apart(page.evaluate(STATES))
    assert any("emoji" in p for p in problems) and any("no icon" in p for p in problems)


def test_page_and_tab_titles_and_search_results_name_the_site(open_page, width):
    page = open_page("join", f"{LAB}/03-join-domain.html")
    assert page.title() == "3. Join the domain · Lab (seed article) - Runbooks"
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == "3. Join the domain · Lab (seed article)"
    if width == "desktop":                                   # the phone's header shows the title when scrolled
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(300)
        assert "Lab (seed article)" in page.locator(".md-header__topic").last.inner_text()
    page.locator("label.md-header__button[for='__search']" if width == "phone" else ".md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Join the domain", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    titles = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item > a')]
        .filter(a => a.href.includes('03-join-domain')).map(a => a.querySelector('h1, h2').innerText)""")
    assert titles and all(" · " in title for title in titles), titles
    assert {"Lab (seed article)", "Paris (PAR1)", "Dallas (DFW2)"} <= {t.split(" · ", 1)[1] for t in titles}


PARAMETERS = """() => [...document.querySelectorAll("article .runbook-parameters tbody tr")]
  .filter(row => row.getClientRects().length)
  .flatMap(row => [...row.children].slice(0, 2).map(cell => cell.querySelector(".runbook-secret code") || cell))
  .map(cell => {
    const tops = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width) tops.push(r.top);
    }
    tops.sort((a, b) => a - b);
    const lines = tops.length ? 1 + tops.filter((t, i) => i && t - tops[i - 1] > 8).length : 0;
    return {text: cell.innerText.trim(), lines};
  })"""


def test_the_parameters_page_keeps_each_name_and_value_on_one_line(open_page):
    cells = open_page("parameters").evaluate(PARAMETERS)
    assert len(cells) > 60
    assert [c for c in cells if c["lines"] != 1] == []
    shown = {c["text"] for c in cells}
    assert {"nodes[0].public.address", "192.168.10.21/24", "nodes[1].private.original_name"} <= shown


def test_without_the_stylesheet_a_phone_breaks_names_and_addresses(browser, site):
    page = browser.new_page(viewport=WIDTHS["phone"])
    page.goto(f"{site}/{PAGES['parameters']}")
    page.evaluate(WITHOUT_STYLESHEET)
    broken = [c["text"] for c in page.evaluate(PARAMETERS) if c["lines"] > 1]
    assert "nodes[0].public.original_name" in broken
    page.close()


def article_text(page) -> str:
    return " ".join(page.locator("article").inner_text().split())


def test_stale_and_failed_results_say_so_in_plain_words(open_page):
    stale = article_text(open_page("stale", f"{LAB}/05-add-second-node.html"))
    assert "Stale: passed on " in stale and "passed, stale" in stale
    assert "the environment file changed since it was recorded" in stale and "Verified: passed" not in stale
    paris = article_text(open_page("paris", f"{CCR}/emea/paris/01-prerequisites.html"))
    assert "Stale: passed on " in paris and "the environment file changed since it was recorded" in paris
    current = article_text(open_page("stage"))
    assert "Verified: passed" in current and "Stale" not in current
    failed = article_text(open_page("failed-stage"))
    assert "Verified: failed" in failed and FAILURE in failed
    assert not re.search(r"\b[a-z_]+\.[a-z_.]+\.[A-Z]\w*(Error|Exception)\b", failed)


def test_the_fidelity_page_shows_each_constant_whole(open_page):
    page = open_page("fidelity")
    values = page.evaluate("() => [...document.querySelectorAll('.runbook-constants code')].map(c => c.innerText)")
    assert len(values) > 100
    assert [v for v in values if "\\r" in v or "\\n" in v or v.rstrip().endswith("...'")] == []
    usage = page.locator(".runbook-constants li", has_text="IPCONFIG_USAGE").first.inner_text()
    assert "USAGE:" in usage and "/setclassid adapter [classid] ]" in usage and "CRLF line breaks" in usage


def test_the_guide_opens_on_the_operators_guide(open_page, width):
    page = open_page("home", "index.html")
    if width == "phone":
        page.locator("label.md-header__button[for='__drawer']").click()
        page.locator(".md-nav__link", has_text="Guide").first.click()
    else:
        page.locator(".md-tabs__link", has_text="Guide").click()
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == "Operator's guide"
    text = article_text(page)
    for topic in ("Read a stage page", "Run the scripts", "What the states mean", "stale", "CHECK", "RUN",
                  "verify.log"):
        assert topic in text, topic
