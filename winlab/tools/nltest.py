"""nltest.exe: `nltest /sc_query:DOMAIN`, the state of the computer's secure channel with its
domain's controllers.

On 2003 it is a Support Tools program [S63]; on 2008 it comes with the AD DS tools
(RSAT-ADDS) or role. The layout is that of public transcripts: a sound channel

    Flags: 30 HAS_IP  HAS_TIMESERV
    Trusted DC Name \\\\E2K7DC01.e2k7.local
    Trusted DC Connection Status Status = 0 0x0 NERR_Success
    The command completed successfully

and a broken one keeps the shape and the exit code 0, with `Flags: 0`, no DC name and the
error (ERROR_NO_LOGON_SERVERS when no controller answers; the `secure-channel:HOST` fault's
status is an assumption). A domain the computer is not a member of, a member until its
restart included, fails in I_NetLogonControl (assumption). Other options print the usage.
"""

from __future__ import annotations

from .. import assumptions as A
from .. import network
from ..cmdshell.argv import split
from ..context import HostContext
from ..tooling import Invocation, Output, crlf
from .hostname import host_name

QUERY = "/sc_query:"
NERR_SUCCESS = (0, "NERR_Success")
NO_LOGON_SERVERS = (1311, "ERROR_NO_LOGON_SERVERS")


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    args = split(inv.args)
    if len(args) != 1 or not args[0].lower().startswith(QUERY) or not args[0][len(QUERY):]:
        return Output(A.NLTEST_USAGE_RC, A.NLTEST_USAGE)
    return sc_query(ctx, args[0][len(QUERY):])


def sc_query(ctx: HostContext, domain: str) -> Output:
    host, state = ctx.host, ctx.state
    ours = domain.lower() in (state.domain.fqdn.lower(), state.domain.netbios.lower())
    if not ours or (host.domain or "").lower() != state.domain.fqdn.lower() or host.domain_controller:
        return Output(A.NLTEST_FAILED_RC, A.NLTEST_NOT_A_MEMBER)
    if not network.can_contact_domain(state, host):
        return _report("Flags: 0", "", NO_LOGON_SERVERS)
    if host.name in state.faults.secure_channel:
        return _report("Flags: 0", "", A.NLTEST_BROKEN_CHANNEL)
    dc = state.controller
    return _report(f"Flags: {A.NLTEST_FLAGS_SOUND}", f" \\\\{host_name(dc)}.{state.domain.fqdn}", NERR_SUCCESS)


def _report(flags: str, dc_name: str, status: tuple[int, str]) -> Output:
    code, name = status
    return Output(0, crlf([flags, "Trusted DC Name" + dc_name,
                           f"Trusted DC Connection Status Status = {code} 0x{code:x} {name}",
                           "The command completed successfully"]))
