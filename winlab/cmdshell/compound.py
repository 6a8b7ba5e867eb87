"""IF and FOR syntax: their conditions, options, variable and list, then the command they run."""

from __future__ import annotations

from .messages import SYNTAX
from .scanner import SPACE, Incomplete, ParseError, Scanner, unexpected
from .syntax import For, Group, If, Node

COMPARISONS = ("EQU", "NEQ", "LSS", "LEQ", "GTR", "GEQ")
_TESTS = ("errorlevel", "exist", "defined", "cmdextversion")


class CompoundParser(Scanner):
    """Parses IF and FOR; the subclass supplies `sequence`, which parses the command they run."""

    def sequence(self, stop_at_newline: bool) -> Node | None:
        raise NotImplementedError

    def if_command(self) -> If:
        flags = {"/i": False, "not": False}
        word = self.token()
        for flag in flags:
            if word.lower() == flag:
                flags[flag], word = True, self.token()
        if word.lower() in _TESTS:
            test, op, operands = word.lower(), "", (self.token(),)
        else:
            test, op, operands = "compare", *self.comparison(word)
        if not all(operands):
            raise ParseError(SYNTAX)
        then = self.body()
        otherwise = None
        self.skip(SPACE)
        if isinstance(then, Group) and self.keyword("else"):
            otherwise = self.body()
        return If(test, operands, then, otherwise, flags["not"], flags["/i"], op)

    def comparison(self, left: str) -> tuple[str, tuple[str, str]]:
        self.skip(SPACE)
        if self.at("=="):
            self.i += 2
            return "==", (left, self.token())
        op = self.token()
        if op.upper() not in COMPARISONS:
            raise unexpected(op or self.next_word())
        return op.upper(), (left, self.token())

    def for_command(self) -> For:
        mode = options = root = ""
        word = self.token()
        while word.startswith("/"):
            mode = word.lower()
            if mode not in ("/f", "/l", "/d", "/r"):
                raise unexpected(word)
            self.skip(SPACE)
            if mode == "/f" and self.peek() == '"':
                options = self.token().strip('"')
            if mode == "/r" and self.peek() not in ("%", ""):
                root = self.token()
            word = self.token()
        if len(word) != 2 or word[0] != "%":
            raise unexpected(word)
        self.expect("in")
        self.skip(SPACE)
        if self.peek() != "(":
            raise unexpected(self.next_word())
        items = self.for_items()
        self.expect("do")
        return For(mode, options, word[1], items, self.body(), root)

    def for_items(self) -> str:
        self.i += 1
        text: list[str] = []
        quoted = False
        while True:
            c = self.peek()
            if c == "":
                raise Incomplete("\n")
            if quoted or c == '"':
                quoted = quoted != (c == '"')
                text.append(c)
            elif c == "^":
                self.caret(text)
                continue
            elif c == ")":
                self.i += 1
                return "".join(text)
            elif c in "&|<>":
                raise unexpected(c)
            else:
                text.append(" " if c == "\n" else c)
            self.i += 1

    def body(self) -> Node:
        node = self.sequence(stop_at_newline=True)
        if node is None:
            raise ParseError(SYNTAX)
        return node

    def expect(self, word: str) -> None:
        self.skip(SPACE + ",;=")
        if not self.keyword(word):
            raise unexpected(self.next_word())
