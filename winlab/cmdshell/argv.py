"""How a Windows program splits its command line into arguments.

Most programs (findstr, certutil, sort, netsh, reg, netdom...) use the Microsoft C
runtime's rules: spaces and tabs separate; double quotes group and are removed; `""`
inside quotes is one literal quote; `\\"` is a literal quote, and backslashes only escape
when a quote follows them. A few programs read their raw command line themselves and keep
the quotes until they look at a value (cluster.exe's `/group:"Cluster Group"`, wmic's
`where "NetConnectionID='Private'"`): `split(text, keep_quotes=True)` splits for them at
unquoted white space and leaves every character as typed.
"""

from __future__ import annotations


def split(text: str, keep_quotes: bool = False) -> list[str]:
    r"""The arguments in `text`.

    >>> split(r'/c:"Ethernet adapter " /b a\\"b c"')
    ['/c:Ethernet adapter ', '/b', 'a\\b c']
    >>> split('/group:"Cluster Group" /online', keep_quotes=True)
    ['/group:"Cluster Group"', '/online']
    """
    if keep_quotes:
        return _split_raw(text)
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


def unquote(text: str) -> str:
    """A value with its quotes removed, as cluster.exe and wmic read one."""
    return text.replace('"', "")


def _split_raw(text: str) -> list[str]:
    found: list[str] = []
    start, quoted = None, False
    for i, c in enumerate(text):
        if c in " \t" and not quoted:
            if start is not None:
                found.append(text[start:i])
            start = None
            continue
        if start is None:
            start = i
        if c == '"':
            quoted = not quoted
    if start is not None:
        found.append(text[start:])
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
