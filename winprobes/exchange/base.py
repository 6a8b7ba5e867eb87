"""What every Exchange shell probe shares: its command through powershell.exe, its failure in
PowerShell's words, and reading Format-List objects into typed records."""

from __future__ import annotations

from typing import Callable, TypeVar

from ..base import Probe, ProbeError, Unreadable
from ..runner import Result
from .formatlist import Record, format_list
from .shell import ShellError, ems_command, shell_failure

T = TypeVar("T")
R = TypeVar("R")


class EmsProbe(Probe[T]):
    """A probe whose command is one Exchange Management Shell pipeline (`pipeline()`)."""

    def pipeline(self) -> str:
        raise NotImplementedError

    def command(self) -> str:
        return ems_command(self.pipeline())

    def failure(self, host: str, result: Result) -> ProbeError:
        return ShellError(shell_failure(result), host, result.command, result.rc)


def records(lines: list[str], read: Callable[[Record], R]) -> tuple[R, ...]:
    """Every Format-List object read by `read` (warnings among them set aside)."""
    return tuple(read(record) for record in format_list(lines).records)


def one_record(lines: list[str], read: Callable[[Record], R], what: str) -> R:
    found = format_list(lines).records
    if len(found) != 1:
        raise Unreadable(f"expected one {what}, found {len(found)}", found[1].first_line if found[1:] else None)
    return read(found[0])
