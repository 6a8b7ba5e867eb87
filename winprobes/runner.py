"""What a probe needs from whatever carries its command: nothing but `run(host, command)`.

A runbook's target (a real host over WinRM, the lab) fits this shape without winprobes
knowing it: probes depend on no engine.
"""

from __future__ import annotations

from typing import Protocol


class Result(Protocol):
    command: str
    rc: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool: ...


class Runner(Protocol):
    def run(self, host: str, command: str) -> Result: ...
