"""Splitting a program's argument text into words, the way Windows programs do.

A Windows program receives its command line as one string and splits it itself. Most use
the C runtime's rules: words are separated by spaces and tabs, double quotes group and
are removed (`name="Local Area Connection"` is one word, `name=Local Area Connection`).
cluster.exe keeps the quotes inside an option (`/group:"Cluster Group"`) and removes
them when it reads the value, so `words(..., keep_quotes=True)` exists for it.
"""

from __future__ import annotations


def words(text: str, keep_quotes: bool = False) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    quoted = started = False
    for char in text:
        if char == '"':
            quoted, started = not quoted, True
            if keep_quotes:
                current.append(char)
        elif char in " \t" and not quoted:
            if started:
                out.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
    if started:
        out.append("".join(current))
    return out


def unquote(text: str) -> str:
    return text.replace('"', "")


def crlf(lines: list[str]) -> str:
    """Lines as Windows prints them, each ending with CR LF."""
    return "".join(line + "\r\n" for line in lines)
