"""The operations record on the command line: `runbook attest` (a manual step is done) and
`runbook report` (the fleet matrix as JSON or CSV, the dashboard page's data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..acceptance.attestations import attest as record_attestation
from . import main
from .common import project_and_environment, project_option


def _day(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: expected a day as YYYY-MM-DD") from None


@main.command()
@click.argument("env_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--stage", "stage_id", required=True, metavar="STAGE", help="The stage that declares the step.")
@click.option("--step", "step_id", required=True, metavar="ID", help="The manual step's id (its ```manual {id=...}).")
@click.option("--by", "who", required=True, metavar="NAME", help="Who did the step and confirms it.")
@click.option("--evidence", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A file that shows it (a report, a screenshot): its name and SHA-256 are recorded.")
@click.option("--expires", callback=_day, metavar="YYYY-MM-DD", help="Last day the attestation counts (UTC).")
@project_option
def attest(env_file, stage_id, step_id, who, evidence, expires, project_dir):
    """Record that a manual step of a stage is done at ENV_FILE's site.

    A manual step (a GUI-only step no command can do or read) is declared on the stage's page
    as ```manual {id=ID host=HOST}. Verification counts it as a gate, met only by a valid
    attestation: present, not past --expires, and made for the stage's page as it is now (once
    the page changes, attest again). The attestation goes to
    results/<site>/attestations/<stage>/<id>.json and shows beside the step on the page.

    \b
    Exit 0 recorded, 2 bad input (no such stage or manual step, unreadable evidence, a past day).
    """
    project, environment = project_and_environment(project_dir, env_file)
    stage = environment.runbook.stage(stage_id)
    path = record_attestation(project.results_dir, environment, stage.id, step_id, who, evidence, expires)
    click.echo(f"attested {environment.name} {stage.id} step {step_id} by {who.strip()}"
               + (f", evidence {evidence.name}" if evidence else "") + (f", until {expires}" if expires else "")
               + f": {project.relative(path)}")
