"""The lab endpoint, driven by an unmodified pywinrm over NTLM with message encryption."""

from __future__ import annotations

import base64
import logging
import threading

import pytest
import requests
import winrm
from winrm.exceptions import InvalidCredentialsError, WSManFaultError
from winrm.protocol import Protocol

pytestmark = pytest.mark.timeout(30)


LOOPBACK = {"proxy": None, "ca_trust_path": None}     # no proxies or CA bundles from the environment


def session(lab, host="E2K7Node1", user=None, password=None, **kwargs):
    return winrm.Session(lab.url(host), auth=(user or lab.user, password or lab.password),
                         transport=kwargs.pop("transport", "ntlm"), **LOOPBACK, **kwargs)


def protocol(lab, host="E2K7Node1", **kwargs):
    return Protocol(lab.url(host), transport="ntlm", username=lab.user, password=lab.password,
                    **LOOPBACK, **kwargs)


def test_run_cmd_over_ntlm_with_encryption(lab):
    result = session(lab).run_cmd("ipconfig", ["/all"])
    assert (result.status_code, result.std_out, result.std_err) == (0, b"E2K7Node1: ipconfig /all\r\n", b"")
    assert lab.hosts.calls == [("E2K7Node1", "ipconfig /all", {}, "")]


def test_exit_code_and_stderr(lab):
    result = session(lab).run_cmd("exit 3")
    assert (result.status_code, result.std_out, result.std_err) == (3, b"", b"failed with 3\r\n")


def test_run_ps_reaches_the_handler_as_an_encoded_command(lab):
    result = session(lab).run_ps("Get-Service W32Time")
    line = lab.hosts.calls[0][1]
    verb, flag, encoded = line.split(" ")
    assert (verb, flag) == ("powershell", "-encodedcommand")
    assert base64.b64decode(encoded).decode("utf-16-le") == "Get-Service W32Time"
    assert result.status_code == 0


def test_unencrypted_messages_are_accepted(lab):
    result = session(lab, message_encryption="never").run_cmd("echo plain")
    assert result.std_out == b"plain\r\n"


def test_one_shell_serves_many_commands_with_env_and_stdin(lab):
    p = protocol(lab)
    shell = p.open_shell(env_vars={"CCR_CLUSVC_PASSWORD": "s3cret", "SITE": "paris"})
    outputs = []
    for line in ("env", "echo two", "stdin"):
        command = p.run_command(shell, line)
        if line == "stdin":
            p.send_command_input(shell, command, "first\r\n")
            p.send_command_input(shell, command, "second\r\n", end=True)
        outputs.append(p.get_command_output(shell, command))
        p.cleanup_command(shell, command)           # asserts RelatesTo == MessageID
    p.close_shell(shell)                            # so does Delete
    assert outputs == [(b"CCR_CLUSVC_PASSWORD=s3cret\r\nSITE=paris\r\n", b"", 0),
                       (b"two\r\n", b"", 0), (b"first\r\nsecond\r\n", b"", 0)]
    assert [env for _, _, env, _ in lab.hosts.calls] == [{"CCR_CLUSVC_PASSWORD": "s3cret", "SITE": "paris"}] * 3


def test_codepage_437_and_65001(lab):
    p = protocol(lab)
    results = {}
    for codepage in (437, 65001):
        shell = p.open_shell(codepage=codepage)
        command = p.run_command(shell, "text")
        results[codepage] = p.get_command_output(shell, command)
        p.close_shell(shell, close_session=False)
    assert results[437] == ("caf\u00e9 \u00fc ?\r\n".encode("cp437"), "\u00e9rreur\r\n".encode("cp437"), 0)
    assert results[65001] == ("caf\u00e9 \u00fc \u2192\r\n".encode(), "\u00e9rreur\r\n".encode(), 0)


def test_stdin_is_decoded_with_the_shell_codepage(lab):
    p = protocol(lab)
    shell = p.open_shell(codepage=65001)
    command = p.run_command(shell, "stdin")
    p.send_command_input(shell, command, "\u00e9t\u00e9\r\n".encode(), end=True)
    p.get_command_output(shell, command)
    assert lab.hosts.calls[-1][3] == "\u00e9t\u00e9\r\n"


