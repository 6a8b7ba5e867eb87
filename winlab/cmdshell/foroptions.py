"""FOR /F's options (`"tokens=1,2* delims=, skip=1 eol=; usebackq"`) and how a line splits by them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEYWORDS = ("eol=", "skip=", "delims=", "tokens=", "usebackq")


@dataclass(frozen=True)
class ForOptions:
    eol: str = ";"                  # lines starting with it are skipped ("" for none)
    skip: int = 0
    delims: str = " \t"
    tokens: tuple[int, ...] = (1,)
    rest: bool = False              # a `*`: one more variable gets the rest of the line
    usebackq: bool = False


def parse_options(text: str) -> ForOptions:
    """Raises ValueError with cmd's message for options it does not know."""
    values: dict = {}
    i = 0
    while i < len(text):
        low = text[i:].lower()
        if text[i] in " \t":
            i += 1
        elif low.startswith("usebackq"):
            values["usebackq"], i = True, i + 8
        elif low.startswith("eol="):
            values["eol"], i = text[i + 4:i + 5], i + 5
        elif low.startswith("skip=") and (m := re.match(r"\d+", text[i + 5:])):
            values["skip"], i = int(m[0]), i + 5 + m.end()
        elif low.startswith("delims="):
            end = _delims_end(text, i + 7)
            values["delims"], i = text[i + 7:end], end
        elif low.startswith("tokens=") and (m := re.match(r"[\d,*-]+", text[i + 7:])):
            values["tokens"], values["rest"] = _tokens(m[0], text)
            i += 7 + m.end()
        else:
            raise _bad(text)
    return ForOptions(**values)


def _delims_end(text: str, start: int) -> int:
    """Delimiters run to the end, or to a space that starts another option (`delims= ` is a space)."""
    for j in range(start, len(text)):
        if text[j] == " " and text[j + 1:].lower().startswith(_KEYWORDS):
            return j
    return len(text)


def _tokens(spec: str, text: str) -> tuple[tuple[int, ...], bool]:
    rest = spec.endswith("*")
    numbers: set[int] = set()
    for part in filter(None, spec.rstrip("*").split(",")):
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            raise _bad(text)
        numbers.update(range(int(low), int(high or low) + 1))
    if any(n < 1 or n > 31 for n in numbers) or (not numbers and not rest):
        raise _bad(text)
    return tuple(sorted(numbers)), rest


def _bad(text: str) -> ValueError:
    return ValueError(f'"{text}" was unexpected at this time.')   # unconfirmed: exact text for bad options


def fields(line: str, options: ForOptions) -> list[str] | None:
    """The values of the loop's variables for one line, or None when the line is skipped."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(line):
        while i < len(line) and line[i] in options.delims:
            i += 1
        if i >= len(line):
            break
        start = i
        while i < len(line) and line[i] not in options.delims:
            i += 1
        spans.append((start, i))
    if not spans or (options.eol and line[spans[0][0]] == options.eol):
        return None
    values = [line[slice(*spans[n - 1])] if n <= len(spans) else "" for n in options.tokens]
    if options.rest:
        last = options.tokens[-1] if options.tokens else 0
        values.append(line[spans[last][0]:] if last < len(spans) else "")
    return values if any(values) else None
