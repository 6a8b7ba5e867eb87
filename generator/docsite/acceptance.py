"""A stage's acceptance criteria (its Gherkin feature) and latest result, as page sections."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gherkin.errors import CompositeParserException, ParserError
from gherkin.parser import Parser

from ..acceptance.results import StageResult
from ..errors import ContentError


@dataclass(frozen=True)
class Scenario:
    name: str
    line: int
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Feature:
    path: Path
    name: str
    description: str
    scenarios: tuple[Scenario, ...]
    text: str


def read_feature(path: Path, shown: str) -> Feature:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError(f"{shown}: missing feature file ({exc.strerror})") from exc
    try:
        document = Parser().parse(text)
    except (CompositeParserException, ParserError) as exc:
        raise ContentError(f"{shown}: {exc}") from exc
    feature = document.get("feature")
    if not feature:
        raise ContentError(f"{shown}: no Feature")
    scenarios = []
    for child in feature["children"]:
        for node in ([child["scenario"]] if "scenario" in child else
                     [c["scenario"] for c in child.get("rule", {}).get("children", []) if "scenario" in c]):
            scenarios.append(Scenario(node["name"], node["location"]["line"],
                                      tuple(t["name"] for t in node.get("tags", []))))
    return Feature(path, feature["name"], feature.get("description", "").strip(), tuple(scenarios), text)


def status_badge(result: StageResult | None) -> str:
    if result is None:
        return '<span class="runbook-badge runbook-badge--none">not verified</span>'
    return f'<span class="runbook-badge runbook-badge--{result.status}">{result.status}</span>'


def result_admonition(result: StageResult | None) -> str:
    if result is None:
        return ('!!! note "Not verified yet"\n    No acceptance run has been recorded for this site and stage. '
                "Run `runbook verify` against a target to record one.\n")
    kind = "success" if result.status == "passed" else "failure"
    when = result.finished_at.strftime("%Y-%m-%d %H:%M UTC")
    lines = [f'!!! {kind} "Verified: {result.status}, {when}, against {result.target}"',
             f"    {result.passed} of {len(result.scenarios)} scenarios passed."]
    if result.converge:
        runs = ", ".join(f"{run}: {changed} step(s) changed" for run, changed in result.converge.items())
        lines.append(f"    Converge before verification: {runs}.")
    return "\n".join(lines) + "\n"


def criteria_section(feature: Feature, shown: str, result: StageResult | None) -> str:
    by_name = {s.name: s for s in (result.scenarios if result else [])}
    out = ["## Acceptance criteria", "",
           f"The stage is done when every scenario of `{shown}` passes (`runbook verify`).", ""]
    if feature.description:
        out += [feature.description, ""]
    for scenario in feature.scenarios:
        outcome = by_name.get(scenario.name)
        mark = {"passed": "✅", "failed": "❌"}.get(outcome.status if outcome else "", "⬜")
        line = f"- {mark} {scenario.name}"
        if outcome and outcome.status == "failed" and outcome.message:
            line += f"  \n  `{outcome.message.splitlines()[0][:300]}`"
        out.append(line)
    out += ["", f'??? example "Gherkin: {shown}"', "", "    ```gherkin"]
    out += [f"    {l}" if l else "" for l in feature.text.rstrip().splitlines()]
    out += ["    ```", ""]
    return "\n".join(out)
