"""One apply at a time per environment and target.

Two applies on the same hosts would interleave their scripts' steps (and, before runs had
staging folders of their own, trip over each other's files). `exclusive_apply` holds an
exclusive `flock` on a lock file for the whole run: in the lab's folder for a lab target,
else in `results/<environment>/`. The kernel releases it however the holder ends (a crash,
kill -9), so it cannot go stale; the file records the holder for the next run's message.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import socket
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ..environments import Environment
from ..errors import Busy, GeneratorError
from ..project import Project
from ..targets.base import Target


def lock_path(project: Project, environment: Environment, target: Target) -> Path:
    folder = target.state_dir or project.results_dir / environment.name
    digest = hashlib.sha256(f"{environment.name}\n{target.key}".encode()).hexdigest()[:12]
    return folder / f".apply-{digest}.lock"


@contextmanager
def exclusive_apply(project: Project, environment: Environment, target: Target) -> Iterator[Path]:
    """Hold the apply lock of `environment` on `target` while the block runs; Busy (exit 4)
    naming the holder when another run has it."""
    path = lock_path(project, environment, target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise GeneratorError(f"{path}: cannot create the apply lock: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another apply of {environment.name} to {target.url} is running "
                       f"({_holder(path)}); wait for it to end, then apply again (lock: {path})") from None
        _record(fd, target)
        yield path
    finally:
        os.close(fd)            # releases the lock


def _record(fd: int, target: Target) -> None:
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "target": target.url,
              "since": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder).encode("utf-8"), 0)


def _holder(path: Path) -> str:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        since = datetime.fromisoformat(holder["since"])
        return f"pid {holder['pid']} on {holder['host']}, since {since:%Y-%m-%d %H:%M:%S} UTC"
    except (OSError, ValueError, KeyError, TypeError):
        return "its holder is just starting"     # it takes the lock, then writes who it is
