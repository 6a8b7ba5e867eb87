"""WinRMTarget against the in-process lab endpoint over http: results, shells, errors, secrets."""

from __future__ import annotations

import io
import logging
import re
import socket
import ssl
import sys
import threading
import time

import pytest

from generator.errors import SecretError, TargetError
from winlab.winrm import serve
from generator.secrets import WINRM_PASSWORD as PASSWORD_ENV
from generator.targets.winrm import WinRMTarget

pytestmark = pytest.mark.timeout(30)


def target(lab, password=None, **options):
    return WinRMTarget.for_endpoints(lab.servers.urls, lab.user, password or lab.password, **options)


def shell_events(caplog, word):
    return [r for r in caplog.records if r.name == "winlab.winrm.shells" and f" {word}" in r.getMessage()]


def test_run_returns_decoded_output_and_exit_code(lab):
    with target(lab) as t:
        result = t.run("E2K7Node1", "text")
        assert (result.command, result.rc, result.stdout, result.stderr) == (
            "text", 0, "caf\u00e9 \u00fc ?\r\n", "\u00e9rreur\r\n")
        assert t.run("E2K7Node2", "exit 5").rc == 5
        assert t.reachable("E2K7Node1")


def test_one_shell_per_host_is_reused_and_closed(lab, caplog):
    caplog.set_level(logging.DEBUG, logger="winlab.winrm.shells")
    t = target(lab)
    for n in range(3):
        assert t.run("E2K7Node1", f"echo {n}").stdout == f"{n}\r\n"
    assert len(shell_events(caplog, "opened")) == 1
    t.close()
    assert len(shell_events(caplog, "closed")) == 1


def test_env_goes_to_a_shell_of_its_own(lab, caplog):
    caplog.set_level(logging.DEBUG, logger="winlab.winrm.shells")
    with target(lab) as t:
        t.run("E2K7Node1", "echo warm")
        result = t.run("E2K7Node1", "env", env={"CCR_CLUSVC_PASSWORD": "s3cret-value"})
        assert result.stdout == "CCR_CLUSVC_PASSWORD=s3cret-value\r\n"
        assert t.run("E2K7Node1", "env").stdout == ""
        assert (len(shell_events(caplog, "opened")), len(shell_events(caplog, "closed"))) == (2, 1)
    assert "s3cret-value" not in caplog.text


def test_stdin_reaches_the_command(lab):
    with target(lab) as t:
        assert t.run("E2K7Node1", "stdin", stdin="yes\r\n").stdout == "yes\r\n"
    assert lab.hosts.calls[-1][3] == "yes\r\n"


def test_a_command_past_its_deadline_raises(lab):
    with target(lab, timeout=2) as t:
        started = time.monotonic()
        with pytest.raises(TargetError, match=r"E2K7Node1 \(http://127\.0\.0\.1:\d+/wsman\): `sleep 10` did not "
                                              r"finish within 2 s"):
            t.run("E2K7Node1", "sleep 10")
        assert time.monotonic() - started < 5
        assert t.run("E2K7Node1", "echo after").stdout == "after\r\n"


def test_one_target_from_many_threads(lab):
    t = target(lab)
    results, errors = [], []

    def work(host, n):
        try:
            results.append(t.run(host, f"echo {host}-{n}").stdout)
        except Exception as exc:            # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(host, n)) for host in lab.names for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    t.close()
    assert errors == []
    assert sorted(results) == sorted(f"{host}-{n}\r\n" for host in lab.names for n in range(5))


def test_password_from_the_environment_and_url_placeholders(lab, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, lab.password)
    port = lab.servers.ports["E2K7Node1"]
    t = WinRMTarget(f"winrm://LAB%5CAdministrator@{{address}}:{port}?scheme=http",
                    addresses={"E2K7Node1": "127.0.0.1"})
    assert t.run("E2K7Node1", "echo env").stdout == "env\r\n"
    t.close()


