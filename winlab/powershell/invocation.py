"""Running one command of a pipeline: what its name finds, its arguments, its redirections.

A name is looked up as PowerShell 1.0 does: an alias, a function, a cmdlet of a loaded
snap-in (`date` finds Get-Date too), a script (only with a path: `.\\x.ps1`, and only as
the execution policy allows), then a program of the host (the cmd shell's program registry:
it sets `$LASTEXITCODE`, its output lines are strings in the pipeline, its stderr goes to
the console). Anything else is not recognized.
"""

from __future__ import annotations

import ntpath
from typing import TYPE_CHECKING, Any

from .. import assumptions as A
from ..tooling import Invocation
from . import values as V
from .binding import MISSING, Argument, BindingError, bind, convert
from .commands import Cmdlet, CmdletError
from .context import CmdletContext
from .errors import ErrorRecord, PSError, unknown_term
from .install import canonical_policy
from .language import syntax as S

if TYPE_CHECKING:
    from .language.evaluator import Evaluator

ALIASES = {"%": "ForEach-Object", "foreach": "ForEach-Object", "?": "Where-Object", "where": "Where-Object",
           "select": "Select-Object", "fl": "Format-List", "ft": "Format-Table", "echo": "Write-Output",
           "write": "Write-Output", "gc": "Get-Content", "cat": "Get-Content", "type": "Get-Content",
           "sleep": "Start-Sleep", "measure": "Measure-Object", "gsv": "Get-Service", "cd": "Set-Location",
           "sl": "Set-Location", "pwd": "Get-Location", "gl": "Get-Location", "oh": "Out-Host"}
CMD_PROGRAMS = {"cmd", "find", "findstr", "sort", "more", "certutil", "hostname"}


def run_command(ev: Evaluator, node: S.Command, input: list[Any] | None) -> list[Any]:
    target = ev.eval(node.name) if node.invoke or not isinstance(node.name, S.Constant) else node.name.value
    arguments = [_argument(ev, element) for element in node.elements]
    if isinstance(target, V.ScriptBlockValue):
        from .functions import run_block
        return _redirect(ev, node, run_block(ev, target, arguments, input))
    name = V.to_string(target)
    silenced = any(r.op in ("2>", "2>>") for r in node.redirections)
    ev.session.silenced += silenced             # `2>$null`, `2> file`: errors not shown (still in $Error)
    try:
        output = _dispatch(ev, node, name, arguments, input)
    finally:
        ev.session.silenced -= silenced
    return _redirect(ev, node, output)


def _argument(ev: Evaluator, element: S.Node) -> Argument:
    if isinstance(element, S.Parameter):
        value = ev.eval(element.value) if element.value is not None else MISSING
        return Argument(value, element.name, element.end, element.colon)
    return Argument(ev.eval(element), None, element.end)


def _dispatch(ev: Evaluator, node: S.Command, name: str, arguments: list[Argument], input: list[Any] | None) -> list:
    session = ev.session
    resolved = ALIASES.get(name.lower(), name)
    function = session.functions.get(resolved.lower())
    if function is not None:
        from .functions import run_function
        return run_function(ev, function, arguments, input)
    cmdlet = session.cmdlet(resolved) or (session.cmdlet("Get-" + resolved) if "-" not in resolved
                                          and "\\" not in resolved else None)
    if cmdlet is not None:
        return run_cmdlet(ev, node, cmdlet, arguments, input)
    if _is_script(name):
        return _script(ev, node, name, arguments)
    return _native(ev, node, name, arguments, input)


# --- cmdlets -------------------------------------------------------------------------------

def run_cmdlet(ev: Evaluator, node: S.Command, cmdlet: Cmdlet, arguments: list[Argument],
               input: list[Any] | None) -> list[Any]:
    session = ev.session
    try:
        bound = bind(cmdlet, arguments, bool(input), session.interactive, session.read_line)
    except BindingError as error:
        raise ev.fail(error.message, error.offset, error.category, error.error_id, command=cmdlet.name)
    session.passthrough = None                  # script blocks a cmdlet runs give their output to the cmdlet
    ctx = CmdletContext(session, cmdlet, bound.common, ev.position(node.name_end))
    ctx.evaluator = ev
    session.success = True
    output: list[Any] = []
    try:
        if bound.pipeline is not None:
            for item in input or []:
                params = dict(bound.params)
                try:
                    params[bound.pipeline.name] = convert(bound.pipeline, item, node.end)
                except BindingError as error:
                    ctx.error(error.message, "InvalidArgument", error.error_id, item)
                    continue
                output.extend(_values(cmdlet.run(ctx, params, [item])))
        else:
            output.extend(_values(cmdlet.run(ctx, bound.params, list(input or []))))
    except CmdletError as error:
        record = ErrorRecord(error.message, error.category, error.error_id, error.target, cmdlet.name,
                             ev.position(node.name_end))
        raised = PSError(record)
        raised.partial = output
        raise raised
    if ctx.failed:
        session.success = False
    if bound.common.get("OutVariable"):
        session.set(bound.common["OutVariable"], output)
    return output


