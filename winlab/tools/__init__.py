"""The Windows programs the lab emulates, and where a command name finds them.

`Programs(host, system_root, search_path)` implements `tooling.ToolRegistry`: `netsh`,
`NETSH.EXE` and `C:\\WINDOWS\\system32\\netsh.exe` all find netsh (case-insensitive, `.exe`
optional, a full path only where the program really lives, a bare name only when its folder
is on the process's PATH). A program the host does not have is not found, so the shell
prints cmd.exe's "is not recognized" and sets errorlevel 9009: dsquery off the domain
controller; on 2003 netdom and nltest without the Support Tools [S63] (they live in their
own folder, which the installer adds to the PATH of processes started afterwards) and
ServerManagerCmd (a 2008 program), icacls before SP2; sysocmgr is 2003's only; on 2008 cluster.exe without the Failover Clustering
feature, netdom and nltest without the AD DS tools (RSAT-ADDS), an installed feature
counting only once the restart it needed has happened. powershell.exe only where Windows
PowerShell is installed (winlab/powershell/install.py), in its own folder on the PATH.
Exchange's setup.com and its 2003 prerequisite installers are files on the media, found
where they are (exchange/installers.py).
"""

from __future__ import annotations

import ntpath

from .. import assumptions as A
from ..logon import platform_of
from ..powershell import program as powershell_program
from ..powershell.install import installed as powershell_installed
from ..state import Host
from ..exchange import installers
from ..tooling import Tool
from . import (cacls, cluster, dsquery, hostname, icacls, ipconfig, msiexec, net, netdom, netsh, nltest, ping,
               reg, servermanagercmd, shutdown, wmic)

SYSTEM32, WBEM = "{root}\\system32", "{root}\\system32\\wbem"
PROGRAMS: dict[str, tuple[Tool, str]] = {
    "ipconfig": (ipconfig.run, SYSTEM32), "netsh": (netsh.run, SYSTEM32), "reg": (reg.run, SYSTEM32),
    "hostname": (hostname.run, SYSTEM32), "cluster": (cluster.run, SYSTEM32), "dsquery": (dsquery.run, SYSTEM32),
    "wmic": (wmic.run, WBEM), "netdom": (netdom.run, SYSTEM32), "net": (net.run, SYSTEM32),
    "shutdown": (shutdown.run, SYSTEM32), "nltest": (nltest.run, SYSTEM32), "ping": (ping.run, SYSTEM32),
    "msiexec": (msiexec.run, SYSTEM32), "servermanagercmd": (servermanagercmd.run, SYSTEM32),
    "cacls": (cacls.run, SYSTEM32), "icacls": (icacls.run, SYSTEM32), "sysocmgr": (installers.sysocmgr, SYSTEM32),
    "powershell": (powershell_program.run, SYSTEM32 + "\\WindowsPowerShell\\v1.0"),
}
# 2003's netdom and nltest come with the Support Tools, in their own folder [S63].
SUPPORT_TOOLS = {"netdom", "nltest"}
HOMES_2003 = {program: A.SUPPORT_TOOLS_DIR for program in SUPPORT_TOOLS}
ONLY_2008 = {"servermanagercmd"}
ONLY_2003 = {"sysocmgr"}             # 2008 adds roles with ServerManagerCmd instead
# The 2008 feature a program comes with (ServerManagerCmd ids): nltest with the AD DS tools too.
FEATURES_2008 = {"cluster": servermanagercmd.FAILOVER_CLUSTERING, "netdom": servermanagercmd.AD_DS_TOOLS,
                 "nltest": servermanagercmd.AD_DS_TOOLS}


def installed(host: Host, program: str) -> bool:
    if program == "powershell":                 # 2003: KB926139; 2008: the PowerShell feature
        return powershell_installed(host)
    if program == "dsquery":
        return host.domain_controller
    if platform_of(host) == "windows-2003":
        if program == "icacls":
            return host.os.service_pack >= A.ICACLS_2003_SERVICE_PACK
        return host.support_tools if program in SUPPORT_TOOLS else program not in ONLY_2008
    feature = FEATURES_2008.get(program)
    return program not in ONLY_2003 and (feature is None or feature in host.features)


class Programs:
    """The programs of one host (all programs, 2003 homes, when no host is given); `search_path`
    is the PATH the process started with (None: every program's folder is on it)."""

    def __init__(self, host: Host | None = None, system_root: str = "C:\\WINDOWS", search_path: str | None = None):
        self.host, self.system_root = host, system_root
        self.search_path = None if search_path is None else {p.strip().rstrip("\\").lower()
                                                              for p in search_path.split(";") if p.strip()}

    def lookup(self, name: str) -> Tool | None:
        typed = name.strip().strip('"')
        directory, base = ntpath.split(typed)
        program = base.lower()[:-4] if base.lower().endswith(".exe") else base.lower()
        media = installers.lookup(typed)          # setup.com and installers: files on a disk, not programs
        if media is not None:
            return media
        if program not in PROGRAMS or (self.host is not None and not installed(self.host, program)):
            return None
        home = self._home(program).lower()
        if directory and directory.rstrip("\\").lower() != home:
            return None
        if not directory and self.search_path is not None and home not in self.search_path:
            return None
        return PROGRAMS[program][0]

    def _home(self, program: str) -> str:
        home = PROGRAMS[program][1]
        if self.host is None or platform_of(self.host) == "windows-2003":
            home = HOMES_2003.get(program, home)
        return home.format(root=self.system_root)
