"""The generated part of the docs: every page and script of every site, plus the navigation.

Everything is rendered in memory first; only a complete tree is written, so bad input
(a broken environment or template) leaves the previous output as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..acceptance.results import StageResult, load_result
from ..environments import Environment
from ..features import read_feature
from ..files import write_file
from ..outputs import RenderedEnvironment, render_environment
from ..project import Project
from ..runbooks import Runbook
from . import layout, reference
from .citations import link_citations, sources_section, unconfirmed_section
from .criteria import status_badge
from .markdown import front_matter
from .pages import scripts_page, site_index, stage_page



@dataclass
class DocsTree:
    files: dict[str, str] = field(default_factory=dict)      # path under docs/ -> text
    nav: list[Any] = field(default_factory=list)              # MkDocs nav entries for the runbooks

    def add(self, path: str, text: str) -> None:
        self.files[path] = text


def site_results(project: Project, env: Environment) -> dict[str, StageResult | None]:
    """The latest result of each stage of a site (read once per build)."""
    return {s.id: load_result(project.results_dir, env.name, s.id) for s in env.runbook.stages}


def site_files(project: Project, site: RenderedEnvironment,
               results: dict[str, StageResult | None] | None = None) -> dict[str, str]:
    """The pages and scripts of one site, keyed by path relative to its folder."""
    env = site.environment
    files: dict[str, str] = {}
    results = results if results is not None else site_results(project, env)
    for rendered in site.stages:
        stage = rendered.stage
        shown = project.relative(stage.feature)
        feature = read_feature(stage.feature, shown)
        page = stage_page(site, rendered, feature, shown, results[stage.id])
        files[layout.stage_file(stage)] = link_citations(page, env.runbook.sources, "../../index.md")
    files["index.md"] = site_index(site, results)
    files["scripts.md"] = scripts_page(site)
    for name, text in site.scripts.items():
        files[f"scripts/{name}"] = text
    return files


def build_tree(project: Project, environments: list[Environment]) -> DocsTree:
    tree = DocsTree()
    by_runbook: dict[str, list[Environment]] = {}
    for env in environments:
        by_runbook.setdefault(env.runbook.id, []).append(env)
    runbook_nav = []
    for runbook_id, envs in sorted(by_runbook.items()):
        runbook = envs[0].runbook
        groups: dict[str, list[tuple[Environment, RenderedEnvironment, dict]]] = {}
        for env in sorted(envs, key=lambda e: (e.group.lower(), e.title.lower())):
            directory = layout.site_dir(env)
            site, results = render_environment(env), site_results(project, env)
            for path, text in site_files(project, site, results).items():
                tree.add(f"{directory}/{path}", text)
            groups.setdefault(env.group, []).append((env, site, results))
        runbook_nav.append({runbook.title: _runbook_nav(project, tree, runbook, groups)})
    tree.nav = runbook_nav
    tree.add(reference.PAGE, reference.fidelity_page())
    return tree


def _runbook_nav(project: Project, tree: DocsTree, runbook: Runbook, groups) -> list:
    index = f"{layout.runbook_dir(runbook)}/index.md"
    tree.add(index, _runbook_index(runbook, groups))
    nav: list[Any] = [index]
    for group, sites in groups.items():
        group_index = f"{layout.group_dir(runbook, group)}/index.md"
        tree.add(group_index, _group_index(group, sites))
        entries: list[Any] = [group_index]
        for env, site, _ in sites:
            directory = layout.site_dir(env)
            pages: list[Any] = [f"{directory}/index.md"]
            pages += [{f"{r.stage.number}. {r.stage.title}": f"{directory}/{layout.stage_file(r.stage)}"}
                      for r in site.stages]
            pages.append({"Scripts": f"{directory}/scripts.md"})
            entries.append({env.title: pages})
        nav.append({group: entries})
    return nav


def _runbook_index(runbook: Runbook, groups) -> str:
    out = [front_matter(runbook.title), f"# {runbook.title}", "", runbook.spec.summary, "", "## Stages", "",
           "| # | Stage | What |", "|---|---|---|"]
    out += [f"| {s.number} | {s.title} | {s.summary} |" for s in runbook.stages]
    out += ["", "## Sites", ""]
    out += _sites_tables(runbook, groups)
    out += unconfirmed_section(runbook.unconfirmed) + sources_section(runbook.sources)
    return link_citations("\n".join(out), runbook.sources, "index.md")


def _sites_tables(runbook: Runbook, groups) -> list[str]:
    out = []
    for group, sites in groups.items():
        out += [f"### {group}", "", "| Site | Platform | " + " | ".join(str(s.number) for s in runbook.stages) + " |",
                "|---|---|" + "---|" * len(runbook.stages)]
        for env, _, results in sites:
            rel = layout.site_dir(env).removeprefix(layout.runbook_dir(runbook) + "/") + "/index.md"
            badges = " | ".join(status_badge(results[s.id]) for s in runbook.stages)
            out.append(f"| [{env.title}]({rel}) | {getattr(env.params, 'platform', '')} | {badges} |")
        out.append("")
    return out


def _group_index(group: str, sites) -> str:
    out = [front_matter(group), f"# {group}", "", "| Site | Name | Stages verified |", "|---|---|---|"]
    for env, site, results in sites:
        verified = sum(1 for result in results.values() if result and result.status == "passed")
        out.append(f"| [{env.title}]({env.name}/index.md) | `{env.name}` | {verified} of {len(site.stages)} |")
    return "\n".join(out) + "\n"


def write_tree(tree: DocsTree, destination: Path) -> int:
    """Write the tree under `destination` (the docs dir); remove generated files it no longer has.
    Files whose content is unchanged are not touched, so `mkdocs serve` does not loop."""
    written = 0
    for path, text in tree.files.items():
        target = destination / path
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        write_file(target, data)
        written += 1
    generated = destination / layout.ROOT
    wanted = {str((destination / p).resolve()) for p in tree.files}
    for existing in sorted(generated.rglob("*"), reverse=True) if generated.exists() else []:
        if existing.is_file() and str(existing.resolve()) not in wanted:
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return written
