"""Stage scripts run on the lab in this process (`inprocess://NAME`), by `apply` itself: uploaded,
decoded and started exactly as on any target, with no daemon and no WinRM in between."""

from __future__ import annotations

from generator.acceptance.apply import apply
from generator.targets import open_target


class Events(list):
    titles: list[str]
    output: str


def lab_target(project, environment):
    """The environment's lab opened in this process (in $RUNBOOK_LAB_DIR/<name>, created when
    missing), its accounts' passwords read from their variables: set both first."""
    return open_target(f"inprocess://{environment.name}", environment, project)


def converge(target, environment, stage_ids: list[str] | None = None) -> dict[tuple[str, str], Events]:
    """`apply` every stage (or those named) on the target; the events of each script (a list with
    the step titles in `.titles` and what the script printed in `.output`), by (stage, host). A
    script run again after a restart adds its events to those of its first run."""
    events: dict[tuple[str, str], Events] = {}
    for run in apply(environment, target, stage_ids).runs:
        found = events.get((run.stage, run.host))
        if found is None:
            found = events[(run.stage, run.host)] = Events()
            found.titles, found.output = [], ""
        found += [s.event for s in run.outcome.steps]
        found.titles += [s.title for s in run.outcome.steps]
        found.output += run.result.stdout + run.result.stderr
    return events
