"""Restarts as Windows does them: changes recorded now, applied when the host starts again.

A rename (Win32_ComputerSystem.Rename), a domain join (netdom join), a 2008 feature whose
install returned 3010 and a binding order written to Tcpip\\Linkage are *pending*
(`Host.pending`): until the next start the tools show the old state. `shutdown /r /t N`
and `netdom ... /reboot[:N]` *schedule* a restart (`Host.restart`) on the lab's clock: the
host stops answering min(N, delay_cap) seconds later and answers again `downtime` seconds
after that, its pending changes applied, `boots` one higher, a new LastBootUpTime.

Time moves lazily: every transaction and every read first `advance`s the state to the
clock's now, so no thread runs and every process sharing the lab's folder agrees (the
times are stored). Powering a host off (a fault) cancels its scheduled restart; powering
it on is a start like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import quorum
from .errors import WinLabError
from .state import Host, LabState, Pending, ScheduledRestart


@dataclass(frozen=True)
class RestartTiming:
    """The lab's restart parameters, in seconds. The default restarts a host between two
    commands: nothing sees it down, yet every pending change waits for the restart."""

    delay_cap: float = 0.0              # at most this long from `shutdown /r /t N` to the shutdown
    downtime: float = 0.0               # how long a restarting host does not answer

    def __post_init__(self) -> None:
        if not (0 <= self.delay_cap < 86400 and 0 <= self.downtime < 86400):
            raise WinLabError(f"restart times must be 0 to 86400 seconds, not {self.delay_cap}, {self.downtime}")

    @classmethod
    def parse(cls, text: str) -> "RestartTiming":
        """`DELAY_CAP,DOWNTIME` in seconds (`20,30`, `0.1,0.5`); empty: the default."""
        if not text.strip():
            return cls()
        parts = text.split(",")
        try:
            cap, downtime = (float(p) for p in parts)
        except ValueError:
            raise WinLabError(f"restart timing {text!r}: expected DELAY_CAP,DOWNTIME in seconds, "
                              "such as 20,30") from None
        return cls(cap, downtime)


def schedule(host: Host, delay: float, now: float, timing: RestartTiming) -> bool:
    """Restart `host` `delay` seconds from `now` (capped); False when one is already scheduled."""
    if host.restart is not None:
        return False
    down = now + min(delay, timing.delay_cap)
    host.restart = ScheduledRestart(down_at=down, up_at=down + timing.downtime)
    return True


def abort(host: Host, now: float) -> bool:
    """`shutdown /a`: cancel a restart that has not begun; False when there is none to cancel."""
    if host.restart is None or now >= host.restart.down_at:
        return False
    host.restart = None
    return True


def advance(state: LabState, now: float) -> list[str]:
    """Carry out what the clock says has happened; returns the hosts that started again."""
    started, changed = [], False
    for host in state.hosts.values():
        restart = host.restart
        if restart is None or now < restart.down_at:
            continue
        changed |= host.up
        host.up = False
        if now >= restart.up_at:
            start(state, host, restart.up_at)
            started.append(host.name)
    if changed or started:
        quorum.refresh(state)
    return started


def power_off(host: Host) -> None:
    host.up, host.restart = False, None


def start(state: LabState, host: Host, at: float) -> None:
    """A start: what was pending applies [C7], the cluster service starts with Windows."""
    pending = host.pending
    member = state.cluster.node(host.computer_name) if state.cluster else None
    if pending.name:
        host.computer_name = pending.name
    if pending.domain:
        host.domain, host.workgroup = pending.domain, None
    host.features += [f for f in pending.features if f not in host.features]
    if pending.binding_order:
        host.binding_order = pending.binding_order
        host.remote_access_at = pending.remote_access_at
    host.pending = Pending()
    host.up, host.restart = True, None
    host.boots += 1
    host.booted_at = at
    if member is not None:
        member.service_running = True
