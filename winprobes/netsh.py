"""netsh's view of each connection's TCP/IP settings: the `dump` script (2003) and the
`show config` / `show address` listings (2003 and 2008 layouts).

Both give the same `IpSettings`, so a check reads the same fields on either OS.
A field the output does not show is None (`show address` prints no DNS servers);
an empty list means netsh said "none".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Probe, Unreadable, shape
from .cmdline import quote


@dataclass(frozen=True)
class Gateway:
    address: str
    metric: int | None


@dataclass(frozen=True)
class Address:
    address: str
    mask: str | None


@dataclass(frozen=True)
class IpSettings:
    name: str                                # connection name
    source: str | None                       # "static" / "dhcp"
    addresses: tuple[Address, ...]
    gateways: tuple[Gateway, ...]
    dns_source: str | None
    dns_servers: tuple[str, ...] | None      # in index order
    register: str | None                     # "none" / "primary" / "both"
    wins_source: str | None
    wins_servers: tuple[str, ...] | None

    @property
    def address(self) -> str | None:
        return self.addresses[0].address if self.addresses else None

    @property
    def mask(self) -> str | None:
        return self.addresses[0].mask if self.addresses else None

    @property
    def gateway(self) -> Gateway | None:
        return self.gateways[0] if self.gateways else None


class NetshDump(Probe[tuple[IpSettings, ...]]):
    """`netsh interface ip dump` (2003): a script of `set`/`add` lines per connection."""

    NAME = "netsh_dump"
    ALLOW = (shape(r"netsh interface ip dump"),)

    def command(self) -> str:
        return "netsh interface ip dump"

    def process(self, lines: list[str]) -> tuple[IpSettings, ...]:
        connections: dict[str, _Draft] = {}
        ended = False
        for no, line in enumerate(lines, 1):
            text = line.strip()
            if not text or text.startswith("#") or text.lower() == "pushd interface ip":
                continue
            if text.lower() == "popd":
                ended = True
                continue
            verb, obj, tags = _statement(text, no)
            if obj in ("address", "dns", "wins"):
                name = tags.get("name")
                if not name:
                    raise Unreadable(f"'{verb} {obj}' without name=", no)
                draft = connections.setdefault(name.lower(), _Draft(name))
                draft.apply(verb, obj, tags, no)
        if not ended:
            raise Unreadable("no 'popd' line: the dump is truncated")
        return tuple(d.settings() for d in connections.values())


class _Draft:
    """A connection's settings while its dump lines are read."""

    def __init__(self, name: str):
        self.name, self.source = name, None
        self.addresses: list[Address] = []
        self.gateways: list[Gateway] = []
        self.dns = _Servers()
        self.wins = _Servers()
        self.register: str | None = None

    def apply(self, verb: str, obj: str, tags: dict[str, str], no: int) -> None:
        if obj == "address":
            self.source = tags.get("source", self.source or "").lower() or None
            if "addr" in tags:
                self.addresses.append(Address(tags["addr"], tags.get("mask")))
            if tags.get("gateway", "none").lower() != "none":
                self.gateways.append(Gateway(tags["gateway"], _int(tags.get("gwmetric"), no)))
        else:
            servers = self.dns if obj == "dns" else self.wins
            servers.apply(verb, tags, no)
            if obj == "dns" and "register" in tags:
                self.register = tags["register"].lower()

    def settings(self) -> IpSettings:
        return IpSettings(self.name, self.source, tuple(self.addresses), tuple(self.gateways),
                          self.dns.source, self.dns.listed(), self.register,
                          self.wins.source, self.wins.listed())


class _Servers:
    """DNS or WINS servers from `set` (first, or none) and `add ... index=N` lines."""

    def __init__(self):
        self.source: str | None = None
        self.by_index: dict[int, str] | None = None

    def apply(self, verb: str, tags: dict[str, str], no: int) -> None:
        if verb == "set":
            self.source = tags.get("source", "").lower() or None
            self.by_index = {}
        elif self.by_index is None:
            self.by_index = {}
        addr = tags.get("addr", "none")
        if addr.lower() != "none":
            index = _int(tags.get("index"), no) or (1 if verb == "set" else len(self.by_index) + 1)
            self.by_index[index] = addr

    def listed(self) -> tuple[str, ...] | None:
        if self.by_index is None or (self.source == "dhcp" and not self.by_index):
            return None                    # not shown: the servers come from DHCP
        return tuple(self.by_index[i] for i in sorted(self.by_index))


_WORD = re.compile(r'(?:[^\s"]+|"[^"]*")+')


def _statement(text: str, no: int) -> tuple[str, str, dict[str, str]]:
    """`set dns name="Public" source=static addr=none` -> ("set", "dns", {name: Public, ...})."""
    if text.count('"') % 2:
        raise Unreadable("unbalanced quotes", no)
    words = [word.replace('"', "") for word in _WORD.findall(text)]
    if len(words) < 2 or words[0].lower() not in ("set", "add", "delete"):
        raise Unreadable("not a netsh dump statement", no)
    tags = {}
    for word in words[2:]:
        key, eq, value = word.partition("=")
        if not eq:
            raise Unreadable(f"{word!r} is not tag=value", no)
        tags[key.lower()] = value
    return words[0].lower(), words[1].lower(), tags


