"""The generated part of the docs: every page and script of every site, plus the navigation.

Everything is rendered in memory first; only a complete tree is written, so bad input
(a broken environment or template) leaves the previous output as it was.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..acceptance.attestations import load_judged, standings
from ..acceptance.results import StageResult, fingerprint
from ..environments import Environment
from ..features import read_feature
from ..files import write_file
from ..outputs import RenderedEnvironment, render_environment
from ..project import Project
from ..runbooks import Runbook, all_runbooks
from . import fleet, layout, parallel, reference
from .citations import anchor, link_citations
from .pages import platform_of, scripts_page, site_index, stage_page
from .rendercache import RenderCache
from .searchindex import site_values
from .states import LEGEND, site_states
from .templating import render_page



@dataclass
class DocsTree:
    files: dict[str, str] = field(default_factory=dict)      # path under docs/ -> text
    nav: list[Any] = field(default_factory=list)              # MkDocs nav entries for the runbooks
    sites: dict[str, list[str]] = field(default_factory=dict)  # every site's folder under docs/ -> its values

    def add(self, path: str, text: str) -> None:
        self.files[path] = text


def site_results(project: Project, env: Environment) -> dict[str, StageResult | None]:
    """The latest result of each stage of a site (read once per build)."""
    return {s.id: load_judged(project.results_dir, env.name, s.id) for s in env.runbook.stages}


def site_files(project: Project, site: RenderedEnvironment,
               results: dict[str, StageResult | None] | None = None) -> dict[str, str]:
    """The pages and scripts of one site, keyed by path relative to its folder."""
    env = site.environment
    files: dict[str, str] = {}
    results = results if results is not None else site_results(project, env)
    states = site_states(site, results)
    for rendered in site.stages:
        stage = rendered.stage
        shown = _shown(project, stage.feature)
        feature = read_feature(stage.feature, shown)
        attested = standings(project.results_dir, env, stage.id, rendered.page.manual,
                             fingerprint(env, rendered)) if rendered.page.manual else []
        page = stage_page(site, rendered, feature, shown, results[stage.id], states[stage.id], attested)
        files[layout.stage_file(stage)] = link_citations(page, env.runbook.sources, "../../index.md")
    files["index.md"] = site_index(site, results)
    files["scripts.md"] = scripts_page(site)
    for name, text in site.scripts.items():
        files[f"scripts/{name}"] = text
    return files


@lru_cache(maxsize=256)             # every site shows its stages' features: each path resolved once
def _shown(project: Project, path: Path) -> str:
    return project.relative(path)


def build_tree(project: Project, environments: list[Environment], jobs: int = 1,
               cache: RenderCache | None = None) -> DocsTree:
    """Every site's pages and scripts (rendered by up to `jobs` processes, or taken from `cache`
    when nothing they come from changed), the runbooks' and groups' pages, and the navigation."""
    tree = DocsTree()
    ordered = sorted(environments, key=lambda e: (e.runbook.id, e.group.lower(), e.title.lower()))
    rendered = _rendered(project, ordered, jobs, cache)
    by_runbook: dict[str, dict[str, list[tuple[Environment, RenderedEnvironment, dict]]]] = {}
    for env, (site, results, files) in zip(ordered, rendered):
        directory = layout.site_dir(env)
        tree.sites[directory] = site_values(env.params)
        for path, text in files.items():
            tree.add(f"{directory}/{path}", text)
        by_runbook.setdefault(env.runbook.id, {}).setdefault(env.group, []).append((env, site, results))
    runbook_nav = []
    for runbook_id, groups in sorted(by_runbook.items()):
        runbook = next(iter(groups.values()))[0][0].runbook
        runbook_nav.append({nav_label(runbook.title): _runbook_nav(project, tree, runbook, groups)})
    tree.nav = runbook_nav
    fidelity = reference.fidelity_page(all_runbooks(project))
    if fidelity is not None:
        tree.add(reference.PAGE, fidelity)
    return tree


def _rendered(project: Project, ordered: list[Environment], jobs: int, cache: RenderCache | None) -> list:
    keys = [cache.key(env) for env in ordered] if cache else [None] * len(ordered)
    rendered = [cache.get(env, key) if cache else None for env, key in zip(ordered, keys)]
    todo = [i for i, found in enumerate(rendered) if found is None]
    work = parallel.run(lambda n: _render_site(project, ordered[todo[n]], cache, keys[todo[n]]), len(todo), jobs)
    for i, found in zip(todo, work):
        rendered[i] = found
    if cache:
        cache.keep_only(ordered)
    return rendered


def _render_site(project: Project, env: Environment, cache: RenderCache | None,
                 key: str | None) -> tuple[RenderedEnvironment, dict, dict[str, str]]:
    """One site rendered, and kept in the cache (in a worker: what it returns travels back pickled)."""
    site, results = render_environment(env), site_results(project, env)
    rendering = site, results, site_files(project, site, results)
    if cache:
        cache.put(env, key, rendering)
    return rendering


def _runbook_nav(project: Project, tree: DocsTree, runbook: Runbook, groups) -> list:
    """Pages of the runbook's index and groups, and the navigation. MkDocs themes print nav
    titles without escaping them, so every label is HTML-escaped here."""
    index = f"{layout.runbook_dir(runbook)}/index.md"
    tree.add(index, link_citations(render_page("runbook.md.j2", runbook=runbook, groups=groups,
                                               group_folder=lambda env: layout.group_dir(runbook, env.group)
                                               .removeprefix(layout.runbook_dir(runbook) + "/"),
                                               source_anchor=anchor, platform_of=platform_of, legend=LEGEND),
                                   runbook.sources, "index.md"))
    nav: list[Any] = [index, {"Fleet": _fleet_page(project, tree, runbook, groups)}]
    for group, sites in groups.items():
        group_index = f"{layout.group_dir(runbook, group)}/index.md"
        tree.add(group_index, render_page("group.md.j2", group=group, sites=sites))
        entries: list[Any] = [group_index]
        for env, site, _ in sites:
            directory = layout.site_dir(env)
            pages: list[Any] = [f"{directory}/index.md"]
            pages += [{nav_label(f"{r.stage.number}. {r.stage.title}"): f"{directory}/{layout.stage_file(r.stage)}"}
                      for r in site.stages]
            pages.append({"Scripts": f"{directory}/scripts.md"})
            entries.append({nav_label(env.title): pages})
        nav.append({nav_label(group): entries})
    return nav


def _fleet_page(project: Project, tree: DocsTree, runbook: Runbook, groups) -> str:
    """The runbook's fleet dashboard (and the run records it links to); its path."""
    rows = fleet.fleet_rows(project, (entry for sites in groups.values() for entry in sites))
    by_group: dict[str, list[fleet.Row]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    base = layout.runbook_dir(runbook) + "/"
    path = base + fleet.PAGE
    tree.add(path, render_page("fleet.md.j2", runbook=runbook, rows=rows, groups=by_group, legend=LEGEND,
                               counts=fleet.count_by_state(rows), relative=lambda p: p.removeprefix(base)))
    for copy, text in fleet.run_copies(rows).items():
        tree.add(copy, text)
    return path


def nav_label(text: str) -> str:
    return html.escape(text, quote=True)


def write_tree(tree: DocsTree, destination: Path, previous: Path | None = None) -> int:
    """Write the tree under `destination` (the docs dir); remove generated files it no longer has.
    Files whose content is unchanged are not touched, so `mkdocs serve` does not loop. With
    `previous` (the docs dir of the last build, when `destination` is a new copy of it), a file
    unchanged there is linked from it rather than written again."""
    written = 0
    for path, text in tree.files.items():
        target = destination / path
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        if previous is not None and _link_if_same(previous / path, target, data):
            continue
        write_file(target, data, durable=False)      # regenerated by the next build
        written += 1
    generated = destination / layout.ROOT
    for existing in sorted(generated.rglob("*"), reverse=True) if generated.exists() else []:
        if existing.is_file() and existing.relative_to(destination).as_posix() not in tree.files:
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return written


def _link_if_same(source: Path, target: Path, data: bytes) -> bool:
    try:
        if source.stat().st_size != len(data) or source.read_bytes() != data:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)
        return True
    except OSError:
        return False
