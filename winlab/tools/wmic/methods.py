"""WMI methods wmic can `call`, with the ReturnValue codes of ccr-domain 2.1.

Return codes [S58][S59]: 0 ok, 1 ok but reboot required, 64 not supported, 65 unknown
failure, 66 invalid subnet mask, 68 invalid input parameter, 70 invalid IP, 84 IP not
enabled on the adapter, 91 access denied. `EnableWINS` is static: LMHOSTS lookup is one
setting for the whole machine [S33]. `Win32_ComputerSystem.Rename` records the new name
as pending: the computer takes it at its next start (restarts.py); until then hostname,
%COMPUTERNAME% and WMI's Name show the old one. Methods WMI has but the lab does not
emulate are listed, so calling one fails as "Not supported" instead of pretending to work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ... import assumptions as A
from ... import network
from ...context import HostContext
from .classes import Row

OK, INVALID_PARAMETER, IP_NOT_ENABLED, DHCP_NOT_ENABLED = 0, 68, 84, 100
NOT_IN_COMPUTER_NAMES = set(" \\/:*?\"<>|,~!@#$%^&'.(){};")     # KB 909264 (NetBIOS and DNS rules)


@dataclass(frozen=True)
class Method:
    parameters: tuple[str, ...]             # input parameters, declared order
    run: Callable[[HostContext, Row | None, list[str]], int]
    required: int = 0                        # how many leading parameters must be given


def _flag(text: str) -> bool | None:
    value = text.strip().strip('"').lower()
    return {"true": True, "1": True, "false": False, "0": False}.get(value)


def _adapter(ctx: HostContext, row: Row):
    return ctx.host.adapter_by_index(row["Index"]) if row["IPEnabled"] else None


def _set_netbios(ctx: HostContext, row: Row, args: list[str]) -> int:
    adapter = _adapter(ctx, row)
    if adapter is None:
        return IP_NOT_ENABLED
    if args[0].strip() not in ("0", "1", "2"):
        return INVALID_PARAMETER
    adapter.netbios_options = int(args[0])
    return OK


def _set_registration(ctx: HostContext, row: Row, args: list[str]) -> int:
    adapter = _adapter(ctx, row)
    if adapter is None:
        return IP_NOT_ENABLED
    full = _flag(args[0])
    domain = _flag(args[1]) if len(args) > 1 else False
    if full is None or domain is None:
        return INVALID_PARAMETER
    adapter.registration = "none" if not full else ("both" if domain else "primary")
    return OK


def _enable_dhcp(ctx: HostContext, row: Row, args: list[str]) -> int:
    adapter = _adapter(ctx, row)
    if adapter is None:
        return IP_NOT_ENABLED
    adapter.dhcp, adapter.addresses, adapter.gateways = True, [], []
    network.renew(ctx.state, adapter)
    return OK


def _renew(ctx: HostContext, row: Row, args: list[str]) -> int:
    adapter = _adapter(ctx, row)
    if adapter is None or not adapter.dhcp:
        return IP_NOT_ENABLED if adapter is None else DHCP_NOT_ENABLED
    network.renew(ctx.state, adapter)
    return OK


def _enable_wins(ctx: HostContext, row: Row | None, args: list[str]) -> int:
    dns, lmhosts = _flag(args[0]), _flag(args[1]) if len(args) > 1 else None
    if dns is None or (len(args) > 1 and lmhosts is None):
        return INVALID_PARAMETER
    ctx.host.dns_for_wins = dns
    if lmhosts is not None:
        ctx.host.lmhosts_lookup = lmhosts
    return OK


def _rename(ctx: HostContext, row: Row, args: list[str]) -> int:
    name, host = args[0].strip(), ctx.host
    if not name or len(name) > 63 or set(name) & NOT_IN_COMPUTER_NAMES:
        return A.RENAME_INVALID_NAME
    # The name it runs with (any case) leaves nothing pending; another applies at the next start.
    host.pending.name = None if name.upper() == host.netbios else name
    return OK


INSTANCE = {
    "Win32_NetworkAdapterConfiguration": {
        "SetTcpipNetbios": Method(("TcpipNetbiosOptions",), _set_netbios, 1),
        "SetDynamicDNSRegistration": Method(("FullDNSRegistrationEnabled", "DomainDNSRegistrationEnabled"),
                                            _set_registration, 1),
        "EnableDHCP": Method((), _enable_dhcp),
        "RenewDHCPLease": Method((), _renew),
    },
    "Win32_ComputerSystem": {
        "Rename": Method(("Name", "Password", "UserName"), _rename, 1),
    },
}
STATIC = {
    "Win32_NetworkAdapterConfiguration": {
        "EnableWINS": Method(("DNSEnabledForWINSResolution", "WINSEnableLMHostsLookup", "WINSHostLookupFile",
                              "WINSScopeID"), _enable_wins, 1),
    },
}
NOT_EMULATED = {
    "Win32_NetworkAdapterConfiguration": {
        "EnableStatic", "SetGateways", "EnableDNS", "SetDNSServerSearchOrder", "SetDNSDomain", "SetDNSSuffixSearchOrder",
        "SetWINSServer", "EnableIPSec", "DisableIPSec", "ReleaseDHCPLease", "ReleaseDHCPLeaseAll",
        "RenewDHCPLeaseAll", "SetIPConnectionMetric", "EnableIPFilterSec", "EnableIPFilter"},
    "Win32_OperatingSystem": {"Reboot", "Shutdown", "Win32Shutdown", "SetDateTime"},
    "Win32_ComputerSystem": {"JoinDomainOrWorkgroup", "UnjoinDomainOrWorkgroup", "SetPowerState"},
    "Win32_NetworkAdapter": {"Enable", "Disable", "Reset", "SetPowerState"},
    "Win32_QuickFixEngineering": set(),
}


# Methods an alias takes as a verb of their own, without CALL: `wmic computersystem where
# name="%computername%" rename name="NEW"` is the confirmed sample [C10].
VERBS = {"Win32_ComputerSystem": {"rename"}}


def is_verb(class_name: str, word: str) -> bool:
    return word.lower() in VERBS.get(class_name, set())


def find(class_name: str, method: str) -> tuple[Method | None, bool]:
    """(the method, whether it is static); (None, False) when the lab does not emulate it."""
    for table, static in ((INSTANCE, False), (STATIC, True)):
        for name, found in table.get(class_name, {}).items():
            if name.lower() == method.lower():
                return found, static
    return None, False


def exists(class_name: str, method: str) -> bool:
    return method.lower() in {m.lower() for m in NOT_EMULATED.get(class_name, set())}
