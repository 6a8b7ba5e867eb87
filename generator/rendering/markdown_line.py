"""Values on a Markdown line outside code blocks: text, inline code, HTML tags, links.

The template text decides the context (a slot is opaque while the line is read): inside
an inline code span the value is shown as it is (the span's backtick fence grows when
the value holds backticks); inside an HTML tag it is entity-escaped; in a link target it
is refused; anywhere else it is Markdown text (`escaping.markdown_text`).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from .escaping import UnsafeValue, html_attribute, markdown_text
from .slots import CLOSE, OPEN, SLOT

_TAG_START = re.compile(r"<[A-Za-z/!?]")
_CONTEXTS = re.compile(r"[`<\\]|\]\(")         # what can make a slot anything but text on its line


def resolve_text_line(line: str, value_of: Callable[[int], Any]) -> str:
    """`line` with each slot written for its context."""
    if not _CONTEXTS.search(line):               # most lines: text only
        return SLOT.sub(lambda m: markdown_text(value_of(int(m[1]))), line)
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            out.append(line[i:i + 2])
            i += 2
        elif c == "`":
            i = _code_span(line, i, value_of, out)
        elif c == "<" and _TAG_START.match(line, i):
            end = line.find(">", i)
            end = len(line) - 1 if end < 0 else end
            out.append(SLOT.sub(lambda m: html_attribute(value_of(int(m[1]))), line[i:end + 1]))
            i = end + 1
        elif c == "]" and line.startswith("](", i) and OPEN in line[i:_link_end(line, i)]:
            number = int(SLOT.search(line, i)[1])
            raise UnsafeValue(value_of(number), "cannot form the target of a link")
        elif c == OPEN:
            end = line.index(CLOSE, i)
            out.append(markdown_text(value_of(int(line[i + 1:end]))))
            i = end + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def plain_text(line: str, value_of: Callable[[int], Any]) -> str:
    """The line with the values as they are (a heading's title for scripts and anchors)."""
    return SLOT.sub(lambda m: str(value_of(int(m[1]))), line)


def _code_span(line: str, start: int, value_of: Callable[[int], Any], out: list[str]) -> int:
    """Write the code span opening at `start` (or a literal backtick run); return where to go on."""
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
    body = line[start + run:close]
    shown = SLOT.sub(lambda m: str(value_of(int(m[1]))), body)
    longest = max((len(r) for r in re.findall("`+", shown)), default=0)
    if longest >= run:                                   # a value holds backticks: a longer fence
        fence = "`" * (longest + 1)
        out.append(f"{fence} {shown} {fence}")
    else:
        out.append(f"{'`' * run}{shown}{'`' * run}")
    return close + run


def _run(line: str, at: int) -> int:
    end = at
    while end < len(line) and line[end] == "`":
        end += 1
    return end - at


def _link_end(line: str, at: int) -> int:
    end = line.find(")", at)
    return len(line) if end < 0 else end
