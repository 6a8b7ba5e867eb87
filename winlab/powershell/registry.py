"""The snap-ins the lab knows, by name, and which of them a host has registered.

A snap-in's code registers its definition once (`register(SnapIn(...))`, at import); a host
*has* it only when its state lists it (`Host.powershell.snapins`, what the PSSnapIns
registry key holds on Windows: an installer such as Exchange's setup adds it with
`install.register_snapin`). `Add-PSSnapin` loads a registered one into a session. The
core snap-ins (Microsoft.PowerShell.*) are always loaded where PowerShell is installed.
"""

from __future__ import annotations

from .commands import Cmdlet, SnapIn, View

_SNAPINS: dict[str, SnapIn] = {}


def register(snapin: SnapIn) -> SnapIn:
    """Make `snapin` known to the lab (a later definition of the same name replaces it)."""
    for cmdlet in snapin.cmdlets:
        object.__setattr__(cmdlet, "snapin", snapin.name)
    _SNAPINS[snapin.name.lower()] = snapin
    return snapin


def known(name: str) -> SnapIn | None:
    return _SNAPINS.get(name.lower())


def core() -> list[SnapIn]:
    """The snap-ins every session starts with (Microsoft.PowerShell.*), in load order."""
    from .cmdlets import core_snapins
    return core_snapins()


def views(snapins: list[SnapIn]) -> dict[str, View]:
    """Default views by lower-case type name; a later snap-in's view wins."""
    return {view.type_name.lower(): view for snapin in snapins for view in snapin.views}


def cmdlets(snapins: list[SnapIn]) -> dict[str, Cmdlet]:
    return {cmdlet.name.lower(): cmdlet for snapin in snapins for cmdlet in snapin.cmdlets}
