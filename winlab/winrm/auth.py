"""HTTP authentication of one keep-alive connection, as a Windows host does it.

A request without credentials gets 401 with `WWW-Authenticate: Negotiate` and `NTLM`
(never `Basic`: WinRM refuses Basic over http by default, so a Basic attempt gets the
same challenge). NTLM is connection-bound: NEGOTIATE, CHALLENGE and AUTHENTICATE travel
on one connection, whose later requests are then trusted. Tokens may be raw NTLM (what
pywinrm and pypsrp send, under either scheme) or SPNEGO-wrapped NTLM (what a Windows
client sends under Negotiate).
"""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass, field
from typing import Any

import spnego

from .credentials import Accounts

log = logging.getLogger(__name__)

CHALLENGES = ("Negotiate", "NTLM")


@dataclass
class Verdict:
    """Whether the request may proceed, and the headers to add to the answer."""

    ok: bool
    headers: list[tuple[str, str]] = field(default_factory=list)


def challenge() -> Verdict:
    return Verdict(False, [("WWW-Authenticate", scheme) for scheme in CHALLENGES])


class ConnectionAuth:
    """The NTLM state of one connection."""

    def __init__(self, accounts: Accounts):
        self.accounts = accounts
        self.context: Any = None
        self.principal: str | None = None

    def check(self, authorization: str | None) -> Verdict:
        if not authorization:
            return Verdict(True) if self.principal else challenge()
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() not in ("negotiate", "ntlm"):
            return challenge()
        try:
            token = base64.b64decode(value.strip(), validate=True)
        except (binascii.Error, ValueError):
            return challenge()
        if not token:
            return challenge()
        return self._step(scheme, token)

    def _step(self, scheme: str, token: bytes) -> Verdict:
        try:
            if self.context is None or _initial(token):
                self.principal = None
                self.context = _acceptor(token)
                out = self.context.step(token)
            else:
                out = self.accounts.accept(self.context, token)
        except Exception as exc:          # spnego errors: bad token, unknown user, wrong password
            log.info("authentication refused: %s", type(exc).__name__)
            self.context = None
            return challenge()
        headers = [("WWW-Authenticate", f"{scheme} {base64.b64encode(out).decode()}")] if out else []
        if not self.context.complete:
            return Verdict(False, headers)
        self.principal = str(self.context.client_principal or "")
        return Verdict(True, headers)

    @property
    def sealing(self) -> Any:
        """The completed security context, which seals messages."""
        return self.context if self.principal and self.context is not None else None


def _acceptor(token: bytes) -> Any:
    if token.startswith(b"NTLMSSP\x00"):
        return spnego.server(protocol="ntlm", options=spnego.NegotiateOptions.use_ntlm)
    return spnego.server(protocol="negotiate", options=spnego.NegotiateOptions.use_negotiate)


def _initial(token: bytes) -> bool:
    """An NTLM NEGOTIATE message, or a SPNEGO NegTokenInit: a new handshake begins."""
    if token.startswith(b"NTLMSSP\x00"):
        return token[8:12] == b"\x01\x00\x00\x00"
    return token[:1] == b"\x60"
