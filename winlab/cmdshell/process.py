"""One cmd.exe process: its variables, current directory, errorlevel and switches.

A pipe's sides, a `for /f` command and `cmd /c` each run in a child process that starts
from a copy of the parent's variables, so what they `set` is lost when they end.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..tooling import FileSystem, ToolRegistry
from .limits import Budget
from .variables import Variables


@dataclass
class Machine:
    """What every process of one host shares."""

    tools: ToolRegistry | None
    fs: FileSystem
    host: Any
    version: str                 # `ver`: "5.2.3790" on Windows Server 2003
    shell: Any = None            # the public Shell, handed on to tools
    budget: Budget = field(default_factory=Budget)   # renewed for every command line the Shell runs


@dataclass
class Scope:
    """What `setlocal` saves and `endlocal` restores."""

    vars: Variables
    delayed: bool
    cwd: str


@dataclass
class Process:
    machine: Machine
    vars: Variables
    cwd: str
    errorlevel: int = 0
    echo: bool = True
    delayed: bool = False
    scopes: list[Scope] = field(default_factory=list)
    dirs: list[str] = field(default_factory=list)        # pushd's stack

    def spawn(self, echo: bool = True, delayed: bool = False) -> Process:
        return Process(self.machine, self.vars.copy(), self.cwd, echo=echo, delayed=delayed)

    def setlocal(self) -> None:
        self.scopes.append(Scope(self.vars.copy(), self.delayed, self.cwd))

    def endlocal(self, depth: int) -> None:
        """Ends the scopes above `depth`, restoring what the oldest of them saved."""
        if len(self.scopes) > depth:
            saved = self.scopes[depth]
            del self.scopes[depth:]
            self.vars, self.delayed, self.cwd = saved.vars, saved.delayed, saved.cwd

    def lookup(self, name: str) -> str | None:
        """A variable's value; cmd's dynamic variables when no variable of that name is set."""
        value = self.vars.get(name)
        if value is not None:
            return value
        dynamic = _DYNAMIC.get(name.upper())
        return None if dynamic is None else dynamic(self)


def _date(_: Process) -> str:
    return datetime.now().strftime("%a %m/%d/%Y")


def _time(_: Process) -> str:
    now = datetime.now()
    return f"{now.hour:2d}:{now:%M:%S}.{now.microsecond // 10000:02d}"


_DYNAMIC = {
    "ERRORLEVEL": lambda p: str(p.errorlevel),
    "CD": lambda p: p.cwd,
    "RANDOM": lambda p: str(random.randint(0, 32767)),
    "DATE": _date,
    "TIME": _time,
    "CMDEXTVERSION": lambda p: "2",
}
