"""shutdown.exe, the restart the scripts use: `shutdown /r [/t N] [/f] [/c "comment"] [/d ...]`
(also with `-`), and `shutdown /a`.

`/r` schedules a restart N seconds from now (30 without `/t`, at most 600) on the lab's
clock (restarts.py): the host answers until then, with what is pending still pending, then
stops answering for the lab's downtime and comes back with it applied. A second `/r` while
one is scheduled fails; `/a` cancels one that has not begun. Texts and codes of the
failures are assumptions; other forms (`/s`, `/l`, `/m`, `/i`) print the usage and fail.
"""

from __future__ import annotations

from .. import assumptions as A
from .. import restarts
from ..cmdshell.argv import split
from ..context import HostContext
from ..tooling import Invocation, Output

WITH_VALUE = {"/t", "/c", "/d"}
FLAGS = {"/r", "/a", "/f"}


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    switches = _switches(split(inv.args))
    if switches is None or ("/r" in switches) == ("/a" in switches) or ("/a" in switches and len(switches) > 1):
        return Output(1, "", A.SHUTDOWN_USAGE)
    if "/a" in switches:
        if restarts.abort(ctx.host, ctx.now):
            return Output(0, "")
        code, text = A.SHUTDOWN_NOTHING_TO_ABORT
        return Output(code, "", text)
    delay = switches.get("/t", str(A.SHUTDOWN_DEFAULT_DELAY))
    if not delay.isdigit() or int(delay) > A.SHUTDOWN_MAX_DELAY:
        return Output(1, "", A.SHUTDOWN_USAGE)
    if not restarts.schedule(ctx.host, int(delay), ctx.now, ctx.restart):
        code, text = A.SHUTDOWN_ALREADY_SCHEDULED[ctx.platform]
        return Output(code, "", text)
    return Output(0, "")


def _switches(words: list[str]) -> dict[str, str] | None:
    """`/x` or `-x` switches (any case), `/t`, `/c`, `/d` with the next word; None when malformed."""
    found: dict[str, str] = {}
    items = iter(words)
    for word in items:
        switch = "/" + word[1:].lower() if word[:1] in "-/" else None
        if switch not in FLAGS | WITH_VALUE or switch in found:
            return None
        value = next(items, None) if switch in WITH_VALUE else ""
        if value is None:
            return None
        found[switch] = value
    return found
