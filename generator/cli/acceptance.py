"""apply and verify: converge a target with the generated scripts, then prove it."""

from __future__ import annotations

from pathlib import Path

import click

from ..acceptance.apply import apply as apply_stages
from ..acceptance.verify import verify as verify_stages
from ..errors import GeneratorError, VerificationFailed
from ..targets import open_target
from . import main
from .common import project_and_environment, project_option
from .progress import console

stage_option = click.option("--stage", "stage_ids", multiple=True, metavar="STAGE",
                            help="Only this stage (repeatable); default: every stage, in order.")
target_option = click.option("--target", "target_url", required=True, metavar="URL",
                             help="lab://NAME (the embedded lab) or winrm://USER@{host}[:port][?options].")


def selected_stages(environment, stage_ids):
    runbook = environment.runbook
    return [runbook.stage(s) for s in stage_ids] if stage_ids else list(runbook.stages)


@main.command()
@click.argument("env_file", type=click.Path(dir_okay=False, path_type=Path))
@target_option
@stage_option
@click.option("--yes", is_flag=True, help="Do not ask before changing a real (winrm://) target.")
@project_option
def apply(env_file, target_url, stage_ids, yes, project_dir):
    """Run the generated scripts of ENV_FILE on their hosts, stage by stage, host by host.

    Each script is uploaded to its host and run there; its checks skip what is already done,
    so a second apply changes nothing. Secrets are read from their environment variables (or
    asked for) and passed to the script's shell only. Stops at the first failing step.
    Exit 0 converged, 1 a step failed, 2 bad input.
    """
    project, environment = project_and_environment(project_dir, env_file)
    stages = selected_stages(environment, stage_ids)
    with open_target(target_url, environment, project) as target:
        if target.confirm_changes and not yes and \
                not click.confirm(f"Apply {len(stages)} stage(s) of {environment.name} to {target_url}?"):
            raise GeneratorError("nothing applied (answer y, or pass --yes)")

        def event(what, run):
            if run is None:
                console.print(f"[bold]{what}[/]: running", highlight=False)
            else:
                console.print(f"  {len(run.outcome.steps)} step(s) checked, {run.changed} changed", highlight=False)

        report = apply_stages(environment, target, [s.id for s in stages], events=event)
    click.echo(f"converged {environment.name}: {len(report.runs)} script run(s), {report.changed} step(s) changed")


@main.command()
@click.argument("env_file", type=click.Path(dir_okay=False, path_type=Path))
@target_option
@stage_option
@click.option("--report", "report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write Cucumber JSON here, and a readable summary next to it (.md).")
@click.option("--allow-destructive", is_flag=True, help="Also run scenarios tagged @destructive (they change state).")
@project_option
def verify(env_file, target_url, stage_ids, report, allow_destructive, project_dir):
    """Verify ENV_FILE's stages on a target: run their Gherkin features with pytest-bdd.

    Steps only send probe commands (read-only) unless --allow-destructive. The latest result
    of each stage is kept under results/ and shown on its page. Exit 0 all passed, 1 a
    scenario failed, 2 bad input.
    """
    project, environment = project_and_environment(project_dir, env_file)
    outcome = verify_stages(project, environment, target_url, selected_stages(environment, stage_ids), report,
                            allow_destructive)
    click.echo(outcome.summary)
    if outcome.exit_code:
        raise VerificationFailed(f"{sum(r.status == 'failed' for r in outcome.results)} stage(s) failed verification")
