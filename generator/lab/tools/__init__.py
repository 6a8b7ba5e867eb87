"""The Windows programs the lab emulates, and where a command name finds them.

`Programs(host)` implements `tooling.ToolRegistry`: `netsh`, `NETSH.EXE` and
`C:\\WINDOWS\\system32\\netsh.exe` all find netsh (case-insensitive, `.exe` optional, a
full path only where the program really lives). A program the host does not have
(netdom without the Support Tools, dsquery off the domain controller) is not found, so
the shell prints cmd.exe's "is not recognized" and sets errorlevel 9009.
"""

from __future__ import annotations

import ntpath

from .. import assumptions as A
from ..state import Host
from ..tooling import Tool
from . import cluster, dsquery, hostname, ipconfig, net, netdom, netsh, reg, wmic

SYSTEM32, WBEM = "{root}\\system32", "{root}\\system32\\wbem"
PROGRAMS: dict[str, tuple[Tool, str]] = {
    "ipconfig": (ipconfig.run, SYSTEM32), "netsh": (netsh.run, SYSTEM32), "reg": (reg.run, SYSTEM32),
    "hostname": (hostname.run, SYSTEM32), "cluster": (cluster.run, SYSTEM32), "dsquery": (dsquery.run, SYSTEM32),
    "wmic": (wmic.run, WBEM), "netdom": (netdom.run, A.SUPPORT_TOOLS_DIR), "net": (net.run, SYSTEM32),
}


def installed(host: Host, program: str) -> bool:
    if program == "netdom":
        return host.support_tools
    if program == "dsquery":
        return host.role == "dc"
    return True


class Programs:
    """The programs of one host (all programs when no host is given)."""

    def __init__(self, host: Host | None = None, system_root: str = "C:\\WINDOWS"):
        self.host, self.system_root = host, system_root

    def lookup(self, name: str) -> Tool | None:
        typed = name.strip().strip('"')
        directory, base = ntpath.split(typed)
        program = base.lower()[:-4] if base.lower().endswith(".exe") else base.lower()
        if program not in PROGRAMS or (self.host is not None and not installed(self.host, program)):
            return None
        tool, home = PROGRAMS[program]
        if directory and directory.rstrip("\\").lower() != home.format(root=self.system_root).lower():
            return None
        return tool
