"""`runbook check`: everything that can be wrong before anything runs, reported at once.

- every template of every runbook parses (Jinja syntax), every stage has its template
  and a feature file that parses, and the runbook's steps define every step it uses;
- every environment renders every stage (StrictUndefined catches a missing parameter),
  its executable blocks are well formed and guarded, and its scripts assemble.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import jinja2

from .environments import Environment
from .errors import ContentError, GeneratorError, TemplateError
from .outputs import render_environment
from .project import Project
from .rendering.templates import jinja_for
from .runbooks import Runbook, all_runbooks
from .features import read_feature
from .acceptance.step_check import undefined_steps


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    runbooks: int = 0
    stages: int = 0
    pages: int = 0
    scripts: int = 0

    def summary(self, environments: int) -> str:
        return (f"{environments} environment(s), {self.runbooks} runbook(s), {self.stages} stage(s): "
                f"{self.pages} page(s) and {self.scripts} script(s) render")


def check_project(project: Project, environments: list[Environment],
                  advance: Callable[[str], None] = lambda item: None) -> CheckReport:
    report = CheckReport()
    runbooks = {rb.id: rb for rb in all_runbooks(project)}
    for runbook in runbooks.values():
        report.runbooks += 1
        report.stages += len(runbook.stages)
        report.problems += _runbook_problems(project, runbook)
    for env in environments:
        advance(env.name)
        try:
            rendered = render_environment(env)
            report.pages += len(rendered.stages)
            report.scripts += len(rendered.scripts)
        except GeneratorError as exc:
            report.problems.append(f"[{env.name}] {exc}")
    return report


def _runbook_problems(project: Project, runbook: Runbook) -> list[str]:
    problems = []
    jinja = jinja_for(runbook.directory)
    for path in sorted(p for p in runbook.directory.rglob("*") if p.suffix in (".md", ".j2")):
        name = path.relative_to(runbook.directory).as_posix()
        try:
            jinja.parse(path.read_text(encoding="utf-8"), name=name, filename=str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(str(TemplateError(f"runbooks/{runbook.id}/{name}", exc.lineno, exc.message or "")))
    for stage in runbook.stages:
        if not stage.template.is_file():
            problems.append(f"runbooks/{runbook.id}/stages/{stage.id}.md: missing template of stage {stage.id!r}")
        try:
            feature = read_feature(stage.feature, project.relative(stage.feature))
            if not feature.scenarios:
                problems.append(f"{project.relative(stage.feature)}: the feature has no scenario")
        except ContentError as exc:
            problems.append(str(exc))
    try:
        problems += undefined_steps(project, runbook)
    except GeneratorError as exc:
        problems.append(str(exc))
    return problems
