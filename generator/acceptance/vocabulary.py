"""What every runbook's step vocabulary shares: reading probes once per scenario, reporting
every mismatch of a check at once (each naming host, setting, expected and actual), waiting
for a state after a drill, and step parsers with typed fields.

    from generator.acceptance.vocabulary import Mismatches, poll, step_parser, field_type
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from pytest_bdd import parsers

POLL_TIMEOUT = 60.0         # seconds a step waits for a state after a drill
POLL_INTERVAL = 2.0


class Reader:
    """read(host, probe): runs a probe on a host once per scenario and caches the result."""

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


def poll(attempt: Callable[[], str | None], timeout: float | None = None, interval: float | None = None) -> None:
    """Call `attempt()` until it returns None (the state holds) or the time is up; then raise
    AssertionError with the last thing it returned."""
    __tracebackhide__ = True
    deadline = time.monotonic() + (POLL_TIMEOUT if timeout is None else timeout)
    while True:
        problem = attempt()
        if problem is None:
            return
        if time.monotonic() >= deadline:
            raise AssertionError(problem)
        time.sleep(POLL_INTERVAL if interval is None else interval)


def field_type(pattern: str, convert: Callable[[str], Any] = str) -> Callable[[str], Any]:
    """A typed field for step text: `pattern` recognises it, `convert` turns it into a value."""
    def convert_field(text: str) -> Any:
        return convert(text)
    convert_field.pattern = pattern          # how `parse` recognises the field in step text
    return convert_field


def step_parser(types: dict[str, Callable[[str], Any]]) -> Callable[[str], Any]:
    """`typed = step_parser({"Ordinal": ...})`; then `@then(typed("the {node:Ordinal} node ..."))`."""
    def typed(text: str):
        return parsers.parse(text, extra_types=types)
    return typed
