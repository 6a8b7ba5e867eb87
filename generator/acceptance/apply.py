"""`runbook apply`: run the generated scripts on their hosts, stage by stage, host by host.

Each script goes to its host over the target's transport and runs there as a batch file,
exactly as an operator would run it: it is uploaded in base64 lines (`echo`), decoded
with `certutil -decode` (part of Windows Server 2003) and started. Its `[runbook]` lines
say which steps changed something; the first failure stops the run. Every host a run needs
must have an endpoint before anything is sent. A run stages its files in a folder of its
own, `%TEMP%\\runbook\\<run id>`, removed when the run ends (not on Ctrl-C).
"""

from __future__ import annotations

import base64
import logging
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

from ..environments import Environment
from ..errors import TargetError, VerificationFailed
from ..languages import Language
from ..outputs import RenderedEnvironment, render_environment
from ..runbooks import Stage
from ..scripts import progress
from ..scripts.progress import ScriptOutcome, parse_progress
from ..scripts.runorder import PlannedRun, run_order
from ..secrets import Secrets, secret_fields
from ..targets.base import CommandResult, Target

log = logging.getLogger(__name__)

FOLDER = r"%TEMP%\runbook"       # each run stages in a folder of its own in here
CHUNK = 7000                     # characters per upload command, under cmd.exe's 8191 limit
RESTART_TIMEOUT = 600.0          # seconds a host may take to restart
MAX_RESTARTS = 10                # restarts one script may ask for


@dataclass
class HostRun:
    stage: str
    host: str
    result: CommandResult
    outcome: ScriptOutcome

    @property
    def changed(self) -> int:
        return len(self.outcome.changed)


@dataclass
class ApplyReport:
    runs: list[HostRun] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(r.changed for r in self.runs)


Events = Callable[[str, HostRun | None], None]


def apply(environment: Environment, target: Target, stage_ids: list[str] | None = None,
          events: Events = lambda what, run: None, run_id: str | None = None) -> ApplyReport:
    """Converge the selected stages (all by default), in the site's run order. A script that
    restarts its host ends with exit 3010: apply waits until the host is back (its boot time
    changed) and runs the same script again, until it ends. Raises VerificationFailed at the
    first script that fails, naming the stage, host and step; TargetError, before anything is
    sent, when a host the run needs has no endpoint."""
    rendered = render_environment(environment)
    planned = run_order(rendered, stage_ids)
    target.route(dict.fromkeys(run.host for run in planned))
    folder = f"{FOLDER}\\{run_id or new_run_id()}"
    report, touched = ApplyReport(), []
    try:
        for plan in planned:
            if plan.host not in touched:
                touched.append(plan.host)
            report.runs += _run_until_done(rendered, target, plan, folder, events)
    except Exception:            # not on Ctrl-C: the user wants out now, and the folder is this run's alone
        remove_staging(target, touched, folder)
        raise
    remove_staging(target, touched, folder)
    return report


def _run_until_done(rendered: RenderedEnvironment, target: Target, plan: PlannedRun, folder: str,
                    events: Events) -> list[HostRun]:
    """One planned run: the script, again after each restart it asks for, until it ends."""
    runs: list[HostRun] = []
    what = f"{plan.stage.id} on {plan.host}"
    for _ in range(MAX_RESTARTS + 1):
        booted = boot_time(target, plan.host) if plan.restarts else None
        events(what, None)
        run = run_script(rendered, target, plan.stage, plan.host, folder)
        runs.append(run)
        events(what, run)
        if run.result.rc == progress.RESTARTING and run.outcome.restart and not run.outcome.failure:
            wait_for_restart(target, plan.host, booted)
            continue
        if run.result.rc == progress.WAITING and run.outcome.waiting:
            raise VerificationFailed(f"{what}: the script waits at {run.outcome.waiting.title!r}, although every "
                                     "run before it in the plan ended: that check does not hold; see the stage page")
        if run.result.rc != 0 or run.outcome.failure or plan.stage.id not in run.outcome.finished:
            raise VerificationFailed(_failure(run, rendered.environment))
        return runs
    raise VerificationFailed(f"{what}: the host restarted {MAX_RESTARTS} times and the script still did not end")


def hosts_to_run(environment: Environment, stage_ids: list[str] | None = None) -> list[str]:
    """The hosts the selected stages run scripts on, in the order they first need them."""
    return list(dict.fromkeys(run.host for run in run_order(render_environment(environment), stage_ids)))


def new_run_id() -> str:
    """Unique per run, and says when it started: 20240501-142233-1f3a9c0e."""
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"


