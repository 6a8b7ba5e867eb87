"""What a snap-in declares: its cmdlets, their parameters, its default views.

    Cmdlet("Get-Widget", [Parameter("Identity", "string", position=0, pipeline=True)], run)

`run(ctx, params, input)` returns an iterable of output objects (PSObject, str, any value);
`params` holds the bound parameters under their declared names, converted to their kind
(a switch present is True; an absent parameter is missing from the dict). `input` is the
pipeline input: all of it, or one object per call when a parameter takes it (pipeline=True).
A terminating error is `raise CmdletError(...)`; a non-terminating one is `ctx.error(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

KINDS = ("string", "string[]", "int", "bool", "switch", "bytesize", "timespan", "object", "scriptblock",
         "securestring")


@dataclass(frozen=True)
class Enum:
    """A parameter of an enum type: its values as PowerShell spells them (matched any case)."""

    type_name: str
    values: tuple[str, ...]


def enum(type_name: str, *values: str) -> Enum:
    return Enum(type_name, values)


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str | Enum = "string"
    mandatory: bool = False
    position: int | None = None
    aliases: tuple[str, ...] = ()
    pipeline: bool = False                  # ValueFromPipeline
    remaining: bool = False                 # ValueFromRemainingArguments: every positional left over
    help: str = ""                          # the prompt text a missing mandatory one would show

    def __post_init__(self) -> None:
        if not isinstance(self.kind, Enum) and self.kind not in KINDS:
            raise ValueError(f"parameter {self.name}: unknown kind {self.kind!r}")


Run = Callable[["Any", dict[str, Any], list[Any]], Iterable[Any]]


@dataclass(frozen=True)
class Cmdlet:
    name: str                               # Verb-Noun
    parameters: tuple[Parameter, ...] | list[Parameter]
    run: Run
    confirm_impact: str = "none"            # none: no -WhatIf/-Confirm; low, medium, high (high prompts)
    snapin: str = ""                        # set when the snap-in is built

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name.lower() == name.lower()), None)

    @property
    def should_process(self) -> bool:
        return self.confirm_impact != "none"


@dataclass(frozen=True)
class Column:
    """A table column or list entry: its label, the property (or a function of the object) and a width."""

    label: str
    value: str | Callable[[Any], Any] | None = None     # None: the property named like the label
    width: int | None = None                            # None: fit to the header and values
    align: str = "left"


@dataclass(frozen=True)
class View:
    """The default formatting of a type: a table or a list of these columns (names or Columns)."""

    type_name: str
    kind: str = "table"                     # table | list
    columns: tuple[str | Column, ...] = ()

    def resolved(self) -> tuple[Column, ...]:
        return tuple(c if isinstance(c, Column) else Column(c) for c in self.columns)


@dataclass
class SnapIn:
    name: str
    cmdlets: list[Cmdlet]
    views: list[View] = field(default_factory=list)
    description: str = ""
    version: str = "1.0"
    vendor: str = "Microsoft Corporation"
    application: str = ""                   # ApplicationBase: where its files are (Get-PSSnapin -Registered)


class CmdletError(Exception):
    """A terminating error raised by a cmdlet: the pipeline stops; PowerShell prints it."""

    def __init__(self, message: str, category: str = "NotSpecified", error_id: str = "", target: Any = None):
        super().__init__(message)
        self.message, self.category, self.error_id, self.target = message, category, error_id, target
