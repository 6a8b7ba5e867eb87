"""Out-Default: the text of a pipeline's output as the console host shows it.

Strings and numbers are a line each; the output of Format-List/Format-Table is shown as
it is; an object uses its type's default view (a snap-in's View), else a table when it
has at most four properties and a list otherwise, as PowerShell does for types without a
view. Consecutive objects of one type share one table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..commands import Column, View
from ..errors import ErrorRecord
from ..objects import PSObject
from .listing import format_list
from .table import format_table
from .values import Culture, long_date, property_names, show

MAX_TABLE_PROPERTIES = 4


@dataclass
class Formatted:
    """What Format-List and Format-Table put in the pipeline: lines ready to show."""

    lines: list[str]


def render(session, values: list[Any]) -> list[str]:
    """The whole text of `values` (Out-String, a redirection)."""
    return [line for group in _groups(values) for line in _group(session, group)]


class Console:
    """Out-Default for a whole command line, as PowerShell has one: objects of the shape being shown
    (one type, in its table or list) continue it without a new header, even after Write-Host lines;
    its closing blank lines come when another shape starts, or at the end (`close`)."""

    def __init__(self, session):
        self.session = session
        self.shape: tuple | None = None
        self.pending: list[str] = []

    def show(self, values: list[Any]) -> None:
        for group in _groups(values):
            shape = _shape(self.session, group[0])
            lines = _group(self.session, group)
            if shape is not None and shape == self.shape:
                lines = lines[_OPENING[shape[0]]:]
            else:
                self.close()
            closing = _CLOSING[shape[0]] if shape else 0
            self.shape, self.pending = shape, lines[len(lines) - closing:] if closing else []
            self.session.write_out(lines[:len(lines) - closing])

    def close(self) -> None:
        pending, self.pending, self.shape = self.pending, [], None
        self.session.write_out(pending)


_OPENING = {"table": 3, "list": 1}         # the blank line (and a table's header and dashes) that start a shape
_CLOSING = {"table": 2, "list": 1}         # the blank lines that end it


def _shape(session, value: Any) -> tuple | None:
    if isinstance(value, PSObject):
        return (default_view(session, value).kind, value.type_names, tuple(value.properties))
    if isinstance(value, dict):
        return ("table", "System.Collections.Hashtable")
    return None


def _groups(values: list[Any]):
    group: list[Any] = []
    for value in values:
        if group and not _same_kind(group[0], value):
            yield group
            group = []
        group.append(value)
    if group:
        yield group


def _same_kind(first: Any, value: Any) -> bool:
    if isinstance(first, PSObject) and isinstance(value, PSObject):
        return first.type_names == value.type_names and list(first.properties) == list(value.properties)
    return isinstance(first, dict) and isinstance(value, dict)


def _group(session, group: list[Any]) -> list[str]:
    where = session.culture
    first = group[0]
    if isinstance(first, Formatted):
        return first.lines
    if isinstance(first, ErrorRecord):
        return first.render()
    if isinstance(first, dict):
        rows = [PSObject(("System.Collections.DictionaryEntry",), {"Name": k, "Value": v})
                for table in group for k, v in table.items()]
        return format_table(rows, (Column("Name", width=30), Column("Value")), value_of, where)
    if isinstance(first, PSObject):
        view = default_view(session, first)
        if view.kind == "list":
            return list_lines(group, view.resolved(), where)
        return format_table(group, view.resolved(), value_of, where)
    out: list[str] = []
    for value in group:
        if isinstance(value, datetime):             # a date alone shows in the long format (DateTime's view)
            out += ["", long_date(value, where), ""]
            continue
        out += show(value, where).split("\n") if value is not None else []
    return [line.rstrip("\r") for line in out]


def default_view(session, value: PSObject) -> View:
    for name in value.type_names:
        view = session.view(name)
        if view is not None:
            return view
    names = tuple(property_names(value))
    return View(value.type_name, "table" if len(names) <= MAX_TABLE_PROPERTIES else "list", names)


def value_of(value: Any, column: Column) -> Any:
    if callable(column.value):
        return column.value(value)
    from ..language.members import get_property
    return get_property(value, column.value or column.label)


def list_lines(values: list[Any], columns: tuple[Column, ...] | None, where: Culture) -> list[str]:
    items = []
    for value in values:
        chosen = columns or tuple(Column(n) for n in property_names(value))
        if not chosen and not isinstance(value, PSObject):
            items.append([("", value)])
            continue
        items.append([(c.label, value_of(value, c)) for c in chosen])
    return format_list(items, where)
