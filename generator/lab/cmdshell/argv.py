"""How a C program (findstr, certutil, sort, more) splits its command line into arguments.

The Microsoft C runtime's rules: spaces and tabs separate; double quotes group and are
removed; `""` inside quotes is one literal quote; `\\"` is a literal quote, and
backslashes only escape when a quote follows them.
"""

from __future__ import annotations


def split(text: str) -> list[str]:
    r"""The arguments in `text`.

    >>> split(r'/c:"Ethernet adapter " /b a\\"b c"')
    ['/c:Ethernet adapter ', '/b', 'a\\b c']
    """
    found: list[str] = []
    word: list[str] = []
    quoted = started = False
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i = _backslashes(text, i, word)
            started = True
        elif c == '"':
            if quoted and text[i + 1:i + 2] == '"':
                word.append('"')
                i += 1
            else:
                quoted = not quoted
            started = True
            i += 1
        elif c in " \t" and not quoted:
            if started:
                found.append("".join(word))
            word, started = [], False
            i += 1
        else:
            word.append(c)
            started = True
            i += 1
    if started:
        found.append("".join(word))
    return found


def _backslashes(text: str, i: int, word: list[str]) -> int:
    """Copies a run of backslashes into `word`; returns where the scan goes on."""
    end = i
    while end < len(text) and text[end] == "\\":
        end += 1
    count = end - i
    if end < len(text) and text[end] == '"':
        word.append("\\" * (count // 2))
        if count % 2:
            word.append('"')
            return end + 1
        return end
    word.append("\\" * count)
    return end
