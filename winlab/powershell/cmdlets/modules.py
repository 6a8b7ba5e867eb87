"""Which module's cmdlets make up which core snap-in."""

from __future__ import annotations

from functools import cache

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


@cache
def snapins() -> list[SnapIn]:
    cmdlets: dict[str, list] = {name: [] for name in _DESCRIPTIONS}
    for name, cmdlet in _all():
        cmdlets[name].append(cmdlet)
    views = [view for module in _MODULES for view in getattr(module, "VIEWS", [])]
    built = [SnapIn(name, cmdlets[name], views=views if name == CORE else [], description=text)
             for name, text in _DESCRIPTIONS.items()]
    for snapin in built:
        for cmdlet in snapin.cmdlets:
            object.__setattr__(cmdlet, "snapin", snapin.name)
    return built


def _all():
    return [pair for module in _MODULES for pair in module.CMDLETS]


from . import files, objects, output, system  # noqa: E402  (they import this package's names)

_MODULES = (output, objects, files, system)
