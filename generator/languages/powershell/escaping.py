"""Values on PowerShell lines of a `.ps1`, written so PowerShell reads them as plain text.

How PowerShell (1.0 and later: about_Quoting_Rules, about_Special_Characters, and the
tokenizer's character classes) reads the places a value can stand:

- In a single-quoted string nothing expands; the string ends at a single quote unless
  another follows. PowerShell counts U+2018 U+2019 U+201A U+201B as single quotes too, so
  every one of them in a value is doubled.
- In a double-quoted string `$` expands, `` ` `` escapes and a double quote ends it; U+201C
  U+201D U+201E are double quotes too. Each of them in a value gets a backtick before it.
- Bare (an argument or an operand), a value is written as a single-quoted literal, so
  nothing in it is a parameter, an operator, a variable or a statement separator. A Python
  int is written as the number (in parentheses when negative: `-3` would read as a
  parameter name), a bool as `$true`/`$false`. Bare text touching template text
  (`{{ size }}MB`) must be letters, digits, `_` and `.` only, since `'15'MB` is two arguments.
- In a comment or a here-string a value is refused: neither has an escape.
- Control characters and line breaks are refused everywhere: a line is one statement.

A secret stands bare or inside a double-quoted string as `$env:VAR`: PowerShell expands it
after parsing, so whatever the password holds is never parsed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Callable

from ...rendering.escaping import UnsafeValue
from ...rendering.slots import CLOSE, OPEN
from ...secrets import SecretRef

SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"
DOUBLE_QUOTES = '"\u201c\u201d\u201e'
_DQ_ESCAPED = "`$" + DOUBLE_QUOTES
_SLOT = re.compile(f"{OPEN}(\\d+){CLOSE}")
_GLUED = re.compile(r"[A-Za-z0-9_.]+")              # bare text that may touch template text
_NAME_CHAR = re.compile(r"[A-Za-z0-9_:?]")          # would extend `$env:VAR` inside a string
_BEFORE_ARGUMENT = " \t(,=;{"
_AFTER_ARGUMENT = " \t),;|}"
_SWITCH_COLON = re.compile(r"(?:^|[ \t(])-[A-Za-z][\w-]*:$")     # -Name:{{ value }}

BARE, SINGLE, DOUBLE, COMMENT, HERE = "bare", "single", "double", "comment", "here-string"


def resolve_powershell_line(line: str, value_of: Callable[[int], Any]) -> str:
    """`line` (template text with slots) with every slot's value written safely."""
    pieces = _reading(line)
    return "".join(p if p.__class__ is str else _write(value_of(p.number), p) for p in pieces)


class _Slot:
    __slots__ = ("number", "context", "whole", "before_name")

    def __init__(self, number: int, context: str, whole: bool, before_name: bool):
        self.number, self.context = number, context
        self.whole = whole                  # bare, and a whole argument or operand
        self.before_name = before_name      # a character follows that would extend a variable's name


@lru_cache(maxsize=4096)            # the same template lines recur on every site's pages
def _reading(line: str) -> tuple[str | _Slot, ...]:
    """The template line as literal text and slots, each slot with the context PowerShell's
    tokenizer is in where it stands (decided by the template text alone)."""
    pieces: list[str | _Slot] = []
    state, at, text, nested = BARE, 0, "", 0
    literal = _SLOT.sub("\x00", line)           # slots as one placeholder character each
    numbers = iter(int(m[1]) for m in _SLOT.finditer(line))
    while at < len(literal):
        char = literal[at]
        if char == "\x00":
            pieces.append(text)
            text = ""
            before, after = literal[:at], literal[at + 1:at + 2]
            whole = state == BARE and (not before or before[-1] in _BEFORE_ARGUMENT
                                       or _SWITCH_COLON.search(before) is not None) \
                and (not after or after in _AFTER_ARGUMENT)
            context = "code in a string" if state == DOUBLE and nested else state
            pieces.append(_Slot(next(numbers), context, whole, bool(_NAME_CHAR.match(after))))
            at += 1
            continue
        text += char
        at += 1
        if state == BARE:
            if char == "`":                         # escapes the next character
                text += literal[at:at + 1]
                at += 1
            elif char == "@" and literal[at:at + 1] in ("'", '"'):     # its text is on the lines below
                state = HERE
            elif char in SINGLE_QUOTES:
                state = SINGLE
            elif char in DOUBLE_QUOTES:
                state = DOUBLE
            elif char == "#" and (at == 1 or literal[at - 2] in " \t;"):
                state = COMMENT
        elif state == SINGLE and char in SINGLE_QUOTES:
            if literal[at:at + 1] and literal[at] in SINGLE_QUOTES:
                text += literal[at]
                at += 1
            else:
                state = BARE
        elif state == DOUBLE:
            if char == "`":
                text += literal[at:at + 1]
                at += 1
            elif char == "$" and literal[at:at + 1] == "(":
                nested += 1
                text += "("
                at += 1
            elif char == "(" and nested:           # code inside $( ): its own parentheses count
                nested += 1
            elif char == ")" and nested:
                nested -= 1
            elif char in DOUBLE_QUOTES and not nested:
                if literal[at:at + 1] and literal[at] in DOUBLE_QUOTES:
                    text += literal[at]
                    at += 1
                else:
                    state = BARE
    pieces.append(text)
    return tuple(p for p in pieces if p != "")


def _write(value: Any, slot: _Slot) -> str:
    """`value` written where `slot` stands."""
    context = slot.context
    if context in (COMMENT, HERE, "code in a string"):
        raise UnsafeValue(value, f"stands in a {context}, where PowerShell has no escape: the template must "
                                 "put it in a quoted string or as an argument", template=True)
    if isinstance(value, SecretRef):
        return _secret(value, slot)
    if value.__class__ is bool:
        return ("$true" if value else "$false") if context == BARE else str(value)
    if value.__class__ is int and context == BARE:
        return str(value) if value >= 0 else f"({value})"
    text = str(value)
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text):
        raise UnsafeValue(value, "holds a control character or a line break, which a PowerShell line cannot carry")
    if context == SINGLE:
        return "".join(c + c if c in SINGLE_QUOTES else c for c in text)
    if context == DOUBLE:
        return "".join("`" + c if c in _DQ_ESCAPED else c for c in text)
    if slot.whole:
        return "'" + "".join(c + c if c in SINGLE_QUOTES else c for c in text) + "'"
    if _GLUED.fullmatch(text):
        return text
    raise UnsafeValue(value, "touches other text outside quotes, where only letters, digits, '_' and '.' are "
                             "safe: the template must put it inside quotes or make it a whole argument")


def _secret(ref: SecretRef, slot: _Slot) -> str:
    """`$env:VAR`, expanded by PowerShell after it parsed the line."""
    if slot.context == DOUBLE:
        return f"$($env:{ref.env})" if slot.before_name else f"$env:{ref.env}"
    if slot.context == BARE and slot.whole:
        return f"$env:{ref.env}"
    raise UnsafeValue(ref, "is a secret: it must stand as a whole argument or inside a double-quoted string "
                           "(a single-quoted string would keep the variable's name as text)")


def secret_variables(text: str) -> set[str]:
    """Names of the `$env:VAR` expansions in PowerShell text (what a script reads at run time)."""
    return set(re.findall(r"\$env:([A-Za-z_]\w*)", text, re.IGNORECASE))
