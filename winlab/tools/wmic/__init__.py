"""wmic.exe: `wmic [alias | path CLASS] [where COND] get|list|call ...` over the lab's WMI view.

Aliases: os, qfe, nic, nicconfig, computersystem (and `path Win32_...`). `get` takes a
comma-separated property list and `/value` (or `/format:list`); `list brief|full`; `call`
runs an instance method on every instance the `where` picks (each prints its own
`Executing` block) or a static method on the class. No match: "No Instance(s) Available."
on stderr, exit 0. wmic waits on its console without `<nul`; here stdin never blocks.
"""

from __future__ import annotations

from ... import assumptions as A
from ...cmdshell.argv import split, unquote
from ...context import HostContext
from ...tooling import Invocation, Output
from . import methods, output, wql
from .classes import ALIASES, CLASSES, WmiClass

VALUE_SWITCHES = ("/value", "/format:list", "/format:value")


class WmicError(Exception):
    def __init__(self, stderr: str, stdout: str = ""):
        super().__init__(stderr)
        self.stdout, self.stderr = stdout, stderr


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    try:
        return _run(ctx, split(inv.args, keep_quotes=True))
    except WmicError as error:
        return Output(A.WMIC_ERROR_RC, error.stdout, error.stderr)


def _error(ctx: HostContext, description: str) -> WmicError:
    return WmicError(A.WMIC_ERROR.format(host=ctx.host.netbios, description=description))


def _run(ctx: HostContext, tokens: list[str]) -> Output:
    while tokens and tokens[0].startswith("/"):
        if not tokens.pop(0).lower().startswith(("/interactive:", "/failfast:")):
            raise WmicError(A.WMIC_INVALID_GLOBAL_SWITCH)
    if not tokens:
        return Output(0, A.WMIC_PROMPT)
    cls = _class(ctx, tokens)
    condition = _where(tokens)
    try:
        rows = cls.rows(ctx)
        if condition is not None:
            keep = wql.parse(condition, list(cls.properties))
            rows = [r for r in rows if keep(r)]
    except wql.InvalidQuery:
        raise _error(ctx, A.WMIC_INVALID_QUERY) from None
    verb = unquote(tokens[0]).lower() if tokens else "list"
    if verb == "get":
        return _get(ctx, cls, rows, tokens[1:])
    if verb == "list":
        return _list(ctx, cls, rows, tokens[1:])
    if verb == "call":
        return _call(ctx, cls, rows, condition is not None, tokens[1:])
    if methods.is_verb(cls.name, verb):           # `rename name="NEW"`: the method is the verb
        return _call(ctx, cls, rows, condition is not None, tokens)
    raise WmicError(A.WMIC_INVALID_VERB)


def _class(ctx: HostContext, tokens: list[str]) -> WmiClass:
    first = unquote(tokens.pop(0))
    if first.lower() in ("path", "class") and tokens:
        name = unquote(tokens.pop(0))
        found = CLASSES.get(name.lower())
        if found is None:
            raise _error(ctx, A.WMIC_INVALID_CLASS)
        return found
    found = ALIASES.get(first.lower())
    if found is None:
        raise WmicError(A.WMIC_ALIAS_NOT_FOUND.format(alias=first))
    return found


def _where(tokens: list[str]) -> str | None:
    """The condition after `where`: one word, a quoted string, or a parenthesised group."""
    if not tokens or tokens[0].lower() != "where":
        return None
    tokens.pop(0)
    if not tokens:
        return ""
    clause = tokens.pop(0)
    while clause.count("(") > clause.count(")") and tokens:
        clause += " " + tokens.pop(0)
    if len(clause) >= 2 and clause[0] == clause[-1] == '"':
        clause = clause[1:-1]
    return clause


def _switches(tokens: list[str]) -> tuple[list[str], list[str]]:
    plain = [unquote(t) for t in tokens if not t.startswith("/")]
    return plain, [t.lower() for t in tokens if t.startswith("/")]


def _get(ctx: HostContext, cls: WmiClass, rows: list[dict], tokens: list[str]) -> Output:
    plain, switches = _switches(tokens)
    if any(s not in VALUE_SWITCHES + ("/all", "/format:table") for s in switches):
        raise WmicError(A.WMIC_INVALID_GET)
    wanted = [p.strip() for p in ",".join(plain).split(",") if p.strip()]
    known = {p.lower(): p for p in cls.properties}
    if any(p.lower() not in known for p in wanted):
        raise _error(ctx, A.WMIC_INVALID_QUERY)
    properties = [known[p.lower()] for p in wanted] or list(cls.properties)
    return _show(rows, list(dict.fromkeys(properties)), as_list=any(s in VALUE_SWITCHES for s in switches))


def _list(ctx: HostContext, cls: WmiClass, rows: list[dict], tokens: list[str]) -> Output:
    plain, switches = _switches(tokens)
    form = plain[0].lower() if plain else "default"
    if form not in ("brief", "full", "default") or len(plain) > 1:
        raise WmicError(A.WMIC_INVALID_VERB)
    properties = list(cls.brief) if form == "brief" else list(cls.properties)
    return _show(rows, properties, as_list=form == "full" or any(s in VALUE_SWITCHES for s in switches))


def _show(rows: list[dict], properties: list[str], as_list: bool) -> Output:
    if not rows:
        return Output(0, "", A.WMIC_NO_INSTANCES)
    return Output(0, output.value_list(rows, properties) if as_list else output.table(rows, properties))


def _arguments(parameters: tuple[str, ...], tokens: list[str]) -> list[str] | None:
    """Comma-separated values, positional (declared order) or named (`name="NEW"`); None when
    one names no parameter or there are too many."""
    index = {p.lower(): i for i, p in enumerate(parameters)}
    values: dict[int, str] = {}
    for position, raw in enumerate(a for a in ",".join(tokens).split(",") if a.strip()):
        name, equals, value = raw.partition("=")
        if equals and not raw.startswith('"') and name.strip().lower() in index:
            values[index[name.strip().lower()]] = unquote(value)
        elif position < len(parameters):
            values[position] = unquote(raw)
        else:
            return None
    return [values.get(i, "") for i in range(max(values, default=-1) + 1)]


def _call(ctx: HostContext, cls: WmiClass, rows: list[dict], filtered: bool, tokens: list[str]) -> Output:
    if not tokens:
        raise WmicError(A.WMIC_INVALID_VERB)
    typed = unquote(tokens.pop(0))
    method, static = methods.find(cls.name, typed)
    if method is None:
        raise _error(ctx, A.WMIC_NOT_SUPPORTED if methods.exists(cls.name, typed) else A.WMIC_INVALID_METHOD)
    arguments = _arguments(method.parameters, tokens)
    if arguments is None or len(arguments) < method.required:
        raise _error(ctx, A.WMIC_INVALID_METHOD)
    if static:
        return Output(0, output.static_call(cls.name, typed, method.run(ctx, None, arguments)))
    if not rows:
        return Output(0, "", A.WMIC_NO_INSTANCES)
    blocks = [output.instance_call(ctx.host.netbios, cls.name, cls.key, row, typed, method.run(ctx, row, arguments))
              for row in rows]
    return Output(0, "".join(blocks))
