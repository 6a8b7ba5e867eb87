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

`/server:NAME` asks that computer about its own channel [S117]: NAME is a domain member the
caller reaches over the network (a computer outside the domain refuses the domain account:
ERROR_ACCESS_DENIED; one not found or not reached: RPC_S_SERVER_UNAVAILABLE; both assumptions).
"""

from __future__ import annotations

from dataclasses import replace

from .. import assumptions as A
from .. import network
from ..cmdshell.argv import split
from ..context import HostContext
from ..tooling import Invocation, Output, crlf
from . import ping
from .hostname import host_name

QUERY = "/sc_query:"
SERVER = "/server:"
ACCESS_DENIED = "I_NetLogonControl failed: Status = 5 0x5 ERROR_ACCESS_DENIED\r\n"
SERVER_UNAVAILABLE = "I_NetLogonControl failed: Status = 1722 0x6ba RPC_S_SERVER_UNAVAILABLE\r\n"
NERR_SUCCESS = (0, "NERR_Success")
NO_LOGON_SERVERS = (1311, "ERROR_NO_LOGON_SERVERS")


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    args = split(inv.args)
    server = None
    if len(args) == 2 and args[0].lower().startswith(SERVER) and args[0][len(SERVER):]:
        server = args.pop(0)[len(SERVER):]
    if len(args) != 1 or not args[0].lower().startswith(QUERY) or not args[0][len(QUERY):]:
        return Output(A.NLTEST_USAGE_RC, A.NLTEST_USAGE)
    domain = args[0][len(QUERY):]
    if server is None or server.lstrip("\\").lower() in (ctx.host.netbios.lower(), "localhost"):
        return sc_query(ctx, domain)
    return _remote(ctx, server.lstrip("\\"), domain)


def _remote(ctx: HostContext, name: str, domain: str) -> Output:
    state = ctx.state
    short = name.lower().removesuffix("." + state.domain.fqdn.lower())
    other = next((h for h in state.hosts.values() if h.netbios.lower() == short), None)
    if other is None or not other.up or not _reached(state, ctx.host, other):
        return Output(A.NLTEST_FAILED_RC, SERVER_UNAVAILABLE)
    if (other.domain or "").lower() != state.domain.fqdn.lower():
        return Output(A.NLTEST_FAILED_RC, ACCESS_DENIED)
    return sc_query(replace(ctx, host=other), domain)


def _reached(state, host, other) -> bool:
    return any(ping.reach(state, host, address.ip) == ping.REPLY
               for adapter in other.adapters for address in network.addresses(adapter))


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
