"""The lab directory on disk: `state.json`, its lock, and `commands.log`.

Every change is one transaction: an exclusive `flock` on `state.lock` is held while the
state is read, changed and written, so commands from several WinRM threads or processes
run one after the other; a caller waits for the lock at most `lock_timeout` seconds and
then fails with "the lab is busy" rather than hang behind a stuck command. The state is
written to a temporary file in the same directory, flushed and fsynced, renamed over
`state.json` (atomic on POSIX) and the directory is fsynced: a process killed at any
point leaves either the old or the new state, and a command that returned has its change
on disk. A state.json that cannot be read (invalid JSON or schema) is a WinLabError that
asks for `runbook lab reset`. The log gets one line per command, the line as received
(before variable expansion), passed through the lab's `Masker` all the same.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from pydantic import ValidationError

from .errors import WinLabError
from .masking import Masker, unmasked
from .state import SCHEMA_VERSION, LabState

STATE, LOCK, LOG = "state.json", "state.lock", "commands.log"
LOCK_TIMEOUT = 30.0             # a command holds the lock for at most the shell's 120 s deadline
LOCK_POLL = 0.02


class LabStore:
    def __init__(self, directory: Path, lock_timeout: float = LOCK_TIMEOUT, mask: Masker = unmasked):
        self.directory = Path(directory)
        self.lock_timeout = lock_timeout
        self.mask = mask

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

    def environment(self) -> str | None:
        """The environment the stored lab belongs to; None when state.json is unreadable, so that
        `runbook lab reset` can still replace a corrupt state."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        name = data.get("environment") if isinstance(data, dict) else None
        return name if isinstance(name, str) else None

    def replace(self, state: LabState) -> None:
        """Write a whole new state (create, reset)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._locked(fcntl.LOCK_EX):
            self._save(state)

    def log(self, host: str, rc: int | str, line: str) -> None:
        """Append one line to commands.log (inside the command's transaction, so lines keep its order)."""
        stamp = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        text = self.mask(line).replace("\r", "\\r").replace("\n", "\\n")
        with open(self.directory / LOG, "a", encoding="utf-8") as log:
            log.write(f"{stamp}\t{host}\t{rc}\t{text}\n")
            log.flush()
            os.fsync(log.fileno())

    @contextmanager
    def _locked(self, mode: int) -> Iterator[None]:
        if not self.directory.is_dir():
            raise WinLabError(f"no lab in {self.directory}: start it with `runbook lab up`")
        # A descriptor of our own: flock locks belong to the open file, so threads exclude each other too.
        fd = os.open(self.directory / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            self._acquire(fd, mode)
            yield
        finally:
            os.close(fd)            # closing releases the lock

    def _acquire(self, fd: int, mode: int) -> None:
        """Polls a non-blocking flock, so a lock that is never released fails instead of hanging."""
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WinLabError(f"the lab is busy: another command has held its state for "
                                   f"{self.lock_timeout:g} s") from None
                time.sleep(LOCK_POLL)

    def _load(self) -> LabState:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise WinLabError(f"no lab state in {self.directory}: start it with `runbook lab up`") from None
        try:
            data = json.loads(text)
        except ValueError as error:
            raise self._unreadable(f"invalid JSON: {error}") from None
        version = data.get("schema_version") if isinstance(data, dict) else None
        if version is not None and version != SCHEMA_VERSION:
            raise WinLabError(f"{self.path} has schema version {version}, this lab reads "
                           f"{SCHEMA_VERSION}: reset the lab (`runbook lab reset`)")
        try:
            return LabState.model_validate(data)
        except ValidationError as error:
            raise self._unreadable(_first_problem(error)) from None

    def _unreadable(self, why: str) -> WinLabError:
        return WinLabError(f"{self.path} is unreadable ({why}); run `runbook lab reset`")

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


def _first_problem(error: ValidationError) -> str:
    """`hosts.E2K7Node1.up: Input should be a valid boolean (and 2 more problems)`: no values."""
    problems = error.errors(include_input=False, include_url=False)
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"]) or "the document"
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return f"{where}: {first['msg']}{more}"


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
