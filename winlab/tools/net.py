"""net.exe, the part the drills use: `net start|stop clussvc` (the Cluster service).

Stopping the service on a node takes its vote away exactly as a crash would, without
powering the host off, so quorum drills run through the same WinRM path as everything else.
"""

from __future__ import annotations

from .. import assumptions as A
from .. import quorum
from ..tooling import Invocation, Output

SERVICES = {"clussvc": "Cluster Service"}


def run(inv: Invocation) -> Output:
    words = inv.args.split()
    if len(words) != 2 or words[0].lower() not in ("start", "stop"):
        return Output(1, "", A.NET_SYNTAX)
    verb, service = words[0].lower(), words[1].strip('"').lower()
    if service not in SERVICES:
        return Output(2, "", A.net_helpmsg("The service name is invalid.", 2185))
    display = SERVICES[service]
    ctx = inv.host
    member = ctx.state.cluster.node(ctx.host.computer_name) if ctx.state.cluster else None
    if member is None:          # not a cluster node: the service is installed but never started
        return Output(2, "", A.net_helpmsg(f"The {display} service is not started.", 3521)) if verb == "stop" \
            else Output(2, "", A.net_helpmsg(f"The {display} service could not be started.", 3534))
    if member.service_running == (verb == "start"):
        text = "The requested service has already been started." if verb == "start" \
            else f"The {display} service is not started."
        return Output(2, "", A.net_helpmsg(text, 2182 if verb == "start" else 3521))
    member.service_running = verb == "start"
    quorum.refresh(ctx.state)
    past = "started" if verb == "start" else "stopped"
    return Output(0, f"The {display} service is {'starting' if verb == 'start' else 'stopping'}.\r\n"
                     f"The {display} service was {past} successfully.\r\n\r\n")
