"""PowerShell 1.0's grammar, as far as the lab needs it: a script text to a syntax tree.

Statements are separated by `;` or line breaks. A pipeline starts with an expression
(`$x`, `'text'`, `(...)`, `5`, `-not ...`) or a command (`Get-Item x`, `& 'x.ps1'`,
`. .\\x.ps1`); `|` adds commands. Keywords: if/elseif/else, foreach, while, do, for,
function, filter, trap, param, exit, throw, return, break, continue. PowerShell 1.0 has no
try/catch: `try` is a command name like any other (and not found when run).
Operator precedence follows PowerShell's: -and/-or < -band/-bor < comparisons < + - <
* / % < -f < .. < , < unary (-not ! - [cast]) < member access and indexing.
"""

from __future__ import annotations

import re

from ... import assumptions as A
from ..errors import ParseError
from . import syntax as S
from .expressions import ExpressionParser, number
from .tokenizer import ARGUMENT, EXPRESSION, NUMBER, Token

KEYWORDS = {"if", "foreach", "while", "do", "for", "function", "filter", "trap", "param", "exit", "throw",
            "return", "break", "continue"}
ENDS = {"end", "newline"}
STOP = {";", "|", ")", "}", "&&", "||"}


def parse(text: str) -> S.Script:
    parser = Parser(text)
    script = parser.statements(top=True)
    token = parser.tokens.next(EXPRESSION, newlines=True)
    if token.kind != "end":
        raise ParseError(f"Unexpected token '{token.text}' in expression or statement.", token.start, token.end)
    script.text = text
    return script


