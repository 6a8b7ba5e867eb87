"""`net share`: list the shares, show one, create one (/GRANT, /REMARK), delete one.

    net share                                  the list: name, resource (path), remark
    net share NAME                             one share, with its Permission lines
    net share NAME="PATH" [/GRANT:user,READ|CHANGE|FULL ...] [/REMARK:"text"] [/UNLIMITED|/USERS:n] [/CACHE:x]
    net share NAME /delete

Texts are net.exe's (NET HELPMSG 2310 "This shared resource does not exist.", 2116 "The device or
directory does not exist.", 2118 "The name has already been shared."); a share without /GRANT
gives Everyone Read [C22]. The layouts of the list and of one share follow public captures.
"""

from __future__ import annotations

from .. import assumptions as A
from .. import quorum, security
from ..cmdshell.argv import split, unquote
from ..cmdshell.files import full_path
from ..context import HostContext
from ..state import Share
from ..tooling import Invocation, Output

OK = "The command completed successfully.\r\n\r\n"
LEVELS = ("READ", "CHANGE", "FULL")
LABEL = "{:<18}"


def run(inv: Invocation, words: list[str]) -> Output:
    ctx: HostContext = inv.host
    if not words:
        return Output(0, listing(ctx))
    target, options = words[0], words[1:]
    if "=" in target:
        name, _, path = target.partition("=")
        return _create(inv, unquote(name), unquote(path), options)
    name = unquote(target)
    if any(o.lower() in ("/delete", "/d") for o in options):
        return _delete(ctx, name)
    if options:
        return _syntax()
    share = find(ctx.host.shares, name)
    if share is None:
        return _error("This shared resource does not exist.", 2310)
    return Output(0, shown(ctx, share))


def find(shares: list[Share], name: str) -> Share | None:
    return next((s for s in shares if s.name.lower() == name.lower()), None)


def listing(ctx: HostContext) -> str:
    rows = [(n, p.format(root=A.SYSTEM_ROOT[ctx.platform]), r) for n, p, r in A.DEFAULT_SHARES]
    rows += [(s.name, s.path, s.remark) for s in ctx.host.shares]
    text = "\r\nShare name   Resource                        Remark\r\n\r\n" + "-" * 79 + "\r\n"
    for name, path, remark in rows:
        text += _row(name, path, remark)
    return text + OK


def _row(name: str, path: str, remark: str) -> str:
    line = f"{name:<{A.NET_SHARE_NAME_WIDTH}} "
    if len(name) > A.NET_SHARE_NAME_WIDTH:
        line = name + "\r\n" + " " * (A.NET_SHARE_NAME_WIDTH + 1)
    if remark and len(path) > A.NET_SHARE_PATH_WIDTH:
        return (line + path).rstrip() + "\r\n" + " " * (A.NET_SHARE_NAME_WIDTH + A.NET_SHARE_PATH_WIDTH + 2) \
            + remark + "\r\n"
    return (line + f"{path:<{A.NET_SHARE_PATH_WIDTH}} {remark}").rstrip() + "\r\n"


def shown(ctx: HostContext, share: Share) -> str:
    grants = [f"{account}, {level}" for account, level in share.grants.items()]
    lines = [("Share name", share.name), ("Path", share.path), ("Remark", share.remark),
             ("Maximum users", "No limit"), ("Users", ""), ("Caching", A.NET_SHARE_CACHING),
             ("Permission", grants[0] if grants else "")]
    text = "".join((LABEL.format(label) + value).rstrip() + "\r\n" for label, value in lines)
    text += "".join(" " * 18 + grant + "\r\n" for grant in grants[1:])
    return text + "\r\n" + OK


def _create(inv: Invocation, name: str, path: str, options: list[str]) -> Output:
    ctx: HostContext = inv.host
    grants, remark = {}, ""
    for option in options:
        key, _, value = option.partition(":")
        key = key.lower()
        if key == "/grant" and (ctx.is_2003 is False or A.NET_SHARE_GRANT_2003):
            account, _, level = unquote(value).rpartition(",")
            resolved = security.resolve(ctx.state, account) if account else None
            if level.upper() not in LEVELS or not account:
                return _syntax()
            if resolved is None:
                return _error("No mapping between account names and security IDs was done.", 1332)
            grants[resolved] = level.upper()
        elif key == "/remark":
            remark = unquote(value)
        elif key not in ("/unlimited", "/users", "/cache"):
            return _syntax()
    if not name or not path:
        return _syntax()
    if find(ctx.host.shares, name) is not None or name.upper() in (n for n, _, _ in A.DEFAULT_SHARES):
        return _error("The name has already been shared.", 2118)
    folder = full_path(path, inv.cwd)
    if not inv.fs.is_dir(folder):
        return _error("The device or directory does not exist.", 2116)
    ctx.host.shares.append(Share(name=name, path=folder, grants=grants or dict(A.SHARE_DEFAULT_GRANT),
                                 remark=remark))
    quorum.refresh(ctx.state)
    return Output(0, f"{name} was shared successfully.\r\n\r\n")


def _delete(ctx: HostContext, name: str) -> Output:
    share = find(ctx.host.shares, name)
    if share is None:
        return _error("This shared resource does not exist.", 2310)
    ctx.host.shares.remove(share)
    quorum.refresh(ctx.state)
    return Output(0, f"{share.name} was deleted successfully.\r\n\r\n")


def _error(text: str, number: int) -> Output:
    return Output(2, "", A.net_helpmsg(text, number))


def _syntax() -> Output:
    return Output(1, "", A.NET_SHARE_SYNTAX)


def arguments(text: str) -> list[str]:
    """net.exe's words: quotes kept around values (NAME="C:\\x y", /GRANT:"D\\u",FULL)."""
    return split(text, keep_quotes=True)
