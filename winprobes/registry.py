"""`reg query <key> /v <value>`: one registry value, and the values built on it.

2003's reg.exe 3.0 prints a `! REG.EXE VERSION 3.0` banner and separates name, type and
data with tabs; 2008 prints no banner and separates them with four spaces. REG_MULTI_SZ
data is one line with a literal `\\0` between the strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from .base import Probe, Unreadable, shape
from .cmdline import arg, guid

_ROOT = r"(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_[A-Z_]+)\\"
_KEY_SHAPE = rf'{_ROOT}[^\s"%]*|"{_ROOT}[^"%]*"'      # unquoted, or quoted when it holds blanks
# name, type and data: tab-separated (2003) or four spaces (2008); value names may hold spaces
_VALUE_LINE = re.compile(r"^\s+(?P<name>\S.*?)[ \t]+(?P<type>REG_[A-Z_]+)(?:[ \t]+(?P<data>.*))?$")
_BANNER = re.compile(r"^\s*! REG\.EXE VERSION", re.IGNORECASE)


@dataclass(frozen=True)
class RegistryEntry:
    key: str                               # as printed: HKEY_LOCAL_MACHINE\...
    name: str
    type: str                              # REG_SZ, REG_DWORD, REG_MULTI_SZ...
    data: str | int | tuple[str, ...]      # DWORD/QWORD as int, MULTI_SZ as strings


class RegistryValue(Probe[RegistryEntry]):
    NAME = "registry_value"
    ALLOW = (shape(rf"reg query (?:{_KEY_SHAPE}) /v (?:[\w.-]+|{{QUOTED}})"),)

    def __init__(self, key: str, value: str):
        if not re.match(_ROOT, key, re.IGNORECASE):
            raise ValueError(f"registry key {key!r} does not start with a root key such as HKLM\\")
        self.key, self.value = key, value
        self.command()                     # refuses what cannot be passed safely

    def command(self) -> str:
        return f"reg query {arg(self.key)} /v {arg(self.value)}"

    def process(self, lines: list[str]) -> RegistryEntry:
        key = None
        for no, line in enumerate(lines, 1):
            if not line.strip() or _BANNER.match(line):
                continue
            if not line[0].isspace():
                key = line.strip()
                continue
            match = _VALUE_LINE.match(line)
            if not match or key is None:
                raise Unreadable("not a value line under a key", no)
            if match["name"].strip().lower() == self.value.lower():
                return RegistryEntry(key, match["name"].strip(), match["type"],
                                     _data(match["type"], (match["data"] or "").strip(), no))
        raise Unreadable(f"no line for value {self.value!r} (truncated?)")


def _data(kind: str, text: str, no: int) -> str | int | tuple[str, ...]:
    if kind in ("REG_DWORD", "REG_QWORD", "REG_DWORD_BIG_ENDIAN"):
        if not re.fullmatch(r"0x[0-9a-fA-F]+|\d+", text):
            raise Unreadable(f"{kind} data {text!r} is not a number", no)
        return int(text, 0)
    if kind == "REG_MULTI_SZ":
        return tuple(part for part in text.split("\\0") if part)
    return text


class LinkageBindings(Probe[tuple[str, ...]]):
    """Adapter GUIDs a network service is bound to, in binding order (first = top),
    read from its `Linkage` key's `Bind` value."""

    SERVICE: ClassVar[str]
    ENTRY: ClassVar[re.Pattern[str]]       # one Bind entry; group 1 is the GUID

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        key = rf"HKLM\\SYSTEM\\CurrentControlSet\\Services\\{cls.SERVICE}\\Linkage"
        cls.ALLOW = (shape(rf"reg query {key} /v Bind"),)

    @classmethod
    def _value(cls) -> RegistryValue:
        return RegistryValue(rf"HKLM\SYSTEM\CurrentControlSet\Services\{cls.SERVICE}\Linkage", "Bind")

    def command(self) -> str:
        return self._value().command()

    def process(self, lines: list[str]) -> tuple[str, ...]:
        entry = self._value().process(lines)
        if entry.type != "REG_MULTI_SZ":
            raise Unreadable(f"Bind is {entry.type}, not REG_MULTI_SZ")
        found = (self.ENTRY.fullmatch(item) for item in entry.data)
        return tuple(match.group(1) for match in found if match)


class TcpipBindings(LinkageBindings):
    """TCP/IP's binding order: the first GUID is the adapter tried first. `NdisWanIp` stands
    for the remote access connections (`\\Device\\NdisWanIp` [S130])."""

    NAME = "tcpip_bindings"
    SERVICE = "Tcpip"
    ENTRY = re.compile(r"\\Device\\(\{[0-9A-Fa-f-]{36}\}|NdisWanIp)", re.IGNORECASE)


class FileSharingBindings(LinkageBindings):
    """Adapters with File and Printer Sharing (the Server service over NetBT) bound."""

    NAME = "file_sharing_bindings"
    SERVICE = "LanmanServer"
    ENTRY = re.compile(r"\\Device\\NetBT_Tcpip_(\{[0-9A-Fa-f-]{36}\})", re.IGNORECASE)


class NetbiosOptions(Probe[int]):
    """NetBT's per-adapter `NetbiosOptions`: 0 via DHCP, 1 enabled, 2 disabled."""

    NAME = "netbios_options"
    ALLOW = (shape(r"reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\NetBT\\Parameters\\Interfaces"
                   r"\\Tcpip_{GUID} /v NetbiosOptions"),)

    def __init__(self, adapter_guid: str):
        self.adapter_guid = guid(adapter_guid)

    def _value(self) -> RegistryValue:
        return RegistryValue(r"HKLM\SYSTEM\CurrentControlSet\Services\NetBT\Parameters\Interfaces"
                             rf"\Tcpip_{self.adapter_guid}", "NetbiosOptions")

    def command(self) -> str:
        return self._value().command()

    def process(self, lines: list[str]) -> int:
        entry = self._value().process(lines)
        if not isinstance(entry.data, int):
            raise Unreadable(f"NetbiosOptions is {entry.type}, not REG_DWORD")
        return entry.data
