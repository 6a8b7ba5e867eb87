"""PowerShell 1.0's expressions: operators by precedence, primaries, member access, strings.

The base of the parser (parser.py adds statements, pipelines and commands, which
expressions contain: `(...)`, `$(...)`, `{...}`). Precedence is PowerShell's:
-and/-or < -band/-bor < comparisons < + - < * / % < -f < .. < , < unary (-not ! - [cast])
< member access and indexing. A double-quoted string is split here into its text and the
`$name`/`$(...)` parts it expands.
"""

from __future__ import annotations

import re

from ..errors import ParseError
from . import syntax as S
from .tokenizer import ARGUMENT, EXPRESSION, OPERATORS, Token, Tokenizer, unescape

LOGICAL, BITWISE = {"and", "or", "xor"}, {"band", "bor", "bxor"}
COMPARISON = {op for op in OPERATORS if op not in LOGICAL | BITWISE | {"not", "bnot", "f"}}


class ExpressionParser:
    text: str
    tokens: Tokenizer

    def __init__(self, text: str):
        self.text = text
        self.tokens = Tokenizer(text)

    # --- helpers ------------------------------------------------------------------

    def peek(self, mode: str = EXPRESSION, newlines: bool = False) -> Token:
        return self.tokens.peek(mode, newlines)

    def take(self, mode: str = EXPRESSION, newlines: bool = False) -> Token:
        return self.tokens.next(mode, newlines)

    def expect(self, punct: str, newlines: bool = True, message: str | None = None) -> Token:
        token = self.take(EXPRESSION, newlines)
        if token.kind != "punct" or token.text != punct:
            raise ParseError(message or f"Missing '{punct}'.", token.start, token.end)
        return token

    def is_punct(self, token: Token, *texts: str) -> bool:
        return token.kind == "punct" and token.text in texts

    def expression(self, commas: bool = True) -> S.Node:
        return self._binary(0, commas)

    LEVELS = (LOGICAL, BITWISE, COMPARISON, {"+", "-"}, {"*", "/", "%"}, {"f"}, {".."})

    def _binary(self, level: int, commas: bool) -> S.Node:
        if level == len(self.LEVELS):
            return self._array(commas)
        left = self._binary(level + 1, commas)
        while True:
            token = self.peek(EXPRESSION)
            op = token.text if token.kind in ("operator", "punct") else None
            if op not in self.LEVELS[level]:
                return left
            self.take(EXPRESSION)
            self.tokens.skip(newlines=True)
            right = self._binary(level + 1, commas)
            left = S.Binary(left.start, right.end, op, left, right)

    def _array(self, commas: bool) -> S.Node:
        first = self._unary()
        if not commas:
            return first
        items = [first]
        while self.is_punct(self.peek(EXPRESSION), ","):
            self.take(EXPRESSION)
            self.tokens.skip(newlines=True)
            items.append(self._unary())
        return first if len(items) == 1 else S.ArrayLiteral(first.start, items[-1].end, items)

    def _unary(self) -> S.Node:
        token = self.peek(EXPRESSION)
        if (token.kind == "operator" and token.text in ("not", "bnot")) or self.is_punct(token, "!", "-", "+", ","):
            self.take(EXPRESSION)
            operand = self._unary()
            op = {"!": "not", ",": "array"}.get(token.text, token.text)
            return S.Unary(token.start, operand.end, op, operand)
        if self.is_punct(token, "["):
            self.take(EXPRESSION)
            type_name = self._type_name()
            following = self.peek(EXPRESSION)
            if following.kind in ("variable", "number", "string", "expandable") or self.is_punct(
                    following, "(", "$(", "@(", "[", "@{"):
                operand = self._unary()
                return S.Cast(token.start, operand.end, type_name, operand)
            return self._postfix(S.TypeLiteral(token.start, self.tokens.pos, type_name))
        return self._postfix(self._primary())

    def _type_name(self) -> str:
        end = self.text.find("]", self.tokens.pos)
        if end < 0:
            raise ParseError("Missing ] at end of type token.", self.tokens.pos, len(self.text))
        name = self.text[self.tokens.pos:end].strip()
        if self.text[end + 1:end + 2] == "]":            # [string[]]
            end += 1
            name += "]"
        self.tokens.pos = end + 1
        return name

    def _primary(self) -> S.Node:
        token = self.take(EXPRESSION)
        if token.kind == "number":
            return S.Constant(token.start, token.end, number(token.text))
        if token.kind in ("string", "expandable"):
            return self._string(token)
        if token.kind == "variable":
            return S.Variable(token.start, token.end, token.text)
        if token.kind == "punct":
            if token.text == "(":
                inner = self.pipeline(newlines=True)
                self.expect(")", message="Missing closing ')' in expression.")
                return S.Paren(token.start, self.tokens.pos, inner)
            if token.text in ("$(", "@("):
                body = self.statements(closing=")")
                self.expect(")", message="Missing closing ')' in subexpression.")
                return S.SubExpression(token.start, self.tokens.pos, body.statements, array=token.text == "@(")
            if token.text == "@{":
                return self._hash(token)
            if token.text == "{":
                body = self.statements(closing="}")
                self.expect("}", message="Missing closing '}' in statement block.")
                return S.ScriptBlock(token.start, self.tokens.pos, body, self.text[token.end:self.tokens.pos - 1])
        shown = token.text or self.text[token.start:token.start + 1]
        if token.kind == "end":
            raise ParseError("You must provide a value expression on the right-hand side of the operator.",
                             token.start, token.start)
        raise ParseError(f"Unexpected token '{shown}' in expression or statement.", token.start, token.end)

    def _hash(self, token: Token) -> S.HashLiteral:
        pairs = []
        while True:
            self.tokens.skip(newlines=True)
            pos = self.tokens.pos
            if self.text.startswith(("}",), pos):
                self.tokens.pos += 1
                break
            if self.text.startswith(";", pos):
                self.tokens.pos += 1
                continue
            m = re.compile(r"[^\s=;}'\"]+").match(self.text, pos)
            if m:
                key: S.Node = S.Constant(pos, m.end(), m[0])
                self.tokens.pos = m.end()
            else:
                following = self.take(ARGUMENT)
                if following.kind not in ("string", "expandable"):
                    raise ParseError("Missing key before '=' in hash literal.", following.start, following.end)
                key = self._string(following)
            self.expect("=", newlines=False, message="Missing '=' operator after key in hash literal.")
            self.tokens.skip(newlines=True)
            pairs.append((key, self.statement(S.Script(0, 0, []))))
            if self.tokens.pos >= len(self.text):
                raise ParseError("Missing closing '}' in hash literal.", token.start, len(self.text))
        return S.HashLiteral(token.start, self.tokens.pos, pairs)

    def _postfix(self, node: S.Node) -> S.Node:
        while True:
            pos = self.tokens.pos
            text = self.text
            if text.startswith("::", pos) or (text.startswith(".", pos) and not text.startswith("..", pos)):
                static = text.startswith("::", pos)
                self.tokens.pos += 2 if static else 1
                m = re.compile(r"\w+").match(text, self.tokens.pos)
                if m:
                    self.tokens.pos = m.end()
                    name: str | S.Node = m[0]
                elif text[self.tokens.pos:self.tokens.pos + 1] in ("$", "'", '"', "("):
                    name = self._primary()
                else:
                    raise ParseError("Missing property name after reference operator.", pos, pos + 1)
                if isinstance(name, str) and text.startswith("(", self.tokens.pos):
                    self.tokens.pos += 1
                    args = self._call_arguments()
                    node = S.Invoke(node.start, self.tokens.pos, node, name, args, static)
                else:
                    node = S.Member(node.start, self.tokens.pos, node, name, static)
            elif text.startswith("[", pos) and not isinstance(node, S.Constant):
                self.tokens.pos += 1
                index = self.expression()
                self.expect("]", message="Array index expression is missing or not valid.")
                node = S.Index(node.start, self.tokens.pos, node, index)
            else:
                return node

    def _call_arguments(self) -> list[S.Node]:
        args: list[S.Node] = []
        if self.is_punct(self.peek(EXPRESSION, newlines=True), ")"):
            self.take(EXPRESSION, newlines=True)
            return args
        while True:
            self.tokens.skip(newlines=True)
            args.append(self.expression(commas=False))
            token = self.take(EXPRESSION, newlines=True)
            if self.is_punct(token, ")"):
                return args
            if not self.is_punct(token, ","):
                raise ParseError("Missing ')' in method call.", token.start, token.end)

    # --- strings ----------------------------------------------------------------------

    def _string(self, token: Token) -> S.Node:
        if token.kind == "string":
            return S.Constant(token.start, token.end, token.text)
        return S.Expandable(token.start, token.end, self._expand_parts(token.text, token.start + 1))

    def _expand_parts(self, raw: str, offset: int) -> list:
        parts: list = []
        text: list[str] = []
        i = 0
        while i < len(raw):
            c = raw[i]
            if c == "`" and i + 1 < len(raw):
                text.append(unescape(raw[i + 1]))
                i += 2
            elif c in '"\u201c\u201d\u201e' and raw[i + 1:i + 2] in ('"', "\u201c", "\u201d", "\u201e"):
                text.append(c)
                i += 2
            elif c == "$" and raw.startswith("$(", i):
                inner = type(self)(self.text)
                inner.tokens.pos = offset + i + 2
                body = inner.statements(closing=")")
                inner.expect(")")
                end = inner.tokens.pos - offset
                parts += ["".join(text), S.SubExpression(offset + i, offset + end, body.statements)]
                text, i = [], end
            elif c == "$":
                sub = Tokenizer(raw)
                sub.pos = i
                token = sub._variable(i, False)
                if token.kind == "variable":
                    parts += ["".join(text), S.Variable(offset + i, offset + token.end, token.text)]
                    text, i = [], token.end
                else:
                    text.append(c)
                    i += 1
            else:
                text.append(c)
                i += 1
        parts.append("".join(text))
        return [p for p in parts if p != ""]


_MULTIPLIERS = {"kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30}


def number(text: str) -> int | float:
    lower = text.lower()
    factor = _MULTIPLIERS.get(lower[-2:], 1)
    if factor != 1:
        lower = lower[:-2]
    if lower.startswith("0x"):
        value: int | float = int(lower, 16)
    elif any(c in lower for c in ".e"):
        value = float(lower)
    else:
        value = int(lower)
    value = value * factor
    return int(value) if isinstance(value, float) and factor != 1 and value == int(value) else value
