"""The lab directory on disk: `state.json`, its lock, and `commands.log`.

Every change is one transaction: an exclusive `flock` on `state.lock` is held while the
state is read, changed and written, so commands from several WinRM threads or processes
run one after the other. The state is written to a temporary file in the same directory,
flushed and fsynced, renamed over `state.json` (atomic on POSIX) and the directory is
fsynced: a process killed at any point leaves either the old or the new state, and a
command that returned has its change on disk. The log gets one line per command, the
line as received (before variable expansion), passed through `redact` all the same.
"""

from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ..errors import LabError
from ..secrets import redact
from .state import SCHEMA_VERSION, LabState

STATE, LOCK, LOG = "state.json", "state.lock", "commands.log"


class LabStore:
    def __init__(self, directory: Path):
        self.directory = Path(directory)

    @property
    def path(self) -> Path:
        return self.directory / STATE

    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def transaction(self) -> Iterator[LabState]:
        """The state, locked for this caller; saved when the block ends without an exception."""
        with self._locked(fcntl.LOCK_EX):
            state = self._load()
            yield state
            self._save(state)

    def read(self) -> LabState:
        """A snapshot of the state (taken under a shared lock, so never half-written)."""
        with self._locked(fcntl.LOCK_SH):
            return self._load()

    def replace(self, state: LabState) -> None:
        """Write a whole new state (create, reset)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._locked(fcntl.LOCK_EX):
            self._save(state)

    def log(self, host: str, rc: int | str, line: str) -> None:
        """Append one line to commands.log (inside the command's transaction, so lines keep its order)."""
        stamp = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        text = redact(line).replace("\r", "\\r").replace("\n", "\\n")
        with open(self.directory / LOG, "a", encoding="utf-8") as log:
            log.write(f"{stamp}\t{host}\t{rc}\t{text}\n")
            log.flush()
            os.fsync(log.fileno())

    @contextmanager
    def _locked(self, mode: int) -> Iterator[None]:
        if not self.directory.is_dir():
            raise LabError(f"no lab in {self.directory}: start it with `runbook lab up`")
        # A descriptor of our own: flock locks belong to the open file, so threads exclude each other too.
        fd = os.open(self.directory / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, mode)
            yield
        finally:
            os.close(fd)            # closing releases the lock

    def _load(self) -> LabState:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise LabError(f"no lab state in {self.directory}: start it with `runbook lab up`") from None
        state = LabState.model_validate_json(text)
        if state.schema_version != SCHEMA_VERSION:
            raise LabError(f"{self.path} has schema version {state.schema_version}, this runbook reads "
                           f"{SCHEMA_VERSION}: reset the lab (`runbook lab reset`)")
        return state

    def _save(self, state: LabState) -> None:
        for stale in self.directory.glob(f".{STATE}.*.tmp"):
            stale.unlink(missing_ok=True)       # left by a killed writer: we hold the lock now
        data = state.model_dump_json(indent=1).encode("utf-8")
        temporary = self.directory / f".{STATE}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            with open(temporary, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        finally:
            if temporary.exists():
                temporary.unlink()
        _fsync_directory(self.directory)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
