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
