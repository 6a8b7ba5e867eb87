"""What PowerShell prints for `... | Format-List` and for a default table, read back as text fields.

Format-List (PowerShell 1.0, as ccr-domain.md 3.7-3.9 shows it):

    (blank)
    Identity                        : CMS01
    OperationalMachines             : {NODE1 <Active, Quorum Owner>, NODE2}
    FailedMessage                   :
    Message                         : The Microsoft Exchange Replication service ...
                                      ... the rest, wrapped at the console's width
    (blank)
    Identity                        : ... the next object

Names are padded to the longest name of the object, then ` : `; an empty value leaves `:` at
the end of the line. A value longer than the line is cut at the width and goes on under the
value column; a value holding a line break goes on there too. A line that reaches the width of
the widest line printed was cut (joined without a break); a shorter one ended at a break in
the value (joined with one). Objects are separated by blank lines.

`WARNING: ...` lines (the warning stream, which powershell.exe prints among the output, wrapped
by the console at its width without indentation) are set aside wherever they stand: a warning
goes on until a blank line, a property line or another warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..base import Unreadable

_PROPERTY = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?P<pad> *): ?(?P<value>.*)$")
_WARNING = re.compile(r"^WARNING: ?(?P<text>.*)$")


@dataclass
class Record:
    """One object's properties as printed: name -> text (line breaks kept), in order."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)      # name -> 1-based output line
    first_line: int = 0

    def text(self, name: str) -> str:
        if name not in self.fields:
            raise Unreadable(f"the object has no {name} property", self.first_line)
        return self.fields[name]

    def get(self, name: str) -> str | None:
        return self.fields.get(name)


@dataclass
class Output:
    records: list[Record]
    warnings: list[str]


def split_warnings(lines: list[str]) -> tuple[list[tuple[int, str]], list[str]]:
    """(the other lines with their 1-based numbers, the warnings' texts, each unwrapped)."""
    kept: list[tuple[int, str]] = []
    warnings: list[str] = []
    open_warning = False
    for number, line in enumerate(lines, start=1):
        match = _WARNING.match(line)
        if match:
            warnings.append(match["text"])
            open_warning = True
            continue
        if open_warning and line.strip() and not line[:1].isspace() and not _PROPERTY.match(line):
            warnings[-1] += line            # the console cut it at its width: no character is lost
            continue
        open_warning = False
        kept.append((number, line))
    return kept, [" ".join(warning.split()) for warning in warnings]


def format_list(lines: list[str]) -> Output:
    """Every object Format-List printed, and the warnings among them."""
    kept, warnings = split_warnings(lines)
    width = max((len(line) for _, line in kept), default=0)
    records: list[Record] = []
    current: Record | None = None
    column = 0                        # where values start in the current object
    last: str | None = None           # the property the next continuation line belongs to
    last_len = 0                      # length of the line that property was last continued on
    for number, line in kept:
        if not line.strip():
            current, last = None, None
            continue
        match = _PROPERTY.match(line)
        if match:                     # a continuation is indented: it never matches
            if current is None:
                current = Record(first_line=number)
                records.append(current)
            name = match["name"]
            column = len(match["name"]) + len(match["pad"]) + 2
            current.fields[name] = match["value"]       # a blank at the end may be where it was cut
            current.lines[name] = number
            last, last_len = name, len(line)
            continue
        if current is None or last is None or line[:column].strip():
            raise Unreadable("neither a `Name : Value` line nor the continuation of a value", number)
        joiner = "" if last_len >= width else "\n"
        current.fields[last] = current.fields[last].rstrip() + joiner + line[column:] if joiner else \
            current.fields[last] + line[column:]
        last_len = len(line)
    for record in records:
        record.fields = {name: value.strip() for name, value in record.fields.items()}
    return Output(records, warnings)


@dataclass
class Table:
    """A default table view: its column names and rows of cells (text), with line numbers."""

    columns: tuple[str, ...]
    rows: list[tuple[int, tuple[str, ...]]]
    warnings: list[str]


CUT = "the table is cut to the console's width (`...`): read it with Format-List"
_DASHES = re.compile(r"^-+(?:\.\.\.)?(?: +-+(?:\.\.\.)?)*\s*$")     # `---...`: a column cut short


def table(lines: list[str], columns: tuple[str, ...]) -> Table:
    """A `Format-Table` view with exactly `columns`: the header, the dash line under it (each
    column's dashes as wide as its name, PowerShell 1.0), then one row a line. Cells are cut at
    the columns the dashes start; the last cell takes the rest of the line. A header or cell
    PowerShell shortened ends with `...` (a console too narrow for the table, such as 80
    columns for Get-StorageGroupCopyStatus' five): it is refused rather than guessed."""
    kept, warnings = split_warnings(lines)
    at = next((i for i, (_, line) in enumerate(kept) if _DASHES.match(line) and i > 0), None)
    if at is None:
        first = next((n for n, line in kept if line.strip()), None)
        raise Unreadable(f"no '{' '.join(columns)}' table (header and dash line)", first)
    header_no, header = kept[at - 1]
    if "..." in kept[at][1] or any(word.endswith("...") for word in header.split()):
        raise Unreadable(CUT, header_no)
    if header.split() != list(columns):
        raise Unreadable(f"header is not '{' '.join(columns)}'", header_no)
    starts = [m.start() for m in re.finditer(r"-+", kept[at][1])]
    rows = []
    for number, line in kept[at + 1:]:
        if not line.strip():
            continue
        cells = tuple(line[start:end].strip() for start, end in zip(starts, [*starts[1:], None]))
        if any(cell.endswith("...") for cell in cells):
            raise Unreadable(CUT, number)
        if not cells[0]:
            raise Unreadable("a row without its first cell", number)
        rows.append((number, cells))
    return Table(columns, rows, warnings)
