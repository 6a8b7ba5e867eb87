"""PowerShell's conversions between values: truth, strings, numbers, comparisons, enumeration.

Values are Python objects: str, int, float, bool, None, list (an array), dict (a hashtable),
datetime, timedelta, PSObject, ByteQuantifiedSize, ScriptBlockValue. The rules are
PowerShell's: the left operand's type decides a comparison (`'10' -eq 10` compares strings,
`10 -eq '10'` numbers), string comparisons ignore case, an array on the left filters.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .objects import ByteQuantifiedSize, PSObject


INVARIANT = "invariant"          # what "$date" and [string]$date use (not the host's culture)


class ConversionError(Exception):
    pass


@dataclass
class ScriptBlockValue:
    """A script block as a value: its syntax tree and its text (`{ $_.Name }` shows ` $_.Name `)."""

    body: Any
    text: str

    def __str__(self) -> str:
        return self.text


def enumerate_value(value: Any) -> list[Any]:
    """What a pipeline makes of a value: an array's items; anything else (a hashtable, a string) itself."""
    if isinstance(value, list):
        return value
    if isinstance(value, tuple):
        return list(value)
    return [] if value is None else [value]


def truthy(value: Any) -> bool:
    if isinstance(value, list):
        if len(value) == 1:
            return truthy(value[0])
        return len(value) > 0
    if isinstance(value, str):
        return value != ""
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, ByteQuantifiedSize):
        return True
    return value is not None and value is not False


def to_string(value: Any, culture: Any = None) -> str:
    """PowerShell's string conversion ([string]$x, "$x" and an argument to a string parameter)."""
    from .formatting.values import show
    if isinstance(value, list):
        return " ".join(to_string(v, culture) for v in value)
    return show(value, culture or INVARIANT)


def to_number(value: Any) -> int | float:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if value is None:
        return 0
    if isinstance(value, ByteQuantifiedSize):
        return value.bytes
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return 0
        from .language.expressions import number
        from .language.tokenizer import NUMBER
        sign = -1 if text.startswith("-") else 1
        body = text.lstrip("+-")
        if NUMBER.fullmatch(body):
            return sign * number(body)
    raise ConversionError(f'Cannot convert value "{to_string(value)}" to type "System.Int32". Error: '
                          '"Input string was not in a correct format."')


def type_name(value: Any) -> str:
    if isinstance(value, PSObject):
        return value.type_name
    return {bool: "System.Boolean", int: "System.Int32", float: "System.Double", str: "System.String",
            list: "System.Object[]", dict: "System.Collections.Hashtable", datetime: "System.DateTime",
            timedelta: "System.TimeSpan", ScriptBlockValue: "System.Management.Automation.ScriptBlock",
            ByteQuantifiedSize: "Microsoft.Exchange.Data.ByteQuantifiedSize"}.get(type(value), "System.Object")


def _coerce(right: Any, left: Any) -> Any:
    """`right` converted to the type of `left` (PowerShell converts the right operand)."""
    if isinstance(left, bool):
        return truthy(right)
    if isinstance(left, (int, float)) and not isinstance(left, bool):
        try:
            return to_number(right)
        except ConversionError:
            return None
    if isinstance(left, str) or left is None:
        return None if right is None and left is None else to_string(right)
    if isinstance(left, (ByteQuantifiedSize, timedelta)) and isinstance(right, str):
        from .binding import parse_size, parse_timespan       # the type's Parse, as the binder uses it
        try:
            return (parse_size if isinstance(left, ByteQuantifiedSize) else parse_timespan)(right)
        except ValueError:
            return right
    if isinstance(left, ByteQuantifiedSize) and isinstance(right, (int, float)):
        return ByteQuantifiedSize(int(right))
    return right


def equal(left: Any, right: Any, case: bool = False) -> bool:
    if left is None or right is None:
        return left is None and right is None
    converted = _coerce(right, left)
    if isinstance(left, str):
        return left == converted if case else left.lower() == str(converted).lower()
    if isinstance(left, (PSObject, datetime, timedelta, ByteQuantifiedSize)) and isinstance(converted, str):
        return to_string(left).lower() == converted.lower()
    return left == converted


def compare(left: Any, right: Any, case: bool = False) -> int:
    """-1, 0 or 1, PowerShell style (left's type wins); raises ConversionError when they do not compare."""
    if left is None and right is None:
        return 0
    if left is None:
        return -1
    if right is None:
        return 1
    converted = _coerce(right, left)
    if isinstance(left, str):
        a, b = (left, str(converted)) if case else (left.lower(), str(converted).lower())
    else:
        a, b = _plain(left), _plain(converted)
    try:
        return (a > b) - (a < b)
    except TypeError:
        raise ConversionError(f"Cannot compare \"{to_string(left)}\" to \"{to_string(right)}\"") from None


def _plain(value: Any) -> Any:
    return value.bytes if isinstance(value, ByteQuantifiedSize) else value


def like(value: Any, pattern: Any, case: bool = False) -> bool:
    text, wildcard = to_string(value), to_string(pattern)
    regex = _wildcard(wildcard)
    return re.fullmatch(regex, text, 0 if case else re.IGNORECASE | re.DOTALL) is not None


def _wildcard(pattern: str) -> str:
    """PowerShell wildcards: * ? [a-z], backtick escapes."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "`" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "[":
            end = pattern.find("]", i + 1)
            if end > i:
                out.append("[" + pattern[i + 1:end].replace("\\", "\\\\") + "]")
                i = end + 1
                continue
        out.append(".*" if c == "*" else "." if c == "?" else re.escape(c))
        i += 1
    return "".join(out)


def wildcard_match(name: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(name.lower(), pattern.lower())


def has_wildcard(text: str) -> bool:
    return any(c in text for c in "*?[")
