"""Starting, stopping and opening a runbook's lab from the command line.

Each environment's lab lives in `.lab/<name>/` (the lab's own files, and the runner's:
endpoints.json, daemon.lock, daemon.log). `up` starts the daemon detached and returns once
it listens; `down` signals the daemon that holds the lab's lock (never a pid read from a
file that may be stale); every other action opens the lab in this process (`open_lab`), so
it needs no daemon.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..environments import Environment
from ..errors import LabError
from ..project import Project
from ..secrets import Secrets, secret_fields
from . import endpoints, liveness
from .endpoints import Endpoints
from .accounts import resolve_passwords
from .handle import LabHandle, lab_errors, lab_module

START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
# What the daemon's Python needs to start and find the project, beside the environment's own
# secret references (generator.labs.daemon says why each; LC_* are kept too).
DAEMON_VARIABLES = ("PATH", "PYTHONHOME", "PYTHONPATH", "HOME", "LANG", "TMPDIR",
                    "RUNBOOK_LAB_RESTART")      # how long the lab's restarts take (the runbook's lab.py reads it)


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
    if liveness.holder(directory) is not None:        # another `up` is starting it right now
        return _published(directory, None, log), False
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.labs.daemon", str(environment.path.resolve()),
             "--dir", str(directory), "--project", str(project.root)],
            cwd=project.root, env=_daemon_environment(environment), stdin=subprocess.DEVNULL,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)   # survives the shell that started it
    return _published(directory, process, log), True


def _daemon_environment(environment: Environment) -> dict[str, str]:
    """An allow-list: the daemon never sees the shell's other variables (RUNBOOK_WINRM_PASSWORD...)."""
    wanted = {field.ref.env for field in secret_fields(environment.params)} | set(DAEMON_VARIABLES)
    return {name: value for name, value in os.environ.items() if name in wanted or name.startswith("LC_")}


def _published(directory: Path, process: subprocess.Popen | None, log: Path) -> Endpoints:
    """The endpoints once the daemon (`process`, or whichever holds the lock) publishes them."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        found = endpoints.read(directory)
        if found and (process is None or found.pid == process.pid):
            return found
        if process is not None and process.poll() is not None:
            raise LabError(f"the lab did not start:\n{_tail(log)}")
        if process is None and liveness.holder(directory) is None:
            raise LabError(f"the lab stopped while it was starting:\n{_tail(log)}")
        time.sleep(0.05)
    if process is not None:
        process.terminate()
    raise LabError(f"the lab did not listen within {START_TIMEOUT:.0f} s:\n{_tail(log)}")


def down(project: Project, name: str) -> bool:
    """Stop the daemon; False when it was not running. The state stays for the next `up`."""
    directory = lab_dir(project, name)
    pid = liveness.holder(directory)
    if pid is None:
        endpoints.withdraw(directory)
        return False
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, 5.0)):
        if not _signal(directory, pid, sig) or _released(directory, wait):
            endpoints.withdraw(directory)
            return True
    raise LabError(f"the lab's daemon (pid {pid}) did not stop, even after SIGKILL")


def _signal(directory: Path, pid: int, sig: signal.Signals) -> bool:
    """Send `sig` to the lock holder; False when it is already gone."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        if liveness.holder(directory) is None:
            return False                      # it ended between our look and the signal
        raise LabError(f"the lab's daemon holds {directory / liveness.LOCK} as pid {pid}, but no such process "
                       "is visible here (another container or pid namespace?): stop it there") from None
    except PermissionError:
        raise LabError(f"the lab's daemon (pid {pid}) belongs to another user: stop it as that user") from None
    return True


def _released(directory: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while liveness.holder(directory) is not None:
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def open_lab(project: Project, environment: Environment, secrets: Secrets | None = None,
             create: bool = True) -> LabHandle:
    """The environment's lab, from its runbook's lab module, in this process (created unless
    `create` is False). With `secrets`, its accounts' passwords are resolved there and logins
    checked (and the lab masks them out of its log); without, logins are not checked."""
    directory = lab_dir(project, environment.name)
    if not create and not directory.is_dir():
        raise LabError(f"no lab for {environment.name}: run `runbook lab up {project.relative(environment.path)}`")
    return open_lab_in(directory, environment, secrets, create)


def open_lab_in(directory: Path, environment: Environment, secrets: Secrets | None = None,
                create: bool = True) -> LabHandle:
    """The lab in `directory` (the daemon's --dir), opened by the runbook's lab module."""
    module = lab_module(environment)
    passwords = resolve_passwords(environment, secrets) if secrets is not None else None
    with lab_errors(module):
        lab = module.open_lab(environment, directory, passwords, create=create,
                              mask=secrets.redact if secrets is not None else str)
    return LabHandle(lab, module)


def _tail(path: Path, lines: int = 15) -> str:
    """The daemon log's last lines, as messages (its time stamps and levels left out)."""
    try:
        return "\n".join(_LOG_PREFIX.sub("", line) for line in path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


_LOG_PREFIX = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (?:DEBUG|INFO|WARNING|ERROR|CRITICAL) ")   # daemon.py's format
