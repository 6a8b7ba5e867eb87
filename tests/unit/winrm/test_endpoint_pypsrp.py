"""The lab endpoint, driven by pypsrp's WinRS client (a test-only dependency)."""

from __future__ import annotations

import pytest

client = pytest.importorskip("pypsrp.client")

pytestmark = pytest.mark.timeout(30)


def psrp(lab, host="E2K7Node2", user=None, **kwargs):
    return client.Client("127.0.0.1", port=lab.servers.ports[host], username=user or lab.user,
                         password=lab.password, ssl=False, no_proxy=True, **kwargs)


def test_execute_cmd_over_ntlm(lab):
    assert psrp(lab, auth="ntlm").execute_cmd("exit 2") == ("", "failed with 2\r\n", 2)
    assert lab.hosts.calls[0][:2] == ("E2K7Node2", "exit 2")


def test_execute_cmd_over_spnego_negotiate(lab):
    stdout, _, rc = psrp(lab, user="LAB\\Administrator").execute_cmd("echo nego")
    assert (stdout, rc) == ("nego\r\n", 0)


def test_execute_cmd_with_environment_and_no_encryption(lab):
    stdout, _, _ = psrp(lab, auth="ntlm", encryption="never").execute_cmd("env", environment={"A": "1"})
    assert stdout == "A=1\r\n"


def test_wrong_password_is_an_authentication_error(lab):
    from pypsrp.exceptions import AuthenticationError
    with pytest.raises(AuthenticationError):
        client.Client("127.0.0.1", port=lab.servers.ports["E2K7Node1"], username=lab.user,
                      password="wrong", ssl=False, auth="ntlm", no_proxy=True).execute_cmd("echo x")
