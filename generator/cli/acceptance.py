"""apply and verify: converge a target with the generated scripts, then prove it."""

from __future__ import annotations

from pathlib import Path

import click

from ..acceptance.apply import apply as apply_stages, hosts_to_run
from ..acceptance.applylock import exclusive_apply
from ..acceptance.runrecord import OPERATOR_ENV, apply_events, recording, verified
from ..acceptance.stagegates import check_gates
from ..acceptance.verify import verify as verify_stages
from ..errors import Blocked, Declined, VerificationFailed
from ..outputs import render_environment
from ..scripts.runorder import run_order
from ..targets import open_target, target_class
from ..targets.hostmap import host_map
from . import main
from .common import project_and_environment, project_option, run_secrets
from .progress import console

stage_option = click.option("--stage", "stage_ids", multiple=True, metavar="STAGE",
                            help="Only this stage (repeatable); default: every stage, in order.")
target_option = click.option("--target", "target_url", required=True, metavar="URL",
                             help="lab://NAME (the embedded lab, over WinRM), inprocess://NAME (the same lab "
                                  "in this process) or winrm://USER@{host}[:port][?options].")


def host_map_options(command):
    """--host and --hosts: which machine each host is, for a winrm:// URL that names one machine."""
    command = click.option("--hosts", "hosts_file", type=click.Path(dir_okay=False, path_type=Path),
                           metavar="FILE", help="YAML file, one `HOST: ADDRESS[:PORT]` a line, as --host.")(command)
    return click.option("--host", "host_entries", multiple=True, metavar="HOST=ADDRESS[:PORT]",
                        help="Reach HOST of the environment at ADDRESS (repeatable; wins over --hosts). Needed "
                             "for every host the run reaches when the winrm:// URL has no {host} or {address}; "
                             "the URL's user, scheme and options still apply.")(command)


by_option = click.option("--by", "who", metavar="NAME",
                         help=f"Who runs it, for the run record (default: ${OPERATOR_ENV}, else your login name).")


def selected_stages(environment, stage_ids):
    runbook = environment.runbook
    return [runbook.stage(s) for s in stage_ids] if stage_ids else list(runbook.stages)


@main.command()
@click.argument("env_file", type=click.Path(dir_okay=False, path_type=Path))
@target_option
@host_map_options
@stage_option
@click.option("--yes", is_flag=True, help="Do not ask before changing a real (winrm://) target "
                                          "(the hosts and endpoints are still listed).")
@click.option("--override-gate", "override", metavar="REASON",
              help="Run even though an earlier stage has no current pass at this site (the stage gate); "
                   "REASON goes into the run record.")
@by_option
@click.option("--plan", is_flag=True, help="Only print what would run, in order (stage, host, script); "
                                           "connect to nothing, send nothing, record nothing. "
                                           "`ansible-playbook --check` uses it.")
@project_option
def apply(env_file, target_url, host_entries, hosts_file, stage_ids, yes, override, who, plan, project_dir):
    """Run the generated scripts of ENV_FILE on their hosts, stage by stage, host by host.

    Each script is uploaded to its host and run there; its checks skip what is already done,
    so a second apply changes nothing. Secrets are read from their environment variables (or
    asked for) and passed to the script's shell only. Lists each host with the endpoint it
    will reach, then asks before changing a real target. Stops at the first failing step.
    One apply at a time per environment and target.

    Stage gates: a stage runs only when every earlier stage this run does not converge itself
    has a current pass at this site (verified, not stale); else nothing is sent (exit 7),
    unless --override-gate REASON. Every run, however it ends, writes a run record (who, when,
    target, the scripts' hashes, each step's outcome, its log) to results/<site>/runs/.

    \b
    Exit 0 converged, 1 a step failed, 2 bad input (also: a host with no endpoint,
    nothing sent), 3 declined at the question (nothing changed), 4 another apply of
    this environment and target is running (its pid is named), 7 blocked by a stage
    gate (nothing sent).
    """
    project, environment = project_and_environment(project_dir, env_file)
    stage_ids = [s.id for s in selected_stages(environment, stage_ids)]
    hosts = host_map(environment, host_entries, hosts_file)
    if plan:
        target_class(target_url)                 # a target it could not reach is bad input here too
        _show_plan(environment, target_url, stage_ids, hosts)
        _show_gate(project, environment, stage_ids, override)
        return
    secrets = run_secrets()
    with open_target(target_url, environment, project, hosts=hosts, secrets=secrets) as target:
        routes = target.route(hosts_to_run(environment, stage_ids))
        with recording(project, environment, "apply", stage_ids, target_url, who, secrets,
                       success="converged") as record:
            overridden = check_gates(project, environment, stage_ids, override)
            if overridden:
                record.overrode(override, overridden)
                click.echo(f"stage gate overridden ({override.strip()}): " + "; ".join(map(str, overridden)))
            with exclusive_apply(project, environment, target):
                _show_routes(environment, target_url, stage_ids, routes)
                if target.confirm_changes:
                    _confirm(yes)
                report = apply_stages(environment, target, stage_ids, events=apply_events(record, _event))
    click.echo(f"converged {environment.name}: {len(report.runs)} script run(s), {report.changed} step(s) changed")


