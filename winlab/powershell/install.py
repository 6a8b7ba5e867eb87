"""Where PowerShell 1.0 is installed, its execution policy and the host's registered snap-ins.

Installed is derived from what Windows records: on 2003 the KB926139 update in the host's
hotfixes (Win32_QuickFixEngineering lists it), on 2008 the `PowerShell` feature
(ServerManagerCmd -query shows it); the witness host has it from its baseline
(HostSpec.powershell). The execution policy (HKLM ...\\ShellIds\\Microsoft.PowerShell
ExecutionPolicy) is Restricted until something sets it; registered snap-ins are the
PowerShellSnapIns keys an installer wrote. Both live in `Host.powershell`.
"""

from __future__ import annotations

from .. import assumptions as A
from ..state import Host

HOTFIX_2003 = "KB926139"                    # Windows PowerShell 1.0 for Windows Server 2003
FEATURE_2008 = "PowerShell"                 # ServerManagerCmd id of Windows PowerShell
POLICIES = ("Restricted", "AllSigned", "RemoteSigned", "Unrestricted")


def installed(host: Host) -> bool:
    if host.os.release.startswith("2003"):
        return HOTFIX_2003 in host.hotfixes
    return FEATURE_2008 in host.features


def install(host: Host) -> None:
    """What the installer leaves: the update recorded (2003) or the feature (2008), and the files."""
    if host.os.release.startswith("2003"):
        if HOTFIX_2003 not in host.hotfixes:
            host.hotfixes.append(HOTFIX_2003)
    elif FEATURE_2008 not in host.features:
        host.features.append(FEATURE_2008)
    home = home_directory(host)
    for folder in _folders(home):
        if folder not in host.directories:
            host.directories.append(folder)
    host.files.setdefault(f"{home}\\powershell.exe", A.PROGRAM_FILE.format(program="powershell.exe"))


def home_directory(host: Host) -> str:
    """$PSHOME: C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0 (the folder is on the PATH)."""
    return A.SYSTEM_ROOT["windows-2003" if host.os.release.startswith("2003") else "windows-2008"] \
        + "\\system32\\WindowsPowerShell\\v1.0"


def _folders(home: str) -> list[str]:
    parts = home.split("\\")
    return ["\\".join(parts[:i]) for i in range(3, len(parts) + 1)]


def register_snapin(host: Host, name: str) -> None:
    """An installer registered snap-in `name` on `host` (Add-PSSnapin can load it from now on)."""
    if name not in host.powershell.snapins:
        host.powershell.snapins.append(name)


def set_execution_policy(host: Host, policy: str) -> None:
    host.powershell.execution_policy = canonical_policy(policy) or host.powershell.execution_policy


def canonical_policy(text: str) -> str | None:
    return next((p for p in POLICIES if p.lower() == text.lower()), None)
