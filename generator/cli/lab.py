"""`runbook lab ...`: the embedded lab of an environment (its runbook's `lab.py`), reached over WinRM."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import click

from ..acceptance.applylock import exclusive_apply
from ..acceptance.lifecycle import run_lifecycle
from ..errors import VerificationFailed
from ..labs import control, endpoints
from ..labs.accounts import account_secrets, admin_user
from ..labs.contract import LabStatus
from ..labs.endpoints import Endpoints
from ..secrets import secret_fields
from ..targets import open_target
from . import main
from .acceptance import selected_stages, stage_option
from .common import project_and_environment, project_option, run_secrets

env_argument = click.argument("env_file", type=click.Path(dir_okay=False, path_type=Path), required=False)


@main.group()
def lab():
    """The embedded lab: an emulation of an environment's hosts, as its runbook's lab defines
    them, each on its own loopback WinRM port, driven like real servers.

    ENV_FILE defaults to environments/lab.yaml. State lives in .lab/<name>/ and survives
    `down`/`up`; secrets come from the environment's variables and stay in memory.
    """


@lab.command()
@env_argument
@project_option
def up(env_file, project_dir):
    """Start the lab (or show it, when it already runs) and print its endpoints."""
    project, environment = project_and_environment(project_dir, env_file)
    running, started = control.up(project, environment)
    user = admin_user(environment)
    click.echo(f"lab {environment.name} {'started' if started else 'already running'} (pid {running.pid}), "
               f"state in {project.relative(control.lab_dir(project, environment.name))}")
    click.echo(f"target: lab://{environment.name}")
    for host, url in running.urls.items():
        click.echo(f"  {host:<16} {url}")
    click.echo(f"WinRM log-in: NTLM as {user}, password from ${account_secrets(environment)[user].env}")


@lab.command()
@env_argument
@project_option
def down(env_file, project_dir):
    """Stop the lab's server. Its state stays for the next `up`."""
    project, environment = project_and_environment(project_dir, env_file)
    stopped = control.down(project, environment.name)
    click.echo(f"lab {environment.name} {'stopped' if stopped else 'was not running'}")


@lab.command()
@env_argument
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@project_option
def status(env_file, as_json, project_dir):
    """Hosts, their roles and domain membership, what the lab adds (a cluster and its quorum, say),
    faults, and the endpoints. A stopped lab shows its hosts off and the state it keeps."""
    project, environment = project_and_environment(project_dir, env_file)
    state = control.open_lab(project, environment, create=False).status()
    running = endpoints.read(control.lab_dir(project, environment.name))
    urls = running.urls if running else {}
    if as_json:
        click.echo(json.dumps({**state.as_dict(), "running": bool(running), "endpoints": urls}, indent=2, default=str))
    else:
        click.echo(_status_text(state, running, urls))


def _status_text(state: LabStatus, running: Endpoints | None, urls: dict[str, str]) -> str:
    """A stopped lab's hosts are off, whatever its kept state says: that state shows indented, as kept."""
    lines = [f"lab {state.environment}: "
             + (f"running, pid {running.pid}" if running else "STOPPED: no host answers (state kept; `runbook lab up`)")]
    for host in state.hosts:
        power = ('up' if host.up else 'DOWN') if running else 'off'
        lines.append(f"  {host.name:<14} {host.role:<8} {power:<5} "
                     f"{host.membership:<22} {urls.get(host.name, '')}".rstrip())
    lines += state.details if running else ["kept for the next `up`:", *(f"  {line}" for line in state.details)]
    lines.append(f"faults: {', '.join(state.faults) or 'none'}")
    lines.append(f"commands run: {state.commands}")
    return "\n".join(lines)


@lab.command()
@env_argument
@project_option
def reset(env_file, project_dir):
    """Back to the lab's baseline: its hosts as freshly installed, before the runbook's first
    stage (as the runbook's lab defines them)."""
    project, environment = project_and_environment(project_dir, env_file)
    control.open_lab(project, environment).reset()
    click.echo(f"lab {environment.name} reset")


def _fault_command(action: str, done: str, help_text: str) -> None:
    @lab.command(action, help=help_text)
    @click.argument("what")
    @env_argument
    @project_option
    def command(what, env_file, project_dir):
        project, environment = project_and_environment(project_dir, env_file)
        message = getattr(control.open_lab(project, environment, create=False), action)(what)
        click.echo(f"lab {environment.name}: {message or what + ' ' + done}")


_fault_command("fail", "failed", "Break WHAT: a host (its name) or another of the lab's fault targets "
                                 "(an unknown WHAT lists them).")
_fault_command("heal", "healed", "Repair WHAT after `fail`: a host or another of the lab's fault targets.")


@lab.command("test")
@env_argument
@stage_option
@click.option("--keep", is_flag=True, help="Leave the lab running afterwards when this command started it.")
@click.option("--random-secrets", is_flag=True,
              help="Give each of the environment's secrets whose variable is unset a fresh random value for this "
                   "run (the lab's own accounts: nothing real is reached, nothing is written). `make site` uses it.")
@project_option
def lab_test(env_file, stage_ids, keep, random_secrets, project_dir):
    """The whole lifecycle on the lab: reset once, then for each stage converge, converge again
    (must change nothing) and verify (destructive drills included; one pytest process verifies
    every stage). Results go to results/ and appear on the stage pages; each stage's converges and
    verification write run records (results/<site>/runs/), as apply and verify do. The lab has no
    GUI: the lifecycle attests the stages' manual steps itself, for the lab, saying so. Holds the
    same lock as `apply`, so neither runs while the other changes the lab. Exit 0 all passed, 1 a
    stage failed, 2 bad input, 4 busy."""
    project, environment = project_and_environment(project_dir, env_file)
    if random_secrets:
        for field in secret_fields(environment.params):      # this process's children (the lab, verify) see them
            os.environ.setdefault(field.ref.env, secrets.token_urlsafe(18))
    running, started = control.up(project, environment)
    try:
        url = f"lab://{environment.name}"
        with open_target(url, environment, project, secrets=run_secrets()) as target, \
                exclusive_apply(project, environment, target):
            lab_handle = control.open_lab(project, environment)
            cycle = run_lifecycle(project, environment, target, url, selected_stages(environment, stage_ids),
                                  reset=lab_handle.reset, say=click.echo)
    finally:
        if started and not keep:
            control.down(project, environment.name)
    if not cycle.ok:
        raise VerificationFailed("the lab lifecycle failed; see above")
    click.echo(f"lab lifecycle of {environment.name}: every stage converged, stayed converged and verified")
