"""`set /a`: cmd's 32-bit integer expressions, with C precedence and assignments.

    ()  !  ~  -  *  /  %  +  -  <<  >>  &  ^  |  =  *=  /=  %=  +=  -=  &=  ^=  |=  <<=  >>=  ,

Names stand for variables (undefined or not a number: 0); numbers are decimal, 0x hex or
0 octal. Division truncates toward zero, as in C.
"""

from __future__ import annotations

import re

from .variables import Variables

_TOKEN = re.compile(r"\s*(?:(?P<number>0[xX][0-9a-fA-F]+|\d+)|(?P<op><<=|>>=|[*/%+\-&^|]=|<<|>>|[()!~*/%+\-&^|=,])"
                    r"|(?P<name>[^\s()!~*/%+\-&^|=,<>]+))")
_LEVELS = [("|",), ("^",), ("&",), ("<<", ">>"), ("+", "-"), ("*", "/", "%")]
_ASSIGN = ("=", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "<<=", ">>=")


class ArithError(Exception):
    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.message, self.code = message, code


# unconfirmed: the errorlevels cmd.exe sets with these messages.
MISSING_OPERAND = ("Missing operand.", 1073750990)
MISSING_OPERATOR = ("Missing operator.", 1073750989)
UNBALANCED = ("Unbalanced parenthesis.", 1073750988)
DIVIDE_BY_ZERO = ("Divide by zero error.", 1073750993)
INVALID_NUMBER = ("Invalid number.  Numeric constants are either decimal (17),\r\n"
                  "hexadecimal (0x11), or octal (021).", 1073750992)


def evaluate(expression: str, variables: Variables) -> int:
    """The value of the last comma-separated expression; assigns the variables it names."""
    return _Evaluator(_tokens(expression.replace('"', "")), variables).run()


def _tokens(text: str) -> list[tuple[str, str]]:
    found, i = [], 0
    while text[i:].strip():
        m = _TOKEN.match(text, i)
        if m is None:
            raise ArithError(*MISSING_OPERATOR)
        kind = m.lastgroup
        found.append((kind, m[kind]))
        i = m.end()
    return found


def number(text: str) -> int:
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", text):
        return wrap(int(text, 16))
    if re.fullmatch(r"0[0-7]*", text):
        return int(text, 8)
    if re.fullmatch(r"[1-9]\d*", text):
        return wrap(int(text))
    raise ArithError(*INVALID_NUMBER)


def wrap(value: int) -> int:
    return (value + 2**31) % 2**32 - 2**31


def _apply(op: str, a: int, b: int) -> int:
    if op in "/%" and b == 0:
        raise ArithError(*DIVIDE_BY_ZERO)
    if op == "/":
        return wrap(abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1))
    if op == "%":
        return wrap(a - b * _apply("/", a, b))
    shift = b if 0 <= b < 32 else 32
    return wrap({"+": a + b, "-": a - b, "*": a * b, "&": a & b, "^": a ^ b, "|": a | b,
                 "<<": a << shift, ">>": a >> shift}[op])


class _Evaluator:
    def __init__(self, tokens: list[tuple[str, str]], variables: Variables):
        self.tokens, self.i, self.vars = tokens, 0, variables

    def run(self) -> int:
        value = self.assignment()
        while self.peek() == ",":
            self.i += 1
            value = self.assignment()
        if self.i < len(self.tokens):
            raise ArithError(*(UNBALANCED if self.peek() == ")" else MISSING_OPERATOR))
        return value

    def assignment(self) -> int:
        if self.kind() == "name" and self.peek(1) in _ASSIGN:
            name, op = self.tokens[self.i][1], self.peek(1)
            self.i += 2
            value = self.assignment()
            if op != "=":
                value = _apply(op[:-1], self.variable(name), value)
            self.vars.set(name, str(value))
            return value
        return self.binary(0)

    def binary(self, level: int) -> int:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.kind() == "op" and self.peek() in _LEVELS[level]:
            op = self.peek()
            self.i += 1
            left = _apply(op, left, self.binary(level + 1))
        return left

    def unary(self) -> int:
        token = self.peek()
        if self.kind() == "op" and token in ("-", "+", "!", "~"):
            self.i += 1
            value = self.unary()
            return {"-": wrap(-value), "+": value, "!": int(value == 0), "~": wrap(~value)}[token]
        if token == "(":
            self.i += 1
            value = self.assignment()
            while self.peek() == ",":
                self.i += 1
                value = self.assignment()
            if self.peek() != ")":
                raise ArithError(*UNBALANCED)
            self.i += 1
            return value
        if self.kind() == "number":
            self.i += 1
            return number(token)
        if self.kind() == "name":
            self.i += 1
            return self.variable(token)
        raise ArithError(*MISSING_OPERAND)

    def variable(self, name: str) -> int:
        m = re.fullmatch(r"\s*([-+]?)(\w+)\s*", self.vars.get(name) or "")
        try:
            return wrap(-number(m[2])) if m and m[1] == "-" else number(m[2]) if m else 0
        except ArithError:
            return 0

    def peek(self, ahead: int = 0) -> str:
        at = self.i + ahead
        return self.tokens[at][1] if at < len(self.tokens) else ""

    def kind(self) -> str:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else ""
