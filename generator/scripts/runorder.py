"""The order a site's scripts run in, across its hosts: what `apply` follows and the Scripts
page shows as a numbered plan.

Stages run in the runbook's order; within a stage, hosts in the order the page first names
them. A stage's scripts start only when every script of the stages before it is done, on
every host: a later stage may need another host's earlier work (the second node joins the
cluster only once it has joined the domain). A script whose steps restart its host ends at
each restart; it is run again after the host is back, until it ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..runbooks import Stage


@dataclass(frozen=True)
class PlannedRun:
    number: int                 # 1-based, in the order the runs happen
    stage: Stage
    host: str
    script: str                 # file name in the host's folder: 02-network-settings.cmd
    restarts: bool              # a step restarts the host: run it again after each restart
    waits_for: tuple[int, ...]  # runs of other hosts that must be done before this one starts

    def waits_text(self) -> str:
        return ", ".join(f"#{n}" for n in self.waits_for) or "-"

    def then(self) -> str:
        """What the operator does when this run's script ends."""
        if self.restarts:
            return "the host restarts: when it is back, log on and run the script again, until it ends with exit 0"
        return "go on when it ends with exit 0"


def run_order(rendered, stage_ids: list[str] | None = None) -> list[PlannedRun]:
    """The planned runs of a rendered site (all stages, or `stage_ids`)."""
    planned: list[PlannedRun] = []
    previous_stage: list[PlannedRun] = []
    for stage in rendered.stages:
        if stage_ids and stage.stage.id not in stage_ids:
            continue
        current = []
        for part in stage.hosts:
            waits = tuple(run.number for run in previous_stage if run.host != part.host)
            current.append(PlannedRun(len(planned) + len(current) + 1, stage.stage, part.host,
                                      rendered.script_name(stage.stage, part.host), part.restarts, waits))
        planned += current
        previous_stage = current or previous_stage
    return planned
