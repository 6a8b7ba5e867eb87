"""setup.com, Exchange 2007 SP1's unattended setup, for the clustered mailbox role [S19]:

    setup.com /mode:install /roles:mailbox /NewCms /CMSName:<name> /CMSIPAddress:<address>   (active node)
    setup.com /mode:install /roles:mailbox                                                  (passive node)

Switches start with `/` or `-`, take their value after `:`, any case, with Microsoft's short
forms (/m, /r, /cn, /cip, /dc, ...). Roles: Mailbox (MB, M) with ManagementTools (MT, T); the
clustered mailbox role must be the only server role [S47]. Setup first checks the
prerequisites (prerequisites.py) and that the node is in a running cluster: any failure is
listed under FAILED, nothing is installed, exit 1. The active install creates the CMS in the
cluster (cms.py); the passive one seeds every storage group from the active node [S7].
Both register the Exchange snap-in, set PowerShell's execution policy (contract) and write
%SystemDrive%\\ExchangeSetupLogs\\ExchangeSetup.log. Output lines are assumptions.
"""

from __future__ import annotations

from datetime import datetime, timezone
from ipaddress import IPv4Address

from .. import assumptions as A
from .. import quorum
from ..cmdshell.argv import split
from ..cmdshell.files import VirtualFileSystem
from ..context import HostContext
from ..tooling import Invocation, Output
from . import cms, prerequisites, services
from .baseline import register_shell
from .model import Server

SWITCHES = {"mode": "mode", "m": "mode", "roles": "roles", "r": "roles", "newcms": "newcms",
            "cmsname": "cmsname", "cn": "cmsname", "cmsipaddress": "cmsipaddress", "cip": "cmsipaddress",
            "cmssharedstorage": "cmssharedstorage", "css": "cmssharedstorage", "cmsdatapath": "cmsdatapath",
            "cdp": "cmsdatapath", "domaincontroller": "domaincontroller", "dc": "domaincontroller",
            "targetdir": "targetdir", "t": "targetdir", "sourcedir": "sourcedir", "s": "sourcedir",
            "updatesdir": "updatesdir", "u": "updatesdir", "answerfile": "answerfile", "a": "answerfile",
            "enablelegacyoutlook": "enablelegacyoutlook"}
ROLES = {"mailbox": "Mailbox", "mb": "Mailbox", "m": "Mailbox", "managementtools": "ManagementTools",
         "mt": "ManagementTools", "t": "ManagementTools"}
OTHER_ROLES = {"clientaccess", "ca", "c", "hubtransport", "ht", "h", "edgetransport", "et", "e",
               "unifiedmessaging", "um", "u"}


class SetupFailed(Exception):
    def __init__(self, step: str, problems: list[str]):
        super().__init__(step)
        self.step, self.problems = step, problems


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    options = _options(split(inv.args))
    if isinstance(options, str):
        return Output(A.EXCHANGE_SETUP_FAILED_RC, A.EXCHANGE_SETUP_BANNER, options)
    log = _Log(ctx)
    log.line(0, "Starting Microsoft Exchange Server 2007 Setup")
    for name, value in options.items():
        log.line(0, f"Command Line Parameter Name='{name}', Value='{value}'.")
    out = [A.EXCHANGE_SETUP_BANNER, "Preparing Exchange Setup\r\n\r\n", _step("Copying Setup Files", "COMPLETED"),
           "\r\n", A.EXCHANGE_SETUP_ROLES, A.EXCHANGE_SETUP_PREREQ]
    active = "newcms" in options
    try:
        _check(ctx, options, active)
    except SetupFailed as failed:
        out.append(_step(failed.step, "FAILED"))
        out += [f"     {problem}\r\n\r\n" for problem in failed.problems]
        out.append(A.EXCHANGE_SETUP_FAILED)
        for problem in failed.problems:
            log.line(1, problem)
        log.line(0, "End of Setup")
        return Output(A.EXCHANGE_SETUP_FAILED_RC, "".join(out))
    out += [_step("Mailbox Role Checks", "COMPLETED"), _step("Clustered Mailbox Server Checks", "COMPLETED"), "\r\n",
            A.EXCHANGE_SETUP_CONFIGURING]
    _install(ctx, options, active)
    out += [_step(name, "COMPLETED") for name in ("Copying Exchange files", "Management Tools",
                                                    "Mailbox Server Role", "Clustered Mailbox Server")]
    out.append(A.EXCHANGE_SETUP_DONE)
    log.line(0, "The Microsoft Exchange Server setup operation completed successfully.")
    log.line(0, "End of Setup")
    return Output(0, "".join(out))


def _step(name: str, result: str) -> str:
    return A.EXCHANGE_SETUP_STEP.format(name=name, result=result)


