"""The two NTLM facts the lab's account store needs, from the published protocol (MS-NLMP)
rather than from pyspnego's private modules: which account an AUTHENTICATE message names,
and an account's NT hash (MD4 of the UTF-16LE password), as the `smbpasswd` store line
that pyspnego's acceptor reads holds it.

    >>> nt_hash("password").hex().upper()
    '8846F7EAEE8FB117AD06BDD830B7586C'
"""

from __future__ import annotations

import struct

SIGNATURE = b"NTLMSSP\x00"
AUTHENTICATE = 3
UNICODE = 0x00000001            # NTLMSSP_NEGOTIATE_UNICODE: text fields are UTF-16LE, else OEM
_MASK = 0xFFFFFFFF


def named_account(token: bytes) -> tuple[str, str] | None:
    """(domain, user) of the AUTHENTICATE message in a raw NTLM or a SPNEGO-wrapped token
    (MS-NLMP 2.2.1.3), or None when the token holds none. The NTLM message starts at its
    signature in either form, and its fields are offsets from there."""
    start = token.find(SIGNATURE)
    message = token[start:] if start >= 0 else b""
    if len(message) < 64 or struct.unpack_from("<I", message, 8)[0] != AUTHENTICATE:
        return None
    encoding = "utf-16-le" if struct.unpack_from("<I", message, 60)[0] & UNICODE else "windows-1252"
    domain, user = (_field(message, offset, encoding) for offset in (28, 36))
    return None if domain is None or user is None else (domain, user)


def _field(message: bytes, offset: int, encoding: str) -> str | None:
    length, _, where = struct.unpack_from("<HHI", message, offset)
    if where + length > len(message):
        return None
    try:
        return message[where:where + length].decode(encoding)
    except UnicodeDecodeError:
        return None


def nt_hash(password: str) -> bytes:
    """NTOWFv1: MD4 of the UTF-16LE password (hashlib's MD4 is gone from OpenSSL 3's defaults)."""
    return md4(password.encode("utf-16-le", errors="surrogatepass"))


# MD4 (RFC 1320): three rounds of sixteen steps, each with its function, constant, shifts and word order.
_ROUNDS = (
    (lambda x, y, z: (x & y) | (~x & z), 0x00000000, (3, 7, 11, 19), tuple(range(16))),
    (lambda x, y, z: (x & y) | (x & z) | (y & z), 0x5A827999, (3, 5, 9, 13),
     (0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15)),
    (lambda x, y, z: x ^ y ^ z, 0x6ED9EBA1, (3, 9, 11, 15), (0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15)),
)


def md4(data: bytes) -> bytes:
    """
    >>> md4(b"").hex(), md4(b"abc").hex()
    ('31d6cfe0d16ae931b73c59d7e0c089c0', 'a448017aaf21d8525fc10ae87aa6729d')
    """
    padded = data + b"\x80" + b"\x00" * ((55 - len(data)) % 64) + struct.pack("<Q", len(data) * 8 & (2 ** 64 - 1))
    state = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476]
    for block in range(0, len(padded), 64):
        words = struct.unpack_from("<16I", padded, block)
        a, b, c, d = state
        for function, constant, shifts, order in _ROUNDS:
            for step in range(16):
                total = (a + function(b, c, d) + words[order[step]] + constant) & _MASK
                a, b, c, d = d, _rotate(total, shifts[step % 4]), b, c
        state = [(s + v) & _MASK for s, v in zip(state, (a, b, c, d))]
    return struct.pack("<4I", *state)


def _rotate(value: int, bits: int) -> int:
    return ((value << bits) | (value >> (32 - bits))) & _MASK
