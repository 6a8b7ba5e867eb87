"""Errors as PowerShell 1.0 has them: records, the exceptions that carry them, how they print.

A record prints as PowerShell 1.0's console shows it (no CategoryInfo lines: those came
with 2.0):

    Get-Foo : The term 'Get-Foo' is not recognized as a cmdlet, function, operable program,
    or script file. Verify the term and try again.
    At line:1 char:8
    + Get-Foo <<<<

(one line for the message; the position is where the offending token ends).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import assumptions as A


@dataclass
class Position:
    """Where an error points: the script text, and the offset the `<<<<` marker follows."""

    text: str
    offset: int
    file: str | None = None             # a script file's path (None: the command line)

    def lines(self) -> list[str]:
        before = self.text[:self.offset]
        line_no = before.count("\n") + 1
        line_start = before.rfind("\n") + 1
        line_end = self.text.find("\n", self.offset)
        line = self.text[line_start:line_end if line_end >= 0 else len(self.text)].rstrip("\r")
        column = self.offset - line_start
        where = A.PS_POSITION.format(line=line_no, char=column + 1) if self.file is None else \
            A.PS_FILE_POSITION.format(file=self.file, line=line_no, char=column + 1)
        return [where,
                A.PS_MARKER_LINE.format(before=line[:column], after=line[column:])]


@dataclass
class ErrorRecord:
    message: str
    category: str = "NotSpecified"
    error_id: str = ""
    target: Any = None
    command: str = ""                   # the cmdlet that wrote it ("" for the engine's own errors)
    position: Position | None = None

    def render(self) -> list[str]:
        head = f"{self.command} : {self.message}" if self.command else self.message
        return [head] + (self.position.lines() if self.position else [])

    def __str__(self) -> str:
        return self.message


class PSError(Exception):
    """A terminating error: stops the statement (and the script, unless a trap continues)."""

    def __init__(self, record: ErrorRecord):
        super().__init__(record.message)
        self.record = record


class ParseError(Exception):
    """The script cannot be parsed: nothing of it runs."""

    def __init__(self, message: str, start: int, end: int):
        super().__init__(message)
        self.message, self.start, self.end = message, start, end


class ExitScript(Exception):
    """`exit N`: ends the script (inside a script file) or the session (at the top)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


class FlowBreak(Exception):
    def __init__(self, kind: str):                          # break | continue
        super().__init__(kind)
        self.kind = kind


class ReturnValue(Exception):
    pass


def unknown_term(name: str) -> str:
    return A.PS_UNKNOWN_TERM.format(name=name)