def test_wrong_password_is_401(lab):
    with pytest.raises(InvalidCredentialsError):
        session(lab, password="not-it").run_cmd("echo x")
    assert lab.hosts.calls == []


def test_unknown_user_is_401(lab):
    with pytest.raises(InvalidCredentialsError):
        session(lab, user="Guest").run_cmd("echo x")


def test_basic_auth_is_refused(lab):
    with pytest.raises(InvalidCredentialsError):
        session(lab, transport="basic").run_cmd("echo x")


@pytest.mark.parametrize("user", ["LAB\\Administrator", "lab\\ADMINISTRATOR", "administrator@lab.local",
                                  "Administrator@LAB"])
def test_domain_and_upn_forms_of_a_user(lab, user):
    assert session(lab, user=user).run_cmd("echo ok").std_out == b"ok\r\n"


def test_unknown_shell_is_a_fault(lab):
    p = protocol(lab)
    with pytest.raises(WSManFaultError) as fault:
        p.run_command("0A1B2C3D-0000-0000-0000-000000000000", "echo x")
    assert fault.value.wsman_fault_code == 2150858843
    assert "shell was not found" in fault.value.reason
    with pytest.raises(WSManFaultError):
        p.close_shell("0A1B2C3D-0000-0000-0000-000000000000")


def test_a_down_host_drops_the_connection(lab):
    lab.hosts.down.add("E2K7Node1")
    with pytest.raises(requests.exceptions.ConnectionError):
        session(lab).run_cmd("echo x")
    assert session(lab, host="E2K7Node2").run_cmd("echo up").std_out == b"up\r\n"


def test_a_handler_bug_is_a_fault_and_a_log_record_without_secrets(lab, caplog):
    p = protocol(lab)
    shell = p.open_shell(env_vars={"SECRET": "hunter2-very-secret"})
    command = p.run_command(shell, "boom")
    with caplog.at_level(logging.ERROR, logger="winlab.winrm"):
        with pytest.raises(WSManFaultError) as fault:
            p.get_command_output(shell, command)
    assert "RuntimeError: the emulation broke" in fault.value.reason
    assert "hunter2" not in fault.value.reason and "hunter2" not in caplog.text
    assert "the lab handler failed" in caplog.text


def test_command_line_limit_is_8191_characters(lab):
    p = protocol(lab)
    shell = p.open_shell()
    longest = "echo " + "x" * (8191 - 5)
    command = p.run_command(shell, longest)
    assert p.get_command_output(shell, command) == (longest[5:].encode() + b"\r\n", b"", 0)
    command = p.run_command(shell, "echo", ["x" * 8187])          # joined: 8192 characters
    assert p.get_command_output(shell, command) == (b"", b"The command line is too long.\r\n", 1)
    assert len(lab.hosts.calls) == 1


def test_long_commands_are_retried_after_operation_timeouts(lab):
    p = protocol(lab, operation_timeout_sec=1, read_timeout_sec=5)
    shell = p.open_shell()
    command = p.run_command(shell, "sleep 1.5")
    assert p.get_command_output(shell, command) == (b"slept\r\n", b"", 0)


def test_large_output_arrives_in_several_receives(lab):
    p = protocol(lab)
    shell = p.open_shell()
    command = p.run_command(shell, "big 300000")
    stdout, _, _, done = p.get_command_output_raw(shell, command)
    assert not done and 0 < len(stdout) < 300_000
    rest, _, rc = p.get_command_output(shell, command)
    assert (len(stdout + rest), set(stdout + rest), rc) == (300_000, {ord("z")}, 0)


def test_two_hosts_in_parallel(lab):
    results, errors = {}, []

    def work(host, n):
        try:
            results[(host, n)] = session(lab, host=host).run_cmd(f"echo {host}-{n}").std_out
        except Exception as exc:            # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(host, n)) for host in lab.names for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == {(host, n): f"{host}-{n}\r\n".encode() for host in lab.names for n in range(6)}