def test_no_password_and_no_terminal_is_a_secret_error(lab, monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    t = WinRMTarget(f"winrm://Administrator@127.0.0.1:{lab.servers.ports['E2K7Node1']}?scheme=http")
    with pytest.raises(SecretError, match=PASSWORD_ENV):
        t.run("E2K7Node1", "echo x")


def test_refused_credentials_name_host_and_user(lab):
    with pytest.raises(TargetError, match=r"^E2K7Node1 \(http://.*\): the credentials for user Administrator "
                                          r"were refused$"):
        target(lab, password="wrong").run("E2K7Node1", "echo x")


def test_a_closed_port_is_not_answering():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    t = WinRMTarget.for_endpoints({"E2K7Node1": f"http://127.0.0.1:{port}/wsman"}, "Administrator", "pw")
    with pytest.raises(TargetError, match=rf"^E2K7Node1 \(http://127\.0\.0\.1:{port}/wsman\) is not answering "
                                          r"\(connection refused\)$"):
        t.run("E2K7Node1", "hostname")
    assert not t.reachable("E2K7Node1")


def test_a_down_host_is_not_answering_then_comes_back(lab):
    t = target(lab)
    t.run("E2K7Node1", "echo up")
    lab.hosts.down.add("E2K7Node1")
    with pytest.raises(TargetError, match="E2K7Node1 .* is not answering"):
        t.run("E2K7Node1", "hostname")
    lab.hosts.down.clear()
    assert t.run("E2K7Node1", "echo back").stdout == "back\r\n"


def test_a_fault_carries_its_reason(lab):
    with pytest.raises(TargetError, match=r"E2K7Node2 .*: WS-Management fault: The lab failed to run a command "
                                          r"on E2K7Node2: RuntimeError"):
        target(lab).run("E2K7Node2", "boom")


def test_a_restarted_host_gets_a_new_shell(lab, caplog):
    caplog.set_level(logging.DEBUG, logger="generator.targets.winrm")
    t = target(lab)
    t.run("E2K7Node1", "echo before")
    ports = dict(lab.servers.ports)
    lab.servers.shutdown()
    again = serve(ports, lab.hosts, {lab.user: lab.password})
    try:
        assert t.run("E2K7Node1", "echo after").stdout == "after\r\n"
        assert "is gone" in caplog.text
    finally:
        t.close()
        again.shutdown()


def test_the_password_appears_in_no_error_or_log(lab, caplog):
    caplog.set_level(logging.DEBUG)
    texts = []
    scenarios = [(lab.password, "echo ok"), (lab.password, "boom"), ("Wr0ng-Passw0rd", "echo x")]
    for password, command in scenarios:
        try:
            target(lab, password=password, timeout=2).run("E2K7Node1", command)
        except TargetError as error:
            texts.extend(_chain(error))
    lab.hosts.down.add("E2K7Node1")
    try:
        target(lab).run("E2K7Node1", "echo x")
    except TargetError as error:
        texts.extend(_chain(error))
    assert len(texts) >= 6
    everything = "\n".join(texts) + caplog.text
    for secret in (lab.password, "Wr0ng-Passw0rd"):
        assert secret not in everything


def _chain(error: BaseException) -> list[str]:
    texts = []
    while error is not None:
        texts += [str(error), repr(error)]
        error = error.__cause__ or error.__context__
    return texts


def test_certificate_errors_say_how_to_trust_the_host(tmp_path):
    with _tls_server(tmp_path) as port:
        t = WinRMTarget(f"winrm://Administrator@127.0.0.1:{port}", password="pw")
        with pytest.raises(TargetError, match=r"certificate was not accepted .*ca=/path/to/bundle\.pem.*verify=false"):
            t.run("E2K7Node1", "hostname")
        unchecked = WinRMTarget(f"winrm://Administrator@127.0.0.1:{port}?verify=false", password="pw")
        with pytest.raises(TargetError, match="credentials for user Administrator were refused"):
            unchecked.run("E2K7Node1", "hostname")      # past TLS: the fake host refuses everyone


class _tls_server:
    """A https listener with a self-signed certificate that answers 401 to everything."""

    def __init__(self, tmp_path):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
        import datetime
        import ipaddress
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "lab")])
        now = datetime.datetime.now(datetime.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
                .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                               critical=False).sign(key, hashes.SHA256()))
        (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        (tmp_path / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.stopping = threading.Event()

    def __enter__(self) -> int:
        threading.Thread(target=self._serve, daemon=True).start()
        return self.listener.getsockname()[1]

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.listener.close()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                raw, _ = self.listener.accept()
            except OSError:
                continue
            try:
                with self.context.wrap_socket(raw, server_side=True) as conn:
                    conn.settimeout(2)
                    request = b""
                    while b"\r\n\r\n" not in request:    # read the whole request, body too: unread
                        request += conn.recv(65536) or b"\r\n\r\n"    # data would make close() a reset
                    head, _, body = request.partition(b"\r\n\r\n")
                    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                    while length and len(body) < int(length[1]):
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        body += chunk
                    conn.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
