"""Values on cmd.exe lines of a batch file, written so cmd reads them as plain text.

How cmd.exe reads a batch line (the phases as documented by dbenham, "How does the
Windows Command Interpreter (CMD.EXE) parse scripts?", StackOverflow 4094699):

1. `%` expansion, everywhere, quotes or not: a literal `%` is written `%%`.
2. Special characters `& | < > ( )` and the escape `^` act outside double quotes only;
   `"` toggles quoting. A literal `"` cannot be carried inside quotes at all.
5. Delayed expansion (scripts run with EnableDelayedExpansion, for secrets as `!VAR!`):
   a command's argument token that contains a `!` is scanned once more, quotes or not:
   `^X` becomes `X` and `!VAR!` expands. So when a line holds any `!`, a literal `!` is
   `^!` and a literal `^` is `^^` after phase 2.

A pipe, `for`, `if`, `call`, `cmd` or `start` makes cmd parse (part of) the line again,
in a child process or a second pass, with rules that no escaping survives for every
value (a piped side runs with delayed expansion off and expands `%VAR%` again). Values
on such lines must be plain text: letters, digits and a few inert punctuation marks.

Programs then split the command line by the C runtime's rules, where backslashes before a
`"` escape it: a value's trailing backslashes right before a quote are doubled.

Outside quotes a value must also stay one argument (no spaces or `, ; =`, which split
arguments) and must not start an argument with `/` or `-` (it would read as a switch).
A secret stands inside quotes, on a plain line, as `!VAR!`: cmd substitutes it after
parsing, so whatever the password holds is never parsed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from ...secrets import SecretRef
from ...rendering.escaping import UnsafeValue
from ...rendering.slots import CLOSE, OPEN

_REPARSING = {"for", "if", "call", "cmd", "start"}
_PLAIN = re.compile(r"[A-Za-z0-9 ._\-:\\/@{}#$+,=~\[\]*?]*")     # inert on any line, quoted
_SPLITS = re.compile(r"[\s,;=]")
_SPECIAL = str.maketrans({c: "^" + c for c in "&|<>()"})


def resolve_cmd_line(line: str, value_of: Callable[[int], Any]) -> str:
    """`line` (template text with slots) with every slot's value written safely."""
    pieces, slots, bang, reparsed = _reading(line)
    values: dict[int, tuple[Any, str]] = {}           # number -> (value, its text), each made once
    for slot in slots:
        value = value_of(slot.number)
        secret = isinstance(value, SecretRef)
        text = "" if secret else str(value)
        bang = bang or secret or "!" in text
        values[slot.number] = value, text
    return "".join([p if p.__class__ is str else _write(*values[p.number], p, reparsed, bang) for p in pieces])


@lru_cache(maxsize=4096)            # the same template lines recur on every site's pages
def _reading(line: str) -> tuple[tuple[str | _Slot, ...], tuple[_Slot, ...], bool, bool]:
    """How cmd reads the template line: its pieces, its slots, whether its own text holds a `!`,
    and whether cmd parses it again (a pipe, for, if, call, cmd, start)."""
    pieces, literal, piped = _pieces(line)
    reparsed = piped or literal.strip().split(" ", 1)[0].lower().lstrip("@") in _REPARSING
    return tuple(pieces), tuple(p for p in pieces if isinstance(p, _Slot)), "!" in literal, reparsed


class _Slot:
    __slots__ = ("number", "quoted", "starts_argument", "before_quote")

    def __init__(self, number: int, quoted: bool, starts_argument: bool, before_quote: bool):
        self.number, self.quoted, self.starts_argument = number, quoted, starts_argument
        self.before_quote = before_quote        # a `"` follows: trailing backslashes would escape it


_TOKEN = re.compile(f'{OPEN}(\\d+){CLOSE}|"|\\^|[ \t]+|\\||[^"^ \t|{OPEN}]+')


def _pieces(line: str) -> tuple[list[str | _Slot], str, bool]:
    """The line as literal text and slots, each slot with its quoting as cmd sees the template
    text; the literal text alone; and whether an unquoted `|` pipes it into a second command."""
    pieces: list[str | _Slot] = []
    literal: list[str] = []
    text: list[str] = []                      # literal text since the last slot
    quoted = escaped = piped = False
    at_start = True
    for match in _TOKEN.finditer(line):
        token = match[0]
        if match[1] is not None:
            if text:
                pieces.append("".join(text))
                text = []
            pieces.append(_Slot(int(match[1]), quoted, at_start, line[match.end():match.end() + 1] == '"'))
            at_start = escaped = False
            continue
        literal.append(token)
        text.append(token)
        if escaped:                          # the character after an unquoted ^ is plain
            escaped = at_start = False
            continue
        if token == '"':
            quoted = not quoted
        elif token == "^":
            escaped, at_start = not quoted, False
        elif token == "|":
            piped, at_start = piped or not quoted, False
        else:
            at_start = token[0] in " \t" and not quoted
    if text:
        pieces.append("".join(text))
    return pieces, "".join(literal), piped


# Text every rule below leaves as it is, wherever it stands (no quote, blank, switch, caret,
# percent, bang or backslash): most names and addresses.
_INERT = re.compile(r"(?:[A-Za-z0-9._:@][A-Za-z0-9._:@/-]*)?")


def _write(value: Any, text: str, slot: _Slot, reparsed: bool, bang: bool) -> str:
    """`value` (`text`: its str, unless a secret) written where `slot` stands."""
    if text and _INERT.fullmatch(text):
        return text
    if isinstance(value, SecretRef):
        if not slot.quoted or reparsed:
            raise UnsafeValue(value, "is a secret: it must stand inside double quotes on a line without a pipe, "
                                     "for, if or call (cmd substitutes it after parsing only there)")
        return str(value)
    if not text.isascii():
        raise UnsafeValue(value, "holds characters outside ASCII; cmd.exe reads batch files in the OEM code page, "
                                 "so a script cannot carry them")
    if '"' in text:
        raise UnsafeValue(value, "holds a double quote, which a cmd.exe command line cannot carry inside an argument")
    if not slot.quoted and _SPLITS.search(text):
        raise UnsafeValue(value, "would split into several arguments here (spaces, ',', ';' or '='): "
                                 "the template must put it in double quotes")
    if slot.starts_argument and text[:1] in ("/", "-"):
        raise UnsafeValue(value, "starts an argument with '/' or '-', so the command would read it as a switch")
    if slot.before_quote and text.endswith("\\"):
        # Programs split their command line by the C runtime's rules, where backslashes before
        # a quote escape it: doubled, they stay backslashes and the quote still ends the argument.
        stripped = text.rstrip("\\")
        text = stripped + "\\" * (2 * (len(text) - len(stripped)))
    if reparsed:
        if not _PLAIN.fullmatch(text):
            raise UnsafeValue(value, "holds characters (such as % ! ^ & | < > ( ) ') that cannot be made safe on a "
                                     "line with a pipe, for, if, call, cmd or start")
        return text
    text = text.replace("%", "%%")
    if slot.quoted:
        return text.replace("^", "^^").replace("!", "^!") if bang else text
    text = text.replace("^", "^^^^" if bang else "^^").translate(_SPECIAL)
    return text.replace("!", "^^!")
