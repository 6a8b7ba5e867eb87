"""The lab's own exceptions, below `generator.errors.LabError`.

    LabError                    generator.errors: the lab is not running, or an action is impossible
    └── HostUnavailable         a host of the lab is down: its endpoint drops the connection

`HostUnavailable` belongs to the lab, not to its WinRM transport: `Lab.execute` raises it
for a host that is powered off, and the endpoint (`winrm/`) turns it into a dropped
connection, as a host that does not answer would.
"""

from __future__ import annotations

from ..errors import LabError


class HostUnavailable(LabError):
    """Raised for a host that is down: the endpoint then drops the connection unanswered."""


__all__ = ["LabError", "HostUnavailable"]
