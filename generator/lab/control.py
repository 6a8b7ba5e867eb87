"""Starting, stopping and inspecting a lab from the command line.

Each environment's lab lives in `.lab/<name>/` (state.json, commands.log, endpoints.json,
daemon.log). `up` starts the daemon detached and returns once it listens; every other
action works on the state file directly, so it needs no running daemon.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..environments import Environment
from ..errors import LabError
from ..project import Project
from . import endpoints
from .endpoints import Endpoints

START_TIMEOUT = 30.0


def lab_dir(project: Project, name: str) -> Path:
    return project.lab_dir / name


def up(project: Project, environment: Environment) -> tuple[Endpoints, bool]:
    """(endpoints, started): starts the daemon unless this environment's lab already runs."""
    directory = lab_dir(project, environment.name)
    running = endpoints.read(directory)
    if running:
        return running, False
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / "daemon.log"
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.lab.daemon", str(environment.path.resolve()), "--dir", str(directory)],
            cwd=project.root, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)          # survives the shell that started it
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        found = endpoints.read(directory)
        if found and found.pid == process.pid:
            return found, True
        if process.poll() is not None:
            raise LabError(f"the lab did not start:\n{_tail(log)}")
        time.sleep(0.05)
    process.terminate()
    raise LabError(f"the lab did not listen within {START_TIMEOUT:.0f} s:\n{_tail(log)}")


def down(project: Project, name: str) -> bool:
    """Stop the daemon; False when it was not running. The state stays for the next `up`."""
    directory = lab_dir(project, name)
    running = endpoints.read(directory)
    if not running:
        endpoints.withdraw(directory)
        return False
    os.kill(running.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while running.alive and time.monotonic() < deadline:
        time.sleep(0.05)
    if running.alive:
        os.kill(running.pid, signal.SIGKILL)
    endpoints.withdraw(directory)
    return True


def open_lab(project: Project, environment: Environment, create: bool = True):
    from .lab import Lab
    directory = lab_dir(project, environment.name)
    if not (directory / "state.json").exists() and not create:
        raise LabError(f"no lab for {environment.name}: run `runbook lab up {project.relative(environment.path)}`")
    return Lab.open_or_create(directory, environment)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
