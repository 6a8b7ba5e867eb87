"""Format-Table: a header, a dashed line and one row per object.

A column's width is the view's, else its label's plus an even share of what is left of the
host's 80 columns (with -AutoSize: its widest value's); a longer value is cut with `...`
(with -Wrap: continued on the next lines). Numbers are right-aligned.
"""

from __future__ import annotations

from typing import Any, Callable

from ... import assumptions as A
from ..commands import Column
from .values import Culture, cell, is_number


def format_table(objects: list[Any], columns: tuple[Column, ...], value_of: Callable[[Any, Column], Any],
                 where: Culture, width: int = A.PS_HOST_WIDTH, auto: bool = False,
                 header: bool = True, wrap: bool = False) -> list[str]:
    rows = [[value_of(o, c) for c in columns] for o in objects]
    texts = [[cell(v, where) for v in row] for row in rows]
    aligns = [c.align if c.align != "left" or not rows else
              ("right" if all(is_number(r[i]) or r[i] is None for r in rows) and any(is_number(r[i]) for r in rows)
               else "left") for i, c in enumerate(columns)]
    widths = _widths(columns, texts, width, auto)
    lines = [""]
    if header:
        lines.append(_line([c.label for c in columns], widths, aligns))
        lines.append(_line(["-" * len(c.label) for c in columns], widths, aligns))
    for row in texts:
        lines += _wrapped(row, widths, aligns) if wrap else [_line(row, widths, aligns)]
    return lines + ["", ""]


def _wrapped(values: list[str], widths: list[int], aligns: list[str]) -> list[str]:
    """-Wrap: a long value goes on in its column on the next lines instead of being cut."""
    pieces = [[v[i:i + size] for i in range(0, len(v), size)] or [""] for v, size in zip(values, widths)]
    depth = max(len(p) for p in pieces)
    return [_line([p[n] if n < len(p) else "" for p in pieces], widths, aligns) for n in range(depth)]


def _widths(columns: tuple[Column, ...], texts: list[list[str]], width: int, auto: bool) -> list[int]:
    """-AutoSize: each column as wide as its widest value. Else PowerShell's rule: a column is as wide as
    the view says, or as its label, and the columns without a width share what is left of the line."""
    available = width - 1 - (len(columns) - 1)
    if auto:
        natural = [max([len(c.label)] + [len(t[i]) for t in texts]) for i, c in enumerate(columns)]
        while sum(natural) > available and max(natural) > 10:
            natural[natural.index(max(natural))] -= 1
        return natural
    widths = [c.width or len(c.label) for c in columns]
    free = [i for i, c in enumerate(columns) if not c.width]
    spare = available - sum(widths)
    for n, i in enumerate(free):
        widths[i] += max(spare, 0) // len(free) + (1 if n < max(spare, 0) % len(free) else 0)
    return widths


def _line(values: list[str], widths: list[int], aligns: list[str]) -> str:
    out = []
    for value, size, align in zip(values, widths, aligns):
        if len(value) > size:
            value = value[:max(size - 3, 0)] + "..." if size > 3 else value[:size]
        out.append(value.rjust(size) if align == "right" else value.ljust(size))
    return " ".join(out).rstrip()
