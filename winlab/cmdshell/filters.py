"""find.exe, more.com and sort.exe: programs that read lines and print some of them.

A line ends at LF and the CR before it goes with the LF; a second CR stays in the line
(wmic's `\\r\\r\\n` endings leave one), as the real programs see it.
"""

from __future__ import annotations

import re

from ..tooling import Invocation, Output
from . import argv
from .files import full_path

CRLF = "\r\n"
_FIND_SWITCHES = {"/v", "/c", "/n", "/i", "/off", "/offline"}


def lines(text: str) -> list[str]:
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()
    return [p[:-1] if p.endswith("\r") else p for p in parts]


class _Usage(Exception):
    pass


def find(inv: Invocation) -> Output:
    """`find [/v] [/c] [/n] [/i] "string" [files]`; `""` in the string is one quote."""
    try:
        switches, needle, names = _find_arguments(inv.args)
    except _Usage as error:
        return Output(2, "", f"{error}{CRLF}")
    if not names:
        hits, count = _find_in(lines(inv.stdin), needle, switches)
        return Output(0 if count else 1, f"{count}{CRLF}" if "/c" in switches else hits)
    out, errors, total = [], [], 0
    for name in names:
        text = inv.fs.read(full_path(name, inv.cwd))
        if text is None:
            errors.append(f"File not found - {name.upper()}{CRLF}")   # unconfirmed wording
            continue
        hits, count = _find_in(lines(text), needle, switches)
        total += count
        counted = f": {count}" if "/c" in switches else ""
        out.append(f"{CRLF}---------- {name.upper()}{counted}{CRLF}" + ("" if counted else hits))
    return Output(0 if total else 1, "".join(out), "".join(errors))


def _find_in(found: list[str], needle: str, switches: set[str]) -> tuple[str, int]:
    fold = (lambda s: s.lower()) if "/i" in switches else (lambda s: s)
    hits = [f"[{n}]{line}" if "/n" in switches else line
            for n, line in enumerate(found, 1)
            if (bool(needle) and fold(needle) in fold(line)) != ("/v" in switches)]
    return "".join(hit + CRLF for hit in hits), len(hits)


def _find_arguments(text: str) -> tuple[set[str], str, list[str]]:
    switches: set[str] = set()
    needle: str | None = None
    names: list[str] = []
    for kind, value in _find_words(text):
        if kind == "switch":
            if value.lower() not in _FIND_SWITCHES:
                raise _Usage("FIND: Invalid switch")                   # unconfirmed wording
            switches.add(value.lower())
        elif kind == "string" and needle is None:
            needle = value
        elif needle is not None:
            names.append(value)
        else:
            raise _Usage("FIND: Parameter format not correct")
    if needle is None:
        raise _Usage("FIND: Parameter format not correct")
    return switches, needle, names


def _find_words(text: str):
    """(kind, value) for each switch, quoted string (with `""` as a quote) and file name."""
    for m in re.finditer(r'"((?:[^"]|"")*)"?|(/\S*)|(\S+)', text):
        if m[1] is not None:
            yield "string", m[1].replace('""', '"')
        elif m[2] is not None:
            yield "switch", m[2]
        else:
            yield "name", m[3].replace('"', "")


def more(inv: Invocation) -> Output:
    """`more [/s] [+n] [files]` with its output not a console: the lines, tabs expanded (unconfirmed)."""
    args = argv.split(inv.args)
    skip = next((int(a[1:]) for a in args if re.fullmatch(r"\+\d+", a)), 0)
    names = [a for a in args if not a.startswith(("/", "+"))]
    text = "".join(inv.fs.read(full_path(n, inv.cwd)) or "" for n in names) if names else inv.stdin
    found = [line.expandtabs(8) for line in lines(text)][skip:]
    if any(a.lower() == "/s" for a in args):
        found = [line for n, line in enumerate(found) if line or n == 0 or found[n - 1]]
    return Output(0, "".join(line + CRLF for line in found))


def sort(inv: Invocation) -> Output:
    """`sort [/r] [/+n] [/o file] [file]`: lines in case-insensitive order."""
    args = argv.split(inv.args)
    reverse = any(a.lower() == "/r" for a in args)
    column = next((int(a[2:]) for a in args if re.fullmatch(r"/\+\d+", a)), 1)
    output = next((args[n + 1] for n, a in enumerate(args[:-1]) if a.lower() == "/o"), None)
    names = [a for n, a in enumerate(args) if not a.startswith("/") and (n == 0 or args[n - 1].lower() != "/o")]
    text = inv.fs.read(full_path(names[0], inv.cwd)) or "" if names else inv.stdin
    ordered = sorted(lines(text), key=lambda line: line[column - 1:].lower(), reverse=reverse)
    result = "".join(line + CRLF for line in ordered)
    if output is not None:
        inv.fs.write(full_path(output, inv.cwd), result)
        return Output(0)
    return Output(0, result)
