"""The variables and working directory of a WinRS command on a lab host.

What cmd.exe has when WinRM starts it for the administrator: the machine's variables
(SystemRoot, PATH, PATHEXT, OS...) and the user's (USERNAME, USERDOMAIN, TEMP...). A
domain member's session belongs to the domain administrator, a workgroup computer's to
the local one. The client's WinRS variables are laid over these by the caller.
"""

from __future__ import annotations

from . import assumptions as A
from .powershell import install as powershell
from .state import Host, LabState

PATHEXT = ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH"


def platform_of(host: Host) -> str:
    return "windows-2008" if host.os.release == "2008" else "windows-2003"


def working_directory(host: Host) -> str:
    return A.PROFILE[platform_of(host)]


def variables(state: LabState, host: Host) -> dict[str, str]:
    platform = platform_of(host)
    root, profile, temp = A.SYSTEM_ROOT[platform], A.PROFILE[platform], A.TEMP[platform]
    member = host.domain is not None
    path = [root + "\\system32", root, root + "\\System32\\Wbem"]
    if host.support_tools:
        path.append(A.SUPPORT_TOOLS_DIR)
    if powershell.installed(host):              # its installer adds $PSHOME to the machine's PATH
        path.append(powershell.home_directory(host))
    found = {
        "ALLUSERSPROFILE": profile.rsplit("\\", 1)[0] + ("\\All Users" if platform == "windows-2003" else "\\Public"),
        "APPDATA": profile + ("\\Application Data" if platform == "windows-2003" else "\\AppData\\Roaming"),
        "CommonProgramFiles": "C:\\Program Files\\Common Files",
        "COMPUTERNAME": host.netbios, "ComSpec": root + "\\system32\\cmd.exe",
        "HOMEDRIVE": "C:", "HOMEPATH": profile[2:],
        "LOGONSERVER": "\\\\" + (state.controller.netbios if member else host.netbios),
        "NUMBER_OF_PROCESSORS": "1", "OS": "Windows_NT", "Path": ";".join(path), "PATHEXT": PATHEXT,
        "PROCESSOR_ARCHITECTURE": "x86", "ProgramFiles": "C:\\Program Files", "PROMPT": "$P$G",
        "SystemDrive": "C:", "SystemRoot": root, "TEMP": temp, "TMP": temp,
        "USERDOMAIN": state.domain.netbios if member else host.netbios,
        "USERNAME": "Administrator", "USERPROFILE": profile, "windir": root,
    }
    if member:
        found["USERDNSDOMAIN"] = state.domain.fqdn.upper()
    return found
