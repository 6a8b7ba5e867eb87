"""netdom.exe (Support Tools): `netdom join MACHINE /domain:FQDN /userd:USER /passwordd:PW [/reboot[:s]]`.

Syntax [C12]: switches are case-insensitive, `/d:` `/ud:` `/pd:` are the short forms,
`/passwordd:*` prompts (read from stdin here), `/reboot` without a value waits 20 s. The
join needs the domain controller: the host must use it as DNS server and reach it (lab-
spec 4), else 1355. A wrong password fails with 1326. MACHINE is the name the computer runs
with now. The membership takes effect when the computer restarts [C13] (restarts.py):
`/reboot[:s]` schedules that restart; until then the host is still in its workgroup, and
a second join says it is joined already. The other netdom operations are not emulated:
they print the usage.
"""

from __future__ import annotations

from .. import assumptions as A
from .. import network, restarts
from ..cmdshell.argv import split
from ..context import HostContext, find_account
from ..tooling import Invocation, Output
from .hostname import host_name

SWITCHES = {"domain": "domain", "d": "domain", "userd": "userd", "ud": "userd", "passwordd": "passwordd",
            "pd": "passwordd", "reboot": "reboot", "ou": "ou", "usero": "usero", "uo": "usero",
            "passwordo": "passwordo", "po": "passwordo"}
NO_DOMAIN = "The specified domain either does not exist or could not be contacted."
BAD_LOGON = "Logon failure: unknown user name or bad password."
ACCESS_DENIED = "Access is denied."
NO_PATH = "The network path was not found."
REBOOT_DEFAULT = 20                 # seconds, `/reboot` without a value [C12]


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    args = split(inv.args)
    if len(args) < 2 or args[0].lower() != "join" or args[1].startswith("/"):
        return Output(A.NETDOM_ERROR_RC, A.NETDOM_USAGE)
    switches = _switches(args[2:])
    if switches is None or "domain" not in switches or not (switches.get("reboot") or "0").isdigit():
        return Output(A.NETDOM_ERROR_RC, A.NETDOM_USAGE)
    return _join(ctx, args[1], switches, inv.stdin)


def _switches(args: list[str]) -> dict[str, str] | None:
    found = {}
    for arg in args:
        if not arg.startswith("/"):
            return None
        name, _, value = arg[1:].partition(":")
        canonical = SWITCHES.get(name.lower())
        if canonical is None or canonical in found:
            return None
        found[canonical] = value
    return found


def _fail(message: str, stdout: str = "") -> Output:
    return Output(A.NETDOM_ERROR_RC, stdout + message + "\r\n" + A.NETDOM_FAILED)


def _join(ctx: HostContext, machine: str, switches: dict[str, str], stdin: str) -> Output:
    host, state = ctx.host, ctx.state
    if machine.upper() not in (host.netbios, host_name(host).upper()):
        return _fail(NO_PATH)        # the lab joins the computer it runs on only
    domain = switches["domain"]
    if domain.lower() not in (state.domain.fqdn.lower(), state.domain.netbios.lower()):
        return _fail(NO_DOMAIN)
    if (host.domain or host.pending.domain or "").lower() == state.domain.fqdn.lower():
        return _fail(A.NETDOM_ALREADY_JOINED.rstrip("\r\n"))
    if not network.can_contact_domain(state, host):
        return _fail(NO_DOMAIN)
    prompt, password = "", switches.get("passwordd", "")
    if password == "*":
        prompt, password = A.NETDOM_PASSWORD_PROMPT, (stdin.splitlines() or [""])[0]
    user = switches.get("userd")
    if not user:
        return _fail(ACCESS_DENIED, prompt)      # a workgroup administrator has no rights in the domain
    if "\\" not in user and "@" not in user:
        user = f"{domain}\\{user}"
    if find_account(state, user) is None or not ctx.credentials.verify(state, user, password):
        return _fail(BAD_LOGON, prompt)
    host.pending.domain = state.domain.fqdn
    if "reboot" in switches:
        restarts.schedule(host, int(switches["reboot"] or REBOOT_DEFAULT), ctx.now, ctx.restart)
    return Output(0, prompt + A.NETDOM_JOINED)
