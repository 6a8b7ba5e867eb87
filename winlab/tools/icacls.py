"""icacls.exe (Windows Server 2008; 2003 has none, so cmd says "is not recognized"):

    icacls FOLDER                                 the ACL, then the summary line
    icacls FOLDER /grant[:r] "user":(OI)(CI)F ... [/T] [/C] [/Q]
    icacls FOLDER /remove[:g] user ...

Rights are the simple ones: F, M, RX, R, W (N for none is /deny's, not emulated), with
inheritance flags (OI) (CI) (IO) (NP) before them. Listing layout as public captures show
it: the path, a space, the first entry; the others under it; `(I)` marks inherited ones;
explicit entries first; a blank line and "Successfully processed 1 files; Failed processing
0 files". A change prints "processed file: PATH" and the same summary.
"""

from __future__ import annotations

import re

from .. import assumptions as A
from .. import security
from ..cmdshell.argv import split, unquote
from ..cmdshell.files import full_path
from ..context import HostContext
from ..state import Ace
from ..tooling import Invocation, Output

TO_ICACLS = {"F": "F", "C": "M", "R": "RX", "W": "W", "N": "N"}
FROM_ICACLS = {"F": "F", "M": "C", "RX": "R", "R": "R", "W": "W"}
_GRANT = re.compile(r"^(?P<account>.+?):(?P<flags>(?:\((?:OI|CI|IO|NP)\))*)\(?(?P<rights>F|M|RX|R|W)\)?$", re.I)


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    words = split(inv.args, keep_quotes=True)
    if not words:
        return _fail(A.ICACLS_INVALID, parameter="")
    path = full_path(unquote(words[0]), inv.cwd)
    if not inv.fs.is_dir(path):
        return _fail(A.ICACLS_NOT_FOUND, path=path)
    if len(words) == 1:
        acl = security.folder_acl(ctx.state, ctx.host, path)
        return Output(0, listing(path, acl) + "\r\n" + A.ICACLS_SUMMARY.format(ok=1, failed=0))
    try:
        acl = _changed(ctx, security.folder_acl(ctx.state, ctx.host, path), words[1:])
    except LookupError as error:
        return Output(A.ICACLS_NO_MAPPING[0], A.ICACLS_SUMMARY.format(ok=0, failed=1),
                      A.ICACLS_NO_MAPPING[1].format(account=error.args[0]))
    except ValueError as error:
        return _fail(A.ICACLS_INVALID, parameter=error.args[0])
    security.set_folder_acl(ctx.host, path, acl)
    quiet = any(w.lower() == "/q" for w in words)
    shown = "" if quiet else A.ICACLS_PROCESSED.format(path=path)
    return Output(0, shown + A.ICACLS_SUMMARY.format(ok=1, failed=0))


def _changed(ctx: HostContext, acl: list[Ace], words: list[str]) -> list[Ace]:
    acl, action = list(acl), None
    for word in words:
        low = word.lower()
        if low in ("/grant", "/grant:r", "/remove", "/remove:g"):
            action = low
        elif low in ("/t", "/c", "/q"):
            continue
        elif action in ("/grant", "/grant:r"):
            match = _GRANT.match(unquote(word).replace('"', ""))
            if not match:
                raise ValueError(word)
            account = _resolved(ctx, match["account"])
            flags = re.findall(r"\((\w+)\)", match["flags"].upper())
            ace = Ace(account=account, rights=FROM_ICACLS[match["rights"].upper()], flags=flags)
            if action == "/grant:r":
                acl = [a for a in acl if a.inherited or a.account.lower() != account.lower()]
            acl = _explicit(acl) + [ace] + [a for a in acl if a.inherited]
        elif action in ("/remove", "/remove:g"):
            account = _resolved(ctx, unquote(word))
            acl = [a for a in acl if a.inherited or a.account.lower() != account.lower()]
        else:
            raise ValueError(word)
    return acl


def _explicit(acl: list[Ace]) -> list[Ace]:
    return [a for a in acl if not a.inherited]


def _resolved(ctx: HostContext, account: str) -> str:
    found = security.resolve(ctx.state, account)
    if found is None:
        raise LookupError(account)
    return found


def listing(path: str, acl: list[Ace]) -> str:
    ordered = _explicit(acl) + [a for a in acl if a.inherited]
    lines = []
    for ace in ordered:
        marks = ("(I)" if ace.inherited else "") + "".join(f"({f})" for f in ace.flags)
        rights = ",".join(ace.special) if ace.rights == "S" else TO_ICACLS[ace.rights]
        lines.append(f"{ace.account}:{marks}({rights})")
    return path + " " + ("\r\n" + " " * (len(path) + 1)).join(lines) + "\r\n"


def _fail(error: tuple[int, str], **fields: str) -> Output:
    return Output(error[0], "", error[1].format(**fields))
