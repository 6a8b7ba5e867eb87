"""Run commands on Windows hosts over WinRM with pywinrm: real hosts, and the lab's endpoints.

    winrm://Administrator@{host}.corp.example          https on 5986, certificate checked, NTLM
    winrm://CORP%5Cadmin@{address}?ca=/etc/ssl/corp.pem  the host's address from the environment
    winrm://admin@10.0.0.5:5985?scheme=http            NTLM seals every message over http
    winrm://admin@anything --host NODE1=10.0.0.5 ...  each host's machine named (`hostmap`)

A URL without {host} or {address} names one machine: it serves an environment of one host;
for more, every host a run reaches must be mapped to its machine, or nothing is sent.

Options: scheme=https|http, verify=true|false, ca=PATH, transport=ntlm|kerberos|credssp|basic,
encryption=auto|always|never, timeout=SECONDS (300, per command), reboot_wait=SECONDS (30),
codepage=437|65001. The password comes from RUNBOOK_WINRM_PASSWORD, else a prompt; it never
appears in a URL, a message or a log. Each host gets one WinRS shell, reused by every
command; a command with `env` gets a short-lived shell of its own, since a shell's
environment is fixed when it is created. In a read-only run (`guard`) a command that is
not a probe is refused right before it would be sent.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Mapping
from urllib.parse import quote, urlencode

import requests
from winrm.exceptions import (AuthenticationError, WinRMError, WinRMOperationTimeoutError,
                              WinRMTransportError, WSManFaultError)
from winrm.protocol import Protocol

from ..errors import GeneratorError, TargetError
from ..secrets import WINRM_PASSWORD, SecretRef, Secrets
from . import guard
from .base import CommandResult, Target
from .winrm_url import Settings, parse_endpoint, parse_url, shown_url

log = logging.getLogger(__name__)

SHELL_NOT_FOUND = 2150858843
STDIN_CHUNK = 64 * 1024
_warned_unverified = False


@dataclass
class _Host:
    """What we hold open on one host."""

    name: str
    endpoint: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    protocol: Protocol | None = None
    shell_id: str | None = None


class _Deadline(Exception):
    pass


class WinRMTarget(Target):
    NAME = "winrm"
    confirm_changes = True      # `apply` asks before changing real hosts

    def __init__(self, url: str, addresses: Mapping[str, str] | None = None, *,
                 endpoints: Mapping[str, str] | None = None, password: str | None = None,
                 hosts: Mapping[str, str] | None = None, secrets: Secrets | None = None):
        """`addresses`: the environment's hosts and their addresses; `hosts`: host -> ADDRESS[:PORT]
        (`--host`), which wins over the URL's HOST; `endpoints`: host -> WS-Man URL (the lab's)."""
        super().__init__(url, secrets)
        self.settings = parse_url(url)
        self._addresses = {name.lower(): address for name, address in (addresses or {}).items()}
        self._mapped = {name.lower(): parse_endpoint(endpoint) for name, endpoint in (hosts or {}).items()}
        self._endpoints = {name.lower(): (name, endpoint) for name, endpoint in (endpoints or {}).items()}
        self._password = password
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        if not self.settings.verify and self.settings.scheme == "https":
            _warn_unverified()

    @classmethod
    def for_endpoints(cls, endpoints: Mapping[str, str], user: str, password: str, *,
                      transport: str = "ntlm", encryption: str = "auto", timeout: float = 300.0,
                      reboot_wait: float = 0.0, secrets: Secrets | None = None) -> "WinRMTarget":
        """A target for known endpoints (host name -> `http://127.0.0.1:PORT/wsman`), like the lab's."""
        query = urlencode({"scheme": "http", "transport": transport, "encryption": encryption,
                           "timeout": timeout, "reboot_wait": reboot_wait})
        return cls(f"winrm://{quote(user, safe='')}@{{host}}?{query}", endpoints=endpoints, password=password,
                   secrets=secrets)

    @classmethod
    def open(cls, url: str, environment, project, hosts: Mapping[str, str] | None = None,
             secrets: Secrets | None = None) -> "WinRMTarget":
        """`{address}` in the URL comes from the environment's host addresses. A URL that names
        one machine, for an environment of several hosts, needs `hosts` (checked here, before
        anything is sent; `route()` then checks that every host a run needs is mapped)."""
        addresses = environment.params.host_addresses()
        target = cls(url, addresses=addresses, hosts=hosts, secrets=secrets)
        if not target.settings.per_host and len(addresses) > 1 and not hosts:
            raise TargetError(
                f"{shown_url(url)} names one machine, but {environment.name} has {len(addresses)} hosts "
                f"({', '.join(addresses)}): say which machine each host is, with {{host}} or {{address}} in "
                "the URL (winrm://USER@{host}.corp.example) or with --host HOST=ADDRESS[:PORT] (or --hosts FILE)")
        return target

    @property
    def key(self) -> str:
        s = self.settings
        mapped = "".join(f";{name}={host}:{port or s.port}" for name, (host, port) in sorted(self._mapped.items()))
        return f"winrm://{s.host.lower()}:{s.port}{s.path}{mapped}"

    @property
    def reboot_wait(self) -> float:
        return self.settings.reboot_wait

    def endpoint(self, host: str) -> str:
        """The WS-Man URL of a host."""
        if self._endpoints:
            if host.lower() not in self._endpoints:
                known = ", ".join(sorted(name for name, _ in self._endpoints.values()))
                raise TargetError(f"no WinRM endpoint for host {host} (known: {known})")
            return self._endpoints[host.lower()][1]
        s = self.settings
        name, port = self._mapped.get(host.lower(), (None, None))
        if name is None and s.per_host:
            address = self._addresses.get(host.lower())
            if address is None and "{address}" in s.host:
                raise TargetError(f"{host}: the target URL uses {{address}} but the environment gives {host} no address")
            name = s.host.format(host=host, address=(address or "").split("/")[0])
        elif name is None and len(self._addresses) > 1:
            raise TargetError(f"{host}: no --host HOST=ADDRESS says which machine {host} is (the target URL "
                              f"{shown_url(self.url)} names one machine, not one per host)")
        elif name is None:
            name = s.host
        return f"{s.scheme}://{f'[{name}]' if ':' in name else name}:{port or s.port}{s.path}"

    def run(self, host: str, command: str, env: Mapping[str, str] | None = None,
            stdin: str | None = None) -> CommandResult:
        state = self._host(host)
        if env and self.settings.scheme == "http" and self.settings.encryption == "never":
            raise TargetError(f"{host}: refusing to send {', '.join(env)} over http without encryption; "
                              "use https, or let NTLM seal the messages (drop encryption=never)")
        log.debug("%s: %s%s", host, self._shown(command), f" (with {', '.join(env)})" if env else "")
        with state.lock:
            try:
                out, err, rc = self._run(state, command, env, stdin, time.monotonic() + self.settings.timeout)
            except _Deadline:
                raise TargetError(f"{state.name} ({state.endpoint}): `{self._shown(command)}` did not finish within "
                                  f"{self.settings.timeout:g} s (timeout= in the target URL sets the limit)") from None
            except GeneratorError:
                raise
            except Exception as exc:
                self._forget(state)
                raise self._failure(state, exc) from exc
        codec = self.settings.codec
        return CommandResult(command, rc, out.decode(codec, "replace"), err.decode(codec, "replace"))

    def close(self) -> None:
        with self._lock:
            hosts, self._hosts = list(self._hosts.values()), {}
        for state in hosts:
            with state.lock:
                self._forget(state, delete=True)

    def _run(self, state: _Host, command: str, env: Mapping[str, str] | None, stdin: str | None,
             deadline: float) -> tuple[bytes, bytes, int]:
        reused = state.protocol is not None
        try:
            protocol, shell_id, command_id = self._start(state, command, env, stdin)
        except Exception as exc:
            if not (reused and _stale(exc)):
                raise
            log.debug("%s: the connection or shell is gone (%s); opening another", state.name, type(exc).__name__)
            self._forget(state)
            protocol, shell_id, command_id = self._start(state, command, env, stdin)
        try:
            return self._execute(protocol, shell_id, command_id, stdin, deadline)
        finally:
            if env:
                _quietly(protocol.close_shell, shell_id, close_session=False)

    def _start(self, state: _Host, command: str, env: Mapping[str, str] | None,
               stdin: str | None) -> tuple[Protocol, str, str]:
        """Start a command in the host's shell, or in a shell of its own when it needs `env`."""
        guard.check(state.name, command, env, stdin, self.secrets.redact)    # before the shell (it carries `env`) and the command
        protocol = self._protocol(state)
        if not env:
            if state.shell_id is None:
                state.shell_id = protocol.open_shell(codepage=self.settings.codepage)
            return protocol, state.shell_id, protocol.run_command(state.shell_id, command)
        shell_id = protocol.open_shell(env_vars=dict(env), codepage=self.settings.codepage)
        try:
            return protocol, shell_id, protocol.run_command(shell_id, command)
        except Exception:
            _quietly(protocol.close_shell, shell_id, close_session=False)
            raise

    def _execute(self, protocol: Protocol, shell_id: str, command_id: str, stdin: str | None,
                 deadline: float) -> tuple[bytes, bytes, int]:
        if stdin is not None:
            data = stdin.encode(self.settings.codec, "replace")
            chunks = [data[i:i + STDIN_CHUNK] for i in range(0, len(data), STDIN_CHUNK)] or [b""]
            for i, chunk in enumerate(chunks):
                protocol.send_command_input(shell_id, command_id, chunk, end=i == len(chunks) - 1)
        out: list[bytes] = []
        err: list[bytes] = []
        while True:
            try:
                stdout, stderr, rc, done = protocol.get_command_output_raw(shell_id, command_id)
                out.append(stdout)
                err.append(stderr)
            except WinRMOperationTimeoutError:      # no output yet: ask again until the deadline
                done = False
            if done or time.monotonic() >= deadline:
                break
        _quietly(protocol.cleanup_command, shell_id, command_id)
        if not done:
            raise _Deadline()
        return b"".join(out), b"".join(err), rc

    def _host(self, host: str) -> _Host:
        with self._lock:
            state = self._hosts.get(host.lower())
            if state is None:
                name = self._endpoints[host.lower()][0] if host.lower() in self._endpoints else host
                state = self._hosts[host.lower()] = _Host(name, self.endpoint(host))
            return state

    def _protocol(self, state: _Host) -> Protocol:
        if state.protocol is None:
            s = self.settings
            operation = int(min(20, max(1, s.timeout // 2)))    # a Receive waits at most this long
            state.protocol = Protocol(
                state.endpoint, transport=s.transport, username=s.user, password=self._secret(),
                server_cert_validation="validate" if s.verify else "ignore", ca_trust_path=s.ca,
                message_encryption=s.encryption, operation_timeout_sec=operation,
                read_timeout_sec=operation + 10, proxy=None)
        return state.protocol

    def _forget(self, state: _Host, delete: bool = False) -> None:
        protocol, shell_id = state.protocol, state.shell_id
        state.protocol = state.shell_id = None
        if protocol is not None and delete and shell_id is not None:
            _quietly(protocol.close_shell, shell_id)
        elif protocol is not None:
            _quietly(protocol.transport.close_session)

    def _secret(self) -> str | None:
        with self._lock:
            if self._password is None and self.settings.transport != "kerberos":
                ref = SecretRef(env=WINRM_PASSWORD, prompt=f"WinRM password of {self.settings.user}")
                self._password = self.secrets.value(ref, f"WinRM password of {self.settings.user}")
            return self._password

    def _shown(self, command: str) -> str:
        text = self.secrets.redact(command)
        return text if len(text) <= 120 else text[:117] + "..."

    def _failure(self, state: _Host, exc: Exception) -> TargetError:
        where = f"{state.name} ({state.endpoint})"
        if isinstance(exc, requests.exceptions.SSLError):
            return TargetError(f"{where}: the server's certificate was not accepted ({_reason(exc)}); add "
                               "ca=/path/to/bundle.pem to the target URL to trust its issuer, or verify=false "
                               "to skip the check")
        if isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout)):
            return TargetError(f"{where} is not answering ({_reason(exc)})")
        if isinstance(exc, AuthenticationError):
            return TargetError(f"{where}: the credentials for user {self.settings.user} were refused")
        if isinstance(exc, WSManFaultError):
            return TargetError(f"{where}: WS-Management fault: {self.secrets.redact(str(exc.reason).strip())}")
        if isinstance(exc, WinRMTransportError):
            return TargetError(f"{where}: the WinRM service answered HTTP {exc.code}")
        if isinstance(exc, WinRMError) and "not installed" in str(exc):
            return TargetError(f"{where}: {exc} (install pywinrm[{self.settings.transport}])")
        return TargetError(f"{where}: unexpected answer from the WinRM service "
                           f"({type(exc).__name__}: {self.secrets.redact(str(exc))[:200]})")


def _stale(exc: Exception) -> bool:
    """A failure that means a kept shell or connection is gone (host restarted), not a refusal."""
    if isinstance(exc, WSManFaultError):
        return exc.wsman_fault_code == SHELL_NOT_FOUND
    return isinstance(exc, (requests.exceptions.ConnectionError, WinRMTransportError))


def _reason(exc: Exception) -> str:
    text = str(exc).lower()
    for pattern, reason in (("refused", "connection refused"), ("reset", "connection reset"),
                            ("closed connection", "connection closed"), ("timed out", "timed out"),
                            ("not known", "unknown host name"), ("getaddrinfo", "unknown host name"),
                            ("certificate verify failed", "certificate verify failed"),
                            ("mismatch", "host name mismatch")):
        if pattern in text:
            return reason
    return type(exc).__name__




def _quietly(function: Any, *args: Any, **kwargs: Any) -> None:
    try:
        function(*args, **kwargs)
    except Exception as exc:        # best effort: the host may already be gone
        log.debug("ignored while cleaning up: %s", type(exc).__name__)


def _warn_unverified() -> None:
    global _warned_unverified
    if not _warned_unverified:
        _warned_unverified = True
        log.warning("verify=false: the WinRM hosts' certificates are not checked; anyone on the path "
                    "could impersonate them")
