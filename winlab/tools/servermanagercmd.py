"""ServerManagerCmd.exe (Windows Server 2008): `-query` and `-install <Id> [-allSubFeatures]`.

The runbook's 2008 stages install the features their tools come with and check for them:

    ServerManagerCmd -query <nul | find "[X] Failover Clustering"
    ServerManagerCmd -install Failover-Clustering <nul

Installing changes `Host.features`, which decides whether cluster.exe and netdom are found
(`tools/__init__.py`). Every text and exit code is unconfirmed (`assumptions.py`): success
0, already installed 1003 (NoChange), an unknown id or a bad command line 1004.
"""

from __future__ import annotations

from .. import assumptions as A
from ..cmdshell.argv import split
from ..context import HostContext
from ..state import Host
from ..tooling import Invocation, Output

FAILOVER_CLUSTERING, AD_DS_TOOLS = "Failover-Clustering", "RSAT-ADDS"
CATALOGUE = A.SMC_ROLES + A.SMC_FEATURES
SWITCHES = {"query": "query", "q": "query", "install": "install", "i": "install",
            "allsubfeatures": "allsubfeatures", "a": "allsubfeatures", "restart": "restart",
            "resultpath": "resultpath", "logpath": "logpath", "l": "logpath"}
WITH_VALUE = {"install", "resultpath", "logpath"}


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    options = _options(split(inv.args))
    if options is None or ("query" in options) == ("install" in options):
        return Output(A.SMC_ARGUMENT_NOT_VALID_RC, "", A.SMC_USAGE)
    if "query" in options:
        return Output(0, query(ctx.host))
    return _install(ctx.host, options["install"], "allsubfeatures" in options)


def _options(args: list[str]) -> dict[str, str] | None:
    """Switches start with `-` or `/` (any case); -install and the paths take the next word."""
    found: dict[str, str] = {}
    words = iter(args)
    for word in words:
        name = SWITCHES.get(word[1:].lower()) if word[:1] in "-/" else None
        if name is None or name in found:
            return None
        found[name] = next(words, "") if name in WITH_VALUE else ""
        if name in WITH_VALUE and not found[name]:
            return None
    return found


def query(host: Host) -> str:
    installed = _shown_installed(host)
    return (A.SMC_ROLES_TITLE + _rows(A.SMC_ROLES, installed)
            + A.SMC_FEATURES_TITLE + _rows(A.SMC_FEATURES, installed))


def _rows(items: list[tuple[int, str, str]], installed: set[str]) -> str:
    return "".join(A.SMC_ROW.format(indent="    " * depth, mark="X" if item in installed else " ", name=name, id=item)
                   for depth, name, item in items)


def _shown_installed(host: Host) -> set[str]:
    """The ids shown `[X]`: those installed and every parent of one."""
    shown = set(host.features)
    for position, (_, _, item) in enumerate(CATALOGUE):
        if any(below in host.features for below in _descendants(position)):
            shown.add(item)
    return shown


def _descendants(position: int) -> list[str]:
    depth = CATALOGUE[position][0]
    found = []
    for below_depth, _, item in CATALOGUE[position + 1:]:
        if below_depth <= depth:
            break
        found.append(item)
    return found


def _install(host: Host, wanted: str, with_subfeatures: bool) -> Output:
    position = next((i for i, (_, _, item) in enumerate(CATALOGUE) if item.lower() == wanted.lower()), None)
    if position is None:
        return Output(A.SMC_ARGUMENT_NOT_VALID_RC, "", A.SMC_UNKNOWN_ID.format(id=wanted))
    _, name, item = CATALOGUE[position]
    new = [i for i in [item] + (_descendants(position) if with_subfeatures else []) if i not in host.features]
    if not new:
        return Output(A.SMC_NO_CHANGE_RC, A.SMC_NO_CHANGE.format(name=name))
    host.features.extend(new)
    return Output(0, A.SMC_INSTALLED.format(name=name))
