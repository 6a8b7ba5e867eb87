"""The lab's own exceptions (winlab imports nothing of the engine that drives it).

    WinLabError                 the lab cannot do what was asked: an unknown host or fault target,
    │                           an unreadable or busy state, a port in use
    └── HostUnavailable         a host of the lab is down: its endpoint drops the connection

`HostUnavailable` belongs to the lab, not to its WinRM transport: `Lab.execute` raises it
for a host that is powered off, and the endpoint (`winrm/`) turns it into a dropped
connection, as a host that does not answer would. A program driving the lab reports a
WinLabError as bad input (the runbook engine turns it into its WinLabError, exit 2).
"""

from __future__ import annotations


class WinLabError(Exception):
    """Root of every error the lab raises on purpose."""


class HostUnavailable(WinLabError):
    """Raised for a host that is down: the endpoint then drops the connection unanswered."""


__all__ = ["WinLabError", "HostUnavailable"]
