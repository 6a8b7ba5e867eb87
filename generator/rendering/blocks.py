"""Executable blocks: the commands a page shows are the commands its scripts run.

A stage template marks a fenced block as executable on a host with attributes:

    ```cmd {check=NODE1}      succeeds when the step is already done (a guard)
    ```cmd {run=NODE1}        makes the change
    ```cmd {check=NODE1 waits-for=NODE2}
                              must pass before the stage goes on: NODE2's earlier work is
                              done (else the script ends, to be run again after NODE2's)
    ```manual {id=ID host=NODE1}
                              a step no command can do (a GUI-only one): its body is the
                              instruction; verification counts it as met only with a valid
                              attestation (`runbook attest`); no script runs it

The step a block belongs to is the nearest heading above it. This module holds what a
parsed page is made of and how fences and their attributes read; `rendering.page` walks
a rendered page once to find them (and to write every value for its context).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Literal


from ..errors import ContentError

FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s+\{#(?P<anchor>[\w-]+)\})?\s*#*\s*$")
_INFO = re.compile(r"^\s*(?P<lang>[\w+-]+)\s*\{(?P<attrs>[^}]*)\}\s*$")
_ATTR = re.compile(r'([\w-]+)(?:="([^"]*)"|=(\S*))?')


@dataclass(frozen=True)
class StepHeading:
    title: str
    anchor: str


@dataclass(frozen=True)
class Restart:
    """How a run block restarts its host: `always` (its own last command schedules the restart)
    or on `exit_code` (a command ending so succeeded but needs a restart, which the script does)."""

    always: bool = False
    exit_code: int | None = None


@dataclass(frozen=True)
class Block:
    kind: Literal["run", "check"]
    host: str
    lang: str
    text: str                  # the block's lines, without the fence's indentation
    step: StepHeading
    line: int                  # 1-based line in the rendered page
    restart: Restart | None = None
    waits_for: str | None = None   # a check proving another host's earlier work is done

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class ManualStep:
    """A declared manual step: done by a person, confirmed by an attestation."""
    id: str                    # unique within the stage
    host: str
    text: str                  # the instruction, as the page shows it
    step: StepHeading | None   # the heading above it, when there is one
    line: int                  # 1-based line in the rendered page


@dataclass(frozen=True)
class Page:
    markdown: str              # what MkDocs renders
    blocks: tuple[Block, ...]
    manual: tuple[ManualStep, ...] = ()


MANUAL = "manual"
ATTESTATION_MARK = "<!-- runbook-attestation:{id} -->"    # where a site's page shows the step's attestation
_MANUAL_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def manual_attributes(info: str, source: str, line: int) -> tuple[str, str] | None:
    """(id, host) of a ```` ```manual {id=ID host=HOST} ```` fence; None for any other fence."""
    match = _INFO.match(info)
    if not match or match["lang"].lower() != MANUAL:
        return None
    text = match["attrs"]
    attrs = {key: quoted or bare for key, quoted, bare in _ATTR.findall(text)}
    if _ATTR.sub("", text).strip() or set(attrs) != {"id", "host"} or not attrs["host"]:
        raise ContentError(f"{source}:{line}: block attributes {{{text}}}: a manual step needs id=ID and host=HOST, "
                           "nothing else")
    if not _MANUAL_ID.match(attrs["id"]):
        raise ContentError(f"{source}:{line}: manual step id {attrs['id']!r}: lower-case letters, digits and "
                           "hyphens (it names the attestation's file)")
    return attrs["id"], attrs["host"]


def block_title(kind: str, host: str, restart: "Restart | None" = None, waits_for: str | None = None) -> str:
    """What the page shows above a block: `NODE1 · run`, `NODE1 · run, then restart`,
    `NODE1 · check, waits for NODE2`."""
    if waits_for is not None:
        return f"{host} · {kind}, waits for {waits_for}"
    if restart is None:
        return f"{host} · {kind}"
    return f"{host} · {kind}, then restart" if restart.always else \
        f"{host} · {kind}, restart if it ends {restart.exit_code}"


def closing(lines: list[str], start: int, fence: str) -> int:
    """Index of the line that closes `fence` (```` ``` ````, `~~~~`...), opened on line `start`
    (the last line if none does)."""
    pattern = _closing_fence(fence[0], len(fence))
    for j in range(start + 1, len(lines)):
        if pattern.match(lines[j]):
            return j
    return len(lines) - 1


def closes(line: str, fence: str) -> bool:
    return _closing_fence(fence[0], len(fence)).match(line) is not None


@lru_cache(maxsize=None)
def _closing_fence(char: str, width: int) -> re.Pattern[str]:
    return re.compile(rf"^ *{re.escape(char)}{{{width},}}\s*$")


def dedent(line: str, indent: int, source: str, number: int) -> str:
    if line[:indent].strip():
        raise ContentError(f"{source}:{number}: block line is indented less than its fence")
    return line[indent:]


@dataclass(frozen=True)
class Attributes:
    kind: str                  # run / check
    host: str
    lang: str
    restart: Restart | None = None
    waits_for: str | None = None


def executable(info: str, source: str, line: int) -> Attributes | None:
    """A fence's attributes: exactly one of run=HOST / check=HOST; on a run block, `restarts`
    (the block restarts the host) or `restart-if=CODE` (a command ending with CODE needs one)."""
    try:
        return _attributes(info)
    except _Unreadable as exc:
        raise ContentError(f"{source}:{line}: block attributes{exc.args[0]}") from None


class _Unreadable(Exception):
    """Attributes that cannot be read: the message's end, after `file:line: block attributes`."""


