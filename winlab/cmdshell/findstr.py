"""findstr.exe: lines matching any of several literal strings or findstr regular expressions.

Switches: /b /e /x (position), /l /r (literal or regex), /i, /v, /n, /o, /m, /c:"string"
(may repeat), /g:file, /f:file; letters may be combined (`/ni`). Without /c: the search
argument is a space-separated list of strings. Without /l or /r, /c: strings are literal
and the others regular expressions. Regexes know `.` `*` `^` `$` `[class]` `[^class]`
`\\x` `\\<` `\\>`. A CR left at the end of a line (wmic's `\\r\\r\\n`) does not stop `$`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..tooling import Invocation, Output
from . import argv
from .files import full_path
from .filters import lines

CRLF = "\r\n"
BAD_COMMAND_LINE = Output(2, "", "FINDSTR: Bad command line" + CRLF)


@dataclass
class _Search:
    flags: set[str] = field(default_factory=set)
    literal: list[str] = field(default_factory=list)       # from /c: and /g:
    plain: list[str] = field(default_factory=list)         # the space-separated search argument
    names: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def run(inv: Invocation) -> Output:
    search = _arguments(argv.split(inv.args), inv)
    if search is None:
        return BAD_COMMAND_LINE
    patterns = _patterns(search)
    sources = [(None, inv.stdin)] if not search.names else \
        [(name, inv.fs.read(full_path(name, inv.cwd))) for name in search.names]
    out, errors, matched = [], list(search.warnings), False
    for name, text in sources:
        if text is None:
            errors.append(f"FINDSTR: Cannot open {name}{CRLF}")   # unconfirmed wording
            continue
        hits = _matching(text, patterns, search.flags)
        matched = matched or bool(hits)
        prefix = f"{name}:" if len(search.names) > 1 else ""
        if "m" in search.flags:
            out.append(f"{name}{CRLF}" if hits and name else "")
        else:
            out.extend(prefix + hit + CRLF for hit in hits)
    return Output(0 if matched else 1, "".join(out), "".join(errors))


def _arguments(args: list[str], inv: Invocation) -> _Search | None:
    search = _Search()
    rest = list(args)
    while rest and rest[0].startswith("/"):
        if not _switch(rest.pop(0), search, inv):
            return None
    if not search.literal:
        if not rest:
            return None
        search.plain = rest.pop(0).split()
    search.names = rest
    return search if search.literal or search.plain else None


def _switch(word: str, search: _Search, inv: Invocation) -> bool:
    low = word.lower()
    if low.startswith(("/c:", "/g:", "/f:", "/d:", "/a:")):
        value = word[3:]
        if low[1] == "c":
            search.literal.append(value)
        elif low[1] == "g":
            search.literal.extend(lines(inv.fs.read(full_path(value, inv.cwd)) or ""))
        elif low[1] == "f":
            search.names.extend(lines(inv.fs.read(full_path(value, inv.cwd)) or ""))
        return True
    for letter in low[1:]:
        if letter in "blrsixvnmope":
            search.flags.add(letter)
        else:
            search.warnings.append(f"FINDSTR: /{letter.upper()} ignored{CRLF}")   # unconfirmed wording
    return True


def _patterns(search: _Search) -> list[re.Pattern]:
    flags = re.I if "i" in search.flags else 0
    # unconfirmed: without /l or /r, /c: strings are literal and the plain search argument a regex.
    regex_literal = "r" in search.flags
    regex_plain = "l" not in search.flags
    texts = [(s, regex_literal) for s in search.literal] + [(s, regex_plain) for s in search.plain]
    return [re.compile(_anchored(regex(s) if is_regex else re.escape(s), search.flags), flags)
            for s, is_regex in texts]


def _anchored(pattern: str, flags: set[str]) -> str:
    if "x" in flags:
        return rf"^(?:{pattern})$"
    return ("^" if "b" in flags else "") + f"(?:{pattern})" + ("$" if "e" in flags else "")


def _matching(text: str, patterns: list[re.Pattern], flags: set[str]) -> list[str]:
    hits, offset = [], 0
    for n, line in enumerate(lines(text), 1):
        found = any(p.search(line.rstrip("\r")) for p in patterns)     # unconfirmed: `$` before a stray CR
        if found != ("v" in flags):
            hits.append(("" if "n" not in flags else f"{n}:") + ("" if "o" not in flags else f"{offset}:") + line)
        offset += len(line) + 2
    return hits


def regex(pattern: str) -> str:
    """A findstr regular expression as a Python one."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            out.append({"<": r"\b(?=\w)", ">": r"\b(?<=\w)"}.get(nxt, re.escape(nxt)))
            i += 2
            continue
        if c == "[" and (end := _class_end(pattern, i)) > 0:
            out.append(_char_class(pattern[i + 1:end]))
            i = end + 1
            continue
        if c == "." or (c == "^" and i == 0) or (c == "$" and i == len(pattern) - 1):
            out.append(c)
        elif c == "*" and out and not out[-1].endswith("*"):
            out.append("*")
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    end = pattern.find("]", start + 2 if pattern[start + 1:start + 2] in ("]", "^") else start + 1)
    return end


def _char_class(body: str) -> str:
    negate = body.startswith("^")
    body = body[1:] if negate else body
    chars = "".join(c if c == "-" else re.escape(c) for c in body)
    return f"[{'^' if negate else ''}{chars}]"
