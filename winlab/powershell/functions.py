"""Script code run as a unit: functions, script blocks (`{ ... }` given to Where-Object or `&`)
and script files, each in a scope of its own, their parameters bound from the arguments.

`param(...)` names bind by name (`-Name value`, a unique prefix) then by position; what is
left is `$args`. `exit N` in a script file ends that script: `$LASTEXITCODE` is N and `$?`
is N == 0. `return` ends a function or script with what it has output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import values as V
from .binding import MISSING, Argument
from .errors import ExitScript, ParseError, ReturnValue
from .language import syntax as S
from .language.parser import parse
from .objects import PSObject

if TYPE_CHECKING:
    from .language.evaluator import Evaluator


def run_function(ev: Evaluator, function: tuple[S.Function, str, str | None], arguments: list[Argument],
                 input: list[Any] | None) -> list[Any]:
    from .language.evaluator import Evaluator
    node, text, file = function
    inner = Evaluator(ev.session, text, file)
    return _run(inner, node.body, arguments, input)


def run_block(ev: Evaluator, block: V.ScriptBlockValue, arguments: list[Argument], input: list[Any] | None,
              underscore: Any = MISSING) -> list[Any]:
    from .language.evaluator import Evaluator
    inner = Evaluator(ev.session, ev.text, ev.file)
    return _run(inner, block.body, arguments, input, underscore)


def run_script_file(ev: Evaluator, path: str, text: str, arguments: list[Argument], dot: bool = False) -> list[Any]:
    from .language.evaluator import Evaluator
    session = ev.session
    text = text.removeprefix("\ufeff")                # a UTF-8 file's byte order mark
    if text.startswith("\xef\xbb\xbf"):              # the same, in a file the lab keeps as bytes (latin-1):
        text = text[3:].encode("latin-1").decode("utf-8", "replace")    # PowerShell reads it as UTF-8
    try:
        script = parse(text)
    except ParseError as error:
        raise Evaluator(session, text, path).fail(error.message, error.start, "ParserError", "ParseException")
    inner = Evaluator(session, text, path)
    invocation = PSObject(("System.Management.Automation.InvocationInfo",), {
        "MyCommand": PSObject(("System.Management.Automation.ExternalScriptInfo",), {
            "Path": path, "Name": path.rsplit("\\", 1)[-1], "Definition": path}, to_string=path.rsplit("\\", 1)[-1]),
        "InvocationName": path})
    try:
        output = _run(inner, script, arguments, None, new_scope=not dot, invocation=invocation)
    except ExitScript as done:
        session.exit_code, session.success = done.code, done.code == 0
        return done.output if hasattr(done, "output") else []
    return output


def _run(ev: Evaluator, body: S.Script, arguments: list[Argument], input: list[Any] | None,
         underscore: Any = MISSING, new_scope: bool = True, invocation: Any = None) -> list[Any]:
    session = ev.session
    scope = session.push_scope() if new_scope else None
    output: list[Any] = []
    try:
        if invocation is not None:
            session.set("MyInvocation", invocation, local=True)
        if underscore is not MISSING:
            session.set("_", underscore, local=True)
        session.set("input", list(input or []), local=True)
        _bind(ev, body.params, arguments)
        sink, session.passthrough = session.passthrough, None       # this run's own output goes to the console
        try:
            ev.run_script(body, sink or output.extend)
        except ReturnValue:
            pass
        except ExitScript as done:
            done.output = output
            raise
    finally:
        if scope is not None:
            session.pop_scope(scope)
    return output


def _bind(ev: Evaluator, params: S.ParamBlock | None, arguments: list[Argument]) -> None:
    session = ev.session
    declared = [(name, default, kind) for name, default, kind in (params.names if params else [])]
    values: dict[str, Any] = {}
    rest: list[Any] = []
    items = iter(arguments)
    for argument in items:
        match = None
        if argument.name is not None:
            candidates = [d for d in declared if d[0].lower().startswith(argument.name.lower())]
            exact = [d for d in candidates if d[0].lower() == argument.name.lower()]
            match = (exact or candidates or [None])[0] if len(exact or candidates) == 1 or exact else None
        if match is None:
            if argument.name is not None:
                rest.append("-" + argument.name)
            if argument.value is not MISSING:
                rest.append(argument.value)
            continue
        name, _, kind = match
        if argument.value is not MISSING:
            values[name] = argument.value
        elif (kind or "").lower() == "switch":
            values[name] = True
        else:
            following = next(items, None)
            values[name] = following.value if following is not None else None
    for name, default, kind in declared:
        if name in values:
            value = values[name]
        elif rest:
            value = rest.pop(0)
        else:
            value = ev.eval(default) if default is not None else (False if (kind or "").lower() == "switch" else None)
        if kind and (kind or "").lower() not in ("switch",):
            from .language.members import cast
            value = cast(kind, value) if value is not None else value
        session.set(name, value, local=True)
    session.set("args", rest, local=True)
