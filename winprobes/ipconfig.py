"""`ipconfig /all`: the host's TCP/IP view per adapter, as an operator reads it.

Reads the XP/2003 layout (8-space indent, `Dhcp Enabled`, `IP Address`) and the
Vista/2008 one (3-space indent, `DHCP Enabled`, `IPv4 Address ... (Preferred)`).
A field line is `<label> . . . : <value>`; a deeper-indented line without dot leaders
continues the previous field (more DNS servers, more gateways).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Probe, Unreadable, shape

_ADAPTER = re.compile(r"^(?P<kind>\S.*?) adapter (?P<name>.+?)\s*:\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^(?P<indent>\s+)(?P<label>\S.*?)(?:\s*\.)+\s*:\s?(?P<value>.*)$")
_TITLE = re.compile(r"^\s*Windows IP Configuration\s*$", re.IGNORECASE)
_STATE = re.compile(r"^(?P<address>.*?)\s*\((?P<state>[A-Za-z]+)\)$")
_CONTINUATION_INDENT = 20      # value column is ~36 (2003) / ~39 (2008); labels at 3 or 8

_ADDRESS_LABELS = {"ip address": False, "ipv4 address": False,
                   "autoconfiguration ip address": True, "autoconfiguration ipv4 address": True}
_IPV6_LABELS = {"ipv6 address", "link-local ipv6 address", "temporary ipv6 address"}


@dataclass(frozen=True)
class IpAddress:
    address: str
    mask: str | None
    autoconfigured: bool          # APIPA (169.254/16) printed as "Autoconfiguration IP Address"
    state: str | None             # Vista+: "Preferred", "Duplicate", "Tentative"...


@dataclass(frozen=True)
class IpAdapter:
    kind: str                     # "Ethernet", "PPP", "Tunnel"
    name: str                     # the connection name ("Public")
    description: str
    physical_address: str | None
    dhcp_enabled: bool | None
    media_disconnected: bool
    addresses: tuple[IpAddress, ...]
    ipv6_addresses: tuple[str, ...]
    gateways: tuple[str, ...]
    dns_servers: tuple[str, ...]
    wins_servers: tuple[str, ...]  # primary first
    netbios: str | None           # "Enabled", "Disabled", or None when not printed


@dataclass(frozen=True)
class IpConfiguration:
    host_name: str
    primary_dns_suffix: str | None
    node_type: str | None
    adapters: tuple[IpAdapter, ...]

    def adapter(self, name: str) -> IpAdapter | None:
        return next((a for a in self.adapters if a.name.lower() == name.lower()), None)


class IpConfig(Probe[IpConfiguration]):
    NAME = "ip_config"
    ALLOW = (shape(r"ipconfig /all"),)

    def command(self) -> str:
        return "ipconfig /all"

    def process(self, lines: list[str]) -> IpConfiguration:
        sections = _sections(lines)
        header = _fields_by_label(sections[0][2])
        host_name = _first(header, "host name")
        if host_name is None:
            raise Unreadable("no 'Host Name' line before the first adapter", sections[0][0])
        return IpConfiguration(
            host_name=host_name,
            primary_dns_suffix=_first(header, "primary dns suffix"),
            node_type=_first(header, "node type"),
            adapters=tuple(_adapter(no, title, fields) for no, title, fields in sections[1:]),
        )


Field = tuple[int, str, list[str]]          # (line number, normalised label, values)


def _sections(lines: list[str]) -> list[tuple[int, re.Match | None, list[Field]]]:
    """The header section, then one per `... adapter <name>:` line, each with its fields."""
    title_at = next((n for n, line in enumerate(lines, 1) if _TITLE.match(line)), None)
    if title_at is None:
        first = next((n for n, line in enumerate(lines, 1) if line.strip()), None)
        raise Unreadable("no 'Windows IP Configuration' title", first)
    sections: list[tuple[int, re.Match | None, list[Field]]] = [(title_at, None, [])]
    for no, raw in enumerate(lines[title_at:], title_at + 1):
        line = raw.expandtabs(8).rstrip()
        if not line.strip():
            continue
        if adapter := _ADAPTER.match(line):
            sections.append((no, adapter, []))
        elif field := _FIELD.match(line):
            label = " ".join(field["label"].lower().split())
            sections[-1][2].append((no, label, [field["value"].strip()]))
        elif len(line) - len(line.lstrip()) >= _CONTINUATION_INDENT and sections[-1][2]:
            sections[-1][2][-1][2].append(line.strip())
        else:
            raise Unreadable("not a field, continuation or adapter line", no)
    return sections


def _fields_by_label(fields: list[Field]) -> dict[str, list[str]]:
    """Label -> its non-empty values (a label printed with an empty value maps to [])."""
    found: dict[str, list[str]] = {}
    for _, label, values in fields:
        found.setdefault(label, []).extend(v for v in values if v)
    return found


def _first(fields: dict[str, list[str]], label: str) -> str | None:
    return (fields.get(label) or [None])[0]


def _every(fields: dict[str, list[str]], *labels: str) -> tuple[str, ...]:
    return tuple(value for label in labels for value in fields.get(label, []))


def _adapter(no: int, title: re.Match, fields: list[Field]) -> IpAdapter:
    by_label = _fields_by_label(fields)
    if "description" not in by_label:
        raise Unreadable(f"adapter {title['name']!r} has no Description line (truncated?)", no)
    addresses, ipv6 = _addresses(fields)
    return IpAdapter(
        kind=title["kind"], name=title["name"], description=_first(by_label, "description") or "",
        physical_address=_first(by_label, "physical address"),
        dhcp_enabled=_yes_no(_first(by_label, "dhcp enabled")),
        media_disconnected=(_first(by_label, "media state") or "").lower() == "media disconnected",
        addresses=addresses, ipv6_addresses=ipv6,
        gateways=_every(by_label, "default gateway"),
        dns_servers=_every(by_label, "dns servers"),
        wins_servers=_every(by_label, "primary wins server", "secondary wins server"),
        netbios=(_first(by_label, "netbios over tcpip") or "").capitalize() or None,
    )


def _addresses(fields: list[Field]) -> tuple[tuple[IpAddress, ...], tuple[str, ...]]:
    """IPv4 addresses paired with the `Subnet Mask` line after each, and IPv6 addresses."""
    addresses: list[IpAddress] = []
    ipv6: list[str] = []
    for line_no, label, values in fields:
        if label in _ADDRESS_LABELS:
            address, state = _split_state(values[0])
            addresses.append(IpAddress(address, None, _ADDRESS_LABELS[label], state))
        elif label == "subnet mask":
            if not addresses or addresses[-1].mask is not None:
                raise Unreadable("subnet mask without an address before it", line_no)
            last = addresses[-1]
            addresses[-1] = IpAddress(last.address, values[0] or None, last.autoconfigured, last.state)
        elif label in _IPV6_LABELS:
            ipv6 += [_split_state(v)[0] for v in values if v]
    return tuple(addresses), tuple(ipv6)


def _split_state(value: str) -> tuple[str, str | None]:
    """`10.0.0.5(Preferred)` -> ("10.0.0.5", "Preferred")."""
    match = _STATE.match(value)
    return (match["address"], match["state"]) if match else (value, None)


def _yes_no(value: str | None) -> bool | None:
    return None if value is None else value.lower() == "yes"
