"""What Exchange 2007 setup needs on a node, the 2003 installers that provide it, and the
registry values that show it (the runbook checks them with `reg query`).

2003 [S2][S3]: .NET Framework 2.0, Windows PowerShell 1.0 (KB926139), MMC 3.0 (built into R2,
else KB907265), and the IIS components `iis_common`, `iis_www` and network COM+ access
(`complusnetwork`), installed with `sysocmgr` and an answer file. 2008 [S46]: the
ServerManagerCmd features of assumptions.EXCHANGE_FEATURES_2008 (.NET 2.0 and MMC 3.0 are
part of 2008). PowerShell counts as installed where the lab's PowerShell says so (KB926139 in
the hotfixes on 2003, the PowerShell feature on 2008).
"""

from __future__ import annotations

from .. import assumptions as A
from ..powershell import install as powershell
from ..state import Host, LabState

NETFX, POWERSHELL, MMC = "NetFx20", "PowerShell", "MMC30"
HOTFIXES = {POWERSHELL: "KB926139", MMC: "KB907265"}
NETFX_KEY = "SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v2.0.50727"
POWERSHELL_KEY = "SOFTWARE\\Microsoft\\PowerShell\\1"
OC_KEY = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\OC Manager\\Subcomponents"
HOTFIX_KEY = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Hotfix\\{kb}"
IIS_COMPONENTS = ("iis_common", "iis_inetmgr", "iis_www", "complusnetwork")


def recorded(state: LabState, host: Host) -> list[str]:
    """The components an installer recorded on `host` (.NET, the sysocmgr components)."""
    if state.exchange is None:
        return []
    return state.exchange.prerequisites.get(host.name, [])


def has_powershell(host: Host) -> bool:
    return powershell.installed(host)


def installed(state: LabState, host: Host) -> set[str]:
    """Every prerequisite component present on `host`."""
    found = set(recorded(state, host))
    if has_powershell(host):
        found.add(POWERSHELL)
    if not state.is_2003:
        found |= {NETFX, MMC} | set(host.features)
    elif host.os.release == "2003-r2" or HOTFIXES[MMC] in host.hotfixes:
        found.add(MMC)
    return found


def missing(state: LabState, host: Host) -> list[str]:
    """Setup's prerequisite failures on `host`, as setup words them, in its order."""
    present = installed(state, host)
    if state.is_2003:
        wanted = [NETFX, POWERSHELL, MMC, *A.EXCHANGE_IIS_COMPONENTS_2003]
        return [A.EXCHANGE_PREREQUISITE_TEXT[item] for item in wanted if item not in present]
    return [A.EXCHANGE_PREREQUISITE_TEXT["feature"].format(name=item)
            for item in A.EXCHANGE_FEATURES_2008 if item not in present]


def record(state: LabState, host: Host, component: str) -> None:
    components = state.exchange.prerequisites.setdefault(host.name, [])
    if component not in components:
        components.append(component)
    kb = HOTFIXES.get(component)
    if kb and state.is_2003 and kb not in host.hotfixes:
        host.hotfixes.append(kb)


def registry(state: LabState, host: Host) -> dict[str, list[tuple[str, str, int | str]]]:
    """Registry values (key below HKLM -> (name, type, data)) the prerequisites leave."""
    present = installed(state, host)
    values: dict[str, list[tuple[str, str, int | str]]] = {}
    if NETFX in present:
        values[NETFX_KEY] = [("Install", "REG_DWORD", 1), ("SP", "REG_DWORD", 0)]
    if POWERSHELL in present:
        values[POWERSHELL_KEY] = [("Install", "REG_DWORD", 1), ("PID", "REG_SZ", "89383-100-0001260-04309")]
    if state.is_2003:
        values[OC_KEY] = [(name, "REG_DWORD", int(name in present)) for name in IIS_COMPONENTS]
        for kb in sorted(set(HOTFIXES.values()) & set(host.hotfixes)):
            values[HOTFIX_KEY.format(kb=kb)] = [("Installed", "REG_DWORD", 1)]
    return values
