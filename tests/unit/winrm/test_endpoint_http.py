"""The endpoint's HTTP behaviour, seen on the wire: challenges, keep-alive, lengths, faults."""

from __future__ import annotations

import base64
import http.client

import pytest
import spnego

from winlab.winrm import soap

pytestmark = pytest.mark.timeout(30)

ENVELOPE = (f'<s:Envelope xmlns:s="{soap.SOAP}" xmlns:a="{soap.ADDRESSING}" xmlns:w="{soap.WSMAN}">'
            "<s:Header><a:Action>{action}</a:Action><a:MessageID>uuid:ABC</a:MessageID>"
            f"<w:ResourceURI>{soap.CMD_RESOURCE}</w:ResourceURI>"
            '<w:SelectorSet><w:Selector Name="ShellId">{shell}</w:Selector></w:SelectorSet>'
            "</s:Header><s:Body/></s:Envelope>")


def connect(lab, host="E2K7Node1"):
    return http.client.HTTPConnection("127.0.0.1", lab.servers.ports[host], timeout=10)


def post(conn, body=b"", headers=None):
    conn.request("POST", "/wsman", body=body, headers={"Content-Type": "application/soap+xml;charset=UTF-8",
                                                       **(headers or {})})
    response = conn.getresponse()
    return response, response.read()


def authenticate(lab, conn, user=None):
    """The NTLM handshake on one connection, as requests_ntlm does it."""
    context = spnego.client(user or lab.user, lab.password, protocol="ntlm")
    token = base64.b64encode(context.step()).decode()
    response, _ = post(conn, headers={"Authorization": f"NTLM {token}"})
    assert response.status == 401
    challenge = response.getheader("WWW-Authenticate").split(" ", 1)[1]
    token = base64.b64encode(context.step(base64.b64decode(challenge))).decode()
    response, body = post(conn, headers={"Authorization": f"NTLM {token}"})
    return response, body


def test_a_request_without_credentials_gets_negotiate_and_ntlm_challenges(lab):
    conn = connect(lab)
    for _ in range(2):                                  # the connection stays open
        response, body = post(conn, b"<x/>")
        assert response.status == 401 and body == b""
        assert response.msg.get_all("WWW-Authenticate") == ["Negotiate", "NTLM"]
        assert response.getheader("Content-Length") == "0"
        assert response.getheader("Server") == "Microsoft-HTTPAPI/2.0"


def test_basic_credentials_get_no_basic_challenge(lab):
    secret = base64.b64encode(f"{lab.user}:{lab.password}".encode()).decode()
    response, _ = post(connect(lab), b"<x/>", {"Authorization": f"Basic {secret}"})
    assert response.status == 401
    assert "basic" not in " ".join(response.msg.get_all("WWW-Authenticate")).lower()


def test_handshake_on_one_connection_then_plain_soap(lab):
    conn = connect(lab)
    response, body = authenticate(lab, conn)
    assert (response.status, body) == (200, b"")
    response, body = post(conn, ENVELOPE.format(action=soap.DELETE, shell="NOPE").encode())
    assert response.status == 500
    assert int(response.getheader("Content-Length")) == len(body)
    assert b"<a:RelatesTo>uuid:ABC</a:RelatesTo>" in body and b'Code="2150858843"' in body


def test_a_new_connection_must_authenticate_again(lab):
    authenticate(lab, connect(lab))
    response, _ = post(connect(lab), ENVELOPE.format(action=soap.DELETE, shell="X").encode())
    assert response.status == 401


def test_unsupported_action_and_resource_are_faults(lab):
    conn = connect(lab)
    authenticate(lab, conn)
    response, body = post(conn, ENVELOPE.format(action="http://example/Dance", shell="X").encode())
    assert response.status == 500 and b"a:ActionNotSupported" in body
    other = ENVELOPE.format(action=soap.CREATE, shell="X").replace(soap.CMD_RESOURCE, "http://example/psrp")
    response, body = post(conn, other.encode())
    assert response.status == 500 and b"w:DestinationUnreachable" in body


def test_malformed_xml_is_a_fault_not_a_hang(lab):
    conn = connect(lab)
    authenticate(lab, conn)
    response, body = post(conn, b"<s:Envelope")
    assert response.status == 500 and b"w:InvalidBody" in body


def test_other_paths_and_methods(lab):
    conn = connect(lab)
    conn.request("POST", "/other", body=b"")
    response = conn.getresponse()
    response.read()
    assert response.status == 404
    conn.request("GET", "/wsman")
    response = conn.getresponse()
    response.read()
    assert response.status == 405


def test_operation_timeout_durations():
    assert soap._duration("PT20S") == 20
    assert soap._duration("PT20.500S") == 20.5
    assert soap._duration("PT1M30S") == 90
    assert soap._duration("nonsense") == 60
