"""PowerShell 1.0's tokens, read on demand: what a character starts depends on the parser's mode.

In *expression* mode `-eq` is an operator, `5MB` a number and `Get-Item` no token at all;
in *argument* mode (a command's arguments) `-Name` is a parameter, `5MB` and `C:\\x` are
bare words. So the parser asks for the next token in the mode it is in (`next(mode)`).
Comments (`#` to the end of the line), and a backtick before a line break (a line
continuation), are white space. Positions are offsets into the script text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError, Position

EXPRESSION, ARGUMENT = "expression", "argument"

# Operators PowerShell 1.0 knows after a dash, with the i/c case variants of the comparisons.
_COMPARISONS = ("eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
                "notcontains", "replace")
OPERATORS = {"and", "or", "xor", "not", "band", "bor", "bxor", "bnot", "is", "isnot", "as", "f"} | \
    {prefix + name for name in _COMPARISONS for prefix in ("", "i", "c")}
QUOTES_SINGLE = "'\u2018\u2019\u201a\u201b"
QUOTES_DOUBLE = '"\u201c\u201d\u201e'
DASHES = "-\u2013\u2014\u2015"
NUMBER = re.compile(r"(0x[0-9a-fA-F]+|\d+(\.\d+)?([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)([kKmMgG][bB])?(?!\w|\.(?!\.))")
_VARIABLE = re.compile(r"\$(?:[\w:]*\w|[\$\?\^_])", re.UNICODE)
_WORD_END = set(" \t\r\n;|&(){},<>") | set(QUOTES_SINGLE) | set(QUOTES_DOUBLE)
_PUNCT = ("@(", "$(", "@{", "::", "..", "+=", "-=", "*=", "/=", "2>&1", "2>>", "2>", ">>", "&&", "||",
          "(", ")", "{", "}", "[", "]", ",", ";", "|", "=", "+", "*", "/", "%", "!", ".", ">", "&", "<")


@dataclass(frozen=True)
class Token:
    kind: str           # number, string, expandable, variable, operator, parameter, word, punct, newline, end
    text: str           # the value (a string's content, a variable's name, a parameter's name ...)
    start: int
    end: int
    colon: bool = False     # a parameter written -Name: (its value follows)
    spaced: bool = False    # white space came before it


class Tokenizer:
    def __init__(self, text: str):
        self.text, self.pos = text, 0

    # --- white space ---------------------------------------------------------------

    def skip(self, newlines: bool = False) -> bool:
        """Skip blanks, comments and line continuations (and line breaks when `newlines`)."""
        start, text = self.pos, self.text
        while self.pos < len(text):
            c = text[self.pos]
            if c in " \t\f\v\u00a0" or (newlines and c in "\r\n"):
                self.pos += 1
            elif c == "`" and text[self.pos + 1:self.pos + 2] in ("\r", "\n"):
                self.pos += 2 + (text[self.pos + 1:self.pos + 3] == "\r\n")
            elif c == "#":
                while self.pos < len(text) and text[self.pos] not in "\r\n":
                    self.pos += 1
            else:
                break
        return self.pos > start

    def peek(self, mode: str = EXPRESSION, newlines: bool = False) -> Token:
        saved = self.pos
        token = self.next(mode, newlines)
        self.pos = saved
        return token

    def at(self, text: str) -> bool:
        return self.text.startswith(text, self.pos)

    # --- tokens -------------------------------------------------------------------

    def next(self, mode: str = EXPRESSION, newlines: bool = False) -> Token:
        spaced = self.skip(newlines)
        text, start = self.text, self.pos
        if start >= len(text):
            return Token("end", "", start, start, spaced=spaced)
        c = text[start]
        if c in "\r\n":
            self.pos += 2 if text.startswith("\r\n", start) else 1
            return Token("newline", "\n", start, self.pos, spaced=spaced)
        if text.startswith(("@'", "@\""), start) and text[start + 2:start + 4].lstrip(" \t")[:1] in ("\r", "\n"):
            return self._here_string(start, spaced)
        if c in QUOTES_SINGLE:
            return self._single(start, spaced)
        if c in QUOTES_DOUBLE:
            return self._double(start, spaced)
        if c == "$" and not text.startswith("$(", start):
            return self._variable(start, spaced)
        if c in DASHES and mode == EXPRESSION and (op := self._operator(start)):
            return Token("operator", op.text, op.start, op.end, spaced=spaced)
        if c in DASHES and mode == ARGUMENT and re.match(r"[A-Za-z_?]", text[start + 1:start + 2]):
            return self._parameter(start, spaced)
        if mode == EXPRESSION and (c.isdigit() or (c == "." and text[start + 1:start + 2].isdigit())):
            m = NUMBER.match(text, start)
            if m:
                self.pos = m.end()
                return Token("number", m[0], start, self.pos, spaced=spaced)
        if mode == ARGUMENT and text.startswith("2>&1", start):
            self.pos += 4
            return Token("punct", "2>&1", start, self.pos, spaced=spaced)
        if mode == ARGUMENT and (c not in "@$(){},;|&<>=" or text.startswith(("&&",), start)) and c not in "\r\n" \
                and not (c == "2" and text.startswith(("2>",), start)) and not (c == "." and self._dot_source(start)):
            return self._word(start, spaced)
        for punct in _PUNCT:
            if text.startswith(punct, start):
                self.pos += len(punct)
                return Token("punct", punct, start, self.pos, spaced=spaced)
        if c in DASHES:
            self.pos += 1
            return Token("punct", "-", start, self.pos, spaced=spaced)
        if re.match(r"\w", c):
            m = re.compile(r"[\w\-.\\:]+").match(text, start)
            self.pos = m.end()
            return Token("word", m[0], start, self.pos, spaced=spaced)
        raise ParseError(f"Unexpected token '{c}' in expression or statement.", start, start + 1)

    def _dot_source(self, start: int) -> bool:
        """`. script.ps1` (a dot followed by white space) is the dot-source operator, not a word."""
        return self.text[start + 1:start + 2] in (" ", "\t")

    def _operator(self, start: int) -> Token | None:
        m = re.compile(r"[" + DASHES + r"]([A-Za-z]+)").match(self.text, start)
        if m and m[1].lower() in OPERATORS:
            self.pos = m.end()
            return Token("operator", m[1].lower(), start, self.pos)
        return None

    def _parameter(self, start: int, spaced: bool) -> Token:
        m = re.compile(r"[" + DASHES + r"]([^\s:;|(){},]+)(:?)").match(self.text, start)
        self.pos = m.end()
        return Token("parameter", m[1], start, self.pos, colon=bool(m[2]), spaced=spaced)

    def _variable(self, start: int, spaced: bool) -> Token:
        text = self.text
        if text.startswith("${", start):
            end = text.find("}", start)
            if end < 0:
                raise ParseError("Missing closing '}' in statement block.", start, len(text))
            self.pos = end + 1
            return Token("variable", text[start + 2:end], start, self.pos, spaced=spaced)
        m = _VARIABLE.match(text, start)
        if not m:
            self.pos = start + 1
            return Token("word", "$", start, self.pos, spaced=spaced)
        name = m[0][1:]
        if ":" in name and not name.lower().startswith(("env:", "global:", "script:", "local:", "private:")):
            name = name.split(":", 1)[0]            # `$a:` is not a drive-qualified name
        self.pos = start + 1 + len(name)
        return Token("variable", name, start, self.pos, spaced=spaced)

    def _word(self, start: int, spaced: bool) -> Token:
        """A bare word of argument mode: up to white space or a special character; quotes and
        `$` inside it end it (the parser joins what follows into one argument)."""
        text, i = self.text, start
        out = []
        while i < len(text) and text[i] not in _WORD_END and text[i] != "$":
            if text[i] == "`" and i + 1 < len(text):
                out.append(_escape(text[i + 1]))
                i += 2
                continue
            out.append(text[i])
            i += 1
        if i == start:
            raise ParseError(f"Unexpected token '{text[start]}' in expression or statement.", start, start + 1)
        self.pos = i
        return Token("word", "".join(out), start, i, spaced=spaced)

    def _single(self, start: int, spaced: bool) -> Token:
        text, i, out = self.text, start + 1, []
        while i < len(text):
            c = text[i]
            if c in QUOTES_SINGLE:
                if i + 1 < len(text) and text[i + 1] in QUOTES_SINGLE:
                    out.append(c)
                    i += 2
                    continue
                self.pos = i + 1
                return Token("string", "".join(out), start, self.pos, spaced=spaced)
            out.append(c)
            i += 1
        raise _unterminated(text, start, "'")

    def _double(self, start: int, spaced: bool) -> Token:
        """A double-quoted string: its raw content (expansion happens when it is evaluated)."""
        text, i = self.text, start + 1
        while i < len(text):
            c = text[i]
            if c == "`":
                i += 2
                continue
            if c == "$" and text.startswith("$(", i):
                i = _matching_paren(text, i + 1)
                continue
            if c in QUOTES_DOUBLE:
                if i + 1 < len(text) and text[i + 1] in QUOTES_DOUBLE:
                    i += 2
                    continue
                self.pos = i + 1
                return Token("expandable", text[start + 1:i], start, self.pos, spaced=spaced)
            i += 1
        raise _unterminated(text, start, '"')

    def _here_string(self, start: int, spaced: bool) -> Token:
        quote = self.text[start + 1]
        body_start = self.text.index("\n", start) + 1
        closing = re.compile(r"\r?\n" + re.escape(quote) + "@").search(self.text, body_start - 1)
        if not closing:
            raise ParseError("Encountered end of line while processing a string token.", start, len(self.text))
        self.pos = closing.end()
        body = self.text[body_start:closing.start()]
        return Token("string" if quote == "'" else "expandable", body, start, self.pos, spaced=spaced)


def _unterminated(text: str, start: int, quote: str) -> ParseError:
    """PowerShell's message names where the string started; the error itself points at the end."""
    where = "\r\n".join(Position(text, start + 1).lines())
    return ParseError(f"The string starting:\r\n{where}\r\nis missing the terminator: {quote}.", len(text), len(text))


def _matching_paren(text: str, i: int) -> int:
    """The offset after the `)` closing the `(` at `i` (quotes inside are skipped)."""
    depth = 0
    while i < len(text):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        elif c in QUOTES_SINGLE or c in QUOTES_DOUBLE:
            sub = Tokenizer(text)
            sub.pos = i
            i = (sub._single(i, False) if c in QUOTES_SINGLE else sub._double(i, False)).end
            continue
        i += 1
    raise ParseError("Missing closing ')' in subexpression.", i, len(text))


_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _escape(c: str) -> str:
    return _ESCAPES.get(c, c)


def unescape(c: str) -> str:
    """What a backtick followed by `c` stands for in a double-quoted string or a bare word."""
    return _escape(c)
