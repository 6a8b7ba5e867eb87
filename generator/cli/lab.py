"""`runbook lab ...`: the embedded lab cluster of an environment, reached over WinRM."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..acceptance.applylock import exclusive_apply
from ..acceptance.lifecycle import run_lifecycle
from ..errors import VerificationFailed
from ..lab import control
from ..lab.accounts import account_secrets, admin_user
from ..targets import open_target
from . import main
from .acceptance import selected_stages, stage_option
from .common import project_and_environment, project_option

env_argument = click.argument("env_file", type=click.Path(dir_okay=False, path_type=Path), required=False)


@main.group()
def lab():
    """The embedded lab: an emulation of an environment's hosts (domain controller, witness
    host, both nodes), each on its own loopback WinRM port, driven like real servers.

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
    """Hosts, domain membership, cluster nodes and quorum, faults, and the endpoints."""
    from ..lab import endpoints
    project, environment = project_and_environment(project_dir, env_file)
    state = control.open_lab(project, environment, create=False).status()
    state.pop("passwords", None)          # only the daemon knows them (it always resolves them)
    running = endpoints.read(control.lab_dir(project, environment.name))
    state["running"] = bool(running)
    state["endpoints"] = running.urls if running else {}
    click.echo(json.dumps(state, indent=2, default=str) if as_json else _status_text(state, running))


def _status_text(state: dict, running) -> str:
    lines = [f"lab {state['environment']} ({state['platform']}): "
             + (f"running, pid {running.pid}" if running else "not running (state kept; `runbook lab up`)")]
    for name, host in state["hosts"].items():
        where = state["endpoints"].get(name, "")
        lines.append(f"  {name:<14} {host['role']:<8} {'up' if host['up'] else 'DOWN':<5} "
                     f"{host['domain']:<22} {where}".rstrip())
    cluster = state["cluster"]
    if cluster is None:
        lines.append("cluster: none")
    else:
        q = cluster["quorum"]
        witness = f", witness {q['witness']} {'present' if q['witness_present'] else 'MISSING'}" if q["witness"] else ""
        lines.append(f"cluster {cluster['name']}: {'running' if cluster['running'] else 'STOPPED (no quorum)'}, "
                     f"quorum resource {q['resource']}, {q['votes']} of {q['total']} votes "
                     f"(majority {q['majority']}){witness}")
        lines.append("  nodes: " + ", ".join(f"{n} {s}" for n, s in cluster["nodes"].items()))
    faults = [f"{k} cut" for k, v in state["faults"].items() if v is True] + \
             [f"{h} down" for h in state["faults"].get("down", [])]
    lines.append(f"faults: {', '.join(faults) or 'none'}")
    lines.append(f"commands run: {state['commands']}")
    return "\n".join(lines)


@lab.command()
@env_argument
@project_option
def reset(env_file, project_dir):
    """Back to freshly installed servers: original adapter names and settings, a workgroup,
    no cluster; the domain controller and witness host ready."""
    project, environment = project_and_environment(project_dir, env_file)
    control.open_lab(project, environment).reset(environment)
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


_fault_command("fail", "failed", "Break WHAT: a node (its host name), `witness` or `private-network`.")
_fault_command("heal", "healed", "Repair WHAT after `fail`: a node, `witness` or `private-network`.")


@lab.command("test")
@env_argument
@stage_option
@click.option("--keep", is_flag=True, help="Leave the lab running afterwards when this command started it.")
@project_option
def lab_test(env_file, stage_ids, keep, project_dir):
    """The whole lifecycle on the lab: reset once, then for each stage converge, converge again
    (must change nothing) and verify (destructive drills included). Results go to results/
    and appear on the stage pages. Holds the same lock as `apply`, so neither runs while the
    other changes the lab. Exit 0 all passed, 1 a stage failed, 2 bad input, 4 busy."""
    project, environment = project_and_environment(project_dir, env_file)
    running, started = control.up(project, environment)
    try:
        url = f"lab://{environment.name}"
        with open_target(url, environment, project) as target, exclusive_apply(project, environment, target):
            lab_handle = control.open_lab(project, environment)
            cycle = run_lifecycle(project, environment, target, url, selected_stages(environment, stage_ids),
                                  reset=lambda: lab_handle.reset(environment), say=click.echo)
    finally:
        if started and not keep:
            control.down(project, environment.name)
    if not cycle.ok:
        raise VerificationFailed("the lab lifecycle failed; see above")
    click.echo(f"lab lifecycle of {environment.name}: every stage converged, stayed converged and verified")
