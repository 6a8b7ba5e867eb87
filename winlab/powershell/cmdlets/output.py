"""Write-Host, Write-Output, Write-Warning, Write-Error, Out-String, Out-Null, Out-Host,
Format-List and Format-Table."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..commands import Cmdlet, Column, Parameter
from ..formatting.output import Formatted, default_view, list_lines, render, value_of
from ..formatting.table import format_table
from ..formatting.values import property_names
from ..objects import PSObject
from . import CORE, UTILITY


def _write_host(ctx, params, input):
    values = params.get("Object", [])
    parts = values if isinstance(values, list) else [values]
    separator = params.get("Separator", " ")
    text = V.to_string(separator).join(V.to_string(v) for v in parts)
    ctx.write_host(text, newline=not params.get("NoNewline"))
    return []


def _write_output(ctx, params, input):
    if "InputObject" in params:
        value = params["InputObject"]
        return V.enumerate_value(value) if isinstance(value, list) else [value]
    return input


def _write_warning(ctx, params, input):
    ctx.warn(params["Message"])
    return []


def _write_error(ctx, params, input):
    ctx.error(params["Message"], params.get("Category", "NotSpecified"), params.get("ErrorId", ""))
    return []


def _out_string(ctx, params, input):
    lines = render(ctx.session, input)
    if params.get("Stream"):
        return lines
    return ["".join(line + "\r\n" for line in lines)]


def _out_null(ctx, params, input):
    return []


def _out_host(ctx, params, input):
    ctx.session.write_out(render(ctx.session, input))
    return []


def _selected(value: Any, wanted: list[Any] | None, evaluator: Any) -> tuple[Column, ...] | None:
    """The columns -Property names (wildcards allowed; a hashtable is a calculated one)."""
    if not wanted:
        return None
    names = property_names(value)
    columns: list[Column] = []
    for item in wanted:
        if isinstance(item, dict):
            from .objects import calculated
            columns.append(calculated(item, evaluator))
            continue
        pattern = V.to_string(item)
        matched = [n for n in names if V.wildcard_match(n, pattern)] if V.has_wildcard(pattern) else [pattern]
        columns += [Column(n) for n in matched]
    return tuple(columns)


def _format_list(ctx, params, input):
    session = ctx.session
    wanted = params.get("Property")
    blocks: list[list[str]] = []
    for value in input:
        if not isinstance(value, (PSObject, dict)):
            blocks.append([V.to_string(value)])
            continue
        columns = _selected(value, V.enumerate_value(wanted) if wanted is not None else None, ctx.evaluator)
        if columns is None and isinstance(value, PSObject):
            view = default_view(session, value)
            columns = view.resolved() if view.kind == "list" else tuple(Column(n) for n in property_names(value))
        blocks.append(list_lines([value], columns, session.culture)[1:-1])
    lines = [""] + [line for block in blocks for line in block] + [""] if blocks else []
    return [Formatted(lines)]


def _format_table(ctx, params, input):
    session = ctx.session
    if not input:
        return []
    first = input[0]
    wanted = params.get("Property")
    columns = _selected(first, V.enumerate_value(wanted) if wanted is not None else None, ctx.evaluator)
    if columns is None:
        if isinstance(first, PSObject):
            view = default_view(session, first)
            columns = view.resolved() if view.kind == "table" else tuple(Column(n) for n in property_names(first))[:10]
        else:
            return [Formatted(render(session, input))]
    lines = format_table(input, columns, value_of, session.culture, auto=bool(params.get("AutoSize")),
                         header=not params.get("HideTableHeaders"), wrap=bool(params.get("Wrap")))
    return [Formatted(lines)]


CMDLETS = [
    (UTILITY, Cmdlet("Write-Host", [Parameter("Object", "object", position=0, pipeline=True, remaining=True),
                                    Parameter("NoNewline", "switch"), Parameter("Separator", "object"),
                                    Parameter("ForegroundColor", "string"), Parameter("BackgroundColor", "string")],
                     _write_host)),
    (UTILITY, Cmdlet("Write-Output", [Parameter("InputObject", "object", mandatory=True, position=0, pipeline=True,
                                                remaining=True)], _write_output)),
    (UTILITY, Cmdlet("Write-Warning", [Parameter("Message", "string", mandatory=True, position=0, pipeline=True)],
                     _write_warning)),
    (UTILITY, Cmdlet("Write-Error", [Parameter("Message", "string", mandatory=True, position=0, pipeline=True),
                                     Parameter("Category", "string"), Parameter("ErrorId", "string")],
                     _write_error)),
    (UTILITY, Cmdlet("Out-String", [Parameter("Stream", "switch"), Parameter("Width", "int"),
                                    Parameter("InputObject", "object")], _out_string)),
    (CORE, Cmdlet("Out-Null", [Parameter("InputObject", "object")], _out_null)),
    (CORE, Cmdlet("Out-Host", [Parameter("InputObject", "object"), Parameter("Paging", "switch")], _out_host)),
    (CORE, Cmdlet("Out-Default", [Parameter("InputObject", "object")], _out_host)),
    (UTILITY, Cmdlet("Format-List", [Parameter("Property", "object", position=0), Parameter("Force", "switch"),
                                     Parameter("InputObject", "object")], _format_list)),
    (UTILITY, Cmdlet("Format-Table", [Parameter("Property", "object", position=0), Parameter("AutoSize", "switch"),
                                      Parameter("HideTableHeaders", "switch"), Parameter("Wrap", "switch"),
                                      Parameter("InputObject", "object")], _format_table)),
]
