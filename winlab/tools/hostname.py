"""hostname.exe: prints the computer's host name; refuses to set it."""

from __future__ import annotations

from .. import assumptions as A
from ..state import Host
from ..tooling import Invocation, Output


def host_name(host: Host) -> str:
    """The name hostname and ipconfig print (setup stores it in upper case)."""
    return host.netbios if A.HOST_NAME_UPPER_CASE else host.name


def run(inv: Invocation) -> Output:
    if inv.args.strip():
        return Output(1, "", A.HOSTNAME_SET)
    return Output(0, host_name(inv.host.host) + "\r\n")
