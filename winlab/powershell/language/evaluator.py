"""Running a syntax tree: statements, pipelines and expressions, with PowerShell's error flow.

Errors come in three strengths, as in PowerShell 1.0:
- non-terminating (a cmdlet's `ctx.error`): shown, `$?` False, the pipeline goes on;
- statement-terminating (a cmdlet's CmdletError, an unknown command, a binding or runtime
  error): shown, the statement stops, the script goes on with the next one;
- script-terminating (`throw`, and any error while `$ErrorActionPreference` is Stop): the
  script stops, unless a `trap` of the current scope handles it.
A `trap` sees the error in `$_`; after it the script goes on with the next statement
(`continue`: without showing the error; `break`: the error ends the script).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from .. import values as V
from ..errors import ErrorRecord, ExitScript, FlowBreak, Position, PSError, ReturnValue
from ..session import Session
from . import members, operators
from . import syntax as S


class Evaluator:
    def __init__(self, session: Session, text: str, file: str | None = None):
        self.session, self.text, self.file = session, text, file
        self.traps: list[list[S.Trap]] = [[]]

    # --- errors ------------------------------------------------------------------------

    def position(self, offset: int) -> Position:
        return Position(self.text, offset, self.file)

    def fail(self, message: str, offset: int, category: str = "InvalidOperation", error_id: str = "RuntimeException",
             command: str = "", script: bool = False) -> PSError:
        error = PSError(ErrorRecord(message, category, error_id, None, command, self.position(offset)))
        error.script = script
        return error

    # --- statements --------------------------------------------------------------------

    def run_script(self, script: S.Script, emit: Callable[[list[Any]], None]) -> None:
        """A script or function body: its traps apply to every statement in it."""
        self.traps.append(script.traps)
        try:
            self.block(script, emit)
        finally:
            self.traps.pop()

    def block(self, script: S.Script, emit: Callable[[list[Any]], None]) -> None:
        for statement in script.statements:
            try:
                self.statement(statement, emit)
            except PSError as error:
                self._handle(error, emit)

    def _handle(self, error: PSError, emit: Callable[[list[Any]], None]) -> None:
        session = self.session
        session.success = False
        traps = self.traps[-1]
        if traps:
            outcome = self._trap(traps[0], error, emit)
            if outcome == "continue":
                return
            session.report(error.record)
            if outcome == "break":
                error.script, error.reported = True, True
                raise error
            return
        stopping = str(session.get("ErrorActionPreference") or "").lower() == "stop"
        if getattr(error, "script", False) or stopping:
            error.script = True
            raise error
        session.report(error.record)

    def _trap(self, trap: S.Trap, error: PSError, emit: Callable[[list[Any]], None]) -> str:
        scope = self.session.push_scope()
        self.session.set("_", error.record, local=True)
        try:
            self.block(trap.body, emit)
        except FlowBreak as flow:
            return flow.kind
        finally:
            self.session.pop_scope(scope)
        return "after"

    def statement(self, node: S.Node, emit: Callable[[list[Any]], None]) -> None:
        self.session.spend()                    # the WinRS command's limits bound a runaway loop (limits.py)
        try:
            self._statement(node, emit)
        except (V.ConversionError, re.error, OverflowError) as error:     # a conversion deep in an expression
            raise self.fail(_runtime_message(error), node.end, "InvalidArgument", "RuntimeException") from None

    def _statement(self, node: S.Node, emit: Callable[[list[Any]], None]) -> None:
        handler = _STATEMENTS.get(type(node))
        if handler is not None:
            handler(self, node, emit)
            return
        value = self.eval(node)
        self.session.success = True
        emit(V.enumerate_value(value) if not isinstance(node, S.Paren) or isinstance(value, list) else [value])

    def _pipeline(self, node: S.Pipeline, emit: Callable[[list[Any]], None]) -> None:
        if len(node.elements) == 1 and isinstance(node.elements[0], S.Command):
            self._command(node.elements[0], emit)
        else:
            emit(self.pipeline(node))

    def _command(self, node: S.Command, emit: Callable[[list[Any]], None]) -> None:
        """A command alone in its statement, its output shown: a script or function it runs shows
        each of its statements' output as it comes (interleaved with Write-Host, as PowerShell streams)."""
        session = self.session
        direct = getattr(emit, "direct", False) and not node.redirections
        session.passthrough = emit if direct else None
        try:
            emit(self.pipeline(S.Pipeline(node.start, node.end, [node])))
        finally:
            session.passthrough = None

    def _assignment(self, node: S.Assignment, emit: Callable[[list[Any]], None]) -> None:
        value = self.collect(node.value)
        if node.op != "=":
            value = self._binary(node.op[0], self.eval(node.target), value, node.start)
        self.assign(node.target, value)
        self.session.success = True

    def _if(self, node: S.If, emit: Callable[[list[Any]], None]) -> None:
        for condition, body in node.clauses:
            if V.truthy(self.collect(condition)):
                self.block(body, emit)
                return
        if node.otherwise is not None:
            self.block(node.otherwise, emit)

    def _foreach(self, node: S.ForEach, emit: Callable[[list[Any]], None]) -> None:
        for item in V.enumerate_value(self.collect(node.collection)):
            self.session.set(node.variable, item)
            if self._loop_body(node.body, emit) == "break":
                break

    def _while(self, node: S.While, emit: Callable[[list[Any]], None]) -> None:
        if node.do and self._loop_body(node.body, emit) == "break":
            return
        while V.truthy(self.collect(node.condition)) == (node.do != "until"):
            if self._loop_body(node.body, emit) == "break":
                break

    def _for(self, node: S.For, emit: Callable[[list[Any]], None]) -> None:
        if node.init is not None:
            self.statement(node.init, lambda values: None)
        while node.condition is None or V.truthy(self.collect(node.condition)):
            if self._loop_body(node.body, emit) == "break":
                break
            if node.step is not None:
                self.statement(node.step, lambda values: None)

    def _loop_body(self, body: S.Script, emit: Callable[[list[Any]], None]) -> str:
        try:
            self.block(body, emit)
        except FlowBreak as flow:
            return flow.kind
        return ""

    def _function(self, node: S.Function, emit: Callable[[list[Any]], None]) -> None:
        self.session.functions[node.name.lower()] = (node, self.text, self.file)

    def _flow(self, node: S.Flow, emit: Callable[[list[Any]], None]) -> None:
        value = self.collect(node.value) if node.value is not None else None
        if node.keyword == "exit":
            raise ExitScript(_exit_code(value))
        if node.keyword == "throw":
            message = V.to_string(value) if value is not None else "ScriptHalted"
            if isinstance(value, ErrorRecord):
                message = value.message
            raise self.fail(message, node.start + len("throw"), "OperationStopped", message, script=True)
        if node.keyword == "return":
            if node.value is not None:
                emit(V.enumerate_value(value))
            raise ReturnValue()
        raise FlowBreak(node.keyword)

    # --- pipelines ------------------------------------------------------------------------

    def collect(self, node: S.Node) -> Any:
        """A pipeline or expression's value: one object as itself, several as an array."""
        if isinstance(node, (S.Pipeline, S.Command)):
            values = self.pipeline(node if isinstance(node, S.Pipeline) else S.Pipeline(node.start, node.end, [node]))
            return values[0] if len(values) == 1 else (values or None)
        if isinstance(node, S.Assignment):
            self._assignment(node, lambda v: None)
            return None
        return self.eval(node)

    def pipeline(self, node: S.Pipeline) -> list[Any]:
        from ..invocation import run_command
        values: list[Any] | None = None
        for element in node.elements:
            if isinstance(element, S.Command):
                values = run_command(self, element, values)
            else:
                values = V.enumerate_value(self.eval(element))
                self.session.success = True
        return values or []

    # --- expressions ------------------------------------------------------------------------

    def eval(self, node: S.Node) -> Any:
        handler = _EXPRESSIONS.get(type(node))
        if handler is None:
            return self.collect(node)
        return handler(self, node)

    def _constant(self, node: S.Constant) -> Any:
        return node.value

    def _variable(self, node: S.Variable) -> Any:
        return self.session.get(node.name)

    def _expandable(self, node: S.Expandable) -> str:
        out = []
        for part in node.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                value = self.eval(part)
                out.append(V.to_string(value))         # invariant culture, as PowerShell expands
        return "".join(out)

    def _array(self, node: S.ArrayLiteral) -> list[Any]:
        return [self.eval(item) for item in node.items]

    def _subexpression(self, node: S.SubExpression) -> Any:
        values: list[Any] = []
        for statement in node.statements:
            self.statement(statement, values.extend)
        if node.array:
            return values
        return values[0] if len(values) == 1 else (values or None)

    def _paren(self, node: S.Paren) -> Any:
        return self.collect(node.pipeline)

    def _hash(self, node: S.HashLiteral) -> dict[str, Any]:
        return {V.to_string(self.eval(key)): self.collect(value) for key, value in node.pairs}

    def _scriptblock(self, node: S.ScriptBlock) -> V.ScriptBlockValue:
        return V.ScriptBlockValue(node.body, node.text)

    def _type(self, node: S.TypeLiteral) -> Any:
        return TypeValue(node.name)

    def _cast(self, node: S.Cast) -> Any:
        value = self.eval(node.operand)
        try:
            return members.cast(node.type_name, value)
        except members.MemberError as error:
            raise self.fail(str(error), node.end, "InvalidArgument", "InvalidCastFromStringToInteger")

    def _member(self, node: S.Member) -> Any:
        target = self.eval(node.target)
        name = node.name if isinstance(node.name, str) else V.to_string(self.eval(node.name))
        if isinstance(target, TypeValue):
            try:
                return members.static_member(target.name, name, self._now())
            except members.MemberError as error:
                raise self.fail(str(error), node.start, "InvalidOperation", "TypeNotFound")
        return members.get_property(target, name)

    def _invoke(self, node: S.Invoke) -> Any:
        target = self.eval(node.target)
        args = [self.eval(a) for a in node.args]
        try:
            if isinstance(target, TypeValue):
                return members.static_call(target.name, node.name, args)
            return members.call_method(target, node.name, args)
        except members.MemberError as error:
            raise self.fail(str(error), node.end, "InvalidOperation", "MethodNotFound")

    def _index(self, node: S.Index) -> Any:
        target = self.eval(node.target)
        index = self.eval(node.index)
        if isinstance(target, dict):
            return members.get_property(target, V.to_string(index))
        if isinstance(target, str):
            target = list(target)
        if not isinstance(target, list):
            if target is None:
                raise self.fail("Cannot index into a null array.", node.end, "InvalidOperation", "NullArray")
            target = [target]
        if isinstance(index, list):
            return [self._item(target, i) for i in index]
        return self._item(target, index)

    @staticmethod
    def _item(items: list[Any], index: Any) -> Any:
        i = int(V.to_number(index))
        return items[i] if -len(items) <= i < len(items) else None

    def _unary(self, node: S.Unary) -> Any:
        value = self.eval(node.operand)
        if node.op == "not":
            return not V.truthy(value)
        if node.op == "array":
            return [value]
        if node.op == "bnot":
            return ~int(V.to_number(value))
        number = self._number(value, node.end)
        return -number if node.op == "-" else number

    def _binary_node(self, node: S.Binary) -> Any:
        if node.op in ("and", "or"):
            left = V.truthy(self.eval(node.left))
            if left == (node.op == "or"):
                return left
            return V.truthy(self.eval(node.right))
        return self._binary(node.op, self.eval(node.left), self.eval(node.right), node.left.end)

    def _binary(self, op: str, left: Any, right: Any, offset: int) -> Any:
        try:
            return operators.binary(op, left, right, lambda m: self.session.set("matches", m))
        except (operators.OperatorError, V.ConversionError) as error:
            raise self.fail(str(error), offset, "InvalidOperation", "RuntimeException")

    def _number(self, value: Any, offset: int) -> int | float:
        try:
            return V.to_number(value)
        except V.ConversionError as error:
            raise self.fail(str(error), offset, "InvalidArgument", "InvalidCastFromStringToInteger")

    def _now(self):
        from datetime import datetime, timezone
        return datetime.fromtimestamp(self.session.host_context.now, timezone.utc).replace(tzinfo=None)

    # --- assignment -----------------------------------------------------------------------------

    def assign(self, target: S.Node, value: Any) -> None:
        if isinstance(target, S.Variable):
            self.session.set(target.name, value)
        elif isinstance(target, S.Member):
            name = target.name if isinstance(target.name, str) else V.to_string(self.eval(target.name))
            try:
                members.set_property(self.eval(target.target), name, value)
            except members.MemberError as error:
                raise self.fail(str(error), target.end, "InvalidOperation", "PropertyAssignmentException")
        elif isinstance(target, S.Index):
            container = self.eval(target.target)
            index = self.eval(target.index)
            if isinstance(container, dict):
                members.set_property(container, V.to_string(index), value)
            elif isinstance(container, list):
                container[int(V.to_number(index))] = value
            else:
                raise self.fail("Unable to index into an object of type " + V.type_name(container) + ".",
                                target.end)


