"""A stage's acceptance criteria and latest result, as page sections."""

from __future__ import annotations

from ..acceptance.results import StageResult
from ..features import Feature


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
