"""The character level of cmd's parser: quotes, carets, words and keywords; its errors.

Also `words`, how cmd.exe splits arguments for batch files and its own commands.
"""

from __future__ import annotations

import re

from .messages import SYNTAX

SPACE = " \t"


class ParseError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Incomplete(ParseError):
    """The text ends inside a block or right after a caret: a batch file reads the next line."""

    def __init__(self, joiner: str):
        super().__init__(SYNTAX)
        self.joiner = joiner            # "\n" after an open block, "" after a caret


def unexpected(word: str) -> ParseError:
    return ParseError(f"{word} was unexpected at this time.")


class Scanner:
    """A position in a command line and the ways to read on from it."""

    def __init__(self, text: str, batch: bool):
        self.s, self.i, self.depth, self.batch = text, 0, 0, batch

    def caret(self, out: list[str]) -> None:
        if self.i + 1 >= len(self.s):
            if self.batch:
                raise Incomplete("")
            self.i += 1
            return
        if self.s[self.i + 1] != "\n":
            out.append(self.s[self.i + 1])
        self.i += 2

    def token(self, stops: str = ",;=") -> str:
        """A word of IF/FOR syntax or a redirection target: quotes kept, carets removed."""
        self.skip(SPACE + stops.replace("=", ""))
        out: list[str] = []
        quoted = False
        while self.i < len(self.s):
            c = self.s[self.i]
            if quoted or c == '"':
                quoted = quoted != (c == '"')
            elif c == "^":
                self.caret(out)
                continue
            elif c in SPACE + "&|<>\n" + stops or (c == ")" and self.depth):
                break
            out.append(c)
            self.i += 1
        return "".join(out)

    def keyword(self, word: str, consume: bool = True) -> bool:
        m = re.compile(re.escape(word) + r"(?=[ \t,;=(\n]|$)", re.I).match(self.s, self.i)
        if m and consume:
            self.i = m.end()
        return m is not None

    def next_word(self) -> str:
        return re.compile(r"[^ \t\n]*").match(self.s, self.i)[0]

    def skip(self, chars: str) -> None:
        while self.i < len(self.s) and self.s[self.i] in chars:
            self.i += 1

    def peek(self, ahead: int = 0) -> str:
        at = self.i + ahead
        return self.s[at] if at < len(self.s) else ""

    def at(self, text: str) -> bool:
        return self.s.startswith(text, self.i)



def words(text: str) -> list[str]:
    """Arguments as cmd.exe splits them for batch files and its own commands: spaces, tabs,
    commas, semicolons and equal signs separate; double quotes group and are kept."""
    found: list[str] = []
    i = 0
    while True:
        while i < len(text) and text[i] in SPACE + ",;=":
            i += 1
        if i >= len(text):
            return found
        start, quoted = i, False
        while i < len(text) and (quoted or text[i] not in SPACE + ",;="):
            quoted = quoted != (text[i] == '"')
            i += 1
        found.append(text[start:i])