def _show_routes(environment, target_url: str, stage_ids: list[str], routes: dict[str, str]) -> None:
    click.echo(f"Apply {len(stage_ids)} stage(s) of {environment.name} to {target_url}:")
    width = max(map(len, routes), default=0)
    for host, endpoint in routes.items():
        click.echo(f"  {host:<{width}}  {endpoint}")


def _show_plan(environment, target_url: str, stage_ids: list[str], hosts: dict[str, str]) -> None:
    """The runs apply would make, in its order, as the site's Scripts page numbers them."""
    planned = run_order(render_environment(environment), stage_ids)
    click.echo(f"Plan: {len(planned)} script run(s) of {len(stage_ids)} stage(s) of {environment.name} "
               f"on {target_url} (nothing sent):")
    for run in planned:
        where = f" at {hosts[run.host]}" if run.host in hosts else ""
        after = f", after {run.waits_text()}" if run.waits_for else ""
        again = "; the host restarts: run again until it ends" if run.restarts else ""
        click.echo(f"  {run.number:>2}. {run.stage.id} on {run.host}{where}: {run.script}{after}{again}")


def _show_gate(project, environment, stage_ids: list[str], override: str | None) -> None:
    """Whether the stage gate would let this apply run, as the site's results stand now."""
    try:
        overridden = check_gates(project, environment, stage_ids, override)
    except Blocked as exc:
        click.echo(f"Stage gate, as the results stand now: apply would be refused (exit 7):\n{exc}")
        return
    click.echo("Stage gate: " + (f"overridden ({override.strip()}): " + "; ".join(map(str, overridden))
                                 if overridden else "met"))


def _confirm(yes: bool) -> None:
    """Ask (unless --yes); Declined when the answer is no, or there is none (no terminal)."""
    if yes:
        click.echo("--yes: not asking")
        return
    try:
        agreed = click.confirm("Change these hosts?", default=False)
    except click.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):      # Ctrl-C is an interrupt, not an answer
            raise KeyboardInterrupt from None
        agreed = False                                          # end of input
    if not agreed:
        raise Declined("nothing applied, nothing changed (answer y, or pass --yes)")


def _event(what, run):
    if run is None:
        console.print(f"[bold]{what}[/]: running", highlight=False)
    else:
        console.print(f"  {len(run.outcome.steps)} step(s) checked, {run.changed} changed", highlight=False)


@main.command()
@click.argument("env_file", type=click.Path(dir_okay=False, path_type=Path))
@target_option
@host_map_options
@stage_option
@click.option("--report", "report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write Cucumber JSON here, and a readable summary next to it (.md).")
@click.option("--allow-destructive", is_flag=True, help="Also run scenarios tagged @destructive (they change state).")
@click.option("--verbose", "-v", is_flag=True, help="Also print pytest's own output (tracebacks, exception chains); "
                                                    "it is always in results/<site>/verify.log.")
@by_option
@project_option
def verify(env_file, target_url, host_entries, hosts_file, stage_ids, report, allow_destructive, verbose, who,
           project_dir):
    """Verify ENV_FILE's stages on a target: run their Gherkin features with pytest-bdd.

    The scenarios run in a read-only process: every command its targets send must be a
    probe's (checked right before it leaves), unless the scenario is tagged @destructive
    and --allow-destructive is given. The latest result of each stage is kept under
    results/ and shown on its page, with what it verified (the stage as rendered, the
    environment's parameters): a page marks it stale once either changes. A stage's manual
    steps count as gates, met only by a valid attestation (`runbook attest`). Each failure
    reads as one sentence (host, setting, expected, actual); pytest's whole output goes to
    results/<site>/verify.log (and to the console with --verbose). Every run writes a run
    record to results/<site>/runs/.

    \b
    Exit 0 all passed, 1 a scenario failed, 2 bad input (also: a host with no endpoint).
    """
    project, environment = project_and_environment(project_dir, env_file)
    hosts = host_map(environment, host_entries, hosts_file)
    stages = selected_stages(environment, stage_ids)
    secrets = run_secrets()
    with recording(project, environment, "verify", [s.id for s in stages], target_url, who, secrets) as record:
        outcome = verify_stages(project, environment, target_url, stages, report, allow_destructive, hosts=hosts,
                                secrets=secrets, verbose=verbose)
        verified(record, outcome)
        click.echo(outcome.summary)
        if outcome.log:
            click.echo(f"pytest's output: {project.relative(outcome.log)}")
        if outcome.exit_code:
            raise VerificationFailed(f"{sum(r.status == 'failed' for r in outcome.results)} stage(s) failed "
                                     "verification")
