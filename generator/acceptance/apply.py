"""`runbook apply`: run the generated scripts on their hosts, stage by stage, host by host.

Each script goes to its host over the target's transport and runs there as a batch file,
exactly as an operator would run it: it is uploaded in base64 lines (`echo`), decoded
with `certutil -decode` (part of Windows Server 2003) and started. Its `[runbook]` lines
say which steps changed something; the first failure stops the run.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from typing import Callable

from ..environments import Environment
from ..errors import TargetError, VerificationFailed
from ..outputs import RenderedEnvironment, render_environment
from ..runbooks import Stage
from ..scripts.progress import ScriptOutcome, parse_progress
from ..secrets import cmd_variables, secret_fields
from ..targets.base import CommandResult, Target

FOLDER = r"%TEMP%\runbook"
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
          events: Events = lambda what, run: None) -> ApplyReport:
    """Converge the selected stages (all by default). Raises VerificationFailed at the first
    script that fails, naming the stage, host and step."""
    rendered = render_environment(environment)
    report = ApplyReport()
    for stage in rendered.stages:
        if stage_ids and stage.stage.id not in stage_ids:
            continue
        for part in stage.hosts:
            events(f"{stage.stage.id} on {part.host}", None)
            run = run_script(rendered, target, stage.stage, part.host)
            report.runs.append(run)
            events(f"{stage.stage.id} on {part.host}", run)
            if run.result.rc != 0 or run.outcome.failure or stage.stage.id not in run.outcome.finished:
                raise VerificationFailed(_failure(run, environment))
            if run.changed and stage.stage.restarts:
                wait_for_restart(target, part.host)
    return report


def run_script(rendered: RenderedEnvironment, target: Target, stage: Stage, host: str) -> HostRun:
    name = rendered.script_name(stage)
    text = rendered.scripts[f"{host}/{name}"]
    for command in upload_commands(name, text):
        result = target.run(host, command)
        if not result.ok:
            raise TargetError(f"{host}: uploading {name} failed: `{command[:60]}...` exited {result.rc}: "
                              f"{(result.stderr or result.stdout).strip()[:300]}")
    result = target.run(host, f'"{FOLDER}\\{name}"', env=_secrets_for(rendered.environment, text))
    return HostRun(stage.id, host, result, parse_progress(result.stdout + "\n" + result.stderr))


def upload_commands(name: str, text: str) -> list[str]:
    """The command lines that recreate `text` as `%TEMP%\\runbook\\<name>` on a host."""
    encoded = base64.b64encode(text.encode("ascii")).decode()
    lines = [encoded[i:i + 76] for i in range(0, len(encoded), 76)]
    b64 = f'"{FOLDER}\\{name}.b64"'
    commands = [f'if not exist "{FOLDER}" mkdir "{FOLDER}"']
    batch: list[str] = []
    for line in lines:
        if batch and sum(len(l) + 6 for l in batch) + len(line) > CHUNK:
            commands.append(_echo(batch, b64, first=len(commands) == 1))
            batch = []
        batch.append(line)
    commands.append(_echo(batch, b64, first=len(commands) == 1))
    commands += [f'certutil -f -decode {b64} "{FOLDER}\\{name}"', f"del {b64}"]
    return commands


def _echo(lines: list[str], path: str, first: bool) -> str:
    return "(" + "&".join(f"echo {line}" for line in lines) + f"){'>' if first else '>>'}{path}"


def _secrets_for(environment: Environment, text: str) -> dict[str, str]:
    """The secrets a script expands (`%VAR%`), resolved now and passed to its shell only."""
    used = cmd_variables(text)
    return {f.ref.env: f.ref.resolve_for_cmd(f.label) for f in secret_fields(environment.params) if f.ref.env in used}


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

