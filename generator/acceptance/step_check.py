"""Whether a runbook's step vocabularies define every step its features use (`runbook check`).

pytest-bdd only finds a missing step when a scenario runs against a target; this reads the
features with pytest-bdd's own parser and matches each step against the parsers of the
runbook's step definitions, so a typo in a feature fails `check`, not the first verification.
"""

from __future__ import annotations

from pytest_bdd.exceptions import GherkinParseError
from pytest_bdd.parser import FeatureParser
from pytest_bdd.steps import step_function_context_registry

from ..project import Project
from ..runbooks import Runbook
from .runbook_steps import step_modules


def undefined_steps(project: Project, runbook: Runbook) -> list[str]:
    """`features/<id>/<stage>.feature:LINE: Then the ...: no step definition matches` per step."""
    namespaces = [vars(module) for module in step_modules(runbook)]
    definitions = [context for context in list(step_function_context_registry.values())
                   if any(context.step_func.__globals__ is namespace for namespace in namespaces)]
    problems = []
    for stage in runbook.stages:
        if not stage.feature.is_file():
            continue
        try:
            feature = FeatureParser(str(stage.feature.parent), stage.feature.name).parse()
        except GherkinParseError:
            continue            # `check` reports the file's syntax (features.read_feature), with its line
        steps = [step for scenario in feature.scenarios.values() for step in scenario.steps]
        for step in steps:
            if not any(context.type in (None, step.type) and context.parser.is_matching(step.name)
                       for context in definitions):
                problems.append(f"{project.relative(stage.feature)}:{step.line_number}: {step.keyword.strip()} "
                                f"{step.name}: no step definition in {project.relative(runbook.steps_dir)}/ matches")
    return problems
