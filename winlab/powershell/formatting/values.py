"""One value as text: strings as they are, dates in the host's culture, timespans as .NET
writes them (`7.00:00:00`), booleans `True`/`False`, $null as nothing, sizes as Exchange
shows them (`15 MB (15,728,640 bytes)`); in a list or table cell an array shows `{a, b}`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ... import assumptions as A
from ..objects import ByteQuantifiedSize, PSObject


@dataclass(frozen=True)
class Culture:
    name: str
    date: str               # strftime-like pattern with .NET's M/d/yyyy h:mm:ss tt pieces (see _date)
    decimal: str = "."


CULTURES = {name: Culture(name, pattern, decimal) for name, (pattern, decimal) in A.PS_CULTURES.items()}
CULTURES["invariant"] = Culture("invariant", "MM/dd/yyyy HH:mm:ss")


def culture(name: str | None) -> Culture:
    return CULTURES.get(name or A.PS_DEFAULT_CULTURE) or CULTURES[A.PS_DEFAULT_CULTURE]


def show(value: Any, where: Culture | str | None = None) -> str:
    """[string] of a value, as PowerShell converts it for output (dates in the culture)."""
    current = where if isinstance(where, Culture) else culture(where)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, float):
        text = repr(value) if value != int(value) or abs(value) >= 1e15 else str(int(value))
        return text.replace(".", current.decimal).replace("e+", "E+").replace("e-", "E-")
    if isinstance(value, datetime):
        return _date(value, current.date)
    if isinstance(value, timedelta):
        return timespan(value)
    if isinstance(value, list):
        return " ".join(show(v, current) for v in value)
    if isinstance(value, dict):
        return "System.Collections.Hashtable"
    return str(value)


def cell(value: Any, where: Culture | str | None = None) -> str:
    """A value in a list or table: an array is `{a, b}`."""
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(show(v, where) for v in value) + "}"
    return show(value, where)


def timespan(value: timedelta) -> str:
    """.NET TimeSpan.ToString(): [-][d.]hh:mm:ss[.fffffff]."""
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    days, rest = value.days, value.seconds
    text = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"
    if value.microseconds:
        text += f".{value.microseconds * 10:07d}"
    return sign + (f"{days}." if days else "") + text


def _date(value: datetime, pattern: str) -> str:
    """.NET's custom date patterns, the pieces the cultures here use."""
    hour12 = value.hour % 12 or 12
    pieces = {"yyyy": f"{value.year:04d}", "yy": f"{value.year % 100:02d}", "MM": f"{value.month:02d}",
              "M": str(value.month), "dd": f"{value.day:02d}", "d": str(value.day), "HH": f"{value.hour:02d}",
              "H": str(value.hour), "hh": f"{hour12:02d}", "h": str(hour12), "mm": f"{value.minute:02d}",
              "ss": f"{value.second:02d}", "tt": "AM" if value.hour < 12 else "PM"}
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "'":                          # 'literal text'
            end = pattern.find("'", i + 1)
            end = len(pattern) if end < 0 else end
            out.append(pattern[i + 1:end])
            i = end + 1
            continue
        for piece in ("yyyy", "yy", "MM", "M", "dd", "d", "HH", "H", "hh", "h", "mm", "ss", "tt"):
            if pattern.startswith(piece, i):
                out.append(pieces[piece])
                i += len(piece)
                break
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


def long_date(value: datetime, where: Culture) -> str:
    """The culture's long date and long time (`Saturday, December 05, 2026 4:09:59 AM` in en-US)."""
    pattern = A.PS_LONG_DATES.get(where.name)
    if pattern is None:
        return show(value, where)
    return _date(value, pattern.replace("dddd", f"'{value:%A}'").replace("MMMM", f"'{value:%B}'"))


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float, ByteQuantifiedSize)) and not isinstance(value, bool)


def property_names(value: Any) -> list[str]:
    if isinstance(value, PSObject):
        return list(value.properties)
    if isinstance(value, dict):
        return [str(k) for k in value]
    return []
