"""What a tool sees while it runs: the lab state, the host it runs on, the domain's passwords,
the lab's time and how long its restarts take.

The shell passes this object through untouched as `Invocation.host`. Passwords live only
here, in memory, set from the environment's secrets when the lab starts; an account with
no password set accepts any non-empty one (and `Lab.status()` says so).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .restarts import RestartTiming
from .state import Account, Host, LabState


@dataclass
class Credentials:
    """Passwords of domain accounts, keyed by NETBIOS\\user in upper case."""

    passwords: dict[str, str] = field(default_factory=dict)

    def set(self, passwords: dict[str, str]) -> None:
        self.passwords = {key.upper(): value for key, value in passwords.items()}

    @property
    def checked(self) -> bool:
        return bool(self.passwords)

    def verify(self, state: LabState, user: str, password: str) -> bool:
        account = find_account(state, user)
        if account is None or not password:
            return False
        expected = self.passwords.get(account.name.upper())
        return expected is None or expected == password


def find_account(state: LabState, user: str) -> Account | None:
    """A domain account from DOMAIN\\user, fqdn\\user or user@fqdn (any case)."""
    domain = state.domain
    if "@" in user:
        name, _, realm = user.partition("@")
    elif "\\" in user:
        realm, _, name = user.partition("\\")
    else:
        return None
    if realm.upper() not in (domain.netbios.upper(), domain.fqdn.upper()):
        return None
    wanted = f"{domain.netbios}\\{name}".upper()
    return next((a for a in domain.accounts if a.name.upper() == wanted), None)


@dataclass
class HostContext:
    state: LabState
    host: Host
    credentials: Credentials = field(default_factory=Credentials)
    now: float = field(default_factory=time.time)          # the lab's clock when the command started
    restart: RestartTiming = field(default_factory=RestartTiming)

    @property
    def platform(self) -> str:
        return self.state.platform

    @property
    def is_2003(self) -> bool:
        return self.state.is_2003
