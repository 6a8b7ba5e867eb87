"""The NTLM facts the lab's account store reads itself (MS-NLMP), checked against what real
pyspnego clients send: the account an AUTHENTICATE message names, and the NT hash."""

from __future__ import annotations

import pytest
import spnego

from winlab.winrm.ntlm import md4, named_account, nt_hash

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize("data, digest", [            # RFC 1320's test suite
    (b"", "31d6cfe0d16ae931b73c59d7e0c089c0"), (b"a", "bde52cb31de33e46245e05fbdbd6fb24"),
    (b"abc", "a448017aaf21d8525fc10ae87aa6729d"), (b"message digest", "d9130a8164549fe818874806e1c7014b"),
    (b"abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"),
    (b"1234567890" * 8, "e33b4ddc9c38f2199c3e7b164fcc0536"),
])
def test_md4_of_the_rfc(data, digest):
    assert md4(data).hex() == digest


def test_nt_hash_of_a_known_password():
    assert nt_hash("password").hex().upper() == "8846F7EAEE8FB117AD06BDD830B7586C"
    assert nt_hash("Lab-Pa55:w\u00f6rd!") != nt_hash("Lab-Pa55:word!")


def handshake(user: str, password: str, protocol: str) -> bytes:
    """The AUTHENTICATE token a pyspnego client sends to a pyspnego acceptor (the endpoint's user
    file must exist for the acceptor to start: the `lab` fixture provides it)."""
    options = spnego.NegotiateOptions.use_ntlm if protocol == "ntlm" else spnego.NegotiateOptions.use_negotiate
    client = spnego.client(user, password, protocol=protocol, options=options)
    server = spnego.server(protocol=protocol, options=options)
    return client.step(server.step(client.step()))


@pytest.mark.parametrize("protocol", ["ntlm", "negotiate"])
@pytest.mark.parametrize("user, named", [
    ("LAB\\Administrator", ("LAB", "Administrator")),
    ("administrator@lab.local", ("", "administrator@lab.local")),
    ("Administrator", ("", "Administrator")),
    ("CAF\u00c9\\R\u00e9mi", ("CAF\u00c9", "R\u00e9mi")),
])
def test_the_account_an_authenticate_message_names(lab, protocol, user, named):
    token = handshake(user, "Pw-1:x", protocol)
    assert token.startswith(b"NTLMSSP\x00") == (protocol == "ntlm")    # negotiate wraps it in SPNEGO
    assert named_account(token) == named


@pytest.mark.parametrize("token", [b"", b"NTLMSSP\x00", b"NTLMSSP\x00\x01\x00\x00\x00" + b"\x00" * 60,
                                   b"NTLMSSP\x00\x03\x00\x00\x00" + b"\x00" * 20,
                                   b"NTLMSSP\x00\x03\x00\x00\x00" + b"\x00" * 16 + b"\x05\x00\x05\x00\xff\x00\x00\x00"
                                   + b"\x00" * 40, b"\x60\x82garbage"])
def test_anything_else_names_no_account(token):
    assert named_account(token) is None
