"""The core snap-ins of Windows PowerShell 1.0 (Microsoft.PowerShell.*) and their cmdlets."""

from __future__ import annotations

from ..commands import SnapIn

CORE, HOST, MANAGEMENT, SECURITY, UTILITY = (f"Microsoft.PowerShell.{n}" for n in
                                             ("Core", "Host", "Management", "Security", "Utility"))


def core_snapins() -> list[SnapIn]:
    """Every session starts with these loaded (they cannot be removed)."""
    from . import modules
    return modules.snapins()
