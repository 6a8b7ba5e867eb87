"""`ping -n COUNT ADDRESS`: does the address answer from this host?

Layout (XP/2003 transcripts, verbatim public samples in tests/unit/probe_cases/ping):

    Pinging 10.10.10.2 with 32 bytes of data:

    Reply from 10.10.10.2: bytes=32 time<1ms TTL=128
    Request timed out.

    Ping statistics for 10.10.10.2:
        Packets: Sent = 2, Received = 1, Lost = 1 (50% loss),

A reply counts only when it comes from the address pinged and carries data (`bytes=`):
a router's or the local stack's "Reply from X: Destination host unreachable." is not an
answer (Vista and later even count it as received in the statistics). ping's exit code is
not relied on (its meaning differs between releases): the output is read whatever it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from ipaddress import IPv4Address

from .base import Probe, ProbeError, Unreadable, shape
from .runner import Runner

_HEADER = re.compile(r"^Pinging (?P<target>\S+)(?: \[(?P<address>[\d.]+)\])? with \d+ bytes of data:?$",
                     re.IGNORECASE)
_REPLY = re.compile(r"^Reply from (?P<source>[\d.]+): bytes[ =]", re.IGNORECASE)
_STATISTICS = re.compile(r"^Packets: Sent = (?P<sent>\d+), Received = (?P<received>\d+), Lost = (?P<lost>\d+)",
                         re.IGNORECASE)


@dataclass(frozen=True)
class PingResult:
    address: str
    sent: int | None              # from the statistics line (None when ping printed none)
    replies: int                  # echo replies from the address itself
    failures: tuple[str, ...]     # the other answers, as printed ("Request timed out.")

    @property
    def reached(self) -> bool:
        return self.replies > 0


class Ping(Probe[PingResult]):
    NAME = "ping"
    ALLOW = (shape(r"ping -n [1-9] (?:\d{1,3}\.){3}\d{1,3}"),)

    def __init__(self, address: str, count: int = 2):
        self.address = str(IPv4Address(address))          # refuses anything but an IPv4 address
        if not 1 <= count <= 9:
            raise ValueError(f"ping count {count} is not between 1 and 9")
        self.count = count

    def command(self) -> str:
        return f"ping -n {self.count} {self.address}"

    def read(self, target: Runner, host: str) -> PingResult:
        """ping exits non-zero when nothing answers: its output is read all the same."""
        result = target.run(host, self.command())
        if not result.ok and not any(_HEADER.match(line.strip()) for line in result.stdout.splitlines()):
            raise self.failure(host, result)          # not ping's output (bad address, no such program)
        try:
            return self.parse(result.stdout)
        except ProbeError as err:
            err.host, err.command = host, self.command()
            raise

    def process(self, lines: list[str]) -> PingResult:
        shown = [(no, line.strip()) for no, line in enumerate(lines, 1) if line.strip()]
        header = next(((no, m) for no, text in shown if (m := _HEADER.match(text))), None)
        if header is None:
            raise Unreadable("no 'Pinging ADDRESS with N bytes of data' line", shown[0][0] if shown else None)
        no, match = header
        pinged = match["address"] or match["target"]
        if pinged != self.address:
            raise Unreadable(f"pings {pinged}, not {self.address}", no)
        replies, failures, sent = 0, [], None
        for no, text in shown:
            if _HEADER.match(text) or text.lower().startswith(("ping statistics", "approximate round trip",
                                                                 "minimum =", "control-")):
                continue
            if statistics := _STATISTICS.match(text):
                sent = int(statistics["sent"])
            elif (reply := _REPLY.match(text)) and reply["source"] == self.address:
                replies += 1
            else:
                failures.append(text)
        return PingResult(self.address, sent, replies, tuple(failures))


_UNKNOWN_HOST = re.compile(r"^Ping request could not find host (?P<name>\S+?)\.? Please check the name", re.IGNORECASE)


class NameResolution(Probe["str | None"]):
    """`ping -n 1 NAME`: the address the host resolves NAME to (DNS, then its HOSTS file), as the
    `Pinging NAME [ADDRESS]` line shows it, whether or not the address answers; None when ping
    cannot find the name. Only the name is read, not the replies."""

    NAME = "name_resolution"
    ALLOW = (shape(r"ping -n 1 {NETBIOS}"),)

    def __init__(self, name: str):
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,14}", name):
            raise ValueError(f"{name!r} is not a host name this probe resolves")
        self.name = name

    def command(self) -> str:
        return f"ping -n 1 {self.name}"

    def read(self, target: Runner, host: str) -> "str | None":
        result = target.run(host, self.command())       # exits non-zero when nothing answers
        try:
            return self.parse(result.stdout + result.stderr)
        except ProbeError as err:
            err.host, err.command = host, self.command()
            raise

    def process(self, lines: list[str]) -> "str | None":
        for no, line in enumerate(lines, 1):
            text = line.strip()
            if (unknown := _UNKNOWN_HOST.match(text)) and unknown["name"].lower() == self.name.lower():
                return None
            if match := _HEADER.match(text):
                if match["target"].split(".")[0].lower() != self.name.lower():
                    raise Unreadable(f"pings {match['target']}, not {self.name}", no)
                return match["address"] or match["target"]
        raise Unreadable("no 'Pinging NAME [ADDRESS]' line and no 'could not find host' line")
