"""The operations record on the command line: `runbook attest` (a manual step is done) and
`runbook report` (the fleet matrix as JSON or CSV, the dashboard page's data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..acceptance.attestations import attest as record_attestation
from ..docsite.fleet import as_csv, as_json, fleet_matrix
from ..files import writable_dir, write_file
from ..project import find_project
from . import main
from .common import env_files_argument, environments, project_and_environment, project_option


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
    click.echo(f"it counts from the stage's next verification: runbook verify {project.relative(environment.path)} "
               f"--stage {stage.id} --target URL")


@main.command()
@env_files_argument
@click.option("--format", "form", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="JSON (one object per site, its stages by id) or CSV (one line per site, five columns a stage).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the report here (default: standard output).")
@project_option
def report(env_files, form, output, project_dir):
    """The fleet matrix: every site (default: every environment file) by every stage of its
    runbook, as the fleet dashboard page shows it (one function makes both).

    Per site: its name, title, group, runbook, environment file and page; per stage: its state
    (passed, failed, stale, not-run, blocked, attested), when it was verified, against which
    target, its page on the site (from the site's root) and the latest run record that ran it.

    \b
    Exit 0 written, 2 bad input (an environment file, a folder that cannot be written).
    """
    project = find_project(project_dir)
    rows = fleet_matrix(project, environments(project, env_files))
    text = as_json(rows) if form == "json" else as_csv(rows)
    if output is None:
        click.echo(text, nl=False)
        return
    writable_dir(output.parent or Path("."), "the folder of --output")
    write_file(output, text)
    click.echo(f"fleet report of {len(rows)} site(s) written to {output}", err=True)
