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
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

from ..environments import Environment
from ..errors import TargetError, VerificationFailed
from ..outputs import RenderedEnvironment, RenderedStage, render_environment
from ..runbooks import Stage
from ..scripts.plan import HostStage
from ..scripts.progress import ScriptOutcome, parse_progress
from ..secrets import Secrets, cmd_variables, secret_fields
from ..targets.base import CommandResult, Target

log = logging.getLogger(__name__)

FOLDER = r"%TEMP%\runbook"       # each run stages in a folder of its own in here
CHUNK = 7000                     # characters per upload command, under cmd.exe's 8191 limit
RESTART_TIMEOUT = 600.0


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
    """Converge the selected stages (all by default). Raises VerificationFailed at the first
    script that fails, naming the stage, host and step; TargetError, before anything is sent,
    when a host the run needs has no endpoint."""
    rendered = render_environment(environment)
    parts = _parts(rendered, stage_ids)
    target.route(dict.fromkeys(part.host for _, part in parts))
    folder = f"{FOLDER}\\{run_id or new_run_id()}"
    report, touched = ApplyReport(), []
    try:
        for stage, part in parts:
            if part.host not in touched:
                touched.append(part.host)
            events(f"{stage.stage.id} on {part.host}", None)
            run = run_script(rendered, target, stage.stage, part.host, folder)
            report.runs.append(run)
            events(f"{stage.stage.id} on {part.host}", run)
            if run.result.rc != 0 or run.outcome.failure or stage.stage.id not in run.outcome.finished:
                raise VerificationFailed(_failure(run, environment))
            if run.changed and stage.stage.restarts:
                wait_for_restart(target, part.host)
    except Exception:            # not on Ctrl-C: the user wants out now, and the folder is this run's alone
        remove_staging(target, touched, folder)
        raise
    remove_staging(target, touched, folder)
    return report


def hosts_to_run(environment: Environment, stage_ids: list[str] | None = None) -> list[str]:
    """The hosts the selected stages run scripts on, in the order they first need them."""
    return list(dict.fromkeys(part.host for _, part in _parts(render_environment(environment), stage_ids)))


def new_run_id() -> str:
    """Unique per run, and says when it started: 20240501-142233-1f3a9c0e."""
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"


def _parts(rendered: RenderedEnvironment, stage_ids: list[str] | None) -> list[tuple[RenderedStage, HostStage]]:
    return [(stage, part) for stage in rendered.stages if not stage_ids or stage.stage.id in stage_ids
            for part in stage.hosts]


def run_script(rendered: RenderedEnvironment, target: Target, stage: Stage, host: str, folder: str) -> HostRun:
    name = rendered.script_name(stage)
    text = rendered.scripts[f"{host}/{name}"]
    for command in upload_commands(name, text, folder):
        result = target.run(host, command)
        if not result.ok:
            raise TargetError(f"{host}: uploading {name} failed: `{command[:60]}...` exited {result.rc}: "
                              f"{(result.stderr or result.stdout).strip()[:300]}")
    start = rendered.language(stage).start(f"{folder}\\{name}", host)   # apply's target says which machine it is
    result = target.run(host, start, env=_secrets_for(rendered.environment, text, target.secrets))
    return HostRun(stage.id, host, result, parse_progress(result.stdout + "\n" + result.stderr))


def remove_staging(target: Target, hosts: list[str], folder: str) -> None:
    """Best effort: a host that does not answer keeps the folder (nothing else uses it)."""
    for host in hosts:
        try:
            target.run(host, f'if exist "{folder}" rmdir /s /q "{folder}"')
        except Exception as exc:        # the run's own outcome matters more than its tidying up
            log.warning("%s: could not remove %s: %s", host, folder, exc)


def upload_commands(name: str, text: str, folder: str) -> list[str]:
    """The command lines that recreate `text` as `<folder>\\<name>` on a host."""
    encoded = base64.b64encode(text.encode("ascii")).decode()
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


def _secrets_for(environment: Environment, text: str, secrets: Secrets) -> dict[str, str]:
    """The secrets a script expands (`%VAR%`), resolved now and passed to its shell only."""
    used = cmd_variables(text)
    return {f.ref.env: secrets.for_cmd(f.ref, f.label) for f in secret_fields(environment.params) if f.ref.env in used}


def wait_for_restart(target: Target, host: str) -> None:
    time.sleep(target.reboot_wait)
    deadline = time.monotonic() + RESTART_TIMEOUT
    while not target.reachable(host):
        if time.monotonic() > deadline:
            raise TargetError(f"{host} did not come back within {RESTART_TIMEOUT:.0f} s after its restart")
        time.sleep(5)


def _failure(run: HostRun, environment: Environment) -> str:
    step = run.outcome.failure
    where = f"{run.stage} on {run.host}"
    if step:
        detail = f"step {step.number} ({step.title}) {'did not hold' if step.event == 'NOT MET' else 'failed'}"
    else:
        detail = f"the script stopped with exit code {run.result.rc}"
    output = (run.result.stderr or run.result.stdout).strip().splitlines()[-6:]
    return f"{where}: {detail}\n" + "\n".join(f"    {line}" for line in output)

