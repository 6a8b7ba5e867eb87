"""shutdown.exe, the restart the scripts use: `shutdown /r [/t seconds]` (also `-r -t`).

The lab restarts the host at once (values written to Tcpip\\Linkage apply, as at any boot);
`/a` aborts nothing, since nothing is pending. Other forms print the usage and fail.
"""

from __future__ import annotations

from .. import assumptions as A
from ..tooling import Invocation, Output


def run(inv: Invocation) -> Output:
    words = [w.lower().replace("-", "/", 1) if w.startswith("-") else w.lower() for w in inv.args.split()]
    if "/r" not in words or any(w not in ("/r", "/t", "/f") and not w.isdigit() for w in words):
        return Output(1, "", A.SHUTDOWN_USAGE)
    if "/t" in words:
        after = words[words.index("/t") + 1:words.index("/t") + 2]
        if not after or not after[0].isdigit() or int(after[0]) > 600:
            return Output(1, "", A.SHUTDOWN_USAGE)
    inv.host.host.boot()
    return Output(0, "")
