"""How much one WinRS command may run in the lab: a wall-clock deadline and a number of commands.

cmd.exe has neither limit: a batch file that loops (`:l` / `goto l`) runs until someone
kills it. The lab stops it instead, so that a runaway script fails with a clear message
and a non-zero exit rather than holding its host, its WinRM thread and the lab's state
lock for ever. Every simple command (a `goto` too) and every FOR iteration counts, so any
loop spends the budget.
"""

from __future__ import annotations

import time

DEADLINE = 120.0                # seconds of wall time per WinRS command
MAX_COMMANDS = 200_000          # simple commands per WinRS command

# lab-only: Windows has no such limits, so these texts are the lab's own.
TOO_MANY = "The lab stopped this command: it ran more than {limit} commands (an endless loop?)"
TOO_LONG = "The lab stopped this command: it ran longer than {limit:g} s (an endless loop?)"
# cmd.exe aborts at its own depth with "B A T C H   R E C U R S I O N  exceeds STACK limits";
# the lab's depth is Python's, so the text is the lab's own.
TOO_DEEP = "The lab stopped this command: its batch calls nest too deeply (an endless recursion?)"
# lab-only: the exit code of a cmd.exe stopped by Ctrl+C (STATUS_CONTROL_C_EXIT), what a
# runaway batch file ends with on Windows when someone stops it.
STOPPED_CODE = 0xC000013A


class LimitExceeded(Exception):
    """Unwinds every batch file, pipe and child process of the command: nothing catches it
    but `Shell.run`."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Budget:
    """What is left of one command's limits; `spend()` once per command executed."""

    def __init__(self, deadline: float = DEADLINE, max_commands: int = MAX_COMMANDS):
        self.deadline, self.max_commands = deadline, max_commands
        self._ends = time.monotonic() + deadline
        self._left = max_commands

    def spend(self) -> None:
        self._left -= 1
        if self._left < 0:
            raise LimitExceeded(TOO_MANY.format(limit=self.max_commands))
        if time.monotonic() > self._ends:
            raise LimitExceeded(TOO_LONG.format(limit=self.deadline))
