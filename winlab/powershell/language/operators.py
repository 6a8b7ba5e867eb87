"""PowerShell's binary operators on values (-and/-or are short-circuited by the evaluator).

An array on the left of a comparison filters it: `1,2,3 -gt 1` is `2,3`. `-match` sets
`$matches` (the caller passes a setter). A failure raises OperatorError with PowerShell's text.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any, Callable

from .. import values as V
from ..objects import ByteQuantifiedSize


class OperatorError(Exception):
    pass


def binary(op: str, left: Any, right: Any, set_matches: Callable[[Any], None]) -> Any:
    case = op.startswith("c") and op[1:] in _COMPARE
    base = op[1:] if op[:1] in ("i", "c") and op[1:] in _COMPARE else op
    if base in _COMPARE:
        test = _COMPARE[base]
        if isinstance(left, list) and base not in ("contains", "notcontains"):
            if base in ("match", "notmatch"):
                return [item for item in left if _regex(item, right, case, base == "match")]
            if base == "replace":
                return [_replace(item, right, case) for item in left]
            return [item for item in left if test(item, right, case)]
        if base in ("match", "notmatch"):
            found = re.search(V.to_string(right), V.to_string(left), 0 if case else re.IGNORECASE)
            set_matches({str(i): g for i, g in enumerate([found[0], *found.groups()])} if found else None)
            return (found is not None) == (base == "match")
        if base == "replace":
            return _replace(left, right, case)
        return test(left, right, case)
    if op in _ARITHMETIC:
        return _ARITHMETIC[op](left, right)
    if op == "f":
        return format_string(V.to_string(left), V.enumerate_value(right) if isinstance(right, list) else [right])
    if op == "..":
        a, b = int(V.to_number(left)), int(V.to_number(right))
        return list(range(a, b + 1)) if a <= b else list(range(a, b - 1, -1))
    if op in ("band", "bor", "bxor"):
        a, b = int(V.to_number(left)), int(V.to_number(right))
        return {"band": a & b, "bor": a | b, "bxor": a ^ b}[op]
    if op == "xor":
        return V.truthy(left) != V.truthy(right)
    if op in ("is", "isnot"):
        return _is(left, str(right)) == (op == "is")
    if op == "as":
        return left
    raise OperatorError(f"The operator '-{op}' is not supported.")


def _regex(item: Any, pattern: Any, case: bool, wanted: bool) -> bool:
    return (re.search(V.to_string(pattern), V.to_string(item), 0 if case else re.IGNORECASE) is not None) == wanted


def _replace(value: Any, right: Any, case: bool) -> str:
    parts = right if isinstance(right, list) else [right]
    pattern = V.to_string(parts[0])
    replacement = V.to_string(parts[1]) if len(parts) > 1 else ""
    replacement = re.sub(r"\$(\d+)", r"\\\1", replacement)
    return re.sub(pattern, replacement, V.to_string(value), flags=0 if case else re.IGNORECASE)


def _contains(left: Any, right: Any, case: bool) -> bool:
    return any(V.equal(item, right, case) for item in V.enumerate_value(left))


_COMPARE: dict[str, Callable[[Any, Any, bool], bool]] = {
    "eq": lambda a, b, c: V.equal(a, b, c),
    "ne": lambda a, b, c: not V.equal(a, b, c),
    "gt": lambda a, b, c: V.compare(a, b, c) > 0,
    "ge": lambda a, b, c: V.compare(a, b, c) >= 0,
    "lt": lambda a, b, c: V.compare(a, b, c) < 0,
    "le": lambda a, b, c: V.compare(a, b, c) <= 0,
    "like": lambda a, b, c: V.like(a, b, c),
    "notlike": lambda a, b, c: not V.like(a, b, c),
    "match": lambda a, b, c: False, "notmatch": lambda a, b, c: False, "replace": lambda a, b, c: False,
    "contains": _contains,
    "notcontains": lambda a, b, c: not _contains(a, b, c),
}


def _add(left: Any, right: Any) -> Any:
    if isinstance(left, list):
        return left + V.enumerate_value(right) if isinstance(right, list) else left + [right]
    if isinstance(left, str):
        return left + V.to_string(right)
    if isinstance(left, datetime) and isinstance(right, timedelta):
        return left + right
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        return left + right
    if isinstance(left, dict) and isinstance(right, dict):
        return {**left, **right}
    return _number(V.to_number(left) + _right_number(right))


def _subtract(left: Any, right: Any) -> Any:
    if isinstance(left, datetime) and isinstance(right, (datetime, timedelta)):
        return left - right
    return _number(V.to_number(left) - _right_number(right))


def _multiply(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        return left * int(V.to_number(right))
    if isinstance(left, list):
        return left * int(V.to_number(right))
    return _number(V.to_number(left) * _right_number(right))


def _divide(left: Any, right: Any) -> Any:
    divisor = _right_number(right)
    if divisor == 0:
        raise OperatorError("Attempted to divide by zero.")
    return _number(V.to_number(left) / divisor)


def _modulo(left: Any, right: Any) -> Any:
    divisor = _right_number(right)
    if divisor == 0:
        raise OperatorError("Attempted to divide by zero.")
    return _number(V.to_number(left) % divisor)


def _right_number(value: Any) -> int | float:
    try:
        return V.to_number(value)
    except V.ConversionError as error:
        raise OperatorError(str(error)) from None


def _number(value: int | float) -> int | float:
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 31 else value


_ARITHMETIC = {"+": _add, "-": _subtract, "*": _multiply, "/": _divide, "%": _modulo}


def _is(value: Any, type_name: str) -> bool:
    wanted = type_name.strip("[]").lower()
    names = {"string": str, "int": int, "bool": bool, "datetime": datetime, "timespan": timedelta,
             "array": list, "hashtable": dict}
    kind = names.get(wanted.split(".")[-1])
    return isinstance(value, kind) if kind else V.type_name(value).lower().endswith(wanted)


_FORMAT_ITEM = re.compile(r"\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}")


def format_string(pattern: str, args: list[Any]) -> str:
    """.NET's String.Format: {0}, {0,-10}, {0:N0}, {0:D2}, {{ and }}."""
    def item(m: re.Match) -> str:
        if m[0] in ("{{", "}}"):
            return m[0][0]
        index = int(m[1])
        if index >= len(args):
            raise OperatorError("Error formatting a string: Index (zero based) must be greater than or equal to "
                                "zero and less than the size of the argument list..")
        text = _formatted(args[index], m[3])
        width = int(m[2]) if m[2] else 0
        return text.ljust(-width) if width < 0 else text.rjust(width)
    return _FORMAT_ITEM.sub(item, pattern)


def _formatted(value: Any, spec: str | None) -> str:
    if spec and isinstance(value, (int, float)) and not isinstance(value, bool):
        kind, digits = spec[0].upper(), spec[1:]
        if kind == "N":
            return f"{value:,.{int(digits or 2)}f}"
        if kind == "D":
            return f"{int(value):0{int(digits or 1)}d}"
        if kind == "F":
            return f"{value:.{int(digits or 2)}f}"
        if kind == "X":
            return f"{int(value):0{int(digits or 1)}{'X' if spec[0] == 'X' else 'x'}}"
    if isinstance(value, ByteQuantifiedSize):
        return str(value)
    return V.to_string(value)
