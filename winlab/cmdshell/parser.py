"""cmd's parsing phase: an expanded command line to a tree (`syntax`).

Operators bind as in cmd.exe, loosest first: `&` (and a line break inside a block), `||`,
`&&`, `|`. `IF` and `FOR` take the rest of the line as their command, `&` included; `(`
opens a block only where a command starts, and `)` closes one only inside a block.
Quotes protect special characters and are kept; `^` escapes one character and goes.
"""

from __future__ import annotations

from typing import Callable

from .compound import CompoundParser
from .messages import SYNTAX
from .scanner import SPACE, Incomplete, ParseError, unexpected, words
from .syntax import Chain, Comment, Group, Node, Pipe, Redirect, Simple

__all__ = ["Incomplete", "ParseError", "parse", "words"]


def parse(text: str, batch: bool = False) -> Node | None:
    """The tree of one command line; None for an empty line. Raises ParseError."""
    return _Parser(text, batch).line()


class _Parser(CompoundParser):
    def line(self) -> Node | None:
        node = self.sequence(stop_at_newline=False)
        self.skip(SPACE + "\n")
        if self.i < len(self.s):
            raise unexpected(self.next_word())
        return node

    # --- operators -----------------------------------------------------------------

    def sequence(self, stop_at_newline: bool) -> Node | None:
        left = self.either()
        while True:
            self.skip(SPACE)
            if self.peek() == "&" and not self.at("&&"):
                if left is None:
                    raise unexpected("&")
                self.i += 1
                left = Chain("&", left, self.either())
            elif self.peek() == "\n" and not stop_at_newline:
                self.i += 1
                right = self.either()
                left = right if left is None else left if right is None else Chain("&", left, right)
            else:
                return left

    def either(self) -> Node | None:
        return self.binary("||", self.both)

    def both(self) -> Node | None:
        return self.binary("&&", self.pipeline)

    def pipeline(self) -> Node | None:
        return self.binary("|", self.command)

    def binary(self, op: str, operand: Callable[[], Node | None]) -> Node | None:
        left = operand()
        while True:
            self.skip(SPACE)
            if not self.at(op) or (op == "|" and self.at("||")):
                return left
            if left is None:
                raise unexpected(op)
            self.i += len(op)
            right = operand()
            if right is None:
                raise ParseError(SYNTAX)        # unconfirmed: message for `a |` and `a &&`
            left = Pipe(left, right) if op == "|" else Chain(op, left, right)

    # --- commands ------------------------------------------------------------------

    def command(self) -> Node | None:
        self.skip(SPACE + ",;=@")
        c = self.peek()
        if c in ("", "&", "|", "\n") or (c == ")" and self.depth):
            return None
        if c == "(":
            return self.group()
        if c == ":" or self.keyword("rem", consume=False):
            return self.comment()
        if self.keyword("if"):
            return self.if_command()
        if self.keyword("for"):
            return self.for_command()
        return self.simple()

    def group(self) -> Group:
        self.i += 1
        self.depth += 1
        body = self.sequence(stop_at_newline=False)
        if self.peek() == "":
            raise Incomplete("\n")
        if self.peek() != ")":
            raise unexpected(self.next_word())
        self.i += 1
        self.depth -= 1
        return Group(body, self.trailing_redirects())

    def comment(self) -> Comment:
        end = self.s.find("\n", self.i)
        self.i = len(self.s) if end < 0 else end
        return Comment()

    def simple(self) -> Simple:
        text: list[str] = []
        redirects: list[Redirect] = []
        quoted = False
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == "\n":
                break
            if quoted or c == '"':
                quoted = quoted != (c == '"')
                text.append(c)
                self.i += 1
            elif c == "^":
                self.caret(text)
            elif c in "&|" or (c == ")" and self.depth):
                break
            elif c in "<>":
                redirects.append(self.redirect(_handle(text)))
            else:
                text.append(c)
                self.i += 1
        return Simple("".join(text), tuple(redirects))

    # --- redirections --------------------------------------------------------------

    def trailing_redirects(self) -> tuple[Redirect, ...]:
        found: list[Redirect] = []
        while True:
            self.skip(SPACE)
            if self.peek() in ("<", ">"):
                found.append(self.redirect(None))
            elif self.peek().isdigit() and self.peek(1) in ("<", ">"):
                self.i += 1
                found.append(self.redirect(int(self.s[self.i - 1])))
            else:
                return tuple(found)

    def redirect(self, handle: int | None) -> Redirect:
        op = ">>" if self.at(">>") else self.s[self.i]
        self.i += len(op)
        handle = (0 if op == "<" else 1) if handle is None else handle
        if self.peek() == "&" and self.peek(1).isdigit():
            self.i += 2
            return Redirect(handle, op[0] + "&", self.s[self.i - 1])
        self.skip(SPACE)
        target = self.token(stops="")
        if not target:
            raise ParseError(SYNTAX)
        return Redirect(handle, op, target)


def _handle(text: list[str]) -> int | None:
    """The handle digit standing right before `>` as a word of its own (`2>nul`, `echo x 1>&2`)."""
    if text and text[-1].isdigit() and (len(text) == 1 or text[-2] in SPACE + ",;="):
        return int(text.pop())
    return None
