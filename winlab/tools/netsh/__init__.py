"""netsh.exe: the `interface` context with `interface ip` (2003) or `interface ipv4` (2008).

The context tree and each command's tags follow the XP/2003 help [C1][S56] and the
Vista/2008 names (`set dnsservers`, `address=`); netsh matches every word by prefix, so
2008 also takes the 2003 spellings (`interface ip`, `set dns`, `addr=`) as Vista does.
A command netsh does not have fails with "The following command was not found".
"""

from __future__ import annotations

from functools import partial

from ... import assumptions as A
from ...cmdshell.argv import split
from ...context import HostContext
from ...tooling import Invocation, Output
from . import reports, settings
from .grammar import Command, NetshError, parse_tags, pick

Context = dict  # {"contexts": {name: Context}, "commands": [Command]}


def _ip_context(addr: str, dns: str, wins: str, address_cmd: str) -> Context:
    """`interface ip` (2003: addr, dns, wins) or `interface ipv4` (2008: address, dnsservers, winsservers)."""
    cmds = [
        Command(("set", "address"), ("name", "source", addr, "mask", "gateway", "gwmetric"),
                partial(settings.set_address, addr=addr)),
        Command(("add", "address"), ("name", addr, "mask", "gateway", "gwmetric"),
                partial(settings.add_address, addr=addr)),
        Command(("delete", "address"), ("name", addr, "gateway"), partial(settings.delete_address, addr=addr)),
        Command(("set", dns), ("name", "source", addr, "register"),
                partial(settings.set_servers, addr=addr, kind="dns")),
        Command(("add", dns), ("name", addr, "index"), partial(settings.add_server, addr=addr, kind="dns")),
        Command(("delete", dns), ("name", addr), partial(settings.delete_server, addr=addr, kind="dns")),
        Command(("set", wins), ("name", "source", addr), partial(settings.set_servers, addr=addr, kind="wins")),
        Command(("add", wins), ("name", addr, "index"), partial(settings.add_server, addr=addr, kind="wins")),
        Command(("delete", wins), ("name", addr), partial(settings.delete_server, addr=addr, kind="wins")),
        Command(("show", "config"), ("name",), reports.show_config),
        Command(("show", address_cmd), ("name",), partial(reports.show, parts=("address",))),
        Command(("show", dns), ("name",), partial(reports.show, parts=("dns",))),
        Command(("show", wins), ("name",), partial(reports.show, parts=("wins",))),
        Command(("dump",), (), reports.dump),
    ]
    return {"contexts": {}, "commands": cmds}


def _tree(platform: str) -> Context:
    rename = Command(("set", "interface"), ("name", "admin", "connect", "newname"), settings.set_interface)
    if platform == "windows-2003":
        ip = _ip_context("addr", "dns", "wins", "address")
        contexts = {"ip": ip}
    else:
        ipv4 = _ip_context("address", "dnsservers", "winsservers", "addresses")
        contexts = {"ipv4": ipv4, "ip": ipv4}       # Vista keeps `interface ip` as an alias
    return {"contexts": {"interface": {"contexts": contexts, "commands": [rename]}}, "commands": []}


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    tokens = split(inv.args)
    if not tokens:
        return Output(0, A.NETSH_PROMPT)
    found = _resolve(_tree(ctx.platform), tokens)
    if found is None:
        return Output(1, A.NETSH_NOT_FOUND.format(command=inv.args.strip()))
    command, arguments = found
    try:
        return Output(0, command.handler(ctx, parse_tags(command, arguments, ctx.platform)))
    except NetshError as error:
        return Output(A.NETSH_ERROR_RC, str(error))


def _resolve(context: Context, tokens: list[str]) -> tuple[Command, list[str]] | None:
    """Walk contexts by prefix, then find the command; the rest are its arguments."""
    if not tokens:
        return None
    sub = pick(tokens[0], list(context["contexts"]))
    commands = context["commands"]
    verbs = sorted({c.words[0] for c in commands})
    verb = pick(tokens[0], verbs)
    if sub is not None and verb is None:
        return _resolve(context["contexts"][sub], tokens[1:])
    if verb is None:
        return None
    candidates = [c for c in commands if c.words[0] == verb]
    one_word = [c for c in candidates if len(c.words) == 1]
    if one_word:
        return one_word[0], tokens[1:]
    if len(tokens) < 2:
        return None
    noun = pick(tokens[1], [c.words[1] for c in candidates])
    command = next((c for c in candidates if noun and c.words[1] == noun), None)
    return (command, tokens[2:]) if command else None

