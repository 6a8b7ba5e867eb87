"""cmd.exe command lines for probes: quoting arguments, checking names, and telling
whether a line can do anything besides run one program.

cmd.exe gives `& | < > ^` a meaning only outside double quotes, but expands `%VAR%`
everywhere (before it parses anything else), so a value may not contain `%` or `"` at
all: such a value is refused rather than escaped.
"""

from __future__ import annotations

import re

_UNQUOTABLE = re.compile(r'["%\r\n\x00]')
_NEEDS_QUOTES = re.compile(r'[\s&|<>^(),;=!]')
NETBIOS_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]{0,14}"
_NETBIOS = re.compile(NETBIOS_PATTERN)
_GUID = re.compile(r"\{[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}\}")
_DNS_NAME = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
                       r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_STDIN_NUL = re.compile(r"[ \t]*<[ \t]*nul[ \t]*$", re.IGNORECASE)
_OPERATORS = set("&|<>^")


def quote(value: str) -> str:
    """Always-quoted argument: `Majority Node Set` -> `"Majority Node Set"`."""
    if _UNQUOTABLE.search(value) or not value or value.endswith("\\"):
        # A trailing backslash would escape the closing quote for C-runtime parsers.
        raise ValueError(f"{value!r} cannot be passed safely on a cmd.exe command line")
    return f'"{value}"'


def arg(value: str) -> str:
    """Argument quoted only when cmd.exe would otherwise split or interpret it."""
    quote(value)                      # same refusals
    return quote(value) if _NEEDS_QUOTES.search(value) else value


def netbios_name(value: str, what: str = "name") -> str:
    """A host or cluster name (NetBIOS, at most 15 characters), returned unchanged."""
    if not _NETBIOS.fullmatch(value):
        raise ValueError(f"{what} {value!r} is not a NetBIOS name")
    return value


def guid(value: str) -> str:
    """An adapter GUID in braces, `{4D36E972-E325-11CE-BFC1-08002BE10318}`."""
    if not _GUID.fullmatch(value):
        raise ValueError(f"{value!r} is not a GUID in braces")
    return value


def dns_name(value: str) -> str:
    if not _DNS_NAME.fullmatch(value):
        raise ValueError(f"{value!r} is not a DNS name")
    return value


def single_program(line: str) -> str | None:
    """The line without a trailing `<nul`, if it runs exactly one program and redirects
    nothing else; None when it chains, pipes, redirects, escapes or expands variables."""
    if "\n" in line or "\r" in line or "\x00" in line or "%" in line:
        return None
    core = _STDIN_NUL.sub("", line.strip())
    quoted = False
    for char in core:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in _OPERATORS:
            return None
    return None if quoted else core
