"""Typed values from the text PowerShell prints for them.

    True / False                        booleans (not translated)
    0, 12                               integers; empty: None
    {a, b}  {}  {a, b, c, d...}         collections (the first four, FormatEnumerationLimit)
    {NODE1 <Active, Quorum Owner>, N2}  Get-ClusteredMailboxServerStatus' machines (commas in <>)
    18 MB (18,874,368 bytes)            Exchange's ByteQuantifiedSize: the byte count counts
    7.00:00:00  00:30:00                TimeSpan, [-][d.]hh:mm:ss[.fffffff]: seconds
    dates                               in the server's culture (below)

Dates follow the culture of the host that printed them (ccr-domain.md 3.7: a localized page
shows `14.06.07 4:42:01 PM`). Without a culture to go by, the layout says which it is: `.`
between day, month and year is day first (de-DE, ru-RU); `/` with AM/PM is month first
(en-US); `/` with a 24-hour time is day first (en-GB, fr-FR); a four-digit first number is the
year (ISO, sv-SE); `-` otherwise is day first (nl-NL).
A two-digit year is 20YY.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..base import Unreadable

_DATE = re.compile(r"^(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})\.? +"
                   r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))? *(?P<ampm>AM|PM|am|pm)?$")
_TIMESPAN = re.compile(r"^(?P<neg>-)?(?:(?P<d>\d+)\.)?(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})(?:\.(?P<f>\d{1,7}))?$")
_BYTES = re.compile(r"\((?P<n>[\d,.\u00a0\u202f' ]+) ?bytes\)", re.IGNORECASE)


def boolean(text: str, line: int | None = None) -> bool:
    if text == "True":
        return True
    if text == "False":
        return False
    raise Unreadable(f"{text!r} is not True or False", line)


def integer(text: str, line: int | None = None) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"-?\d+", text):
        raise Unreadable(f"{text!r} is not a whole number", line)
    return int(text)


def collection(text: str, line: int | None = None) -> list[str]:
    """`{a, b}` as its items; `{}` and an empty value as none; a single value as one item. A
    trailing `...` (more than PowerShell shows) is dropped."""
    text = text.strip()
    if not text:
        return []
    if not (text.startswith("{") and text.endswith("}")):
        return [text]
    inner = text[1:-1].strip()
    if inner.endswith("..."):
        inner = inner[:-3]
    items, depth, start = [], 0, 0
    for at, char in enumerate(inner):
        if char == "<":
            depth += 1
        elif char == ">":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            items.append(inner[start:at].strip())
            start = at + 1
    items.append(inner[start:].strip())
    return [item for item in items if item]


def byte_count(text: str, line: int | None = None) -> int | None:
    """`18 MB (18,874,368 bytes)` -> 18874368; `unlimited` and empty -> None."""
    if not text or text.strip().lower() == "unlimited":
        return None
    match = _BYTES.search(text)
    if match:
        return int(re.sub(r"\D", "", match["n"]))
    if re.fullmatch(r"\d+", text.strip()):
        return int(text.strip())
    raise Unreadable(f"{text!r} is not a size such as `18 MB (18,874,368 bytes)`", line)


def seconds(text: str, line: int | None = None) -> int | None:
    """A TimeSpan (`7.00:00:00`) in whole seconds; empty -> None."""
    if not text:
        return None
    match = _TIMESPAN.match(text.strip())
    if not match:
        raise Unreadable(f"{text!r} is not a time span such as 7.00:00:00", line)
    total = int(match["d"] or 0) * 86400 + int(match["h"]) * 3600 + int(match["m"]) * 60 + int(match["s"])
    return -total if match["neg"] else total


def timestamp(text: str, line: int | None = None, culture: str | None = None) -> datetime | None:
    """A date and time as the host's culture prints it (see the module); empty -> None."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise Unreadable(f"{text!r} is not a date and time", line)
    a, b, c = int(match["a"]), int(match["b"]), int(match["c"])
    ampm = (match["ampm"] or "").lower()
    order = "ymd" if len(match["a"]) == 4 else _order(match["sep"], bool(ampm), culture)
    year, month, day = {"ymd": (a, b, c), "mdy": (c, a, b), "dmy": (c, b, a)}[order]
    year += 2000 if year < 100 else 0
    hour = int(match["h"])
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, int(match["m"]), int(match["s"] or 0))
    except ValueError as exc:
        raise Unreadable(f"{text!r} is not a date and time ({exc})", line) from None


_CULTURES = {"en-US": "mdy", "en-GB": "dmy", "de-DE": "dmy", "fr-FR": "dmy", "sv-SE": "ymd"}


def _order(separator: str, twelve_hour: bool, culture: str | None) -> str:
    if culture is not None:
        if culture not in _CULTURES:
            raise ValueError(f"culture {culture!r}: one of {', '.join(_CULTURES)}")
        return _CULTURES[culture]
    if separator in ".-":               # 14.06.2007 (de-DE), 14-6-2007 (nl-NL)
        return "dmy"
    return "mdy" if twelve_hour else "dmy"
