"""The probe contract: one read-only command line and a parser of what it prints.

A probe never knows which target carries its command (a real host over WinRM or the
lab): `read()` only calls `run()` on what it is given (`runner.Runner`). `parse()` is pure, so every probe is tested on
recorded outputs with no host (tests/unit/probe_cases/).

    >>> class Hostname(Probe[str]):
    ...     NAME = "doc_hostname"
    ...     def command(self): return "hostname"
    ...     def process(self, lines): return lines[0]
    >>> Hostname().parse("E2K7NODE1\\r\\n")
    'E2K7NODE1'
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, ClassVar, Generic, TypeVar

from .runner import Result, Runner
from .cmdline import NETBIOS_PATTERN, single_program

T = TypeVar("T")


class ProbeError(Exception):
    """A probe could not read its fact: the command failed, or its output made no sense.
    `read()` fills in the host and command when the error comes from parsing."""

    def __init__(self, reason: str, host: str = "", command: str = "", rc: int | None = None):
        super().__init__(reason)
        self.reason, self.host, self.command, self.rc = reason, host, command, rc

    def __str__(self) -> str:
        ran = f"`{self.command}`" if self.command else ""
        ran += f" exited {self.rc}" if self.rc is not None else ""
        return (f"{self.host}: " if self.host else "") + (f"{ran}: " if ran else "") + self.reason

    @classmethod
    def command_failed(cls, host: str, result: Result) -> "ProbeError":
        return cls(first_line(result.stderr) or first_line(result.stdout) or "(no output)",
                   host, result.command, result.rc)


class ParseError(ProbeError):
    """The output does not have the shape the probe knows; names the probe and the line."""

    def __init__(self, probe: str, line_no: int | None, line: str, reason: str):
        self.probe, self.line_no, self.line = probe, line_no, line
        at = f" line {line_no}" if line_no else ""
        shown = f": {line.strip()!r}" if line.strip() else ""
        super().__init__(f"{probe}: output{at}: {reason}{shown}")


class Unreadable(Exception):
    """Raised inside `process()`; `parse()` turns it into a ParseError naming the probe.
    `line_no` is 1-based in the split output (None: the output as a whole)."""

    def __init__(self, reason: str, line_no: int | None = None):
        super().__init__(reason)
        self.reason, self.line_no = reason, line_no


class Probe(Generic[T]):
    """Subclasses set NAME (registry key) and ALLOW (the command shapes they send, matched
    by `is_probe_command`), and implement `command()` and `process(lines)`."""

    NAME: ClassVar[str]
    ALLOW: ClassVar[tuple[re.Pattern[str], ...]] = ()

    def command(self) -> str:
        raise NotImplementedError

    @classmethod
    def allows(cls, line: str) -> bool:
        """Whether `line` is a command this probe sends: one program (no `&`, `|`, redirection
        but a trailing `<nul`, `^` or `%` outside quotes) matching, whole, one of ALLOW."""
        core = single_program(line)
        return core is not None and any(pattern.fullmatch(core) for pattern in cls.ALLOW)

    def process(self, lines: list[str]) -> T:
        raise NotImplementedError

    def parse(self, stdout: str) -> T:
        lines = split_lines(stdout)
        try:
            return self.process(lines)
        except Unreadable as err:
            line = lines[err.line_no - 1] if err.line_no and err.line_no <= len(lines) else ""
            raise ParseError(type(self).__name__, err.line_no, line, err.reason) from None

    def read(self, target: Runner, host: str) -> T:
        command = self.command()
        result = target.run(host, command)
        if not result.ok:
            raise self.failure(host, result)
        try:
            return self.parse(result.stdout)
        except ProbeError as err:
            err.host, err.command = host, command
            raise

    def failure(self, host: str, result: Result) -> ProbeError:
        """The error for a failed command; probes with a known error shape override it."""
        return ProbeError.command_failed(host, result)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.command()!r})"


def split_lines(text: str) -> list[str]:
    """Lines without their endings; `\\r\\n`, `\\n` and wmic's `\\r\\r\\n` all end one line."""
    lines = [line.rstrip("\r") for line in re.split(r"\r*\n", text)]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def first_line(text: str) -> str:
    return next((line.strip() for line in split_lines(text) if line.strip()), "")


def shape(pattern: str) -> re.Pattern[str]:
    """An ALLOW pattern: case-insensitive (cmd.exe and these tools are), a space stands
    for any run of blanks, and `{NAME}`-style placeholders stand for checked arguments."""
    regex = pattern.replace(" ", r"[ \t]+")
    for name, part in PLACEHOLDERS.items():
        regex = regex.replace("{" + name + "}", part)
    return re.compile(regex, re.IGNORECASE)


PLACEHOLDERS = {
    "QUOTED": r'"[^"%\r\n]*"',                        # one quoted argument
    "NETBIOS": NETBIOS_PATTERN,                         # a host or cluster name
    "GUID": r"\{[0-9A-Fa-f-]{36}\}",
}


def as_data(value: Any) -> Any:
    """A result as plain data (dicts, lists, scalars): for recorded cases and reports."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [as_data(item) for item in value]
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    return value
