"""Whether a lab's daemon runs: it holds an exclusive `flock` on `<lab dir>/daemon.lock` for
its whole life, with its pid written in the file.

A lock cannot go stale the way a pid can: the kernel releases it when the daemon ends,
however it ends (SIGKILL, a crash, a zombie its parent never reaps), and a pid that
another process has reused since holds no lock. So `holder()` asks the lock first and
only then reads the pid, and `control.down()` signals only that pid.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ..errors import LabError

LOCK = "daemon.lock"
CLAIM_TIMEOUT = 2.0     # `holder()` probes hold the lock for an instant: a starting daemon waits them out
PID_TIMEOUT = 1.0       # a daemon writes its pid right after it takes the lock
POLL = 0.01


class DaemonLock:
    """The daemon's claim on its lab directory; `release()` (or the daemon's exit) gives it up."""

    def __init__(self, fd: int):
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def claim(directory: Path) -> DaemonLock:
    """Take the lab's daemon lock and record our pid in it; LabError when another daemon runs."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + CLAIM_TIMEOUT
    while not _try_lock(fd, fcntl.LOCK_EX):
        if time.monotonic() >= deadline:
            os.close(fd)
            raise LabError(f"the lab in {directory} is already running (pid {holder(directory)})")
        time.sleep(POLL)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    os.fsync(fd)
    return DaemonLock(fd)


def holder(directory: Path) -> int | None:
    """The pid of the daemon that holds the lab's lock, or None when no daemon runs."""
    try:
        fd = os.open(directory / LOCK, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        if _try_lock(fd, fcntl.LOCK_SH):
            return None             # we got it, so nobody holds it; closing releases it
    finally:
        os.close(fd)
    return _recorded_pid(directory)


def _try_lock(fd: int, mode: int) -> bool:
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _recorded_pid(directory: Path) -> int:
    deadline = time.monotonic() + PID_TIMEOUT
    while True:
        try:
            return int((directory / LOCK).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            if time.monotonic() >= deadline:
                raise LabError(f"{directory / LOCK} is held by a process that wrote no pid in it") from None
            time.sleep(POLL)
