"""IF: `errorlevel N` (at least N), `exist`, `defined`, `cmdextversion`, string and number comparisons."""

from __future__ import annotations

import operator
import re
from typing import TYPE_CHECKING

from .files import device, glob, has_wildcard, parent
from .streams import Streams
from .syntax import If

if TYPE_CHECKING:
    from .executor import Context

_COMPARE = {"EQU": operator.eq, "NEQ": operator.ne, "LSS": operator.lt,
            "LEQ": operator.le, "GTR": operator.gt, "GEQ": operator.ge}


def run(node: If, ctx: Context, io: Streams) -> int | None:
    if holds(node, ctx):
        return ctx.execute(node.then, io)
    return ctx.execute(node.otherwise, io)


def holds(node: If, ctx: Context) -> bool:
    operands = node.operands
    if ctx.process.delayed:
        operands = tuple(ctx.expander().delayed(o) for o in operands)
    return _TESTS[node.test](node, operands, ctx) != node.negate


def _errorlevel(node: If, operands: tuple[str, ...], ctx: Context) -> bool:
    return ctx.process.errorlevel >= (integer(operands[0]) or 0)


def _defined(node: If, operands: tuple[str, ...], ctx: Context) -> bool:
    return ctx.process.vars.get(operands[0]) is not None


def _exist(node: If, operands: tuple[str, ...], ctx: Context) -> bool:
    path = ctx.path(operands[0])
    if device(path):
        return ctx.fs.is_dir(parent(path))
    return bool(glob(ctx.fs, path)) if has_wildcard(path) else ctx.fs.exists(path)


def _extensions(node: If, operands: tuple[str, ...], ctx: Context) -> bool:
    return 2 >= (integer(operands[0]) or 0)


def _compare(node: If, operands: tuple[str, ...], ctx: Context) -> bool:
    left, right = operands
    if node.ignore_case:
        left, right = left.lower(), right.lower()
    if node.op == "==":
        return left == right
    numbers = integer(left), integer(right)
    if None not in numbers:
        left, right = numbers
    return _COMPARE[node.op](left, right)


def integer(text: str) -> int | None:
    """A number as IF reads it: decimal, 0x hex or 0 octal, with a sign; None when it is not one."""
    m = re.fullmatch(r"([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)", text.strip())
    if m is None:
        return None
    digits = m[2]
    value = int(digits, 16) if digits[:2].lower() == "0x" else int(digits, 8) if digits.startswith("0") else int(digits)
    return -value if m[1] == "-" else value


_TESTS = {"errorlevel": _errorlevel, "defined": _defined, "exist": _exist,
          "cmdextversion": _extensions, "compare": _compare}
