"""Which module's cmdlets make up which core snap-in."""

from __future__ import annotations

from ..commands import SnapIn
from . import CORE, HOST, MANAGEMENT, SECURITY, UTILITY

_DESCRIPTIONS = {
    CORE: "This Windows PowerShell snap-in contains Windows PowerShell management cmdlets used to manage "
          "components of Windows PowerShell.",
    HOST: "This Windows PowerShell snap-in contains cmdlets used by the Windows PowerShell host.",
    MANAGEMENT: "This Windows PowerShell snap-in contains management cmdlets used to manage Windows components.",
    SECURITY: "This Windows PowerShell snap-in contains cmdlets to manage Windows PowerShell security.",
    UTILITY: "This Windows PowerShell snap-in contains utility Cmdlets used to manipulate data.",
}


def snapins() -> list[SnapIn]:
    cmdlets: dict[str, list] = {name: [] for name in _DESCRIPTIONS}
    for name, cmdlet in _all():
        cmdlets[name].append(cmdlet)
    return [SnapIn(name, cmdlets[name], description=text) for name, text in _DESCRIPTIONS.items()]


def _all():
    return []
