"""One complete statement per line: what `runbook check` asks of every line of a powershell block.

A script runs each block line as a statement and checks after it whether it failed, so a
line must not open a string, a block, a parenthesis or a here-string that a later line
closes, nor continue on the next line (a trailing backtick or pipe). Quotes are read as
PowerShell reads them (the four single and four double quote characters, doubling and
backtick escapes); a `#` starting a token begins a comment.
"""

from __future__ import annotations

from .escaping import DOUBLE_QUOTES, SINGLE_QUOTES

_PAIRS = {"(": ")", "{": "}", "[": "]"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def incomplete(line: str) -> str | None:
    """Why `line` is not one complete PowerShell statement, or None when it is."""
    stack: list[str] = []                 # open brackets, and '"' for a string inside $( )
    at, quote = 0, None                   # quote: the kind of string being read, None in code
    last = ""                              # the last character of code (not string, not comment)
    while at < len(line):
        char = line[at]
        at += 1
        if quote == "'":
            if char in SINGLE_QUOTES:
                if at < len(line) and line[at] in SINGLE_QUOTES:
                    at += 1
                else:
                    quote = None
            continue
        if quote == '"':
            if char == "`":
                at += 1
            elif char == "$" and line[at:at + 1] == "(":
                stack.append('"')
                stack.append("(")
                quote = None
                at += 1
            elif char in DOUBLE_QUOTES:
                if at < len(line) and line[at] in DOUBLE_QUOTES:
                    at += 1
                else:
                    quote = None
            continue
        if char in " \t":
            continue
        if char == "`":
            if at >= len(line):
                return "ends with a backtick, which continues the statement on the next line"
            at += 1
            last = "`"
            continue
        if char == "#" and (at == 1 or line[at - 2] in " \t;({"):
            break
        if char == "@" and line[at:at + 1] in ("'", '"') and not line[at + 1:].strip():
            return "opens a here-string, which goes on over the next lines"
        if char in SINGLE_QUOTES:
            quote = "'"
        elif char in DOUBLE_QUOTES:
            quote = '"'
        elif char in _PAIRS:
            stack.append(char)
        elif char in _CLOSERS:
            if not stack or stack[-1] != _CLOSERS[char]:
                return f"closes a {_CLOSERS[char]!r} it did not open"
            stack.pop()
            if stack and stack[-1] == '"':         # the end of $( ) inside a string
                stack.pop()
                quote = '"'
        last = char
    if quote is not None:
        return "leaves a string open"
    if stack:
        return f"leaves a {stack[-1]!r} open"
    if last == "|":
        return "ends with a pipe, which continues the statement on the next line"
    return None
