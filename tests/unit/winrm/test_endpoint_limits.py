"""Request bodies the endpoint refuses before reading them: too large for an anonymous or an
authenticated connection, without a usable length, or chunked. Seen from a raw socket."""

from __future__ import annotations

import base64
import socket
import time

import pytest
import spnego
from winrm.protocol import Protocol

from winlab.winrm import soap
from winlab.winrm.server import MAX_ANONYMOUS_BODY, MAX_BODY

pytestmark = pytest.mark.timeout(30)

PROMPT = 3.0                    # seconds: a refusal comes at once, it does not wait for a body


def open_socket(lab) -> socket.socket:
    return socket.create_connection(("127.0.0.1", lab.servers.ports["E2K7Node1"]), timeout=PROMPT)


def send(sock: socket.socket, headers: dict[str, str], body: bytes = b"") -> None:
    lines = ["POST /wsman HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/soap+xml;charset=UTF-8",
             *(f"{name}: {value}" for name, value in headers.items())]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


def response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one answer with a Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"the server closed without an answer: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = ", ".join(filter(None, [headers.get(name.strip().lower()), value.strip()]))
    while len(body) < int(headers["content-length"]):
        body += sock.recv(65536)
    return int(status_line.split()[1]), headers, body


def refused(sock: socket.socket, headers: dict[str, str]) -> int:
    """Send `headers` with no body; the status of the prompt refusal, after checking the server hung up."""
    started = time.monotonic()
    send(sock, headers)
    status, answer, _ = response(sock)
    assert answer.get("connection") == "close"
    assert sock.recv(1) == b""                  # closed: it neither waits for the body nor parses it
    assert time.monotonic() - started < PROMPT
    return status


def authenticated(lab) -> socket.socket:
    """A raw connection that completed the NTLM handshake (empty bodies, as pywinrm does it)."""
    sock = open_socket(lab)
    context = spnego.client(lab.user, lab.password, protocol="ntlm")
    send(sock, {"Authorization": f"NTLM {base64.b64encode(context.step()).decode()}", "Content-Length": "0"})
    status, headers, _ = response(sock)
    assert status == 401
    challenge = base64.b64decode(headers["www-authenticate"].split(" ", 1)[1])
    send(sock, {"Authorization": f"NTLM {base64.b64encode(context.step(challenge)).decode()}", "Content-Length": "0"})
    assert response(sock)[0] == 200
    return sock


def test_an_anonymous_10_mb_announcement_is_refused_at_once_and_unread(lab):
    with open_socket(lab) as sock:
        assert refused(sock, {"Content-Length": str(10 * 1024 * 1024)}) == 413


def test_an_anonymous_body_up_to_the_limit_is_read_and_challenged(lab):
    with open_socket(lab) as sock:
        send(sock, {"Content-Length": str(MAX_ANONYMOUS_BODY)}, b"x" * MAX_ANONYMOUS_BODY)
        status, headers, _ = response(sock)
        assert status == 401 and headers["www-authenticate"] == "Negotiate, NTLM"
        assert refused(sock, {"Content-Length": str(MAX_ANONYMOUS_BODY + 1)}) == 413   # same connection


@pytest.mark.parametrize("headers, status", [
    ({}, 411),                                                  # no length
    ({"Transfer-Encoding": "chunked"}, 411),
    ({"Transfer-Encoding": "chunked", "Content-Length": "5"}, 411),
    ({"Content-Length": "12abc"}, 400),
    ({"Content-Length": "-1"}, 400),
    ({"Content-Length": "1_0"}, 400),                           # int() would take it
    ({"Content-Length": ""}, 400),
    ({"Content-Length": "0\r\nContent-Length: 5"}, 400),      # two lengths: which one would a proxy use?
])
def test_a_missing_invalid_or_chunked_length_is_refused(lab, headers, status):
    with open_socket(lab) as sock:
        assert refused(sock, headers) == status


def test_expect_100_continue_gets_the_refusal_instead_of_continue(lab):
    with open_socket(lab) as sock:
        assert refused(sock, {"Content-Length": str(10 * 1024 * 1024), "Expect": "100-continue"}) == 413


def test_an_authenticated_connection_may_send_more_but_not_beyond_max_body(lab):
    padding = b"<!--" + b"x" * (2 * MAX_ANONYMOUS_BODY) + b"-->"
    envelope = (f'<s:Envelope xmlns:s="{soap.SOAP}" xmlns:a="{soap.ADDRESSING}" xmlns:w="{soap.WSMAN}">'
                f"<s:Header><a:Action>{soap.DELETE}</a:Action><a:MessageID>uuid:ABC</a:MessageID>"
                f"<w:ResourceURI>{soap.CMD_RESOURCE}</w:ResourceURI>"
                '<w:SelectorSet><w:Selector Name="ShellId">NOPE</w:Selector></w:SelectorSet>'
                "</s:Header><s:Body/></s:Envelope>").encode() + padding
    with authenticated(lab) as sock:
        send(sock, {"Content-Length": str(len(envelope))}, envelope)
        status, _, body = response(sock)
        assert status == 500 and b'Code="2150858843"' in body        # read and answered: no such shell
        assert refused(sock, {"Content-Length": str(MAX_BODY + 1)}) == 413


def test_pywinrm_sends_a_large_sealed_input_within_the_limit(lab):
    data = b"y" * (64 * 1024)           # the project's STDIN_CHUNK: ~88 KB of base64, far over the anonymous limit
    protocol = Protocol(lab.url(), transport="ntlm", username=lab.user, password=lab.password,
                        proxy=None, ca_trust_path=None)
    shell = protocol.open_shell()
    command = protocol.run_command(shell, "stdin")
    protocol.send_command_input(shell, command, data, end=True)
    stdout, _, code = protocol.get_command_output(shell, command)
    protocol.close_shell(shell)
    assert (code, stdout) == (0, data)
