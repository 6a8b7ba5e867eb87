"""Values on a Markdown line outside code blocks: text, inline code, HTML tags, links.

The template text decides the context (a slot is opaque while the line is read): inside
an inline code span the value is shown as it is (the span's backtick fence grows when
the value holds backticks); inside an HTML tag it is entity-escaped; in a link target it
is refused; anywhere else it is Markdown text (`escaping.markdown_text`).

A line is read once (`text_line`): literal text and the place of each slot. The page
parser keeps that reading and writes each environment's values into it.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from .escaping import UnsafeValue, html_attribute, markdown_text
from .slots import CLOSE, OPEN, SLOT

ValueOf = Callable[[int], Any]

_TAG_START = re.compile(r"<[A-Za-z/!?]")
_CONTEXTS = re.compile(r"[`<\\]|\]\(")         # what can make a slot anything but text on its line
_BACKTICKS = re.compile("`+")


class _Text:
    """A value in Markdown text."""

    __slots__ = ("number",)

    def __init__(self, number: int):
        self.number = number

    def write(self, value_of: ValueOf) -> str:
        return markdown_text(value_of(self.number))


class _Attribute(_Text):
    """A value inside an HTML tag the template wrote."""

    __slots__ = ()

    def write(self, value_of: ValueOf) -> str:
        return html_attribute(value_of(self.number))


class _LinkTarget(_Text):
    """A value in a link target: refused, whatever it holds."""

    __slots__ = ()

    def write(self, value_of: ValueOf) -> str:
        raise UnsafeValue(value_of(self.number), "cannot form the target of a link")


class _CodeSpan:
    """An inline code span holding slots: values shown as they are, in a fence longer than any
    backtick run they hold."""

    __slots__ = ("body", "run", "pieces")

    def __init__(self, body: str, run: int):
        self.body, self.run = body, run
        self.pieces = [int(p) if n % 2 else p for n, p in enumerate(SLOT.split(body))]   # text, slot, text...

    def write(self, value_of: ValueOf) -> str:
        shown = "".join([p if p.__class__ is str else str(value_of(p)) for p in self.pieces])   # as plain_text
        longest = max((len(r) for r in _BACKTICKS.findall(shown)), default=0) if "`" in shown else 0
        if longest >= self.run:                         # a value holds backticks: a longer fence
            fence = "`" * (longest + 1)
            return f"{fence} {shown} {fence}"
        fence = "`" * self.run
        return f"{fence}{shown}{fence}"


Piece = str | _Text | _CodeSpan


def text_line(line: str) -> list[Piece]:
    """`line` as literal text and its slots, each a piece whose `write(value_of)` gives the value
    written for its context."""
    if not _CONTEXTS.search(line):               # most lines: text only
        return _with_slots(line, _Text)
    out: list[Piece] = []
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            out.append(line[i:i + 2])
            i += 2
        elif c == "`":
            i = _code_span(line, i, out)
        elif c == "<" and _TAG_START.match(line, i):
            end = line.find(">", i)
            end = len(line) - 1 if end < 0 else end
            out += _with_slots(line[i:end + 1], _Attribute)
            i = end + 1
        elif c == "]" and line.startswith("](", i) and OPEN in line[i:_link_end(line, i)]:
            out.append(_LinkTarget(int(SLOT.search(line, i)[1])))
            return out                           # writing stops here
        elif c == OPEN:
            end = line.index(CLOSE, i)
            out.append(_Text(int(line[i + 1:end])))
            i = end + 1
        else:
            out.append(c)
            i += 1
    return _joined(out)


def text_slot(piece: Any) -> int | None:
    """The slot of a value in Markdown text (written by `markdown_text` alone), else None."""
    return piece.number if piece.__class__ is _Text else None


def plain_text(line: str, value_of: ValueOf) -> str:
    """The line with the values as they are (a heading's title for scripts and anchors)."""
    return SLOT.sub(lambda m: str(value_of(int(m[1]))), line)


def _with_slots(text: str, kind: type[_Text]) -> list[Piece]:
    """`text` split at its slots, each slot a `kind` piece."""
    parts = SLOT.split(text)                     # text, number, text, number, ..., text
    out: list[Piece] = []
    for n, part in enumerate(parts):
        if n % 2:
            out.append(kind(int(part)))
        elif part:
            out.append(part)
    return out


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Adjacent literal text as one string."""
    out: list[Piece] = []
    for piece in pieces:
        if piece.__class__ is str and out and out[-1].__class__ is str:
            out[-1] += piece                     # type: ignore[operator]
        else:
            out.append(piece)
    return out


def _code_span(line: str, start: int, out: list[Piece]) -> int:
    """Read the code span opening at `start` (or a literal backtick run); return where to go on."""
    run = _run(line, start)
    close = start + run
    while True:
        close = line.find("`" * run, close)
        if close < 0:                                    # no closing run: literal backticks
            out.append("`" * run)
            return start + run
        if _run(line, close) == run:
            break
        close += _run(line, close)
    span = _CodeSpan(line[start + run:close], run)
    out.append(span if OPEN in span.body else span.write(_no_values))    # a span without values: its text
    return close + run


def _no_values(number: int) -> Any:
    raise AssertionError("a span without slots reads no value")


def _run(line: str, at: int) -> int:
    end = at
    while end < len(line) and line[end] == "`":
        end += 1
    return end - at


def _link_end(line: str, at: int) -> int:
    end = line.find(")", at)
    return len(line) if end < 0 else end
