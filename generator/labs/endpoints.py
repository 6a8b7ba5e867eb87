"""Where a running lab listens: `<lab dir>/endpoints.json`, written by the daemon once every
port is bound and removed when it stops. `lab://NAME` targets and `lab status` read it.

The file alone does not say the lab runs (a killed daemon leaves it behind): `read()`
trusts it only while the daemon lock (`liveness.py`) is held by the pid the file names.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import liveness

FILE = "endpoints.json"


@dataclass(frozen=True)
class Endpoints:
    environment: str
    pid: int
    urls: dict[str, str]            # host -> http://127.0.0.1:PORT/wsman


def publish(directory: Path, environment: str, pid: int, urls: dict[str, str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f".{FILE}.tmp"
    tmp.write_text(json.dumps({"environment": environment, "pid": pid, "urls": urls}, indent=2))
    os.replace(tmp, directory / FILE)


def withdraw(directory: Path) -> None:
    (directory / FILE).unlink(missing_ok=True)


def read(directory: Path) -> Endpoints | None:
    """The endpoints of a lab that is running now, or None."""
    pid = liveness.holder(directory)
    if pid is None:
        return None
    try:
        data = json.loads((directory / FILE).read_text())
        found = Endpoints(data["environment"], int(data["pid"]), dict(data["urls"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None                 # not published yet
    return found if found.pid == pid else None      # a stale file, left by an earlier daemon
