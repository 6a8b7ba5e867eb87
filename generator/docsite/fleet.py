"""The fleet matrix: every site (by group) by every stage of its runbook, each cell the stage's
state there (`states.StageState.key`: passed, failed, stale, not-run, blocked, attested), when
and against which target it was verified, its page, and the latest run record that ran it.

One function makes it (`fleet_rows`); the dashboard page (`runbooks/<runbook>/fleet.md`) shows
it and `runbook report` writes it as JSON or CSV, so both always say the same.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from ..acceptance.attestations import load_judged
from ..acceptance.results import StageResult
from ..acceptance.runrecord import latest_by_stage
from ..environments import Environment
from ..outputs import RenderedEnvironment, render_environment
from ..project import Project
from . import layout
from .states import BADGES, site_states

PAGE = "fleet.md"                   # in the runbook's folder: runbooks/<runbook>/fleet.md
RUNS = "runs"                       # a site's latest run records, copied beside its pages


@dataclass(frozen=True)
class Cell:
    stage: str
    state: str                      # passed, failed, stale, not-run, blocked, attested
    label: str                      # the state in words, as the pages say it
    when: datetime | None           # when its result was recorded
    target: str                     # what it was verified against
    link: str                       # the stage's page, from the site's root (docs path, .md)
    run: str                        # the latest run record that ran the stage, as the project shows it; '' if none
    run_path: Path | None           # ... where it is
    why: str                        # why it is not a current pass: blocked by, stale since, failed when

    @property
    def badge(self) -> str:
        return BADGES.get(self.state, self.state)

    @property
    def summary(self) -> str:
        """The cell in words: state, when, against what, and why when it is not a pass."""
        text = f"{self.stage}: {self.label}"
        if self.when:
            text += f", {self.when:%Y-%m-%d %H:%M} UTC against {self.target}"
        return text + (f" ({self.why})" if self.why else "")


@dataclass(frozen=True)
class Row:
    site: str
    title: str
    group: str
    runbook: str
    environment_file: str
    link: str                       # the site's page (docs path)
    target: str                     # the target of its latest result
    cells: tuple[Cell, ...]

    @property
    def states(self) -> set[str]:
        return {cell.state for cell in self.cells}


def fleet_rows(project: Project, sites: Iterable[tuple[Environment, RenderedEnvironment,
                                                         dict[str, StageResult | None]]]) -> list[Row]:
    """One row per site, in the order given, with its stages' cells in the runbook's order."""
    return [_row(project, env, site, results) for env, site, results in sites]


def fleet_matrix(project: Project, environments: list[Environment]) -> list[Row]:
    """The fleet as the site shows it: rendered and read from results/ now, sorted as the site
    lists them (runbook, group, title)."""
    ordered = sorted(environments, key=lambda e: (e.runbook.id, e.group.lower(), e.title.lower()))
    return fleet_rows(project, ((env, render_environment(env),
                                 {s.id: load_judged(project.results_dir, env.name, s.id) for s in env.runbook.stages})
                                for env in ordered))


def _row(project: Project, env: Environment, site: RenderedEnvironment,
         results: dict[str, StageResult | None]) -> Row:
    states = site_states(site, results)
    runs = latest_by_stage(project.results_dir, env.name, [s.id for s in env.runbook.stages])
    folder = layout.site_dir(env)
    cells = []
    for rendered in site.stages:
        stage = rendered.stage
        state, result = states[stage.id], results.get(stage.id)
        run = runs.get(stage.id)
        cells.append(Cell(stage=stage.id, state=state.key, label=state.label,
                          when=result.finished_at if result else None, target=result.target if result else "",
                          link=f"{folder}/{layout.stage_file(stage)}",
                          run=project.relative(run) if run else "", run_path=run,
                          why=_why(state)))
    latest = max((r for r in results.values() if r), key=lambda r: r.finished_at, default=None)
    return Row(site=env.name, title=env.title, group=env.group, runbook=env.runbook.id,
               environment_file=project.relative(env.path), link=f"{folder}/index.md",
               target=latest.target if latest else "", cells=tuple(cells))


def _why(state) -> str:
    """Why a cell is not a current pass (what blocks it, when it failed, why it is stale)."""
    if state.key == "blocked":
        return "; ".join(state.blocked)
    if state.result is None:
        return ""
    return state.why_not_passed or ""


def run_copies(rows: list[Row]) -> dict[str, str]:
    """The run records the dashboard links to, copied beside each site's pages (docs path -> text):
    the latest per stage only, so the site does not grow with the history."""
    copies: dict[str, str] = {}
    for row in rows:
        folder = row.link.rsplit("/", 1)[0]
        for cell in row.cells:
            if cell.run_path is not None:
                try:
                    copies[f"{folder}/{RUNS}/{cell.run_path.name}"] = cell.run_path.read_text(encoding="utf-8")
                except OSError:         # removed since it was listed: the link shows none
                    continue
    return copies


# runbook report: the same rows as data

def as_data(rows: list[Row]) -> dict:
    return {"sites": [{"site": r.site, "title": r.title, "group": r.group, "runbook": r.runbook,
                       "environment_file": r.environment_file, "link": _url(r.link), "target": r.target,
                       "stages": {c.stage: {"state": c.state, "label": c.label,
                                            "when": c.when.isoformat() if c.when else None, "target": c.target,
                                            "link": _url(c.link), "run": c.run or None, "why": c.why}
                                  for c in r.cells}}
                      for r in rows]}


def as_json(rows: list[Row]) -> str:
    return json.dumps(as_data(rows), indent=2) + "\n"


CSV_FIELDS = ("state", "when", "target", "link", "run")


def as_csv(rows: list[Row]) -> str:
    """One line per site; per stage (every runbook's, in order) its state, when, target, link, run."""
    stages = list(dict.fromkeys(c.stage for r in rows for c in r.cells))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["site", "title", "group", "runbook", "environment_file", "link",
                     *[f"{stage}.{field}" for stage in stages for field in CSV_FIELDS]])
    for row in rows:
        data = as_data([row])["sites"][0]
        cells = data["stages"]
        writer.writerow([_inert(v) for v in (row.site, row.title, row.group, row.runbook, row.environment_file,
                                             data["link"])] +
                        [_inert(cells[stage][field] or "") if stage in cells else ""
                         for stage in stages for field in CSV_FIELDS])
    return out.getvalue()


def _inert(value: str) -> str:
    """A spreadsheet reads a cell starting with = + - @ (or a tab, CR) as a formula: quoted as text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _url(docs_path: str) -> str:
    """A page's address on the built site, from the site's root (the site is built with
    `use_directory_urls: false`, the offline plugin's way, so it also works from files)."""
    return docs_path[:-len(".md")] + ".html"


SUMMARY = {"failed": "failed", "stale": "stale", "blocked": "blocked", "not-run": "not verified",
           "attested": "attested", "passed": "passed"}


def count_by_state(rows: list[Row]) -> dict[str, int]:
    """State in words -> how many sites have a stage in it (the dashboard's summary), worst first."""
    return {words: count for state, words in SUMMARY.items()
            if (count := sum(state in row.states for row in rows))}
