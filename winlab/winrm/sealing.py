"""WinRM message encryption over http ([MS-WSMV] 2.2.9.1.1, SPNEGO session encryption).

An encrypted body is a MIME-like `multipart/encrypted` document: a part naming the
original length, then `<4-byte signature length><signature><sealed SOAP>`, closed by
`--Encrypted Boundary--`. Replies are sealed when the request was.
"""

from __future__ import annotations

import re
import struct
from typing import Any

PROTOCOL = b"application/HTTP-SPNEGO-session-encrypted"
BOUNDARY = b"--Encrypted Boundary"
CONTENT_TYPE = f'multipart/encrypted;protocol="{PROTOCOL.decode()}";boundary="Encrypted Boundary"'
_OCTETS = b"\tContent-Type: application/octet-stream\r\n"


class SealingError(ValueError):
    """An encrypted body that cannot be read (malformed, or sealed with another context)."""


def is_sealed(content_type: str) -> bool:
    return content_type.lower().startswith(("multipart/encrypted", "multipart/x-multi-encrypted"))


def unseal(context: Any, body: bytes) -> bytes:
    """The SOAP text of an encrypted request body."""
    if context is None:
        raise SealingError("an encrypted message on a connection that is not authenticated")
    end = BOUNDARY + b"--\r\n"
    if body.endswith(end):
        body = body[: -len(end)]
    pieces = [p for p in body.split(BOUNDARY + b"\r\n") if p]
    if not pieces or len(pieces) % 2:
        raise SealingError("the encrypted message has no parts")
    message = b""
    for header, payload in zip(pieces[::2], pieces[1::2]):
        length = re.search(rb"Length=(\d+)", header)
        if length is None or not payload.startswith(_OCTETS):
            raise SealingError("an encrypted part has no length or no payload")
        message += _unseal_part(context, payload[len(_OCTETS):], int(length.group(1)))
    return message


def seal(context: Any, message: bytes) -> bytes:
    """An encrypted body holding `message`, to send with CONTENT_TYPE."""
    wrapped = context.wrap_winrm(message)
    length = str(len(message) + wrapped.padding_length).encode()
    return (BOUNDARY + b"\r\n\tContent-Type: " + PROTOCOL + b"\r\n"
            b"\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + length + b"\r\n"
            + BOUNDARY + b"\r\n" + _OCTETS + struct.pack("<I", len(wrapped.header))
            + wrapped.header + wrapped.data + BOUNDARY + b"--\r\n")


def _unseal_part(context: Any, data: bytes, length: int) -> bytes:
    if len(data) < 4:
        raise SealingError("an encrypted part is truncated")
    size = struct.unpack("<I", data[:4])[0]
    try:
        plain = context.unwrap_winrm(data[4:4 + size], data[4 + size:])
    except Exception as exc:            # a wrong signature or a foreign sealing key
        raise SealingError(f"the message could not be decrypted ({type(exc).__name__})") from None
    if len(plain) > length or len(plain) < length - 16:     # Kerberos may pad; NTLM never does
        raise SealingError("the decrypted length does not match the declared length")
    return plain[:length]
