"""Running a command for a benchmark: its wall time and the peak memory of its whole process
tree (the parent and the workers it forks), sampled from /proc; and how loaded the machine was."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Ran:
    seconds: float
    peak_mib: float                      # the most the process tree held at once (PSS, sampled every 50 ms)
    stdout: str


def run(command: list[str], cwd: Path, env: dict) -> Ran:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = _Peak(process.pid)
    peak.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    peak.stop()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return Ran(seconds, peak.mib, stdout)


def load() -> str:
    """The machine's load average (1 and 5 minutes) and its cores, for the report."""
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} / {five:.2f} on {os.cpu_count()} cores"


class _Peak(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.mib, self._done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            self.mib = max(self.mib, sum(_rss_kib(pid) for pid in _tree(self.pid)) / 1024)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                todo += [int(c) for c in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except OSError:
            pass
    return found


def _rss_kib(pid: int) -> int:
    """Its proportional share of memory (PSS): pages a forked worker shares with its parent count
    once across the tree, not once per process."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