class TypeValue:
    """`[datetime]` as a value: what `::` looks its static members up on."""

    def __init__(self, name: str):
        self.name = name

    def __str__(self) -> str:
        return self.name


def _runtime_message(error: Exception) -> str:
    if isinstance(error, re.error):
        return f"Invalid regular expression pattern: {error.pattern}." if error.pattern else str(error)
    if isinstance(error, OverflowError):
        return "Arithmetic operation resulted in an overflow."
    return str(error)


def _exit_code(value: Any) -> int:
    if value is None:
        return 0
    try:
        return int(V.to_number(value))
    except V.ConversionError:
        return 0


_EXPRESSIONS = {
    S.Constant: Evaluator._constant, S.Variable: Evaluator._variable, S.Expandable: Evaluator._expandable,
    S.ArrayLiteral: Evaluator._array, S.SubExpression: Evaluator._subexpression, S.Paren: Evaluator._paren,
    S.HashLiteral: Evaluator._hash, S.ScriptBlock: Evaluator._scriptblock, S.TypeLiteral: Evaluator._type,
    S.Cast: Evaluator._cast, S.Member: Evaluator._member, S.Invoke: Evaluator._invoke, S.Index: Evaluator._index,
    S.Unary: Evaluator._unary, S.Binary: Evaluator._binary_node,
}
_STATEMENTS = {
    S.Pipeline: Evaluator._pipeline, S.Command: Evaluator._command, S.Assignment: Evaluator._assignment,
    S.If: Evaluator._if, S.ForEach: Evaluator._foreach, S.While: Evaluator._while, S.For: Evaluator._for,
    S.Function: Evaluator._function, S.Flow: Evaluator._flow,
}
