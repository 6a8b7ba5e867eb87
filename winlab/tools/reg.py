"""reg.exe: `reg query KEY [/v VALUE | /ve] [/s]` and `reg add KEY /v VALUE /t TYPE /d DATA [/f]`.

Reads and writes go to the registry view derived from the host's state (`winregistry`).
2003's reg.exe (version 3.0) prints a banner and tabs between name, type and data, and
ends REG_MULTI_SZ data with `\\0\\0`; 2008's prints no banner and separates by 4 spaces.
Only HKEY_LOCAL_MACHINE is emulated; `reg add` only for values that map back to the
state (binding order, NetbiosOptions, connection name, EnableLMHOSTS).
"""

from __future__ import annotations

from .. import assumptions as A
from .. import winregistry
from ..cmdshell.argv import split
from ..context import HostContext
from ..tooling import Invocation, Output, crlf

ROOTS = ("HKLM", "HKEY_LOCAL_MACHINE")
LONG_ROOT = "HKEY_LOCAL_MACHINE"
TYPES = ("REG_SZ", "REG_MULTI_SZ", "REG_DWORD", "REG_EXPAND_SZ", "REG_BINARY", "REG_NONE")


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    args = split(inv.args)
    operation = args[0].upper() if args else ""
    if operation == "QUERY":
        return _query(ctx, args[1:])
    if operation == "ADD":
        return _add(ctx, args[1:], inv.stdin)
    return _syntax(ctx, operation or "")


def _syntax(ctx: HostContext, op: str) -> Output:
    return Output(1, "", A.REG_SYNTAX[ctx.platform].format(op=op or "/?"))


def _split_key(text: str) -> str | None:
    """The path below HKLM, or None for another root (not emulated) or a remote key."""
    root, _, rest = text.partition("\\")
    if root.upper() not in ROOTS:
        return None
    return rest.rstrip("\\")


def _options(args: list[str], flags: tuple[str, ...], with_value: tuple[str, ...]) -> dict[str, str] | None:
    found: dict[str, str] = {}
    i = 0
    while i < len(args):
        name = args[i].lower()
        if name in with_value and i + 1 < len(args):
            found[name], i = args[i + 1], i + 2
        elif name in flags:
            found[name], i = "", i + 1
        else:
            return None
    return found


def _query(ctx: HostContext, args: list[str]) -> Output:
    options = _options(args[1:], ("/ve", "/s"), ("/v",)) if args else None
    if options is None or ("/v" in options and "/ve" in options):
        return _syntax(ctx, "QUERY")
    path = _split_key(args[0])
    keys = winregistry.view(ctx)
    key = keys.get((path or "").upper()) if path is not None else None
    if key is None:
        return Output(1, "", A.REG_NOT_FOUND[ctx.platform])
    shown = f"{LONG_ROOT}\\{path}" if path else LONG_ROOT
    if "/v" in options or "/ve" in options:
        value = key.value(options.get("/v", ""))
        if value is None:
            return Output(1, "", A.REG_NOT_FOUND[ctx.platform])
        return Output(0, _listing(ctx, shown, [value], []))
    subkeys = [f"{LONG_ROOT}\\{s}" for s in key.subkeys]
    text = _listing(ctx, shown, key.values, subkeys)
    if "/s" in options:
        text += "".join(_listing(ctx, f"{LONG_ROOT}\\{k.path}", k.values, [], banner=False)
                        for k in _below(keys, key))
    return Output(0, text)


def _below(keys: dict, key) -> list:
    out = []
    for sub in key.subkeys:
        child = keys[sub.upper()]
        out += [child] + _below(keys, child)
    return out


def _listing(ctx: HostContext, shown: str, values: list, subkeys: list[str], banner: bool = True) -> str:
    sep = A.REG_SEPARATOR[ctx.platform]
    lines = [shown] + [f"    {v.name}{sep}{v.type}{sep}{_data(ctx, v)}" for v in values] + [""]
    lines += subkeys + ([""] if subkeys and not ctx.is_2003 else [])
    head = (A.REG_BANNER[ctx.platform] + "\r\n") if banner and ctx.is_2003 else "\r\n"
    return head + crlf(lines)


def _data(ctx: HostContext, value) -> str:
    if value.type == "REG_DWORD":
        return hex(value.data)
    if value.type == "REG_MULTI_SZ":
        joined = "\\0".join(value.data)
        return joined + "\\0\\0" if ctx.is_2003 else joined
    return str(value.data)


def _add(ctx: HostContext, args: list[str], stdin: str) -> Output:
    options = _options(args[1:], ("/f", "/ve"), ("/v", "/t", "/d", "/s")) if args else None
    if options is None or "/v" not in options or options.get("/t", "REG_SZ").upper() not in TYPES:
        return _syntax(ctx, "ADD")
    path = _split_key(args[0])
    kind = options.get("/t", "REG_SZ").upper()
    data = _parse_data(kind, options.get("/d", ""), options.get("/s", "\\0"))
    if path is None or data is None:
        return _syntax(ctx, "ADD")
    key = winregistry.view(ctx).get(path.upper())
    if key is not None and key.value(options["/v"]) is not None and "/f" not in options:
        prompt = A.REG_OVERWRITE_PROMPT.format(name=options["/v"])
        if not stdin.strip().lower().startswith("y"):
            return Output(0, prompt + A.REG_CANCELLED)
    try:
        winregistry.write(ctx, path, options["/v"], kind, data)
    except winregistry.Refused:
        return Output(1, "", A.REG_ACCESS_DENIED[ctx.platform])
    return Output(0, A.REG_ADD_OK[ctx.platform])


def _parse_data(kind: str, text: str, separator: str):
    if kind == "REG_DWORD":
        try:
            return int(text, 16) if text.lower().startswith("0x") else int(text or "0")
        except ValueError:
            return None
    if kind == "REG_MULTI_SZ":
        return [part for part in text.split(separator) if part]
    return text