def _options(words: list[str]) -> dict[str, str] | str:
    """Switch -> value; a word that is no switch setup knows: its error text."""
    found: dict[str, str] = {}
    for word in words:
        name, _, value = word[1:].partition(":") if word[:1] in "/-" else ("", "", "")
        key = SWITCHES.get(name.lower())
        if key is None:
            return A.EXCHANGE_SETUP_BAD_SWITCH.format(argument=word)
        found[key] = value.strip('"')
    if "mode" not in found or "roles" not in found:
        return A.EXCHANGE_SETUP_NEEDS
    if found["mode"].lower() != "install":
        return A.EXCHANGE_SETUP_BAD_SWITCH.format(argument=f"/mode:{found['mode']}")
    roles = [r.strip().lower() for r in found["roles"].split(",") if r.strip()]
    if any(r not in ROLES and r not in OTHER_ROLES for r in roles) or not roles:
        return A.EXCHANGE_SETUP_BAD_SWITCH.format(argument=f"/roles:{found['roles']}")
    return found


def _check(ctx: HostContext, options: dict[str, str], active: bool) -> None:
    state, host = ctx.state, ctx.host
    exchange = state.exchange
    server = exchange.server(host.name) if exchange else None
    if server is not None and "Mailbox" in server.roles:
        raise SetupFailed("Mailbox Role Checks", [A.EXCHANGE_PREREQUISITE_TEXT["installed"]])
    problems = prerequisites.missing(state, host)
    if host.domain is None:
        problems.insert(0, A.EXCHANGE_PREREQUISITE_TEXT["not-in-domain"])
    roles = {r.strip().lower() for r in options["roles"].split(",")}
    if roles & OTHER_ROLES:
        problems.append(A.EXCHANGE_PREREQUISITE_TEXT["other-roles"])
    if problems:
        raise SetupFailed("Mailbox Role Checks", problems)
    cluster = state.cluster
    member = cluster.node(host.computer_name) if cluster else None
    if member is None:
        raise SetupFailed("Clustered Mailbox Server Checks", [A.EXCHANGE_PREREQUISITE_TEXT["not-a-node"]])
    if not (cluster.running and quorum.node_is_up(state, member.name)):
        raise SetupFailed("Clustered Mailbox Server Checks", [A.EXCHANGE_PREREQUISITE_TEXT["cluster-down"]])
    if active:
        _check_new_cms(ctx, options)
    elif exchange.cms is None:
        raise SetupFailed("Clustered Mailbox Server Checks", [A.EXCHANGE_PREREQUISITE_TEXT["no-cms"]])


def _check_new_cms(ctx: HostContext, options: dict[str, str]) -> None:
    state = ctx.state
    if state.exchange.cms is not None:
        raise SetupFailed("Clustered Mailbox Server Checks",
                          [A.EXCHANGE_PREREQUISITE_TEXT["cms-exists"].format(name=state.exchange.cms.name)])
    name, address = options.get("cmsname", ""), options.get("cmsipaddress", "")
    problems = []
    if not name:
        problems.append(A.EXCHANGE_SETUP_MISSING.format(switch="CMSName"))
    try:
        IPv4Address(address)
    except ValueError:
        problems.append(A.EXCHANGE_SETUP_MISSING.format(switch="CMSIPAddress"))
    taken = {h.netbios for h in state.hosts.values()} | {state.cluster.name.upper()}
    if name and name.upper() in taken:
        problems.append(A.EXCHANGE_PREREQUISITE_TEXT["cms-name-in-use"].format(name=name))
    if problems:
        raise SetupFailed("Clustered Mailbox Server Checks", problems)


def _install(ctx: HostContext, options: dict[str, str], active: bool) -> None:
    state, host = ctx.state, ctx.host
    exchange = state.exchange
    exchange.servers[host.name] = Server(host=host.name, roles=["Mailbox"], services=services.node_services(active),
                                         installed_at=ctx.now)
    if active:
        cms.create(state, host, options["cmsname"], options["cmsipaddress"], ctx.now)
    else:
        cms.join_passive(state, host, ctx.now)
    register_shell(host)


class _Log:
    """ExchangeSetup.log on the node, appended to by every run."""

    def __init__(self, ctx: HostContext):
        self.ctx = ctx
        self.fs = VirtualFileSystem(ctx.host.files, ctx.host.directories)

    def line(self, level: int, text: str) -> None:
        path = A.EXCHANGE_SETUP_LOG
        folder = path.rsplit("\\", 1)[0]
        if not self.fs.is_dir(folder):
            self.fs.mkdir(folder)
        stamp = datetime.fromtimestamp(self.ctx.now, timezone.utc).strftime("%m/%d/%Y %H:%M:%S")
        self.fs.write(path, A.EXCHANGE_SETUP_LOG_LINE.format(time=stamp, level=level, text=text), append=True)
