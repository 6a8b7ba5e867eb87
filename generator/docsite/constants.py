"""A lab's constant laid out for the fidelity page, readably: text as the tool prints it (one
line as code, several lines as a block), what the eye cannot see said in words (line breaks
before and after, CRLF, spaces at the edges, tabs), numbers and flags as they are, mappings
and lists as nested lists. Never a Python repr, never cut short.

The page's template writes each part (`Part`); every text in it is a value the page parser
escapes for where it lands."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Iterator

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SHORT = 80                 # a list of plain values up to this long stays on one line


@dataclass(frozen=True)
class Part:
    depth: int                          # nesting under the constant's own line (0)
    label: str = ""                     # a mapping's key; "" for the constant itself or a list entry
    inline: str | None = None           # a value on one line, shown as code
    notes: str = ""                     # what the eye cannot see in it
    lines: tuple[str, ...] = ()         # a text of several lines, shown as a block under the part


def layout(value: Any) -> list[Part]:
    """The parts that show `value`: the first is the constant's own line."""
    return list(_parts(value, 0, ""))


def _parts(value: Any, depth: int, label: str) -> Iterator[Part]:
    if isinstance(value, str):
        yield from _text(value, depth, label)
    elif isinstance(value, Mapping):
        yield Part(depth, label)
        for key, item in value.items():
            yield from _parts(item, depth + 1, str(key))
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        flat = _flat(items)
        if flat is not None:
            yield Part(depth, label, flat if items else None, "" if items else "empty list")
        else:
            yield Part(depth, label)
            for item in items:
                yield from _parts(item, depth + 1, "")
    else:
        yield Part(depth, label, _scalar(value))


def _scalar(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _flat(items: list) -> str | None:
    """Plain values (numbers, flags, one-line text without edge spaces) joined on one line, when short."""
    shown = []
    for item in items:
        if isinstance(item, (list, tuple)) and item and all(not isinstance(i, (list, tuple, Mapping)) for i in item):
            inner = _flat(list(item))
            if inner is None:
                return None
            shown.append(f"({inner})")
        elif isinstance(item, str):
            if not item or item != item.strip() or _CONTROL.search(item) or "\n" in item or "\r" in item \
                    or "\t" in item or ", " in item:
                return None
            shown.append(item)
        elif isinstance(item, (Mapping, list, tuple, set, frozenset)):
            return None
        else:
            shown.append(_scalar(item))
    text = ", ".join(shown)
    return text if len(text) <= _SHORT else None


def _text(value: str, depth: int, label: str) -> Iterator[Part]:
    body = value.replace("\r\n", "\n")
    core = body.strip("\n")
    notes = []
    before, after = len(body) - len(body.lstrip("\n")), len(body) - len(body.rstrip("\n"))
    if not core.strip():                          # blanks only: said in words
        said = [_blank(core)] if core else []
        said += [_count(body.count("\n"), "line break")] if "\n" in body else []
        yield Part(depth, label, None, " and ".join(said) or "empty")
        return
    lines = core.split("\n")
    edges = _edges(lines[0] if len(lines) == 1 else "")
    if edges:
        notes.append(edges)
    if before:
        notes.append(_count(before, "line break") + " before it")
    if after:
        notes.append(_count(after, "line break") + " after it")
    if "\r\n" in value:
        notes.append("CRLF line breaks")
    if "\t" in core:
        notes.append("tabs shown as →")
    if _CONTROL.search(core):
        notes.append("other control characters shown as \\xNN")
    shown = [_CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", line.replace("\t", "→")) for line in lines]
    if len(shown) == 1:
        yield Part(depth, label, shown[0], ", ".join(notes))
    else:
        yield Part(depth, label, None, ", ".join(notes))
        yield Part(depth + 1, lines=tuple(shown))


def _blank(core: str) -> str:
    """Text of blanks only, in words: `a tab`, `4 spaces`."""
    tabs, spaces = core.count("\t"), core.count(" ")
    return " and ".join(w for w in (_count(tabs, "tab") if tabs else "", _count(spaces, "space") if spaces else "") if w)


def _edges(line: str) -> str:
    lead, trail = len(line) - len(line.lstrip(" ")), len(line) - len(line.rstrip(" "))
    said = []
    if lead:
        said.append("starts with " + _count(lead, "space"))
    if trail:
        said.append("ends with " + _count(trail, "space"))
    return ", ".join(said)


def _count(number: int, noun: str) -> str:
    return f"a {noun}" if number == 1 else f"{number} {noun}s"
