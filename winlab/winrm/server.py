"""The lab's WinRM endpoints: one HTTP listener per emulated host, each its own "machine".

    servers = serve(hosts={"E2K7Node1": 0}, handler=handler, credentials={"Administrator": pw})
    servers.ports        # {"E2K7Node1": 55123}
    servers.urls         # {"E2K7Node1": "http://127.0.0.1:55123/wsman"}
    servers.shutdown()

HTTP/1.1 keep-alive with exact Content-Length and Nagle off (tech-notes 1.7); a body
without a usable length, or longer than the connection may send (small until NTLM completes),
is refused unread and the connection closed; NTLM per connection (auth.py); encrypted
replies to encrypted requests (sealing.py); WinRS actions (winrs.py) on the host's in-memory
shells (shells.py). A handler raising HostUnavailable makes the endpoint drop the connection
unanswered, as a powered-off host would.
"""

from __future__ import annotations

import logging
import re
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Mapping
from urllib.parse import urlsplit

from ..errors import HostUnavailable, WinLabError
from ..masking import Masker, unmasked
from . import soap, winrs
from .auth import ConnectionAuth
from .credentials import Accounts
from .sealing import CONTENT_TYPE, SealingError, is_sealed, seal, unseal
from .shells import Handler, Shells

log = logging.getLogger(__name__)

# Bodies are refused before they are read when their Content-Length passes the limit.
# Before NTLM completes a client sends only small bodies: NTLM travels in headers, and pywinrm,
# pypsrp and Windows clients handshake with an empty POST; an unsealed client resends its first
# request (a Create shell envelope, 1-2 KB) through the handshake. 16 KiB leaves room for that
# and caps what an anonymous peer can make us read.
MAX_ANONYMOUS_BODY = 16 * 1024
# Authenticated: WinRM's default MaxEnvelopeSizekb (150), which pywinrm, pypsrp and Ansible keep
# their envelopes (and file-upload chunks) within, plus room for a sealed message's multipart
# framing and signature. The lab's own `apply` sends 7,000-character commands.
MAX_BODY = 150 * 1024 + 16 * 1024
_LENGTH = re.compile(r"[0-9]{1,12}")
CONNECTION_TIMEOUT = 120.0  # HTTP.sys's idle-connection and header-wait timers: a stalled client is let go
POLL = 0.05                 # how often a listener checks for shutdown (socketserver's default: 0.5 s)


class HostServer(ThreadingHTTPServer):
    """The WinRM service of one emulated host."""

    daemon_threads = True

    def __init__(self, host: str, address: tuple[str, int], shells: Shells, accounts: Accounts,
                 connection_timeout: float = CONNECTION_TIMEOUT):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.host, self.shells, self.accounts = host, shells, accounts
        self.connection_timeout = connection_timeout
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(address, WSManHandler)

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._lock:
            (self._connections.add if open_ else self._connections.discard)(connection)

    def handle_error(self, request, client_address) -> None:
        """socketserver prints these to stderr; a client that went away is no news."""
        if isinstance(sys.exc_info()[1], OSError):
            log.debug("%s: a connection from %s broke", self.host, client_address[0], exc_info=True)
        else:
            log.exception("%s: the WinRM endpoint failed on a connection", self.host)

    def stop(self) -> None:
        self.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:      # idle keep-alive connections end their threads
            _hang_up(connection)
        self.server_close()
        self.shells.close()


class WSManHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: HostServer

    def version_string(self) -> str:
        return "Microsoft-HTTPAPI/2.0"

    def setup(self) -> None:
        # A socket timeout: a client that stops sending (or never reads) ends its thread with
        # a TimeoutError that handle_one_request turns into a closed connection.
        self.timeout = self.server.connection_timeout
        super().setup()
        self.auth = ConnectionAuth(self.server.accounts)
        self.server.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)

    def do_GET(self) -> None:
        self._reply(405, b"", [("Allow", "POST")])

    def do_POST(self) -> None:
        body = self._body()
        if body is None:
            return
        if urlsplit(self.path).path.rstrip("/").lower() != "/wsman":
            return self._reply(404, b"")
        verdict = self.auth.check(self.headers.get("Authorization"))
        if not verdict.ok:
            return self._reply(401, b"", verdict.headers)
        sealed = is_sealed(self.headers.get("Content-Type", ""))
        try:
            message = unseal(self.auth.sealing, body) if sealed else body
        except SealingError as exc:
            log.info("%s: %s", self.server.host, exc)
            return self._reply(400, b"", verdict.headers)
        if not message.strip():             # pywinrm's empty POST that sets up encryption
            return self._reply(200, b"", verdict.headers)
        try:
            status, answer = self._answer(message)
        except HostUnavailable:
            log.info("%s is down: dropping the connection", self.server.host)
            self.close_connection = True
            return _hang_up(self.connection)
        if sealed:
            self._reply(status, seal(self.auth.sealing, answer), verdict.headers, CONTENT_TYPE)
        else:
            self._reply(status, answer, verdict.headers, "application/soap+xml;charset=UTF-8")

    def _answer(self, message: bytes) -> tuple[int, bytes]:
        request = None
        try:
            request = soap.parse(message)
            address = f"http://{self.headers.get('Host', 'localhost')}/wsman"
            body = winrs.act(self.server.shells, request, self.auth.principal or "", address)
            return 200, soap.envelope(request.action + "Response", request.message_id, body)
        except soap.Fault as fault:
            log.log(logging.DEBUG if fault.subcode == "w:TimedOut" else logging.INFO,
                    "%s: %s answered with fault %s", self.server.host,
                    request.action.rsplit("/", 1)[-1] if request else "request", fault.subcode)
            return 500, soap.fault_envelope(fault, request and request.message_id, self.server.host)
        except HostUnavailable:
            raise
        except Exception as exc:            # a bug in the endpoint: answer, never hang
            log.exception("%s: the WinRM endpoint failed", self.server.host)
            fault = soap.Fault("w:InternalError", 2150858755, self.server.shells.mask(
                f"The WS-Management service failed: {type(exc).__name__}: {exc}"), sender=False)
            return 500, soap.fault_envelope(fault, request and request.message_id, self.server.host)

    def handle_expect_100(self) -> bool:
        """`Expect: 100-continue`: refuse before the client sends a body we would not read."""
        refusal = self._refusal() if self.command == "POST" else None
        if refusal is None:
            return super().handle_expect_100()
        self._refuse(refusal)
        return False

    def _body(self) -> bytes | None:
        """The request body, or None once a refusal is sent (the body is then never read)."""
        refusal = self._refusal()
        if refusal is not None:
            self._refuse(refusal)
            return None
        length = self._length()
        return self.rfile.read(length) if length else b""

    def _length(self) -> int | None:
        values = self.headers.get_all("Content-Length") or []
        if len(values) == 1 and _LENGTH.fullmatch(values[0].strip()):
            return int(values[0])
        return None

    def _refusal(self) -> int | None:
        """The status that refuses this request's body, or None: it may be read."""
        if self.headers.get("Transfer-Encoding") is not None:
            return 411                          # chunked or another coding: no length to check first
        if not self.headers.get_all("Content-Length"):
            return 411                          # as HTTP.sys answers a POST without a length
        length = self._length()
        if length is None:
            return 400
        return 413 if length > (MAX_BODY if self.auth.principal else MAX_ANONYMOUS_BODY) else None

    def _refuse(self, status: int) -> None:
        log.info("%s: refused a request body (%d) from %s", self.server.host, status, self.client_address[0])
        self.close_connection = True            # the unread body must not be parsed as a request
        self._reply(status, b"")

    def _reply(self, status: int, body: bytes, headers: list[tuple[str, str]] = (),
               content_type: str | None = None) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if content_type and body:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        log.debug("%s: %s", self.server.host, format % args)


class Servers:
    """The running endpoints of one lab: `ports`, `urls`, `shutdown()`."""

    def __init__(self, bind: str, servers: dict[str, HostServer], accounts: Accounts):
        self._servers, self._accounts = servers, accounts
        self.ports = {host: server.server_address[1] for host, server in servers.items()}
        where = f"[{bind}]" if ":" in bind else bind
        self.urls = {host: f"http://{where}:{port}/wsman" for host, port in self.ports.items()}

    def shutdown(self) -> None:
        stoppers = [threading.Thread(target=server.stop) for server in self._servers.values()]
        for stopper in stoppers:            # in parallel: each waits for its listener's next poll
            stopper.start()
        for stopper in stoppers:
            stopper.join()
        self._servers = {}
        self._accounts.close()

    def __enter__(self) -> "Servers":
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


def serve(hosts: Mapping[str, int], handler: Handler, credentials: Mapping[str, str],
          bind: str = "127.0.0.1", connection_timeout: float = CONNECTION_TIMEOUT,
          mask: Masker = unmasked) -> Servers:
    """Start one WinRM endpoint per host (port 0: the system picks one). `mask` hides secrets in
    what the endpoint logs or answers about a failed command."""
    if not hosts or not credentials:
        raise WinLabError("the lab's WinRM endpoints need at least one host and one account")
    accounts = Accounts(credentials)
    started: dict[str, HostServer] = {}
    try:
        for host, port in hosts.items():
            started[host] = server = _listen(host, bind, port, Shells(host, handler, mask), accounts, connection_timeout)
            threading.Thread(target=server.serve_forever, args=(POLL,), name=f"winrm-{host}",
                             daemon=True).start()
    except BaseException:
        Servers(bind, started, accounts).shutdown()
        raise
    return Servers(bind, started, accounts)


def _listen(host: str, bind: str, port: int, shells: Shells, accounts: Accounts,
            connection_timeout: float) -> HostServer:
    try:
        return HostServer(host, (bind, port), shells, accounts, connection_timeout)
    except OSError as exc:
        raise WinLabError(f"the WinRM endpoint of {host} cannot listen on {bind}:{port}: "
                       f"{exc.strerror or exc}") from None


def _hang_up(connection: socket.socket) -> None:
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