def _values(result: Any) -> list[Any]:
    if result is None:
        return []
    if isinstance(result, (str, dict)) or not hasattr(result, "__iter__"):
        return [result]
    return list(result)


# --- scripts ---------------------------------------------------------------------------------

def _is_script(name: str) -> bool:
    return name.lower().endswith(".ps1") or (("\\" in name or "/" in name) and "." not in ntpath.basename(name))


def _script(ev: Evaluator, node: S.Command, name: str, arguments: list[Argument]) -> list[Any]:
    session = ev.session
    path = resolve_path(session, name if name.lower().endswith(".ps1") else name + ".ps1")
    text = _read(session, path) if ("\\" in name or "/" in name) else None     # a bare name is never a script
    if text is None:
        return _native(ev, node, name, arguments, None)
    policy = canonical_policy(session.host_context.host.powershell.execution_policy) or "Restricted"
    if policy in ("Restricted", "AllSigned"):
        message = (A.PS_SCRIPTS_DISABLED if policy == "Restricted" else A.PS_NOT_SIGNED).format(path=path)
        raise ev.fail(message, node.name_end, "NotSpecified", "RuntimeException")
    from .functions import run_script_file
    return run_script_file(ev, path, text, arguments, dot=node.invoke == ".")


def _read(session, path: str) -> str | None:
    fs = getattr(session.shell, "fs", None)
    return fs.read(path) if fs is not None else None


def resolve_path(session, typed: str) -> str:
    from ..cmdshell.files import full_path
    return full_path(typed.replace("/", "\\"), session.cwd)


# --- programs of the host ----------------------------------------------------------------

def _native(ev: Evaluator, node: S.Command, name: str, arguments: list[Argument], input: list[Any] | None) -> list:
    session = ev.session
    shell = session.shell
    tool = shell.tools.lookup(name) if shell is not None and shell.tools is not None else None
    program = ntpath.basename(name).lower().removesuffix(".exe")
    args = native_arguments(arguments)
    stdin = "".join(V.to_string(v) + "\r\n" for v in input or [])
    if tool is not None:
        output = tool(Invocation(name, args, stdin, dict(session.env), shell.fs, session.cwd, shell.host, shell))
    elif shell is not None and (program in CMD_PROGRAMS or name.lower().endswith((".cmd", ".bat"))):
        output = shell.run(_cmd_quote(name) + (" " + args if args else ""), stdin)
    else:
        raise ev.fail(unknown_term(name), node.name_end, "ObjectNotFound", "CommandNotFoundException",
                      command=name)
    session.exit_code = output.rc
    lines = output.stdout.split("\r\n") if output.stdout else []
    if lines and lines[-1] == "":
        lines.pop()
    merged = any(r.op == "2>&1" for r in node.redirections)
    silenced = any(r.op.startswith("2>") and r.op != "2>&1" for r in node.redirections)
    if output.stderr and merged:
        lines += [line for line in output.stderr.split("\r\n") if line]
    elif output.stderr and not silenced:
        session.err.append(output.stderr.removesuffix("\r\n"))
    session.success = output.rc == 0
    return [line.rstrip("\r") for line in lines]


def native_arguments(arguments: list[Argument]) -> str:
    """The command line PowerShell 1.0 builds: each argument's text, quoted when it has a blank."""
    words: list[str] = []
    for argument in arguments:
        if argument.name is not None:
            head = "-" + argument.name + (":" if argument.colon else "")
            if argument.value is MISSING:
                words.append(head)
                continue
            words.append(head + _word(argument.value) if argument.colon else head)
            if not argument.colon:
                words.append(_word(argument.value))
            continue
        for value in V.enumerate_value(argument.value) if isinstance(argument.value, list) else [argument.value]:
            words.append(_word(value))
    return " ".join(w for w in words if w != "")


def _word(value: Any) -> str:
    text = V.to_string(value)
    if any(c in text for c in " \t") and not (text.startswith('"') and text.endswith('"')):
        return f'"{text}"'
    return text


def _cmd_quote(name: str) -> str:
    return f'"{name}"' if " " in name else name


# --- redirections ----------------------------------------------------------------------------

def _redirect(ev: Evaluator, node: S.Command, output: list[Any]) -> list[Any]:
    files = [r for r in node.redirections if r.op in (">", ">>") and r.target is not None]
    if not files:
        return output
    from .formatting.output import render
    session = ev.session
    for redirection in files:
        target = ev.eval(redirection.target)
        if target is None:
            return []
        text = "".join(line + "\r\n" for line in render(session, output))
        path = resolve_path(session, V.to_string(target))
        session.shell.fs.write(path, text, append=redirection.op == ">>")
    return []

