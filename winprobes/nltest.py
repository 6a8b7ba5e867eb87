"""`nltest /sc_query:DOMAIN`: the member's secure channel to a domain controller.

Layouts (verbatim public samples in tests/unit/probe_cases/secure_channel): Windows NT 4.0
(KB 158148) and current Windows print

    Flags: 30 HAS_IP  HAS_TIMESERV
    Trusted DC Name \\\\dc10.domain.example
    Trusted DC Connection Status Status = 0 0x0 NERR_Success
    The command completed successfully

(NT 4.0 adds a `Connection Status = ...` line after the flags). A broken channel shows a
non-zero status on the `Trusted DC Connection Status` line; a query that cannot run at all
prints `I_NetLogonControl failed: Status = 1722 0x6ba RPC_S_SERVER_UNAVAILABLE`. Both are
results, not errors: a check reports them. The 2003 Support Tools build's exact lines and
its exit code on failure are UNCONFIRMED (runbooks/exchange-2007-ccr/unconfirmed.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Probe, ProbeError, Unreadable, shape
from .runner import Runner

_STATUS = r"Status = (?P<code>-?\d+) (?P<hex>0x[0-9a-fA-F]+) (?P<name>\S+)"
_CHANNEL = re.compile(rf"^Trusted DC Connection Status {_STATUS}\s*$", re.IGNORECASE)
_FAILED = re.compile(rf"^(?P<call>[\w ]+) failed: {_STATUS}\s*$", re.IGNORECASE)
_DC = re.compile(r"^Trusted DC Name\s*(?P<dc>\S*)\s*$", re.IGNORECASE)
_DOMAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]{0,254}")


@dataclass(frozen=True)
class SecureChannel:
    domain: str
    status: int                   # 0 (NERR_Success) when the channel works
    status_name: str              # NERR_Success, ERROR_NO_LOGON_SERVERS, RPC_S_SERVER_UNAVAILABLE...
    trusted_dc: str | None        # \\DC01.corp.example; None when the query itself failed

    @property
    def ok(self) -> bool:
        return self.status == 0


class SecureChannelQuery(Probe[SecureChannel]):
    NAME = "secure_channel"
    ALLOW = (shape(r"nltest /sc_query:[A-Za-z0-9][A-Za-z0-9.-]{0,254}"),)

    def __init__(self, domain: str):
        if not _DOMAIN.fullmatch(domain):
            raise ValueError(f"{domain!r} is not a domain name")
        self.domain = domain

    def command(self) -> str:
        return f"nltest /sc_query:{self.domain}"

    def read(self, target: Runner, host: str) -> SecureChannel:
        result = target.run(host, self.command())
        text = result.stdout if _readable(result.stdout) else result.stdout + "\n" + result.stderr
        if not result.ok and not _readable(text):
            raise self.failure(host, result)          # not nltest speaking (not installed: 9009)
        try:
            return self.parse(text)
        except ProbeError as err:
            err.host, err.command = host, self.command()
            raise

    def process(self, lines: list[str]) -> SecureChannel:
        shown = [(no, line.strip()) for no, line in enumerate(lines, 1) if line.strip()]
        for no, text in shown:
            if failed := _FAILED.match(text):
                return SecureChannel(self.domain, int(failed["code"]), failed["name"], None)
        dc = next((m["dc"] or None for _, text in shown if (m := _DC.match(text))), None)
        channel = next(((no, m) for no, text in shown if (m := _CHANNEL.match(text))), None)
        if channel is None:
            raise Unreadable("no 'Trusted DC Connection Status Status = N 0xN NAME' line",
                             shown[0][0] if shown else None)
        no, match = channel
        if int(match["code"]) != int(match["hex"], 16):
            raise Unreadable(f"status {match['code']} does not match {match['hex']}", no)
        return SecureChannel(self.domain, int(match["code"]), match["name"], dc)


def _readable(text: str) -> bool:
    """Whether `text` holds nltest's status line (on stdout, or stderr for some failures)."""
    return any(_FAILED.match(line.strip()) or _CHANNEL.match(line.strip()) for line in text.splitlines())
