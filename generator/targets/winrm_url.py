"""`winrm://USER@HOST[:PORT][/PATH][?OPTIONS]`: what a WinRM target URL may say, checked.

    scheme=https|http  verify=true|false  ca=FILE  transport=ntlm|kerberos|credssp|basic
    encryption=auto|always|never  timeout=S  reboot_wait=S  codepage=437|65001
HOST may hold {host} (the environment's host name) or {address} (its address); without them it
names one machine, which a site of several hosts needs `--host` entries for (`hostmap`).
A password never belongs in the URL: it comes from $RUNBOOK_WINRM_PASSWORD or a prompt.
"""

from __future__ import annotations

import codecs
import math
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

from ..errors import TargetError
from ..secrets import WINRM_PASSWORD

_CHOICES = {"scheme": ("https", "http"), "transport": ("ntlm", "kerberos", "credssp", "basic"),
            "encryption": ("auto", "always", "never"), "verify": ("true", "false")}
_NUMBERS = ("timeout", "reboot_wait", "codepage")


@dataclass(frozen=True)
class Settings:
    """A parsed `winrm://` URL."""

    user: str
    host: str                   # may hold {host} and {address}
    port: int
    path: str = "/wsman"
    scheme: str = "https"
    verify: bool = True
    ca: str | None = None
    transport: str = "ntlm"
    encryption: str = "auto"
    timeout: float = 300.0
    reboot_wait: float = 30.0
    codepage: int = 437

    @property
    def codec(self) -> str:
        return "utf-8" if self.codepage == 65001 else f"cp{self.codepage}"

    @property
    def per_host(self) -> bool:
        """Whether HOST differs per host ({host} or {address}); else it names one machine."""
        return "{host}" in self.host or "{address}" in self.host


def parse_url(url: str) -> Settings:
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() != "winrm":
        raise TargetError(f"not a WinRM target: {shown_url(url)} (expected winrm://USER@HOST[:PORT][?OPTIONS])")
    rest, _, query = rest.partition("?")
    netloc, slash, path = rest.partition("/")
    userinfo, at, hostport = netloc.rpartition("@")
    if ":" in userinfo:
        raise TargetError(f"a WinRM target URL must not hold a password: set {WINRM_PASSWORD} instead")
    if not at or not userinfo:
        raise TargetError(f"the WinRM target {shown_url(url)} names no user (write winrm://USER@HOST)")
    options = _options(query)
    host, port = _host_port(hostport, f"the WinRM target {shown_url(url)}")
    for placeholder in {name for _, name, _, _ in string.Formatter().parse(host) if name is not None}:
        if placeholder not in ("host", "address"):
            raise TargetError(f"unknown placeholder {{{placeholder}}} in {shown_url(url)} "
                              f"(use {{host}} or {{address}})")
    scheme_name = options.pop("scheme", "https")
    settings = Settings(user=unquote(userinfo), host=host, path="/" + (path or "wsman"), scheme=scheme_name,
                        port=port or (5985 if scheme_name == "http" else 5986), **options)
    try:
        codecs.lookup(settings.codec)
    except LookupError:
        raise TargetError(f"codepage={settings.codepage}: no such code page") from None
    if settings.ca and not Path(settings.ca).is_file():
        raise TargetError(f"ca={settings.ca}: no such certificate bundle")
    if settings.transport == "basic" and settings.scheme == "http" and settings.encryption != "never":
        raise TargetError("transport=basic over http sends the password in clear text; use https, "
                          "or say encryption=never to accept that")
    if settings.encryption == "always" and settings.transport == "basic":
        raise TargetError("encryption=always needs transport=ntlm, kerberos or credssp")
    return settings


def _options(query: str) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        key, value = key.lower(), value.strip()
        if key in _CHOICES and value.lower() not in _CHOICES[key]:
            raise TargetError(f"{key}={value}: expected one of {', '.join(_CHOICES[key])}")
        if key in _CHOICES:
            options[key] = value.lower() == "true" if key == "verify" else value.lower()
        elif key in _NUMBERS:
            options[key] = _number(key, value)
        elif key == "ca":
            options[key] = value
        else:
            known = ", ".join(sorted([*_CHOICES, *_NUMBERS, "ca"]))
            raise TargetError(f"unknown option '{key}' in the WinRM target URL (known: {known})")
    return options


def _number(key: str, value: str) -> float | int:
    try:
        number = int(value) if key == "codepage" else float(value)
    except ValueError:
        number = -1
    if not 0 <= number < math.inf or (number == 0 and key != "reboot_wait"):
        raise TargetError(f"{key}={value}: expected a positive number")
    return number


def parse_endpoint(text: str) -> tuple[str, int | None]:
    """`ADDRESS[:PORT]` (`[IPv6]:PORT`) of a `--host` entry: which machine a host is."""
    if not text or any(c in text for c in "/@?{} \t"):
        raise TargetError(f"'{text}' is not ADDRESS[:PORT] (a host name or address, and a port if not the URL's)")
    return _host_port(text, f"the endpoint '{text}'")


def _host_port(hostport: str, what: str) -> tuple[str, int | None]:
    host, port = hostport, ""
    if hostport.startswith("["):
        host, _, port = hostport[1:].partition("]")
        port = port.removeprefix(":")
    elif hostport.count(":") == 1:
        host, _, port = hostport.partition(":")
    if not host:
        raise TargetError(f"{what} names no host")
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        raise TargetError(f"{what} has a bad port '{port}'")
    return host, int(port) if port else None


def shown_url(url: str) -> str:
    """The URL without a password someone may have written into it."""
    head, sep, rest = url.partition("://")
    userinfo, at, tail = rest.rpartition("@")
    return f"{head}{sep}{userinfo.split(':')[0]}:******@{tail}" if ":" in userinfo else url
