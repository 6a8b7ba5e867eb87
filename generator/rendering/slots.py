"""Every value a template outputs becomes a slot; the page parser escapes it for where it lands.

A template cannot know, when it writes `{{ node.name }}`, whether the text ends up in a
cmd.exe line (inside quotes or not), a Markdown paragraph, a table cell, an inline code
span or a heading. So the Jinja environment's `finalize` never writes a value: it writes a
*slot* (a token of private-use characters) and keeps the value in the render's `Slots`.
Once the whole page is rendered, the page parser (`rendering.page`) knows each slot's
context and substitutes the value escaped for it. Nothing a template writes with `{{ }}`
escapes this, so a new template cannot forget it.

The one way around it is explicit: `| trusted` marks *template text* (a macro's output, a
`{% set %}` block) as already safe; the values inside it are still slots. Forgetting
`| trusted` on a macro call makes its output one big value, escaped as such: wrong-looking,
never unsafe.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

from jinja2 import Undefined

OPEN, CLOSE = "\ue000", "\ue001"            # private use: no environment value holds them (loader)
SLOT = re.compile(f"{OPEN}(\\d+){CLOSE}")


class Trusted(str):
    """Template text that is already safe for its context (never an environment value)."""


def trusted(text: Any) -> Trusted:
    """The `| trusted` filter: use it last, on macro output or `{% set %}` blocks only."""
    return Trusted(text)


class Slots:
    """The values one render wrote, by slot number."""

    def __init__(self) -> None:
        self.values: list[Any] = []

    def put(self, value: Any) -> str:
        self.values.append(value)
        return _token(len(self.values) - 1)

    def __getitem__(self, number: int) -> Any:
        return self.values[number]


_current: ContextVar[Slots | None] = ContextVar("slots", default=None)


_TOKENS = [f"{OPEN}{n}{CLOSE}" for n in range(4096)]      # most pages write fewer values


def _token(number: int) -> str:
    return _TOKENS[number] if number < 4096 else f"{OPEN}{number}{CLOSE}"


_VALUES = frozenset({str, int, bool})         # the usual values' classes: neither Trusted nor Undefined


def finalize(value: Any) -> str:
    """Jinja's `finalize`: trusted text passes, anything else becomes a slot of the current render."""
    if value.__class__ not in _VALUES:
        if isinstance(value, Trusted):
            return value
        if isinstance(value, Undefined):
            str(value)                      # StrictUndefined raises here, inside the template's frame
    slots = _current.get()
    if slots is None:
        raise RuntimeError("a runbook template rendered outside `collecting()`: its values would be lost")
    values = slots.values
    values.append(value)
    number = len(values) - 1
    return _TOKENS[number] if number < 4096 else _token(number)


@contextmanager
def collecting() -> Iterator[Slots]:
    """Collect the slots of one render (templates render inside this)."""
    slots = Slots()
    token = _current.set(slots)
    try:
        yield slots
    finally:
        _current.reset(token)


def has_slot(text: str) -> bool:
    return OPEN in text
