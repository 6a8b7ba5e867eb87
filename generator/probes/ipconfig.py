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
        if "host name" not in header:
            raise Unreadable("no 'Host Name' line before the first adapter", sections[0][0] or None)
        adapters = tuple(_adapter(no, title, fields) for no, title, fields in sections[1:])
        return IpConfiguration(
            host_name=header["host name"][0],
            primary_dns_suffix=header.get("primary dns suffix", [""])[0] or None,
            node_type=header.get("node type", [""])[0] or None,
            adapters=adapters,
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
    found: dict[str, list[str]] = {}
    for _, label, values in fields:
        found.setdefault(label, []).extend(v for v in values if v)
        found.setdefault(label, [""])
    return {label: values or [""] for label, values in found.items()}


def _adapter(no: int, title: re.Match, fields: list[Field]) -> IpAdapter:
    addresses: list[IpAddress] = []
    for line_no, label, values in fields:
        if label in _ADDRESS_LABELS:
            address, state = _split_state(values[0])
            addresses.append(IpAddress(address, None, _ADDRESS_LABELS[label], state))
        elif label == "subnet mask":
            if not addresses or addresses[-1].mask is not None:
                raise Unreadable("subnet mask without an address before it", line_no)
            last = addresses[-1]
            addresses[-1] = IpAddress(last.address, values[0], last.autoconfigured, last.state)
    by_label = _fields_by_label(fields)
    if "description" not in by_label:
        raise Unreadable(f"adapter {title['name']!r} has no Description line (truncated?)", no)
    one = lambda label: by_label.get(label, [""])[0] or None   # noqa: E731
    many = lambda *labels: tuple(v for label in labels for v in by_label.get(label, []) if v)  # noqa: E731
    return IpAdapter(
        kind=title["kind"], name=title["name"], description=by_label["description"][0],
        physical_address=one("physical address"),
        dhcp_enabled=_yes_no(one("dhcp enabled")),
        media_disconnected=(one("media state") or "").lower() == "media disconnected",
        addresses=tuple(addresses),
        ipv6_addresses=tuple(_split_state(v)[0] for v in many(*sorted(_IPV6_LABELS))),
        gateways=many("default gateway"),
        dns_servers=many("dns servers"),
        wins_servers=many("primary wins server", "secondary wins server"),
        netbios=(one("netbios over tcpip") or "").capitalize() or None,
    )


def _split_state(value: str) -> tuple[str, str | None]:
    """`10.0.0.5(Preferred)` -> ("10.0.0.5", "Preferred")."""
    match = _STATE.match(value)
    return (match["address"], match["state"]) if match else (value, None)


def _yes_no(value: str | None) -> bool | None:
    return None if value is None else value.lower() == "yes"
