"""Parameter binding as PowerShell 1.0 does it, from a command's evaluated arguments.

Named first (`-Name value`, `-Name:value`, a unique prefix of a name or alias, a switch
`-X` or `-X:$false`), then the rest by position, then the pipeline. The common parameters
(-ErrorAction, -WarningAction, -Verbose, -Debug, -ErrorVariable, -OutVariable, -OutBuffer)
exist on every cmdlet; -WhatIf and -Confirm only on cmdlets that ask before changing
anything (Cmdlet.confirm_impact). Values are converted to the parameter's kind. Errors
carry PowerShell's texts and the offset of the argument they are about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from . import values as V
from .commands import Cmdlet, Enum, Parameter
from .objects import ByteQuantifiedSize

MISSING = object()
ACTIONS = Enum("System.Management.Automation.ActionPreference", ("SilentlyContinue", "Stop", "Continue", "Inquire"))
COMMON = (Parameter("Verbose", "switch", aliases=("vb",)), Parameter("Debug", "switch", aliases=("db",)),
          Parameter("ErrorAction", ACTIONS, aliases=("ea",)), Parameter("WarningAction", ACTIONS, aliases=("wa",)),
          Parameter("ErrorVariable", "string", aliases=("ev",)), Parameter("WarningVariable", "string", aliases=("wv",)),
          Parameter("OutVariable", "string", aliases=("ov",)), Parameter("OutBuffer", "int", aliases=("ob",)))
SHOULD_PROCESS = (Parameter("WhatIf", "switch", aliases=("wi",)), Parameter("Confirm", "switch", aliases=("cf",)))
TYPE_NAMES = {"string": "System.String", "string[]": "System.String[]", "int": "System.Int32", "bool": "System.Boolean",
              "switch": "System.Management.Automation.SwitchParameter", "timespan": "System.TimeSpan",
              "bytesize": "Microsoft.Exchange.Data.ByteQuantifiedSize", "object": "System.Object",
              "scriptblock": "System.Management.Automation.ScriptBlock", "securestring": "System.Security.SecureString"}


class BindingError(Exception):
    def __init__(self, message: str, offset: int, error_id: str = "NamedParameterNotFound",
                 category: str = "InvalidArgument"):
        super().__init__(message)
        self.message, self.offset, self.error_id, self.category = message, offset, error_id, category


@dataclass
class Argument:
    """One evaluated element of a command: a parameter name (with its value when written -Name:value)
    or a value."""

    value: Any = MISSING
    name: str | None = None          # set for -Name
    end: int = 0                     # where it ends in the script (errors point there)
    colon: bool = False


@dataclass
class Bound:
    params: dict[str, Any]
    common: dict[str, Any]
    pipeline: Parameter | None       # the parameter that takes pipeline input, when it is not bound


def bind(cmdlet: Cmdlet, arguments: list[Argument], has_input: bool, interactive: bool = False,
         read_line=None) -> Bound:
    declared = list(cmdlet.parameters)
    common_declared = list(COMMON) + (list(SHOULD_PROCESS) if cmdlet.should_process else [])
    params: dict[str, Any] = {}
    common: dict[str, Any] = {}
    positional: list[Argument] = []
    items = iter(arguments)
    for argument in items:
        if argument.name is None:
            positional.append(argument)
            continue
        parameter = _match(argument, declared, common_declared)
        target = common if parameter in common_declared else params
        if parameter.name in target:
            raise BindingError(f"Cannot bind parameter because parameter '{parameter.name}' is specified more than "
                               "once. To provide multiple values to parameters that can accept multiple values, "
                               "use the array syntax. For example, \"-parameter value1,value2,value3\".",
                               argument.end, "ParameterAlreadyBound")
        value = argument.value
        if parameter.kind == "switch":
            target[parameter.name] = True if value is MISSING else V.truthy(value)
            continue
        if value is MISSING:
            following = next(items, None)
            if following is None or following.name is not None:
                raise BindingError(f"Missing an argument for parameter '{parameter.name}'. Specify a parameter of "
                                   f"type '{_type_name(parameter)}' and try again.", argument.end,
                                   "MissingArgument")
            value = following.value
        target[parameter.name] = convert(parameter, value, argument.end)
    _positional(declared, positional, params)
    pipeline = next((p for p in declared if p.pipeline and p.name not in params), None) if has_input else None
    missing = [p for p in declared if p.mandatory and p.name not in params and p is not pipeline]
    for parameter in missing:
        line = read_line() if interactive and read_line else None
        if line is None:
            names = ", ".join(p.name for p in missing)
            raise BindingError(f"Cannot process command because of one or more missing mandatory parameters: "
                               f"{names}.", arguments[-1].end if arguments else 0, "MissingMandatoryParameter")
        params[parameter.name] = convert(parameter, line, 0)
    return Bound(params, common, pipeline)


def _match(argument: Argument, declared: list[Parameter], common: list[Parameter]) -> Parameter:
    typed = argument.name.lower()
    everything = declared + common
    exact = [p for p in everything if p.name.lower() == typed or typed in (a.lower() for a in p.aliases)]
    if exact:
        return exact[0]
    prefixed = [p for p in everything if p.name.lower().startswith(typed)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        shown = " ".join("-" + p.name for p in prefixed)
        raise BindingError(f"Parameter cannot be processed because the parameter name '{argument.name}' is ambiguous. "
                           f"Possible matches include: {shown}.", argument.end, "AmbiguousParameter")
    raise BindingError(f"A parameter cannot be found that matches parameter name '{argument.name}'.", argument.end)


def _positional(declared: list[Parameter], positional: list[Argument], params: dict[str, Any]) -> None:
    open_slots = sorted((p for p in declared if p.position is not None and p.name not in params),
                        key=lambda p: p.position)
    for i, argument in enumerate(positional):
        if open_slots and open_slots[0].remaining:
            parameter = open_slots.pop(0)
            rest = [a.value for a in positional[i:]]
            params[parameter.name] = convert(parameter, rest[0] if len(rest) == 1 else rest, argument.end)
            return
        if not open_slots:
            raise BindingError(f"A positional parameter cannot be found that accepts argument "
                               f"'{V.to_string(argument.value)}'.", argument.end, "PositionalParameterNotFound")
        parameter = open_slots.pop(0)
        params[parameter.name] = convert(parameter, argument.value, argument.end)


def _type_name(parameter: Parameter) -> str:
    kind = parameter.kind
    return kind.type_name if isinstance(kind, Enum) else TYPE_NAMES[kind]


def convert(parameter: Parameter, value: Any, offset: int) -> Any:
    kind = parameter.kind
    try:
        if isinstance(kind, Enum):
            return _enum(kind, value)
        return _CONVERT[kind](value)
    except (V.ConversionError, ValueError) as error:
        detail = str(error) if isinstance(error, V.ConversionError) else (
            f'Cannot convert value "{V.to_string(value)}" to type "{_type_name(parameter)}". Error: "{error}"')
        raise BindingError(f"Cannot bind parameter '{parameter.name}'. {detail}", offset,
                           "CannotConvertArgumentNoMessage") from None


def _enum(kind: Enum, value: Any) -> str:
    text = V.to_string(value)
    found = next((v for v in kind.values if v.lower() == text.strip().lower()), None)
    if found is None:
        raise V.ConversionError(
            f'Cannot convert value "{text}" to type "{kind.type_name}" due to invalid enumeration values. '
            f'Specify one of the following enumeration values and try again. The possible enumeration values are '
            f'"{", ".join(kind.values)}".')
    return found


def _int(value: Any) -> int:
    number = V.to_number(value)
    if isinstance(number, float) and not number.is_integer():
        return int(round(number))
    return int(number)


def _bool(value: Any) -> bool:
    if isinstance(value, str) and value.lower() in ("true", "false", "$true", "$false"):
        return value.lower().endswith("true")
    if isinstance(value, (bool, int)):
        return bool(value)
    raise V.ConversionError(f'Cannot convert value "{V.to_string(value)}" to type "System.Boolean", parameters of '
                            'this type only accept booleans or numbers, use $true, $false, 1 or 0 instead.')


_SIZE = re.compile(r"(?i)\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?\s*(?:\([\d,]+ bytes\))?\s*")
_UNITS = {None: 1, "b": 1, "kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30, "tb": 1 << 40}


def parse_size(value: Any) -> ByteQuantifiedSize:
    if isinstance(value, ByteQuantifiedSize):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ByteQuantifiedSize(int(value))
    m = _SIZE.fullmatch(V.to_string(value))
    if not m:
        raise ValueError(f'The value "{V.to_string(value)}" is not a valid size.')
    return ByteQuantifiedSize(int(float(m[1]) * _UNITS[(m[2] or "").lower() or None]))


_SPAN = re.compile(r"\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*")


def parse_timespan(value: Any) -> timedelta:
    """TimeSpan.Parse: [-][d.]hh:mm[:ss[.fffffff]], or a whole number of days."""
    if isinstance(value, timedelta):
        return value
    text = V.to_string(value)
    if re.fullmatch(r"\s*\d+\s*", text):
        return timedelta(days=int(text))
    m = _SPAN.fullmatch(text)
    if not m or int(m[3]) > 23 or int(m[4]) > 59 or int(m[5] or 0) > 59:
        raise ValueError("String was not recognized as a valid TimeSpan.")
    span = timedelta(days=int(m[2] or 0), hours=int(m[3]), minutes=int(m[4]), seconds=int(m[5] or 0),
                     microseconds=int((m[6] or "0").ljust(7, "0")) // 10)
    return -span if m[1] else span


_CONVERT = {
    "string": lambda v: V.to_string(v), "string[]": lambda v: [V.to_string(x) for x in V.enumerate_value(v)],
    "int": _int, "bool": _bool, "switch": V.truthy, "bytesize": parse_size, "timespan": parse_timespan,
    "object": lambda v: v, "scriptblock": lambda v: _scriptblock(v), "securestring": lambda v: v,
}


def _scriptblock(value: Any) -> Any:
    if not isinstance(value, V.ScriptBlockValue):
        raise ValueError("Cannot convert to a script block.")
    return value
