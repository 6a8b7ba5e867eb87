"""The WQL subset wmic's `where` takes: comparisons joined by and/or/not, in parentheses.

`Index=7`, `IPEnabled=TRUE`, `NetConnectionID='Private'`, `HotFixID="KB921181"`,
`Index<>7`, `Name like 'WAN%'`, `MACAddress is not null`. Strings compare case-
insensitively, as WQL does; NULL compares false. Anything else is an invalid query.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any, Callable

Predicate = Callable[[dict[str, Any]], bool]

_TOKEN = re.compile(r"""\s*(?:(?P<str>'[^']*'|"[^"]*")|(?P<op><>|!=|<=|>=|=|<|>)|(?P<paren>[()])
                        |(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<num>-?\d+))""", re.X)


class InvalidQuery(Exception):
    pass


def parse(text: str, properties: list[str]) -> Predicate:
    tokens = _tokens(text)
    parser = _Parser(tokens, {p.lower(): p for p in properties})
    predicate = parser.expression()
    if parser.position != len(tokens):
        raise InvalidQuery(text)
    return predicate


def _tokens(text: str) -> list[tuple[str, str]]:
    out, position = [], 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if not match:
            raise InvalidQuery(text)
        kind = match.lastgroup
        out.append((kind, match.group(kind)))
        position = match.end()
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], properties: dict[str, str]):
        self.tokens, self.properties, self.position = tokens, properties, 0

    def peek(self, kind: str, value: str | None = None) -> bool:
        if self.position >= len(self.tokens):
            return False
        k, v = self.tokens[self.position]
        return k == kind and (value is None or v.lower() == value)

    def take(self) -> tuple[str, str]:
        if self.position >= len(self.tokens):
            raise InvalidQuery("unexpected end")
        self.position += 1
        return self.tokens[self.position - 1]

    def expression(self) -> Predicate:
        left = self.conjunction()
        while self.peek("word", "or"):
            self.take()
            right, first = self.conjunction(), left
            left = lambda row, a=first, b=right: a(row) or b(row)
        return left

    def conjunction(self) -> Predicate:
        left = self.negation()
        while self.peek("word", "and"):
            self.take()
            right, first = self.negation(), left
            left = lambda row, a=first, b=right: a(row) and b(row)
        return left

    def negation(self) -> Predicate:
        if self.peek("word", "not"):
            self.take()
            inner = self.negation()
            return lambda row: not inner(row)
        if self.peek("paren", "("):
            self.take()
            inner = self.expression()
            if self.take() != ("paren", ")"):
                raise InvalidQuery("missing )")
            return inner
        return self.comparison()

    def comparison(self) -> Predicate:
        kind, name = self.take()
        prop = self.properties.get(name.lower()) if kind == "word" else None
        if prop is None:
            raise InvalidQuery(name)
        if self.peek("word", "is"):
            self.take()
            negate = self.peek("word", "not") and bool(self.take())
            if self.take()[1].lower() != "null":
                raise InvalidQuery("is null")
            return lambda row: (row.get(prop) is None) != negate
        if self.peek("word", "like"):
            self.take()
            pattern = _literal(self.take())
            glob = str(pattern).replace("%", "*").replace("_", "?").lower()
            return lambda row: row.get(prop) is not None and fnmatch.fnmatchcase(str(row[prop]).lower(), glob)
        kind, op = self.take()
        if kind != "op":
            raise InvalidQuery(op)
        value = _literal(self.take())
        return lambda row: _compare(row.get(prop), op, value)


def _literal(token: tuple[str, str]) -> Any:
    kind, text = token
    if kind == "str":
        return text[1:-1]
    if kind == "num":
        return int(text)
    if kind == "word" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if kind == "word" and text.lower() == "null":
        return None
    raise InvalidQuery(text)


def _compare(actual: Any, op: str, expected: Any) -> bool:
    if actual is None or expected is None:
        return False
    if isinstance(actual, bool) or isinstance(expected, bool):
        actual, expected = _as_bool(actual), _as_bool(expected)
    elif isinstance(actual, int) and not isinstance(expected, int):
        expected = int(expected) if str(expected).lstrip("-").isdigit() else None
        if expected is None:
            return False
    elif isinstance(actual, str):
        actual, expected = actual.lower(), str(expected).lower()
    elif isinstance(actual, list):
        return False
    return {"=": actual == expected, "<>": actual != expected, "!=": actual != expected,
            "<": actual < expected, ">": actual > expected,
            "<=": actual <= expected, ">=": actual >= expected}[op]


def _as_bool(value: Any) -> Any:
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value)
