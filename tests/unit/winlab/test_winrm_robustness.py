"""The lab's WinRM endpoint never hangs: stalled clients are let go, terminated commands end."""

import socket
import threading
import time

import pytest

from winlab.cmdshell.limits import STOPPED_CODE
from winlab.lab import Lab
from winlab.tooling import Output
from winlab.winrm import serve
from winlab.winrm.server import CONNECTION_TIMEOUT
from winlab.winrm.shells import Shells
from winlab.winrm.soap import Fault
from tests.unit.winlab.sites import topology

TERMINATE = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate"


def echo(host, line, env, stdin):
    return Output(0, line + "\r\n", "")


def test_the_connection_timeout_is_http_sys_s_two_minutes():
    assert CONNECTION_TIMEOUT == 120


@pytest.mark.parametrize("sent", [b"", b"POST /wsman HTTP/1.1\r\nHost: x\r\n"])
def test_a_stalled_client_is_disconnected(sent):
    servers = serve(hosts={"H": 0}, handler=echo, credentials={"u": "p"}, connection_timeout=0.3)
    try:
        with socket.create_connection(("127.0.0.1", servers.ports["H"]), timeout=10) as client:
            client.sendall(sent)
            started = time.monotonic()
            try:
                assert client.recv(1024) == b""          # the server closed the connection
            except ConnectionResetError:
                pass
            assert time.monotonic() - started < 5
    finally:
        servers.shutdown()


class Gate:
    """A handler that blocks until released, as a long-running command does."""

    def __init__(self):
        self.release, self.finished = threading.Event(), threading.Event()

    def __call__(self, host, line, env, stdin):
        self.release.wait(10)
        self.finished.set()
        return Output(0, "late output\r\n", "")


def started_command(handler, host="H", line="work"):
    shells = Shells(host, handler)
    shell_id = shells.create({}, "", "u")
    command_id = shells.command(shell_id, line)
    with pytest.raises(Fault, match="OperationTimeout"):
        shells.receive(shell_id, command_id, 0.05, 4096)      # starts it; it is still running
    return shells, shell_id, command_id


def test_a_terminated_command_s_result_is_dropped():
    gate = Gate()
    shells, shell_id, command_id = started_command(gate)
    command = shells._shell(shell_id).commands[command_id]
    shells.signal(shell_id, command_id, TERMINATE)
    gate.release.set()
    assert command.done.wait(5) and gate.finished.is_set()
    assert command.output is None and command.pending == {}
    with pytest.raises(Fault, match="was not found"):
        shells.receive(shell_id, command_id, 0, 4096)


def test_a_receive_waiting_when_the_command_is_terminated_gets_no_output():
    gate = Gate()
    shells, shell_id, command_id = started_command(gate)
    outcome = {}

    def receive():
        try:
            outcome["result"] = shells.receive(shell_id, command_id, 5, 4096)
        except Fault as fault:
            outcome["fault"] = fault
    waiting = threading.Thread(target=receive)
    waiting.start()
    time.sleep(0.1)
    shells.signal(shell_id, command_id, TERMINATE)
    gate.release.set()
    waiting.join(5)
    assert "result" not in outcome and "was not found" in str(outcome["fault"])


def test_a_terminated_endless_batch_file_ends_and_frees_the_lab(tmp_path, lab_env):
    lab = Lab.create(tmp_path / "lab", topology(lab_env))
    assert lab.execute("E2K7Node1", r'(echo :l& echo goto l)>"%TEMP%\loop.cmd"').rc == 0
    results = []

    def handler(host, line, env, stdin):
        results.append(lab.execute(host, line, env, stdin))
        return results[-1]
    shells, shell_id, command_id = started_command(handler, "E2K7Node1", r'"%TEMP%\loop.cmd"')
    command = shells._shell(shell_id).commands[command_id]
    shells.signal(shell_id, command_id, TERMINATE)      # the client gave up on it
    assert command.done.wait(60)                        # the shell's budget ends the loop
    assert command.output is None and results[0].rc == STOPPED_CODE
    assert lab.execute("E2K7Node1", "hostname").stdout == "E2K7NODE1\r\n"     # the state lock is free