class Parser(ExpressionParser):
    # --- statements -----------------------------------------------------------------

    def statements(self, top: bool = False, closing: str | None = None) -> S.Script:
        start = self.tokens.pos
        script = S.Script(start, start, [])
        while True:
            token = self.peek(ARGUMENT, newlines=True)
            if token.kind == "end" or (token.kind == "punct" and token.text == closing):
                break
            if token.kind == "punct" and token.text == ";":
                self.take(ARGUMENT, newlines=True)
                continue
            if token.kind == "punct" and token.text in (")", "}") and not top:
                break
            statement = self.statement(script)
            if isinstance(statement, S.Trap):
                script.traps.append(statement)
            elif isinstance(statement, S.ParamBlock):
                if script.statements or script.params:
                    raise ParseError("Unexpected token 'param' in expression or statement.", statement.start,
                                     statement.end)
                script.params = statement
                continue                            # a statement may follow `param(...)` on its line
            elif statement is not None:
                script.statements.append(statement)
            after = self.peek(ARGUMENT)
            if after.kind not in ENDS and not self.is_punct(after, ";", "}", ")"):
                raise ParseError(f"Unexpected token '{after.text}' in expression or statement.", after.start,
                                 after.end)
        script.end = self.tokens.pos
        return script

    def block(self) -> S.Script:
        self.expect("{", message="Missing statement block.")
        body = self.statements(closing="}")
        self.expect("}", message="Missing closing '}' in statement block.")
        return body

    def statement(self, script: S.Script) -> S.Node | None:
        self.tokens.skip(newlines=True)
        token = self.peek(ARGUMENT)
        word = token.text.lower() if token.kind == "word" else ""
        if word in KEYWORDS and self._is_keyword(token, word):
            return getattr(self, "_" + word)(self.take(ARGUMENT))
        return self.pipeline()

    def _is_keyword(self, token: Token, word: str) -> bool:
        after = self.text[token.end:token.end + 1]
        if word in ("if", "foreach", "while", "for"):
            rest = self.text[token.end:].lstrip(" \t")
            return rest.startswith("(")
        return after in ("", " ", "\t", "\r", "\n", ";", "(", "{", "}") or word in ("exit", "break", "continue")

    def _condition(self) -> S.Node:
        self.expect("(", newlines=False, message="Missing '(' after 'if' in if statement.")
        condition = self.pipeline(newlines=True)
        self.expect(")", message="Missing closing ')' after expression in 'if' statement.")
        return condition

    def _if(self, token: Token) -> S.If:
        clauses = [(self._condition(), self.block())]
        otherwise = None
        while True:
            following = self.peek(ARGUMENT, newlines=True)
            keyword = following.text.lower() if following.kind == "word" else ""
            if keyword == "elseif":
                self.take(ARGUMENT, newlines=True)
                clauses.append((self._condition(), self.block()))
            elif keyword == "else":
                self.take(ARGUMENT, newlines=True)
                otherwise = self.block()
                break
            else:
                break
        return S.If(token.start, self.tokens.pos, clauses, otherwise)

    def _foreach(self, token: Token) -> S.ForEach:
        self.expect("(", newlines=False)
        variable = self.take(EXPRESSION, newlines=True)
        word = self.take(ARGUMENT, newlines=True)
        if variable.kind != "variable" or word.text.lower() != "in":
            raise ParseError("Missing 'in' after variable in foreach loop.", word.start, word.end)
        collection = self.pipeline(newlines=True)
        self.expect(")", message="Missing closing ')' after expression in 'foreach' statement.")
        return S.ForEach(token.start, self.tokens.pos, variable.text, collection, self.block())

    def _while(self, token: Token) -> S.While:
        condition = self._condition()
        return S.While(token.start, self.tokens.pos, condition, self.block())

    def _do(self, token: Token) -> S.While:
        body = self.block()
        keyword = self.take(ARGUMENT, newlines=True)
        if keyword.text.lower() not in ("while", "until"):
            raise ParseError("Missing while or until in do loop.", keyword.start, keyword.end)
        return S.While(token.start, self.tokens.pos, self._condition(), body, do=keyword.text.lower())

    def _for(self, token: Token) -> S.For:
        self.expect("(", newlines=False)
        parts: list[S.Node | None] = []
        for closing in (";", ";", ")"):
            following = self.peek(EXPRESSION, newlines=True)
            parts.append(None if self.is_punct(following, closing) else self.pipeline(newlines=True))
            self.expect(closing)
        return S.For(token.start, self.tokens.pos, parts[0], parts[1], parts[2], self.block())

    def _function(self, token: Token) -> S.Function:
        name = self.take(ARGUMENT)
        params = None
        if self.is_punct(self.peek(EXPRESSION), "("):
            params = self._param_list(name)
        body = self.block()
        if params is not None:
            body.params = params
        return S.Function(token.start, self.tokens.pos, name.text, body)

    _filter = _function

    def _param(self, token: Token) -> S.ParamBlock:
        return self._param_list(token)

    def _param_list(self, token: Token) -> S.ParamBlock:
        self.expect("(", newlines=True)
        names: list[tuple[str, S.Node | None, str | None]] = []
        while not self.is_punct(self.peek(EXPRESSION, newlines=True), ")"):
            type_name = None
            following = self.take(EXPRESSION, newlines=True)
            if self.is_punct(following, "["):
                type_name = self._type_name()
                following = self.take(EXPRESSION, newlines=True)
            if following.kind != "variable":
                raise ParseError("Parameter declarations are a comma-separated list of variable names with "
                                 "optional initializer expressions.", following.start, following.end)
            default = None
            if self.is_punct(self.peek(EXPRESSION, newlines=True), "="):
                self.take(EXPRESSION, newlines=True)
                default = self.expression(commas=False)
            names.append((following.text, default, type_name))
            if self.is_punct(self.peek(EXPRESSION, newlines=True), ","):
                self.take(EXPRESSION, newlines=True)
        self.expect(")")
        return S.ParamBlock(token.start, self.tokens.pos, names)

    def _trap(self, token: Token) -> S.Trap:
        type_name = None
        if self.is_punct(self.peek(EXPRESSION, newlines=True), "["):
            self.take(EXPRESSION, newlines=True)
            type_name = self._type_name()
        return S.Trap(token.start, self.tokens.pos, type_name, self.block())

    def _flow(self, token: Token) -> S.Flow:
        following = self.peek(ARGUMENT)
        value = None
        if following.kind not in ENDS and not self.is_punct(following, ";", "}", ")"):
            value = self.pipeline()
        return S.Flow(token.start, self.tokens.pos, token.text.lower(), value)

    _exit = _throw = _return = _flow

    def _break(self, token: Token) -> S.Flow:
        return S.Flow(token.start, token.end, token.text.lower())

    _continue = _break

    # --- pipelines ------------------------------------------------------------------

    def pipeline(self, newlines: bool = False) -> S.Node:
        self.tokens.skip(newlines)
        start = self.tokens.pos
        elements: list[S.Node] = []
        first = self._first_element()
        if isinstance(first, (S.Variable, S.Member, S.Index)):
            following = self.peek(EXPRESSION)
            if self.is_punct(following, "=", "+=", "-=", "*=", "/="):
                self.take(EXPRESSION)
                value = self.statement(S.Script(0, 0, []))
                return S.Assignment(start, self.tokens.pos, first, following.text, value)
        elements.append(first)
        while self.is_punct(self.peek(EXPRESSION, newlines=newlines), "|"):
            self.take(EXPRESSION, newlines=newlines)
            self.tokens.skip(newlines=True)
            elements.append(self.command())
        if len(elements) == 1 and not isinstance(first, S.Command):
            return first
        return S.Pipeline(start, self.tokens.pos, elements)

    def _first_element(self) -> S.Node:
        text, pos = self.text, self.tokens.pos
        c = text[pos:pos + 1]
        if c in ("&",) or (c == "." and text[pos + 1:pos + 2] in (" ", "\t")):
            return self.command()
        if c and (c in "$'\"(@[!,{0123456789" or c in "\u2018\u2019\u201a\u201b\u201c\u201d\u201e"
                  or (c in "-\u2013" and (text[pos + 1:pos + 2].isdigit() or self._operator_next()))
                  or (c == "." and text[pos + 1:pos + 2].isdigit())):
            return self.expression()
        if c in "-\u2013" and re.match(r"[A-Za-z]", text[pos + 1:pos + 2]):
            raise ParseError(A.PS_UNARY_MINUS, pos + 1, pos + 1)
        return self.command()

    def _operator_next(self) -> bool:
        token = self.peek(EXPRESSION)
        return token.kind == "operator" and token.text in ("not", "bnot")

    def command(self) -> S.Command:
        start = self.tokens.pos
        invoke = ""
        token = self.peek(ARGUMENT)
        if self.is_punct(token, "&") or (token.kind == "word" and token.text == "." and
                                         self._dot_then_space(token)):
            invoke = "&" if token.text == "&" else "."
            self.take(ARGUMENT)
            name = self.argument()
        elif self.text[self.tokens.pos:self.tokens.pos + 1] == "." and self._dot_then_space(token):
            self.tokens.pos += 1
            invoke, name = ".", self.argument()
        else:
            token = self.take(ARGUMENT)
            if token.kind == "word":
                name = S.Constant(token.start, token.end, token.text)
            elif token.kind in ("string", "expandable"):
                name = self._string(token)
            else:
                raise ParseError(f"Unexpected token '{token.text or self.text[token.start:token.start + 1]}' in "
                                 "expression or statement.", token.start, max(token.end, token.start + 1))
        command = S.Command(start, 0, name, [], invoke, name_end=name.end)
        while True:
            token = self.peek(ARGUMENT)
            if token.kind in ENDS or self.is_punct(token, *STOP):
                break
            if token.kind == "parameter":
                self.take(ARGUMENT)
                value = None
                if token.colon:
                    value = self.argument()
                command.elements.append(S.Parameter(token.start, self.tokens.pos, token.text, value, token.colon))
            elif self.is_punct(token, ">", ">>", "2>", "2>>", "2>&1"):
                self.take(ARGUMENT)
                target = None if token.text == "2>&1" else self.argument()
                command.redirections.append(S.Redirection(token.start, self.tokens.pos, token.text, target))
            else:
                command.elements.append(self.argument())
        command.end = self.tokens.pos
        return command

    def _dot_then_space(self, token: Token) -> bool:
        return self.text[token.start:token.start + 2] in (". ", ".\t")

    def argument(self) -> S.Node:
        """One argument: a primary in argument mode, with `,` making an array of them."""
        first = self._argument_primary()
        items = [first]
        while self.is_punct(self.peek(EXPRESSION), ","):
            self.take(EXPRESSION)
            self.tokens.skip(newlines=True)
            items.append(self._argument_primary())
        if len(items) == 1:
            return first
        return S.ArrayLiteral(first.start, items[-1].end, items)

    def _argument_primary(self) -> S.Node:
        token = self.peek(ARGUMENT)
        if token.kind == "word":
            self.take(ARGUMENT)
            m = NUMBER.fullmatch(token.text)
            node = S.Constant(token.start, token.end, number(token.text) if m else token.text)
            return self._joined(node)
        if token.kind in ("string", "expandable"):
            self.take(ARGUMENT)
            return self._joined(self._string(token))
        if token.kind == "end":
            raise ParseError("Missing expression after ','.", token.start, token.start)
        return self._postfix(self._primary())

    def _joined(self, node: S.Node) -> S.Node:
        """`C:\\x\\$name.txt`: a bare word and what touches it form one argument."""
        parts = [node]
        while self.tokens.pos < len(self.text) and not self.text[self.tokens.pos] in " \t\r\n;|(){},&<>":
            following = self.peek(ARGUMENT)
            if following.spaced or following.kind in ENDS or following.kind == "parameter":
                break
            self.take(ARGUMENT)
            if following.kind == "variable":
                parts.append(S.Variable(following.start, following.end, following.text))
            elif following.kind in ("string", "expandable"):
                parts.append(self._string(following))
            else:
                parts.append(S.Constant(following.start, following.end, following.text))
        if len(parts) == 1:
            return node
        return S.Expandable(node.start, parts[-1].end, [p.value if isinstance(p, S.Constant) and isinstance(
            p.value, str) else p for p in parts])
