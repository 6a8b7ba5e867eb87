"""What every cluster.exe probe shares: the `cluster NAME ...` command line, its error
shape, and its listing tables.

cluster.exe prints fixed-width tables (`%-20s %-20s %-15s %s` for resources) but does not
truncate a longer name: it prints it in full followed by one space and the other columns
move right (confirmations 5.4). So rows are read from the right, and the dash line only
gives the widths a row has when it fits.

Errors (CONFIRMED shape): `System error 5007 has occurred (0x0000138f).` and the message
on the next line.
"""

from __future__ import annotations

import re
from typing import TypeVar

from .runner import Result
from .base import Probe, ProbeError, Unreadable, split_lines
from .cmdline import netbios_name

T = TypeVar("T")
PREFIX = r"cluster (?:/cluster:)?{NETBIOS}"      # ALLOW patterns start with this
_SYSTEM_ERROR = re.compile(r"^\s*System error (?P<number>\d+) has occurred \(0x[0-9a-f]+\)\.?\s*$",
                           re.IGNORECASE)
_DASHES = re.compile(r"^\s*-+(?:[ \t]+-+)*\s*$")


class ClusterError(ProbeError):
    """cluster.exe reported a system error: `number` (5007 resource not found...) and its text."""

    def __init__(self, number: int, message: str, host: str = "", command: str = "", rc: int | None = None):
        self.number, self.message = number, message
        super().__init__(f"System error {number}: {message}", host, command, rc)


def system_error(text: str) -> tuple[int, str] | None:
    """(number, message) from cluster.exe's error lines, if the text holds them."""
    lines = split_lines(text)
    for at, line in enumerate(lines):
        if match := _SYSTEM_ERROR.match(line):
            message = next((later.strip() for later in lines[at + 1:] if later.strip()), "")
            return int(match["number"]), message
    return None


class ClusterProbe(Probe[T]):
    """A probe whose command is `cluster <cluster> ...`."""

    def __init__(self, cluster: str):
        self.cluster = netbios_name(cluster, "cluster name")

    def cluster_command(self, *words: str) -> str:
        return " ".join(("cluster", self.cluster) + words)

    def parse(self, stdout: str) -> T:
        if error := system_error(stdout):
            raise ClusterError(*error)
        return super().parse(stdout)

    def failure(self, host: str, result: Result) -> ProbeError:
        error = system_error(result.stderr) or system_error(result.stdout)
        if error:
            return ClusterError(*error, host=host, command=result.command, rc=result.rc)
        return super().failure(host, result)


class Table:
    """A listing: the header named `columns`, a dash line, then rows (blank lines skipped)."""

    def __init__(self, lines: list[str], columns: tuple[str, ...]):
        dash_at = next((n for n, line in enumerate(lines) if _DASHES.match(line)), None)
        header_at = dash_at - 1 if dash_at else None
        while header_at is not None and header_at > 0 and not lines[header_at].strip():
            header_at -= 1
        if dash_at is None or header_at is None:
            first = next((n for n, line in enumerate(lines, 1) if line.strip()), None)
            raise Unreadable(f"no '{' '.join(columns)}' table (header and dash line)", first)
        if " ".join(lines[header_at].split()).lower() != " ".join(columns).lower():
            raise Unreadable(f"header is not '{' '.join(columns)}'", header_at + 1)
        self.widths = [len(dashes) for dashes in lines[dash_at].split()]
        self.rows = [(no, line.expandtabs(8).rstrip())
                     for no, line in enumerate(lines[dash_at + 1:], dash_at + 2) if line.strip()]


def split_status(row: str, statuses: tuple[str, ...], no: int) -> tuple[str, str]:
    """(the rest of the row with its padding, the status), reading from the right.
    Known statuses may hold a space ("Partially Online"); otherwise the last word."""
    for status in sorted(statuses, key=len, reverse=True):
        head = row[: len(row) - len(status)]
        if row.lower().endswith(status.lower()) and head[-1:].isspace() and head.strip():
            return head, row[len(head):]
    head, word = split_word(row, no)
    return head, word


def split_word(text: str, no: int) -> tuple[str, str]:
    """(everything before the last word, padding kept, the last word)."""
    stripped = text.rstrip()
    cut = max(stripped.rfind(" "), stripped.rfind("\t"))
    if cut < 0 or not stripped[:cut].strip():
        raise Unreadable("row has too few columns (truncated?)", no)
    return stripped[: cut + 1], stripped[cut + 1:]