def run_script(rendered: RenderedEnvironment, target: Target, stage: Stage, host: str, folder: str) -> HostRun:
    return run_file(rendered, target, host, rendered.script_name(stage, host), rendered.language(stage, host), folder,
                    stage.id)


def run_file(rendered: RenderedEnvironment, target: Target, host: str, name: str, language: Language,
             folder: str, label: str) -> HostRun:
    """Upload one of the host's scripts (`02-network-settings.cmd`, `run-all.cmd`) and run it."""
    text = rendered.scripts[f"{host}/{name}"]
    for command in upload_commands(name, text, folder):
        result = target.run(host, command)
        if not result.ok:
            raise TargetError(f"{host}: uploading {name} failed: `{command[:60]}...` exited {result.rc}: "
                              f"{(result.stderr or result.stdout).strip()[:300]}")
    start = language.start(f"{folder}\\{name}", host)   # apply's target says which machine it is
    result = target.run(host, start, env=_secrets_for(rendered.environment, language.variables(text), target.secrets))
    return HostRun(label, host, result, parse_progress(result.stdout + "\n" + result.stderr))


def remove_staging(target: Target, hosts: list[str], folder: str) -> None:
    """Best effort: a host that does not answer keeps the folder (nothing else uses it)."""
    for host in hosts:
        try:
            target.run(host, f'if exist "{folder}" rmdir /s /q "{folder}"')
        except Exception as exc:        # the run's own outcome matters more than its tidying up
            log.warning("%s: could not remove %s: %s", host, folder, exc)


def upload_commands(name: str, text: str, folder: str) -> list[str]:
    """The command lines that recreate `text` as `<folder>\\<name>` on a host."""
    encoded = base64.b64encode(text.encode("utf-8")).decode()      # a .ps1 may carry a value outside ASCII
    lines = [encoded[i:i + 76] for i in range(0, len(encoded), 76)]
    b64 = f'"{folder}\\{name}.b64"'
    commands = [f'if not exist "{folder}" mkdir "{folder}"']
    batch: list[str] = []
    for line in lines:
        if batch and sum(len(l) + 6 for l in batch) + len(line) > CHUNK:
            commands.append(_echo(batch, b64, first=len(commands) == 1))
            batch = []
        batch.append(line)
    commands.append(_echo(batch, b64, first=len(commands) == 1))
    commands += [f'certutil -f -decode {b64} "{folder}\\{name}"', f"del {b64}"]
    return commands


def _echo(lines: list[str], path: str, first: bool) -> str:
    return "(" + "&".join(f"echo {line}" for line in lines) + f"){'>' if first else '>>'}{path}"


def _secrets_for(environment: Environment, used: set[str], secrets: Secrets) -> dict[str, str]:
    """The secrets a script expands (`%VAR%`, `$env:VAR`), resolved now and passed to its shell only."""
    return {f.ref.env: secrets.for_cmd(f.ref, f.label) for f in secret_fields(environment.params) if f.ref.env in used}


BOOT_TIME = "wmic os get LastBootUpTime /value <nul"


def boot_time(target: Target, host: str) -> str | None:
    """When the host last started (`LastBootUpTime=20261204221500.500000+000`), None when it
    does not answer or does not say."""
    try:
        result = target.run(host, BOOT_TIME)
    except TargetError:
        return None
    found = re.search(r"LastBootUpTime=(\S+)", result.stdout) if result.ok else None
    return found[1] if found else None


def wait_for_restart(target: Target, host: str, booted: str | None) -> None:
    """Until `host` is back from its restart: it answers with another boot time than `booted`
    (read before the script ran); when it gave none, it answers again after having been away."""
    time.sleep(target.reboot_wait)
    deadline = time.monotonic() + RESTART_TIMEOUT
    was_away = False
    while True:
        if booted is not None:
            now = boot_time(target, host)
            if now is not None and now != booted:
                return
        elif target.reachable(host):
            if was_away:
                return
        else:
            was_away = True
        if time.monotonic() > deadline:
            raise TargetError(f"{host} did not come back from its restart within {RESTART_TIMEOUT:.0f} s")
        time.sleep(target.restart_poll)


def _failure(run: HostRun, environment: Environment) -> str:
    step = run.outcome.failure
    where = f"{run.stage} on {run.host}"
    if step:
        detail = f"step {step.number} ({step.title}) {'did not hold' if step.event == 'NOT MET' else 'failed'}"
    else:
        detail = f"the script stopped with exit code {run.result.rc}"
    output = (run.result.stderr or run.result.stdout).strip().splitlines()[-6:]
    return f"{where}: {detail}\n" + "\n".join(f"    {line}" for line in output)

