"""Where-Object, ForEach-Object, Select-Object and Measure-Object: script blocks and properties
applied to each object of the pipeline."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..commands import Cmdlet, CmdletError, Column, Parameter
from ..formatting.output import value_of
from ..formatting.values import property_names
from ..functions import run_block
from ..objects import PSObject
from . import CORE, UTILITY

CUSTOM = "System.Management.Automation.PSCustomObject"


def _where(ctx, params, input):
    block = params["FilterScript"]
    return [item for item in input if V.truthy(_collect(run_block(ctx.evaluator, block, [], None, item)))]


def _collect(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def _foreach(ctx, params, input):
    out: list[Any] = []
    if "Begin" in params:
        out += run_block(ctx.evaluator, params["Begin"], [], None)
    for item in input:
        out += run_block(ctx.evaluator, params["Process"], [], None, item)
    if "End" in params:
        out += run_block(ctx.evaluator, params["End"], [], None)
    return out


def calculated(table: dict, evaluator: Any) -> Column:
    """@{Name='X'; Expression={...}} (Label, N, L, E accepted) as a column."""
    keys = {k.lower(): v for k, v in table.items()}
    label = next((keys[k] for k in ("name", "label", "n", "l") if k in keys), None)
    expression = next((keys[k] for k in ("expression", "e") if k in keys), None)
    if expression is None:
        raise CmdletError("The Expression key is missing in a calculated property.", "InvalidArgument",
                          "DictionaryKeyMissing")
    if isinstance(expression, V.ScriptBlockValue):
        def value(item: Any) -> Any:
            return _collect(run_block(evaluator, expression, [], None, item))
        return Column(V.to_string(label) if label is not None else expression.text.strip(), value)
    return Column(V.to_string(label) if label is not None else V.to_string(expression), V.to_string(expression))


def _select(ctx, params, input):
    items = list(input)
    if params.get("Unique"):
        shown = [V.to_string(i) for i in items]
        items = [i for n, i in enumerate(items) if shown[n] not in shown[:n]]
    if "First" in params:
        items = items[:params["First"]]
    if "Last" in params:
        items = items[-params["Last"]:] if params["Last"] else []
    if "ExpandProperty" in params:
        name = params["ExpandProperty"]
        out = []
        for item in items:
            if not _has(item, name):
                ctx.error('Cannot process argument because the value of argument "name" is invalid.',
                          "InvalidArgument", "ExpandPropertyNotFound", item)
                continue
            out += V.enumerate_value(value_of(item, Column(name)))
        return out
    wanted = params.get("Property")
    if wanted is None:
        return items
    return [_project(item, V.enumerate_value(wanted), ctx.evaluator) for item in items]


def _has(item: Any, name: str) -> bool:
    if isinstance(item, PSObject):
        return item.has(name)
    if isinstance(item, dict):
        return any(str(k).lower() == name.lower() for k in item)
    return value_of(item, Column(name)) is not None


def _project(item: Any, wanted: list[Any], evaluator: Any) -> PSObject:
    names = property_names(item)
    columns: list[Column] = []
    for entry in wanted:
        if isinstance(entry, dict):
            columns.append(calculated(entry, evaluator))
            continue
        pattern = V.to_string(entry)
        columns += [Column(n) for n in names if V.wildcard_match(n, pattern)] if V.has_wildcard(pattern) else \
            [Column(next((n for n in names if n.lower() == pattern.lower()), pattern))]
    base = item.type_name if isinstance(item, PSObject) else V.type_name(item)
    return PSObject((f"Selected.{base}", CUSTOM), {c.label: value_of(item, c) for c in columns})


def _measure(ctx, params, input):
    name = params.get("Property")
    values = [value_of(i, Column(name)) if name else i for i in input]
    numbers = []
    if any(params.get(k) for k in ("Sum", "Average", "Maximum", "Minimum")):
        for value in values:
            try:
                numbers += [] if value is None else [V.to_number(value)]
            except V.ConversionError:
                ctx.error(f'Input object "{V.to_string(value)}" is not numeric.', "InvalidType",
                          "NonNumericInputObject", value)
    result = {"Count": len(values),
              "Average": (sum(numbers) / len(numbers) if numbers else None) if params.get("Average") else None,
              "Sum": sum(numbers) if params.get("Sum") else None,
              "Maximum": (max(numbers) if numbers else None) if params.get("Maximum") else None,
              "Minimum": (min(numbers) if numbers else None) if params.get("Minimum") else None,
              "Property": name}
    return [PSObject(("Microsoft.PowerShell.Commands.GenericMeasureInfo", "System.Object"), result)]


CMDLETS = [
    (CORE, Cmdlet("Where-Object", [Parameter("FilterScript", "scriptblock", mandatory=True, position=0),
                                   Parameter("InputObject", "object")], _where)),
    (CORE, Cmdlet("ForEach-Object", [Parameter("Process", "scriptblock", mandatory=True, position=0),
                                     Parameter("Begin", "scriptblock"), Parameter("End", "scriptblock"),
                                     Parameter("InputObject", "object")], _foreach)),
    (UTILITY, Cmdlet("Select-Object", [Parameter("Property", "object", position=0), Parameter("First", "int"),
                                       Parameter("Last", "int"), Parameter("ExpandProperty", "string"),
                                       Parameter("Unique", "switch"), Parameter("InputObject", "object")], _select)),
    (UTILITY, Cmdlet("Measure-Object", [Parameter("Property", "string", position=0), Parameter("Sum", "switch"),
                                        Parameter("Average", "switch"), Parameter("Maximum", "switch"),
                                        Parameter("Minimum", "switch"), Parameter("InputObject", "object")],
                     _measure)),
]
