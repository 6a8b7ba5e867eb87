"""What every vocabulary shares: reading probes once per scenario, and reporting every
mismatch of a check at once, each naming host, setting, expected and actual."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class Reader:
    """Runs a probe on a host once per scenario and caches the result."""

    def __init__(self, target):
        self.target = target
        self._cache: dict[tuple[str, str], Any] = {}

    def __call__(self, host: str, probe) -> Any:
        key = (host, probe.command())
        if key not in self._cache:
            self._cache[key] = probe.read(self.target, host)
        return self._cache[key]


@dataclass
class Mismatches:
    found: list[str] = field(default_factory=list)

    def expect(self, host: str, setting: str, expected: Any, actual: Any) -> None:
        if expected != actual:
            self.found.append(f"{host}: {setting}: expected {_show(expected)}, actual {_show(actual)}")

    def check(self) -> None:
        __tracebackhide__ = True
        if self.found:
            raise AssertionError("; ".join(self.found))


def _show(value: Any) -> str:
    if value is None or value == [] or value == ():
        return "none"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _typed(pattern: str, convert):
    def field(text: str):
        return convert(text)
    field.pattern = pattern              # how `parse` recognises the field in step text
    return field


ORDINALS = {"first": 0, "second": 1}
SERVICE_ACTIONS = {"stops": "stop", "starts": "start"}
TYPES = {
    # A connection the runbook names; anything else in a feature is a step that does not match.
    "Connection": _typed(r"Public|Private", str),
    # "the first node" -> index 0 in the environment's nodes
    "Ordinal": _typed(r"first|second", ORDINALS.__getitem__),
    # what cluster.exe prints for nodes and resources (ccr-domain 3.1-3.3)
    "Status": _typed(r"Up|Down|Paused|Joining|Online|Offline|Failed|Partially Online", str),
    # "stops" / "starts" -> the net.exe verb
    "Action": _typed(r"stops|starts", SERVICE_ACTIONS.__getitem__),
}


def typed(text: str):
    """A step parser with the vocabulary's typed fields ({connection:Connection}, {node:Ordinal}...)."""
    from pytest_bdd import parsers
    return parsers.parse(text, extra_types=TYPES)
