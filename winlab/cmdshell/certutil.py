"""certutil.exe's `-decode` and `-encode`: base64 files to bytes and back.

File text holds one character per byte (latin-1), so `-decode` writes the exact bytes the
base64 encoded. `-f` allows overwriting the output file.
"""

from __future__ import annotations

import base64
import binascii
import textwrap

from ..tooling import Invocation, Output
from . import argv
from .files import full_path

CRLF = "\r\n"
BEGIN, END = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"


def _failed(verb: str, hresult: int, win32: str, message: str) -> Output:
    # unconfirmed: the 2003 wording of certutil's failures, and the HRESULT as its exit code.
    code = hresult - 2**32 if hresult >= 2**31 else hresult
    return Output(code, f"CertUtil: {verb} command FAILED: 0x{hresult:08x} ({win32}){CRLF}"
                        f"CertUtil: {message}{CRLF}")


def run(inv: Invocation) -> Output:
    args = argv.split(inv.args)
    force = any(a.lower() in ("-f", "/f") for a in args)
    rest = [a for a in args if a.lower() not in ("-f", "/f")]
    if not rest or rest[0][:1] not in "-/" or rest[0][1:].lower() not in ("decode", "encode"):
        return Output(-2147024809, f"CertUtil: Unknown arg: {rest[0] if rest else ''}{CRLF}")   # unconfirmed
    verb = "-" + rest[0][1:].lower()
    if len(rest) != 3:
        return _failed(verb, 0x80070057, "WIN32: 87", "The parameter is incorrect.")
    source, target = (full_path(p, inv.cwd) for p in rest[1:])
    text = inv.fs.read(source)
    if text is None:
        return _failed(verb, 0x80070002, "WIN32: 2", "The system cannot find the file specified.")
    if inv.fs.exists(target) and not force:
        return _failed(verb, 0x80070050, "WIN32: 80", "The file exists.")
    if verb == "-decode":
        try:
            result = _decode(text)
        except (binascii.Error, ValueError):
            return _failed(verb, 0x80090005, "-2146893819", "Bad Data.")
    else:
        result = _encode(text)
    inv.fs.write(target, result)
    return Output(0, f"Input Length = {len(text)}{CRLF}Output Length = {len(result)}{CRLF}"
                     f"CertUtil: {verb} command completed successfully.{CRLF}")


def _decode(text: str) -> str:
    body = [line.strip() for line in text.splitlines() if not line.strip().startswith("-----")]
    return base64.b64decode("".join(body).encode("ascii"), validate=True).decode("latin-1")


def _encode(text: str) -> str:
    encoded = base64.b64encode(text.encode("latin-1", "replace")).decode("ascii")
    return CRLF.join([BEGIN, *textwrap.wrap(encoded, 64), END]) + CRLF