@lru_cache(maxsize=4096)            # the same fences recur on every site's pages
def _attributes(info: str) -> Attributes | None:
    match = _INFO.match(info)
    if not match:
        return None
    text = match["attrs"]
    pairs = _ATTR.findall(text)
    if _ATTR.sub("", text).strip():
        raise _Unreadable(f" {{{text}}}: cannot read them")
    attrs = {key: quoted or bare for key, quoted, bare in pairs}
    roles = [k for k in ("run", "check") if k in attrs]
    unknown = set(attrs) - {"run", "check", "restarts", "restart-if", "waits-for"}
    if unknown or len(roles) != 1 or not attrs[roles[0]]:
        raise _Unreadable(f" {{{match['attrs']}}}: expected exactly one of run=HOST or check=HOST (and on a run "
                          "block: restarts or restart-if=CODE; on a check block: waits-for=HOST)")
    return Attributes(roles[0], attrs[roles[0]], match["lang"], _restart(attrs, roles[0]), _waits_for(attrs, roles[0]))


def _waits_for(attrs: dict[str, str], role: str) -> str | None:
    if "waits-for" not in attrs:
        return None
    other = attrs["waits-for"]
    if role != "check" or not other or other == attrs[role]:
        raise _Unreadable(": waits-for=HOST belongs on a check block and names another host than the block's own")
    return other


def _restart(attrs: dict[str, str], role: str) -> Restart | None:
    if "restarts" not in attrs and "restart-if" not in attrs:
        return None
    if role != "run":
        raise _Unreadable(": only a run block restarts its host")
    if "restarts" in attrs and "restart-if" in attrs:
        raise _Unreadable(": restarts and restart-if exclude each other")
    if "restarts" in attrs:
        if attrs["restarts"]:
            raise _Unreadable(": restarts takes no value")
        return Restart(always=True)
    code = attrs["restart-if"]
    if not code.isdigit() or not 0 < int(code) < 65536 or int(code) in (1, 2, 5, 6):
        raise _Unreadable(f": restart-if={code}: an exit code other than the scripts' own (1, 2, 5, 6)")
    return Restart(exit_code=int(code))
