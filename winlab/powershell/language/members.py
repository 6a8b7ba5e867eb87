"""Members of values: properties (`$x.Name`), methods (`$s.ToUpper()`), static members
(`[datetime]::Now`) and casts (`[int]'5'`), for the .NET types the lab's values stand for.

PowerShell 1.0 has no member enumeration: `$array.Name` is $null unless the array has that
property itself (Count, Length). A missing property is $null; a missing method is an error.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Callable

from .. import values as V
from ..objects import ByteQuantifiedSize, PSObject


class MemberError(Exception):
    pass


def get_property(value: Any, name: str) -> Any:
    lower = name.lower()
    if isinstance(value, PSObject):
        return value.get(name)
    if isinstance(value, dict):
        if lower in ("count", "keys", "values") and not any(str(k).lower() == lower for k in value):
            return {"count": len(value), "keys": list(value), "values": list(value.values())}[lower]
        return next((v for k, v in value.items() if str(k).lower() == lower), None)
    if isinstance(value, (list, tuple)):
        return len(value) if lower in ("count", "length") else None
    if isinstance(value, str):
        return len(value) if lower == "length" else None
    if isinstance(value, datetime):
        return _DATE.get(lower, lambda d: None)(value)
    if isinstance(value, timedelta):
        return _SPAN.get(lower, lambda d: None)(value)
    if isinstance(value, ByteQuantifiedSize):
        return None
    return None


_DATE: dict[str, Callable[[datetime], Any]] = {
    "year": lambda d: d.year, "month": lambda d: d.month, "day": lambda d: d.day, "hour": lambda d: d.hour,
    "minute": lambda d: d.minute, "second": lambda d: d.second, "date": lambda d: d.replace(
        hour=0, minute=0, second=0, microsecond=0), "dayofweek": lambda d: d.strftime("%A"),
    "timeofday": lambda d: timedelta(hours=d.hour, minutes=d.minute, seconds=d.second),
    "ticks": lambda d: int((d - datetime(1, 1, 1)).total_seconds() * 10 ** 7)}
_SPAN: dict[str, Callable[[timedelta], Any]] = {
    "days": lambda t: t.days, "hours": lambda t: t.seconds // 3600, "minutes": lambda t: t.seconds % 3600 // 60,
    "seconds": lambda t: t.seconds % 60, "totaldays": lambda t: t.total_seconds() / 86400,
    "totalhours": lambda t: t.total_seconds() / 3600, "totalminutes": lambda t: t.total_seconds() / 60,
    "totalseconds": lambda t: t.total_seconds()}


def set_property(value: Any, name: str, new: Any) -> None:
    if isinstance(value, PSObject):
        value.set(name, new)
    elif isinstance(value, dict):
        key = next((k for k in value if str(k).lower() == name.lower()), name)
        value[key] = new
    else:
        raise MemberError(f"Property '{name}' cannot be found on this object; make sure it exists and is settable.")


def call_method(value: Any, name: str, args: list[Any]) -> Any:
    lower = name.lower()
    if lower == "tostring" and not args:
        return V.to_string(value)
    if lower == "gettype":
        full = V.type_name(value)
        return PSObject(("System.RuntimeType",), {"Name": full.rsplit(".", 1)[-1], "FullName": full},
                        to_string=full)
    if lower == "equals" and len(args) == 1:
        return V.equal(value, args[0])
    table = _METHODS.get(type(value))
    method = table.get(lower) if table else None
    if method is None and isinstance(value, (list, tuple)) and lower == "contains" and len(args) == 1:
        return any(V.equal(v, args[0]) for v in value)
    if method is None:
        raise MemberError(f"Method invocation failed because [{V.type_name(value)}] doesn't contain a method "
                          f"named '{name}'.")
    try:
        return method(value, *args)
    except TypeError:
        raise MemberError(f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".') from None


def _split(text: str, *separators: Any) -> list[str]:
    chars = "".join(V.to_string(s) for s in separators) or " "
    out, current = [], []
    for c in text:
        if c in chars:
            out.append("".join(current))
            current = []
        else:
            current.append(c)
    return out + ["".join(current)]


_STRING: dict[str, Callable[..., Any]] = {
    "toupper": lambda s: s.upper(), "tolower": lambda s: s.lower(),
    "trim": lambda s, chars=None: s.strip(chars), "trimend": lambda s, chars=None: s.rstrip(chars),
    "trimstart": lambda s, chars=None: s.lstrip(chars),
    "contains": lambda s, x: V.to_string(x) in s, "startswith": lambda s, x: s.startswith(V.to_string(x)),
    "endswith": lambda s, x: s.endswith(V.to_string(x)),
    "replace": lambda s, a, b: s.replace(V.to_string(a), V.to_string(b)), "split": _split,
    "substring": lambda s, start, length=None: s[int(start):] if length is None else s[int(start):int(start) + int(length)],
    "indexof": lambda s, x: s.find(V.to_string(x)), "padleft": lambda s, n, c=" ": s.rjust(int(n), c),
    "padright": lambda s, n, c=" ": s.ljust(int(n), c),
}
_DATETIME: dict[str, Callable[..., Any]] = {
    "adddays": lambda d, n: d + timedelta(days=V.to_number(n)),
    "addhours": lambda d, n: d + timedelta(hours=V.to_number(n)),
    "addminutes": lambda d, n: d + timedelta(minutes=V.to_number(n)),
    "addseconds": lambda d, n: d + timedelta(seconds=V.to_number(n)),
    "touniversaltime": lambda d: d, "tolocaltime": lambda d: d,
    "tostring": lambda d, fmt: d.strftime(_strftime(V.to_string(fmt))),
}
_BYTES: dict[str, Callable[..., Any]] = {
    "tobytes": lambda b: b.bytes, "tokb": lambda b: b.bytes >> 10, "tomb": lambda b: b.bytes >> 20,
    "togb": lambda b: b.bytes >> 30,
}
_METHODS = {str: _STRING, datetime: _DATETIME, ByteQuantifiedSize: _BYTES}


def _strftime(pattern: str) -> str:
    for net, py in (("yyyy", "%Y"), ("MM", "%m"), ("dd", "%d"), ("HH", "%H"), ("mm", "%M"), ("ss", "%S")):
        pattern = pattern.replace(net, py)
    return pattern


def static_member(type_name: str, name: str, now: datetime) -> Any:
    key = (_canonical(type_name), name.lower())
    found = {("datetime", "now"): now, ("datetime", "utcnow"): now,
             ("datetime", "today"): now.replace(hour=0, minute=0, second=0, microsecond=0),
             ("int", "maxvalue"): 2 ** 31 - 1, ("string", "empty"): ""}
    if key in found:
        return found[key]
    raise MemberError(f"Unable to find type [{type_name}]: make sure that the assembly containing this type is "
                      "loaded.") if key[0] not in ("datetime", "int", "string", "math", "environment") else None


def static_call(type_name: str, name: str, args: list[Any]) -> Any:
    key = (_canonical(type_name), name.lower())
    if key == ("string", "isnullorempty"):
        return args[0] is None or args[0] == ""
    if key == ("math", "round"):
        return round(V.to_number(args[0]), int(V.to_number(args[1])) if len(args) > 1 else 0)
    if key in (("runtime.interopservices.marshal", "securestringtobstr"), ("runtime.interopservices.marshal",
                                                                       "ptrtostringauto")):
        value = args[0] if args else None
        if not hasattr(value, "reveal"):
            raise MemberError(f'Exception calling "{name}" with "{len(args)}" argument(s): "Value cannot be null.'
                              '\r\nParameter name: s"')
        return value if key[1] == "securestringtobstr" else value.reveal()
    if key == ("int", "parse"):
        return int(V.to_number(args[0]))
    raise MemberError(f"Method invocation failed because [{type_name}] doesn't contain a method named '{name}'.")


def _canonical(type_name: str) -> str:
    lower = type_name.lower().removeprefix("system.")
    return {"int32": "int", "datetime": "datetime", "string": "string", "math": "math"}.get(lower, lower)


def cast(type_name: str, value: Any) -> Any:
    name = _canonical(type_name)
    try:
        if name in ("int", "long", "int64"):
            return int(round(V.to_number(value)))
        if name in ("double", "decimal", "float", "single"):
            return float(V.to_number(value))
        if name == "string":
            return V.to_string(value)
        if name in ("bool", "boolean", "switch"):
            return V.truthy(value)
        if name in ("array", "object[]", "string[]"):
            items = V.enumerate_value(value)
            return [V.to_string(v) for v in items] if name == "string[]" else list(items)
        if name in ("object", "psobject"):
            return value
        if name == "datetime":
            return value if isinstance(value, datetime) else _parse_date(V.to_string(value))
        if name == "timespan":
            from ..binding import parse_timespan
            return value if isinstance(value, timedelta) else parse_timespan(V.to_string(value))
    except (V.ConversionError, ValueError) as error:
        raise MemberError(str(error) if isinstance(error, V.ConversionError) else
                          f'Cannot convert value "{V.to_string(value)}" to type "{type_name}".') from None
    raise MemberError(f"Unable to find type [{type_name}]: make sure that the assembly containing this type is "
                      "loaded.")


def _parse_date(text: str) -> datetime:
    for pattern in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d",
                    "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
    raise ValueError(text)
