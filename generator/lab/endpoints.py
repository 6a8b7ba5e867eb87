"""Where a running lab listens: `<lab dir>/endpoints.json`, written by the daemon once every
port is bound and removed when it stops. `lab://NAME` targets and `lab status` read it."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

FILE = "endpoints.json"


@dataclass(frozen=True)
class Endpoints:
    environment: str
    pid: int
    urls: dict[str, str]            # host -> http://127.0.0.1:PORT/wsman

    @property
    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return not _zombie(self.pid)


def _zombie(pid: int) -> bool:
    """A killed daemon whose parent never reaps it still answers kill(pid, 0)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] == "Z"


def publish(directory: Path, environment: str, pid: int, urls: dict[str, str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f".{FILE}.tmp"
    tmp.write_text(json.dumps({"environment": environment, "pid": pid, "urls": urls}, indent=2))
    os.replace(tmp, directory / FILE)


def withdraw(directory: Path) -> None:
    (directory / FILE).unlink(missing_ok=True)


def read(directory: Path) -> Endpoints | None:
    """The endpoints of a lab that is running now, or None."""
    try:
        data = json.loads((directory / FILE).read_text())
    except (OSError, ValueError):
        return None
    found = Endpoints(data["environment"], int(data["pid"]), dict(data["urls"]))
    return found if found.alive else None
