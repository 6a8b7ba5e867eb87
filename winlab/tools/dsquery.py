"""dsquery.exe on the domain controller: `dsquery * DN -scope base -attr ATTRIBUTES`.

The lab's directory holds the objects the runbook asks about: the domain object, the forest
root domain's when it is another, and the forest's Partitions container (under the root's
Configuration partition), whose `msDS-Behavior-Version` is the forest functional level (0
Windows 2000, 2 Windows Server 2003). The lab gives the domains the forest's level.
"""

from __future__ import annotations

from .. import assumptions as A
from ..cmdshell.argv import split
from ..context import HostContext
from ..tooling import Invocation, Output

LEVELS = {"windows-2000": "0", "windows-2003": "2"}


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    args = split(inv.args)
    if len(args) < 2 or args[0] != "*":
        return _fail(A.DSQUERY_SYNTAX)
    options = _options(args[2:])
    if options is None or options.get("-scope", "base").lower() not in ("base", "onelevel", "subtree"):
        return _fail(A.DSQUERY_SYNTAX)
    entry = _directory(ctx).get(args[1].lower())
    if entry is None:
        return _fail(A.DSQUERY_NOT_FOUND)
    attributes = [a for a in options.get("-attr", "distinguishedName").split(",") if a] or ["distinguishedName"]
    shown = {k.lower(): (k, v) for k, v in entry.items()}
    columns = [shown.get(a.lower(), (a, "")) for a in attributes]
    widths = [max(len(name), len(value) + 1) for name, value in columns[:-1]] + [0]
    header = "  ".join(name.ljust(w) for (name, _), w in zip(columns, widths))
    row = "  ".join(value.ljust(w) for (_, value), w in zip(columns, widths))
    return Output(0, A.DSQUERY_HEADER.format(attribute=header) + A.DSQUERY_ROW.format(value=row))


def _fail(message: str) -> Output:
    return Output(A.DSQUERY_ERROR_RC, "", message)


def _options(args: list[str]) -> dict[str, str] | None:
    found: dict[str, str] = {}
    while args:
        name = args.pop(0).lower()
        if name not in ("-scope", "-attr", "-s", "-d", "-u", "-p", "-limit", "-filter") or not args:
            return None
        found[name] = args.pop(0)
    return found


def _directory(ctx: HostContext) -> dict[str, dict[str, str]]:
    domain = ctx.state.domain
    level = LEVELS[domain.forest_level]
    own, root = _dn(domain.fqdn), _dn(domain.forest_root or domain.fqdn)
    partitions = f"CN=Partitions,CN=Configuration,{root}"
    entries = {dn: {"distinguishedName": dn, "msDS-Behavior-Version": level, "name": dn.split(",")[0][3:]}
               for dn in (root, own)}
    entries[own]["name"] = domain.netbios
    entries[partitions] = {"distinguishedName": partitions, "msDS-Behavior-Version": level, "name": "Partitions"}
    return {dn.lower(): entry for dn, entry in entries.items()}


def _dn(fqdn: str) -> str:
    return ",".join(f"DC={label}" for label in fqdn.split("."))
