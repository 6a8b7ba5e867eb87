"""The syntax tree of a script: statements, pipelines, commands and expressions.

Every node keeps `start`/`end` offsets into the script text, for error positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Node:
    start: int
    end: int


# --- expressions -----------------------------------------------------------------------

@dataclass
class Constant(Node):
    value: Any


@dataclass
class Expandable(Node):
    """A double-quoted string: text with `$var`, `$(...)` and backtick escapes."""

    parts: list[Any]          # str or expression nodes


@dataclass
class Variable(Node):
    name: str


@dataclass
class ArrayLiteral(Node):
    items: list[Node]


@dataclass
class SubExpression(Node):
    statements: list[Node]
    array: bool = False       # @( ... ): always an array


@dataclass
class Paren(Node):
    pipeline: Node


@dataclass
class HashLiteral(Node):
    pairs: list[tuple[Node, Node]]


@dataclass
class ScriptBlock(Node):
    body: "Script"
    text: str = ""


@dataclass
class TypeLiteral(Node):
    name: str


@dataclass
class Cast(Node):
    type_name: str
    operand: Node


@dataclass
class Member(Node):
    target: Node
    name: str | Node
    static: bool = False


@dataclass
class Invoke(Node):
    """A method call: `target.Name(args)` or `[type]::Name(args)`."""

    target: Node
    name: str
    args: list[Node]
    static: bool = False


@dataclass
class Index(Node):
    target: Node
    index: Node


@dataclass
class Unary(Node):
    op: str                   # not, -, +, bnot
    operand: Node


@dataclass
class Binary(Node):
    op: str
    left: Node
    right: Node


# --- pipelines and commands -----------------------------------------------------------

@dataclass
class Parameter(Node):
    name: str                 # as typed, without the dash
    value: Node | None = None     # -Name:value
    colon: bool = False


@dataclass
class Redirection(Node):
    op: str                   # >, >>, 2>, 2>>, 2>&1
    target: Node | None = None


@dataclass
class Command(Node):
    name: Node                # a Constant word or an expression (`& $x`, `& 'path.ps1'`)
    elements: list[Node]      # Parameter or argument expressions, in order
    invoke: str = ""          # "&" or "." when written with the call or dot-source operator
    redirections: list[Redirection] = field(default_factory=list)
    name_end: int = 0         # where the command's name ends (errors point there)


@dataclass
class Pipeline(Node):
    elements: list[Node]      # the first may be an expression; the rest are Commands


@dataclass
class Assignment(Node):
    target: Node              # Variable, Member or Index
    op: str                   # = += -= *= /=
    value: Node


# --- statements -------------------------------------------------------------------------

@dataclass
class If(Node):
    clauses: list[tuple[Node, "Script"]]
    otherwise: "Script | None" = None


@dataclass
class ForEach(Node):
    variable: str
    collection: Node
    body: "Script"


@dataclass
class While(Node):
    condition: Node
    body: "Script"
    do: str = ""              # "" for while; "while"/"until" for do-loops


@dataclass
class For(Node):
    init: Node | None
    condition: Node | None
    step: Node | None
    body: "Script"


@dataclass
class Function(Node):
    name: str
    body: "Script"


@dataclass
class Trap(Node):
    type_name: str | None
    body: "Script"


@dataclass
class Flow(Node):
    keyword: str              # exit, throw, return, break, continue
    value: Node | None = None


@dataclass
class ParamBlock(Node):
    names: list[tuple[str, Node | None, str | None]]    # name, default, type


@dataclass
class Script(Node):
    statements: list[Node]
    params: ParamBlock | None = None
    traps: list[Trap] = field(default_factory=list)
    text: str = ""
