"""cacls.exe: show or change a folder's ACL [S74][C23].

    cacls FOLDER                                  the ACL, one entry a line
    cacls FOLDER [/T] [/E] [/C] [/G user:perm ...] [/R user ...] [/P user:perm ...] [/D user ...]

perm is R W C F (and N for /P). Without /E the grants replace the whole ACL, after the
question "Are you sure (Y/N)?", read from stdin: only the answer `y` (any case, nothing after
it: `echo y |`, with its space, declines [C23]) goes on; no answer (`<nul`) declines. /R is
only valid with /E. The listing: the path, a space, the first entry; the next entries under
it; each `ACCOUNT:(flags)R|W|C|F`, with `(special access:)` and one right a line for the rest.
"""

from __future__ import annotations

from .. import assumptions as A
from .. import security
from ..cmdshell.argv import split, unquote
from ..cmdshell.files import full_path
from ..context import HostContext
from ..state import Ace
from ..tooling import Invocation, Output

PERMS = {"R", "W", "C", "F"}


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    words = [unquote(w) for w in split(inv.args, keep_quotes=True)]
    if not words or words[0].startswith("/"):
        return _fail(A.CACLS_INVALID)
    path = full_path(words[0], inv.cwd)
    if not inv.fs.is_dir(path):
        return _fail(A.CACLS_NOT_FOUND)
    if len(words) == 1:
        return Output(0, listing(ctx, path, security.folder_acl(ctx.state, ctx.host, path)))
    try:
        edit, grants, revoked = _parse(ctx, words[1:])
    except ValueError as error:
        return _fail(error.args[0])
    if not edit:
        answer = (inv.stdin.splitlines() or [""])[0]
        if answer.strip("\r").lower() != "y":
            return Output(0, A.CACLS_PROMPT)
        acl = []
    else:
        acl = [a for a in security.folder_acl(ctx.state, ctx.host, path)
               if a.account.lower() not in revoked and a.account.lower() not in {g.account.lower() for g in grants}]
    security.set_folder_acl(ctx.host, path, grants + acl)
    prompt = "" if edit else A.CACLS_PROMPT
    return Output(0, prompt + A.CACLS_PROCESSED.format(path=path))


def _parse(ctx: HostContext, words: list[str]) -> tuple[bool, list[Ace], set[str]]:
    """(/E given, the entries to write, the accounts to remove); raises ValueError((rc, text))."""
    edit, grants, revoked = False, [], set()
    switches = {w.lower() for w in words if w.startswith("/")}
    if "/r" in switches and "/e" not in switches:
        raise ValueError(A.CACLS_INVALID)
    current = None
    for word in words:
        low = word.lower()
        if low in ("/e", "/t", "/c", "/m"):
            edit = edit or low == "/e"
            current = None
        elif low in ("/g", "/p", "/r", "/d"):
            current = low
        elif current in ("/g", "/p", "/d"):
            account, _, perm = word.rpartition(":") if current != "/d" else (word, "", "N")
            allowed = PERMS | ({"N"} if current in ("/p", "/d") else set())
            if not account or perm.upper() not in allowed:
                raise ValueError(A.CACLS_INVALID)
            grants.append(Ace(account=_resolved(ctx, account), rights=perm.upper(), flags=list(A.CACLS_FOLDER_FLAGS)))
        elif current == "/r":
            revoked.add(_resolved(ctx, word).lower())
        else:
            raise ValueError(A.CACLS_INVALID)
    if not grants and not revoked:
        raise ValueError(A.CACLS_INVALID)
    return edit, grants, revoked


def _resolved(ctx: HostContext, account: str) -> str:
    found = security.resolve(ctx.state, account)
    if found is None:
        raise ValueError(A.CACLS_NO_MAPPING)
    return found


def listing(ctx: HostContext, path: str, acl: list[Ace]) -> str:
    indent = " " * (len(path) + 1)
    lines = []
    for ace in acl:
        flags = ace.flags + (["ID"] if ace.inherited and not ctx.is_2003 else [])
        marks = "".join(f"({f})" for f in flags)
        if ace.rights == "S":
            lines.append(f"{ace.account}:{marks}(special access:)")
            lines += [" " * (len(ace.account) + len(marks) + 1) + right for right in ace.special]
        else:
            lines.append(f"{ace.account}:{marks}{ace.rights}")
    return path + " " + ("\r\n" + indent).join(lines) + "\r\n\r\n"


def _fail(error: tuple[int, str]) -> Output:
    return Output(error[0], "", error[1])
