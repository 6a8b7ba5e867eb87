"""Hostile values in every string field (issue 6): each is refused by the model with
`file:line: field: message`, or rendered so that it is inert in every context it reaches:
the scripts run in the lab create nothing a payload asks for, and the pages carry no live
markup. (tests/lab and tests/browser repeat this over WinRM and in Chromium.)"""

from __future__ import annotations

import html
import re

import pytest

from generator.docsite.tree import build_tree
from generator.environments import load_environments
from generator.outputs import render_environment
from tests.hostile import (CMD, LOCATED, PAGE, combined, live_markup, made_on_purpose, markdown_to_html, string_fields,
                           trials)
from tests.inprocess import converge, lab_target

SECRET = "Hostile-Secret-9"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


@pytest.mark.parametrize("family", [CMD, PAGE], ids=["commands", "pages"])
def test_each_refusal_names_file_line_and_field(project, folder, family):
    results = trials(project, folder, family)
    refused = [t for t in results if t.problem]
    assert refused and len(refused) < len(results)          # both outcomes occur: the test can tell them apart
    for trial in refused:
        match = LOCATED.match(trial.problem)
        assert match, trial.problem
        field = re.sub(r"\[\d+\]", "", trial.path).split(".")[0]
        assert field in match["field"] or field in trial.problem, trial.problem


def test_the_payloads_reach_the_free_text_fields(project, folder):
    """The model must let through what Windows allows, so the escaping is what is tested. (Not
    witness.share: the file-share-witness stage writes it unquoted and inside \\\\HOST\\SHARE on
    lines cmd parses twice, so the model keeps it to letters, digits and . _ - $ # @ ~ +.)"""
    accepted = {t.path for t in trials(project, folder, CMD) if not t.problem}
    for path in ("title", "group", "witness.path", "domain.admin.user", "cluster.service_account.user",
                 "nodes[0].public.original_name", "nodes[1].private.original_name",
                 "exchange.storage_groups[0].name", "exchange.storage_groups[1].database.name",
                 "domain.admin.password.prompt"):
        assert path in accepted, path


@pytest.mark.parametrize("rotation", range(len(CMD)))
def test_command_payloads_run_nothing_in_the_lab(project, folder, rotation, tmp_path, monkeypatch):
    site = combined(project, folder, CMD, rotation, name=f"cmd{rotation}")
    assert len(site.values) >= 10, site.values
    [env] = load_environments(project, [site.file])
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path))
    monkeypatch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", SECRET)
    with lab_target(project, env) as target:
        lab = target.lab
        try:
            first = converge(target, env)
            second = converge(target, env)
        finally:                                # what ran is checked even when a stage failed
            witness = env.params.witness          # its folder is the value itself, made on purpose
            for host in lab.state().hosts.values():
                made = [p for p in [*host.directories, *host.files] if "INJ" in p.upper()
                        and not made_on_purpose(host.name, p, witness)]
                assert not made, (host.name, made)
    assert all(event == "ok" for events in second.values() for event in events), \
        {k: list(zip(e.titles, e)) for k, e in second.items() if any(x != "ok" for x in e)}
    for host in lab.state().hosts.values():
        names = {a.connection_name for a in host.adapters}
        if "node" in host.roles:
            assert {"Public", "Private"} <= names           # the hostile original names were renamed
    for events in [*first.values(), *second.values()]:
        assert SECRET not in events.output


def test_a_value_expanding_a_secret_stays_text(project, folder):
    """`!VAR!` and `%VAR%` in a value are printed as written, never expanded."""
    site = combined(project, folder, ["%LAB_DOMAIN_ADMIN_PASSWORD%!LAB_DOMAIN_ADMIN_PASSWORD!{k}"], 0, name="expand")
    [env] = load_environments(project, [site.file])
    rendered = render_environment(env)
    script = rendered.scripts[f"{env.params.nodes[0].name}/02-network-settings.cmd"]
    assert "%%LAB_DOMAIN_ADMIN_PASSWORD%%^!LAB_DOMAIN_ADMIN_PASSWORD^!" in script


@pytest.mark.parametrize("rotation", range(len(PAGE)))
def test_page_payloads_stay_text(project, folder, rotation, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_RESULTS_DIR", str(tmp_path / "results"))
    site = combined(project, folder, PAGE, rotation, name=f"page{rotation}")
    assert len(site.values) >= 6, site.values          # connection names and accounts refuse < > / : ...
    [env] = load_environments(project, [site.file])
    tree = build_tree(project, [env])
    pages = {path: markdown_to_html(text) for path, text in tree.files.items() if path.endswith(".md")}
    for path, page in pages.items():
        assert not live_markup(page), (path, live_markup(page))
        assert ".git/config" not in page or "--8&lt;--" in page or "--8<--" in html.unescape(page)
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", " ".join(pages.values()))).split())
    for path, value in site.values.items():
        assert " ".join(value.split()) in shown, (path, value)          # shown as text, not dropped
    for title in _nav_titles(tree.nav):
        assert not live_markup(title), title


def _nav_titles(nav):
    for entry in nav:
        if isinstance(entry, dict):
            for title, inner in entry.items():
                yield title
                if isinstance(inner, list):
                    yield from _nav_titles(inner)