def _int(value: str | None, no: int) -> int | None:
    if value is None:
        return None
    if not value.strip().isdigit():
        raise Unreadable(f"{value!r} is not a number", no)
    return int(value)


# --- show config / show address -------------------------------------------------------

_HEADER = re.compile(r'^\s*Configuration for interface "(?P<name>[^"]*)"\s*$', re.IGNORECASE)
_PREFIX = re.compile(r"^(?P<prefix>\S+)\s*\(mask (?P<mask>[\d.]+)\)$", re.IGNORECASE)
_MULTI = {"staticallyconfigureddnsservers", "dnsserversconfiguredthroughdhcp",
          "staticallyconfiguredwinsservers", "winsserversconfiguredthroughdhcp"}
_REGISTER = {"none": "none", "primaryonly": "primary"}


class NetshConfig(Probe[tuple[IpSettings, ...]]):
    """`netsh interface ip show config` (2003) or `netsh interface ipv4 show config` (2008),
    for every connection or the one named."""

    NAME = "netsh_config"
    VIEW = "config"
    ALLOW = (shape(r"netsh interface ip(?:v4)? show config(?: name={QUOTED})?"),)

    def __init__(self, name: str | None = None, ipv4: bool = False):
        if name is not None:
            quote(name)                    # refuses what cannot be quoted safely
        self.name, self.ipv4 = name, ipv4

    def command(self) -> str:
        context = "ipv4" if self.ipv4 else "ip"
        named = f" name={quote(self.name)}" if self.name is not None else ""
        return f"netsh interface {context} show {self.VIEW}{named}"

    def process(self, lines: list[str]) -> tuple[IpSettings, ...]:
        blocks: list[tuple[int, str, list[tuple[int, str, list[str]]]]] = []
        for no, raw in enumerate(lines, 1):
            line = raw.expandtabs(8).rstrip()
            if not line.strip() or line.strip().lower() == "ok.":
                continue
            if header := _HEADER.match(line):
                blocks.append((no, header["name"], []))
            elif not blocks:
                raise Unreadable("text before the first 'Configuration for interface' line", no)
            elif ":" in line:
                label, _, value = line.partition(":")
                blocks[-1][2].append((no, "".join(label.lower().split()), [value.strip()]))
            elif line[:1].isspace() and blocks[-1][2] and blocks[-1][2][-1][1] in _MULTI:
                blocks[-1][2][-1][2].append(line.strip())
            else:
                raise Unreadable("not a 'label: value' line or a continuation", no)
        if not blocks:
            raise Unreadable("no 'Configuration for interface' block")
        return tuple(_block(*block) for block in blocks)


class NetshAddress(NetshConfig):
    """`netsh interface ip show address`: the same layout without DNS and WINS lines."""

    NAME = "netsh_address"
    VIEW = "address"
    ALLOW = (shape(r"netsh interface ip(?:v4)? show address(?:es)?(?: name={QUOTED})?"),)


def _block(no: int, name: str, fields: list[tuple[int, str, list[str]]]) -> IpSettings:
    values = {label: vals for _, label, vals in fields}
    if "dhcpenabled" not in values:
        raise Unreadable(f"interface {name!r} has no 'DHCP enabled' line (truncated?)", no)
    addresses: list[Address] = []
    gateways: list[Gateway] = []
    for line_no, label, (value, *_) in fields:
        if label == "ipaddress":
            addresses.append(Address(value, None))
        elif label in ("subnetmask", "subnetprefix") and addresses:
            mask = _PREFIX.match(value)
            addresses[-1] = Address(addresses[-1].address, mask["mask"] if mask else value)
        elif label == "defaultgateway" and value and value.lower() != "none":
            gateways.append(Gateway(value, None))
        elif label == "gatewaymetric" and gateways:
            gateways[-1] = Gateway(gateways[-1].address, _int(value, line_no))
    dns_source, dns = _servers(values, "dns")
    wins_source, wins = _servers(values, "wins")
    return IpSettings(name, "dhcp" if values["dhcpenabled"][0].lower() == "yes" else "static",
                      tuple(addresses), tuple(gateways), dns_source, dns,
                      _register(values, fields), wins_source, wins)


def _servers(values: dict[str, list[str]], kind: str) -> tuple[str | None, tuple[str, ...] | None]:
    for source, label in (("static", f"staticallyconfigured{kind}servers"),
                          ("dhcp", f"{kind}serversconfiguredthroughdhcp")):
        if label in values:
            return source, tuple(v for v in values[label] if v and v.lower() != "none")
    return None, None


def _register(values: dict[str, list[str]], fields: list[tuple[int, str, list[str]]]) -> str | None:
    if "registerwithwhichsuffix" not in values:
        return None
    wording = "".join(values["registerwithwhichsuffix"][0].lower().split())
    if wording in _REGISTER:
        return _REGISTER[wording]
    if "connection-specific" in wording:
        return "both"
    line_no = next(no for no, label, _ in fields if label == "registerwithwhichsuffix")
    raise Unreadable("unknown 'Register with which suffix' value", line_no)
