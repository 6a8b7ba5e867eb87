"""WMI through wmic.exe: its two output layouts, and probes of the classes checks need.

`/value` prints each instance as `Name=Value` lines (properties sorted by name) after
blank lines; the table layout prints a header of the property names, each column padded
to its widest value plus two. Piped wmic ends lines with `\\r\\r\\n` (split_lines copes).
Values are strings; empty is None. Commands end in `<nul`: wmic otherwise waits on stdin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from .base import Probe, Unreadable, shape

Item = TypeVar("Item")
_NO_INSTANCES = "no instance(s) available."


@dataclass
class Instance:
    line_no: int                           # where it starts, for messages
    values: dict[str, str | None]          # property name in lower case -> value

    def text(self, name: str) -> str | None:
        return self.values[name.lower()]

    def number(self, name: str) -> int | None:
        value = self.text(name)
        if value is not None and not re.fullmatch(r"-?\d+", value):
            raise Unreadable(f"{name}={value!r} is not a number", self.line_no)
        return None if value is None else int(value)

    def flag(self, name: str) -> bool | None:
        value = self.text(name)
        if value is not None and value.upper() not in ("TRUE", "FALSE"):
            raise Unreadable(f"{name}={value!r} is not TRUE or FALSE", self.line_no)
        return None if value is None else value.upper() == "TRUE"


def parse_wmic(lines: list[str]) -> list[Instance]:
    """Either layout: `/value` when the first printed line is `Name=Value`."""
    first = next((line.strip() for line in lines if line.strip()), "")
    if not first or first.lower() == _NO_INSTANCES:
        return []
    return parse_values(lines) if "=" in first else parse_table(lines)


def parse_values(lines: list[str]) -> list[Instance]:
    instances: list[Instance] = []
    current: Instance | None = None
    for no, line in enumerate(lines, 1):
        text = line.strip()
        if not text:
            current = None
            continue
        name, eq, value = text.partition("=")
        if not eq or not name.strip():
            raise Unreadable("not a Name=Value line", no)
        key = name.strip().lower()
        if current is None or key in current.values:      # tolerate lost blank lines
            current = Instance(no, {})
            instances.append(current)
        current.values[key] = value.strip() or None
    return instances


def parse_table(lines: list[str]) -> list[Instance]:
    numbered = [(no, line.expandtabs(8).rstrip()) for no, line in enumerate(lines, 1) if line.strip()]
    header = numbered[0][1]
    columns = [(m.group().lower(), m.start()) for m in re.finditer(r"\S+", header)]
    ends = [start for _, start in columns[1:]] + [None]
    instances = []
    for no, row in numbered[1:]:
        if any(start <= len(row) and row[start - 1] != " " for start in ends[:-1]):
            raise Unreadable("row does not line up with the header's columns", no)
        values = {name: (row[start:end].strip() or None) for (name, start), end in zip(columns, ends)}
        instances.append(Instance(no, values))
    return instances


class WmicProbe(Probe[Item]):
    """`wmic <ALIAS> get <PROPERTIES> /value <nul`; subclasses turn instances into items."""

    ALIAS: ClassVar[str]
    PROPERTIES: ClassVar[tuple[str, ...]]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "PROPERTIES" not in cls.__dict__:
            return                                  # an intermediate base
        names = "|".join(cls.PROPERTIES)
        cls.ALLOW = (shape(rf"wmic {cls.ALIAS} get (?:{names})(?:,(?:{names}))*(?: /value)?"),)

    def command(self) -> str:
        return f"wmic {self.ALIAS} get {','.join(self.PROPERTIES)} /value <nul"

    def instances(self, lines: list[str]) -> list[Instance]:
        instances = parse_wmic(lines)
        for instance in instances:
            missing = [p for p in self.PROPERTIES if p.lower() not in instance.values]
            if missing:
                raise Unreadable(f"instance lacks {', '.join(missing)} (truncated?)", instance.line_no)
        return instances


@dataclass(frozen=True)
class NetworkAdapter:
    index: int
    mac_address: str | None
    connection_id: str | None           # the connection name ("Public"); None for hidden adapters
    name: str | None = None             # the adapter ("Microsoft Failover Cluster Virtual Adapter")


class NetworkAdapters(WmicProbe[tuple[NetworkAdapter, ...]]):
    NAME = "network_adapters"
    ALIAS, PROPERTIES = "nic", ("Index", "MACAddress", "Name", "NetConnectionID")

    def process(self, lines: list[str]) -> tuple[NetworkAdapter, ...]:
        return tuple(NetworkAdapter(i.number("Index"), i.text("MACAddress"), i.text("NetConnectionID"), i.text("Name"))
                     for i in self.instances(lines))


@dataclass(frozen=True)
class AdapterConfiguration:
    index: int
    setting_id: str | None               # the adapter GUID, as in Tcpip\Linkage\Bind
    ip_enabled: bool | None
    tcpip_netbios_options: int | None    # 0 via DHCP, 1 enabled, 2 disabled
    wins_enable_lmhosts_lookup: bool | None
    domain_dns_registration_enabled: bool | None
    full_dns_registration_enabled: bool | None


class AdapterConfigurations(WmicProbe[tuple[AdapterConfiguration, ...]]):
    NAME = "adapter_configurations"
    ALIAS = "nicconfig"
    PROPERTIES = ("DomainDNSRegistrationEnabled", "FullDNSRegistrationEnabled", "IPEnabled", "Index",
                  "SettingID", "TcpipNetbiosOptions", "WINSEnableLMHostsLookup")

    def process(self, lines: list[str]) -> tuple[AdapterConfiguration, ...]:
        return tuple(AdapterConfiguration(
            index=i.number("Index"), setting_id=i.text("SettingID"), ip_enabled=i.flag("IPEnabled"),
            tcpip_netbios_options=i.number("TcpipNetbiosOptions"),
            wins_enable_lmhosts_lookup=i.flag("WINSEnableLMHostsLookup"),
            domain_dns_registration_enabled=i.flag("DomainDNSRegistrationEnabled"),
            full_dns_registration_enabled=i.flag("FullDNSRegistrationEnabled"),
        ) for i in self.instances(lines))


class SingleInstance(WmicProbe[Item]):
    """A class with exactly one instance per host (the OS, the computer)."""

    def only(self, lines: list[str]) -> Instance:
        instances = self.instances(lines)
        if len(instances) != 1:
            raise Unreadable(f"expected one instance, found {len(instances)}",
                             instances[1].line_no if instances else None)
        return instances[0]


@dataclass(frozen=True)
class OperatingSystemInfo:
    caption: str | None                  # "Microsoft(R) Windows(R) Server 2003, Enterprise Edition"
    csd_version: str | None              # "Service Pack 1"
    other_type_description: str | None   # "R2" on 2003 R2
    service_pack_major_version: int | None
    version: str | None                  # "5.2.3790"


class OperatingSystem(SingleInstance[OperatingSystemInfo]):
    NAME = "operating_system"
    ALIAS = "os"
    PROPERTIES = ("Caption", "CSDVersion", "OtherTypeDescription", "ServicePackMajorVersion", "Version")

    def process(self, lines: list[str]) -> OperatingSystemInfo:
        i = self.only(lines)
        return OperatingSystemInfo(i.text("Caption"), i.text("CSDVersion"), i.text("OtherTypeDescription"),
                                   i.number("ServicePackMajorVersion"), i.text("Version"))


@dataclass(frozen=True)
class ComputerSystemInfo:
    name: str | None
    domain: str | None                   # the workgroup name when not in a domain
    domain_role: int | None              # 0 standalone workstation ... 2 standalone server, 3 member server
    part_of_domain: bool | None


class ComputerSystem(SingleInstance[ComputerSystemInfo]):
    NAME = "computer_system"
    ALIAS, PROPERTIES = "computersystem", ("Domain", "DomainRole", "Name", "PartOfDomain")

    def process(self, lines: list[str]) -> ComputerSystemInfo:
        i = self.only(lines)
        return ComputerSystemInfo(i.text("Name"), i.text("Domain"), i.number("DomainRole"), i.flag("PartOfDomain"))


class HotFixes(WmicProbe[tuple[str, ...]]):
    """Installed update ids (`KB921181`), in wmic's order; entries without an id left out."""

    NAME = "hot_fixes"
    ALIAS, PROPERTIES = "qfe", ("HotFixID",)

    def process(self, lines: list[str]) -> tuple[str, ...]:
        return tuple(fix for i in self.instances(lines) if (fix := i.text("HotFixID")))


class ProcessorAddressWidths(WmicProbe[tuple[int, ...]]):
    """Win32_Processor.AddressWidth of each processor: 32 on a 32-bit operating system, 64 on
    a 64-bit one, whatever the processor can do [S127]. Present on Windows Server 2003 and 2008
    alike (Win32_OperatingSystem.OSArchitecture is not on 2003)."""

    NAME = "processor_address_widths"
    ALIAS, PROPERTIES = "cpu", ("AddressWidth",)

    def process(self, lines: list[str]) -> tuple[int, ...]:
        instances = self.instances(lines)
        if not instances:
            raise Unreadable("no processor listed")
        widths = tuple(i.number("AddressWidth") for i in instances)
        if None in widths:
            raise Unreadable("a processor without AddressWidth", next(i.line_no for i in instances
                                                                      if i.text("AddressWidth") is None))
        return widths
