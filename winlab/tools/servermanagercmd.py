"""ServerManagerCmd.exe (Windows Server 2008): `-query` and `-install <Id> [-allSubFeatures]`.

The runbook's 2008 stages install the features their tools come with and check for them:

    ServerManagerCmd -query <nul | find "[X] Failover Clustering"
    ServerManagerCmd -install Failover-Clustering <nul

Exit codes and result lines are Microsoft's [cc733119]: 0 `Success: Installation
succeeded.`; 3010 `Success: Installation succeeded. A restart is required.`; 4
ArgumentNotValid (an unknown id: `Feature not valid: 'X'. The name of the feature was not
found.`; a bad command line: `Argument not valid X`); 1003 NoChange (installed already).
Which features need a restart is an assumption (`SMC_RESTART_FEATURES`): such a feature
is pending (restarts.py) until the host restarts, so the programs it brings (netdom with
RSAT-ADDS) are not there yet and `-query` does not mark it. Installing changes
`Host.features`, which decides whether cluster.exe, netdom and nltest are found
(`tools/__init__.py`). The progress lines, the `-query` layout and the NoChange wording are
assumptions; 1004 (another wizard running) and 5 (not an administrator) never arise here.
`-restart` restarts the host when the install needs it (scheduled at once, restarts.py).
"""

from __future__ import annotations

from .. import assumptions as A
from .. import restarts
from ..cmdshell.argv import split
from ..context import HostContext
from ..state import Host
from ..tooling import Invocation, Output

FAILOVER_CLUSTERING, AD_DS_TOOLS = "Failover-Clustering", "RSAT-ADDS"
SUCCESS, SUCCESS_RESTART, ARGUMENT_NOT_VALID, NO_CHANGE = 0, 3010, 4, 1003          # [cc733119]
SUCCEEDED = "Success: Installation succeeded.\r\n"
SUCCEEDED_RESTART = "Success: Installation succeeded. A restart is required.\r\n"
FEATURE_NOT_VALID = "ArgumentNotValid: Feature not valid: '{name}'. The name of the feature was not found.\r\n"
ARGUMENT_INVALID = "ArgumentNotValid: Argument not valid {argument}\r\n"
CATALOGUE = A.SMC_ROLES + A.SMC_FEATURES
SWITCHES = {"query": "query", "q": "query", "install": "install", "i": "install",
            "allsubfeatures": "allsubfeatures", "a": "allsubfeatures", "restart": "restart",
            "resultpath": "resultpath", "logpath": "logpath", "l": "logpath"}
WITH_VALUE = {"install", "resultpath", "logpath"}


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    args = split(inv.args)
    options = _options(args)
    if isinstance(options, str):
        return Output(ARGUMENT_NOT_VALID, "", ARGUMENT_INVALID.format(argument=options) + A.SMC_USAGE)
    if ("query" in options) == ("install" in options):
        return Output(ARGUMENT_NOT_VALID, "", ARGUMENT_INVALID.format(argument=" ".join(args)) + A.SMC_USAGE)
    if "query" in options:
        return Output(0, query(ctx.host))
    out = _install(ctx, options["install"], "allsubfeatures" in options)
    if out.rc == SUCCESS_RESTART and "restart" in options:      # `-restart`: restarts when it must, at once
        restarts.schedule(ctx.host, 0, ctx.now, ctx.restart)
    return out


def _options(args: list[str]) -> dict[str, str] | str:
    """Switches start with `-` or `/` (any case); -install and the paths take the next word.
    A word that is no valid switch (or a switch without its value) is returned as it is."""
    found: dict[str, str] = {}
    words = iter(args)
    for word in words:
        name = SWITCHES.get(word[1:].lower()) if word[:1] in "-/" else None
        if name is None or name in found:
            return word
        found[name] = next(words, "") if name in WITH_VALUE else ""
        if name in WITH_VALUE and not found[name]:
            return word
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
    shown = set(host.features) | (set(host.pending.features) if A.SMC_QUERY_MARKS_PENDING else set())
    for position, (_, _, item) in enumerate(CATALOGUE):
        if any(below in shown for below in _descendants(position)):
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


def _install(ctx: HostContext, wanted: str, with_subfeatures: bool) -> Output:
    host = ctx.host
    position = next((i for i, (_, _, item) in enumerate(CATALOGUE) if item.lower() == wanted.lower()), None)
    if position is None:
        return Output(ARGUMENT_NOT_VALID, "", FEATURE_NOT_VALID.format(name=wanted))
    _, name, item = CATALOGUE[position]
    new = [i for i in [item] + (_descendants(position) if with_subfeatures else []) if i not in host.features]
    if not new:
        return Output(NO_CHANGE, A.SMC_NO_CHANGE.format(name=name))
    later = [] if ctx.state.is_relaxed("feature-restarts") else [f for f in new if f in A.SMC_RESTART_FEATURES]
    host.features += [f for f in new if f not in later]
    host.pending.features += [f for f in later if f not in host.pending.features]
    return Output(SUCCESS_RESTART, A.SMC_PROGRESS.format(name=name) + SUCCEEDED_RESTART) if later else \
        Output(SUCCESS, A.SMC_PROGRESS.format(name=name) + SUCCEEDED)
