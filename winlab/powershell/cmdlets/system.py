"""Get-Date, Start-Sleep, Read-Host, the snap-in cmdlets, the execution policy, Get-Service and
Get-EventLog."""

from __future__ import annotations

import time

from ... import assumptions as A
from .. import values as V
from ..commands import Cmdlet, CmdletError, Column, Parameter, View, enum
from ..install import POLICIES, set_execution_policy
from ..objects import PSObject, SecureString
from ..registry import known
from ..sources import events, services
from . import CORE, MANAGEMENT, SECURITY, UTILITY

SNAPIN_TYPE = "System.Management.Automation.PSSnapInInfo"


def _get_date(ctx, params, input):
    now = ctx.now()
    if "Format" in params:
        from ..language.members import _strftime
        return [now.strftime(_strftime(params["Format"]))]
    return [now]


def _start_sleep(ctx, params, input):
    seconds = params.get("Seconds", 0) + params.get("Milliseconds", 0) / 1000
    slept = min(seconds, A.PS_SLEEP_CAP)
    time.sleep(max(slept, 0))
    ctx.host_context.now += slept
    return []


def _read_host(ctx, params, input):
    session = ctx.session
    if not session.interactive:
        raise CmdletError(A.PS_NONINTERACTIVE_PROMPT, "InvalidOperation", "HostException")
    line = session.read_line()
    if line is None:
        raise CmdletError(A.PS_NONINTERACTIVE_PROMPT, "InvalidOperation", "HostException")
    if "Prompt" in params:                      # on stderr: a caller capturing stdout gets the answer only
        session.err.append(V.to_string(params["Prompt"]) + ": ")
    return [SecureString(line) if params.get("AsSecureString") else line]


def _snapin_object(snapin, loaded: bool = True) -> PSObject:
    return PSObject((SNAPIN_TYPE, "System.Object"), {
        "Name": snapin.name, "PSVersion": "1.0", "Description": snapin.description,
        "ApplicationBase": snapin.application, "Vendor": snapin.vendor, "Version": snapin.version,
        "IsDefault": snapin.name.startswith("Microsoft.PowerShell.")}, to_string=snapin.name)


def _add_snapin(ctx, params, input):
    session = ctx.session
    for name in params["Name"]:
        if any(s.name.lower() == name.lower() for s in session.snapins):
            ctx.error(A.PS_SNAPIN_ADDED.format(name=name), "InvalidArgument", "AddPSSnapInRead")
            continue
        if session.load_snapin(name) is None:
            ctx.error(A.PS_SNAPIN_NOT_INSTALLED.format(name=name), "InvalidArgument", "AddPSSnapInRead")
    return []


def _get_snapin(ctx, params, input):
    session = ctx.session
    if params.get("Registered"):
        found = [known(n) for n in ctx.host.powershell.snapins]
        snapins = [s for s in found if s is not None]
    else:
        snapins = list(session.snapins)
    wanted = params.get("Name")
    if wanted:
        chosen = [s for s in snapins if any(V.wildcard_match(s.name, w) for w in wanted)]
        for name in wanted:
            if not V.has_wildcard(name) and not any(s.name.lower() == name.lower() for s in chosen):
                ctx.error(A.PS_SNAPIN_NOT_FOUND.format(name=name), "InvalidArgument", "NoPSSnapInsFound", name)
        snapins = chosen
    return [_snapin_object(s) for s in snapins]


def _get_policy(ctx, params, input):
    return [ctx.host.powershell.execution_policy]


def _set_policy(ctx, params, input):
    set_execution_policy(ctx.host, params["ExecutionPolicy"])
    return []


def _get_service(ctx, params, input):
    found = services(ctx)
    wanted = params.get("Name")
    if not wanted:
        return [s.object() for s in found]
    out = []
    for name in wanted:
        matched = [s for s in found if V.wildcard_match(s.name, name) or V.wildcard_match(s.display_name, name)]
        if not matched and not V.has_wildcard(name):
            ctx.error(A.PS_NO_SERVICE.format(name=name), "ObjectNotFound", "NoServiceFoundForGivenName", name)
        out += [s.object() for s in matched]
    return out


def _get_eventlog(ctx, params, input):
    log = params["LogName"]
    if log.lower() not in ("application", "system", "security"):
        raise CmdletError(A.PS_NO_EVENT_LOG.format(name=log), "InvalidOperation", "System.InvalidOperationException")
    entries = events(ctx, log)
    if "Newest" in params:
        entries = entries[:params["Newest"]]
    return [e.object() for e in entries]


CMDLETS = [
    (UTILITY, Cmdlet("Get-Date", [Parameter("Date", "object", position=0), Parameter("Format", "string")],
                     _get_date)),
    (UTILITY, Cmdlet("Start-Sleep", [Parameter("Seconds", "int", position=0), Parameter("Milliseconds", "int")],
                     _start_sleep)),
    (UTILITY, Cmdlet("Read-Host", [Parameter("Prompt", "object", position=0), Parameter("AsSecureString", "switch")],
                     _read_host)),
    (CORE, Cmdlet("Add-PSSnapin", [Parameter("Name", "string[]", mandatory=True, position=0)], _add_snapin)),
    (CORE, Cmdlet("Get-PSSnapin", [Parameter("Name", "string[]", position=0), Parameter("Registered", "switch")],
                  _get_snapin)),
    (SECURITY, Cmdlet("Get-ExecutionPolicy", [], _get_policy)),
    (SECURITY, Cmdlet("Set-ExecutionPolicy", [Parameter("ExecutionPolicy", enum(
        "Microsoft.PowerShell.ExecutionPolicy", *POLICIES), mandatory=True, position=0)], _set_policy)),
    (MANAGEMENT, Cmdlet("Get-Service", [Parameter("Name", "string[]", position=0, pipeline=True)], _get_service)),
    # PowerShell 1.0's Get-EventLog: no -Source, -After or -EntryType (2.0 added them): filter with Where-Object.
    (MANAGEMENT, Cmdlet("Get-EventLog", [Parameter("LogName", "string", mandatory=True, position=0),
                                         Parameter("Newest", "int")], _get_eventlog)),
]

VIEWS = [
    View(SNAPIN_TYPE, "list", ("Name", "PSVersion", "Description")),
    View("System.ServiceProcess.ServiceController", "table", (Column("Status", width=8), Column("Name", width=18),
                                                              "DisplayName")),
    View("System.Diagnostics.EventLogEntry", "table", (
        Column("Index", width=5, align="right"), Column("Time", "TimeGenerated", width=12),
        Column("Type", "EntryType", width=11), Column("Source", width=15), Column("EventID", width=7, align="right"),
        Column("Message", width=24))),
]
