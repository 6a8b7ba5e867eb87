"""The lines a stage script prints about itself, and their parser.

Scripts print one `[runbook]` line per event, so `apply` knows which steps changed
something and where a run stopped, and a person reading the console does too:

    [runbook] begin stage=network-settings host=NODE1 steps=7
    [runbook] ok network-settings step 1/7: Rename the public connection
    [runbook] changed network-settings step 2/7: Rename the private connection
    [runbook] FAILED network-settings step 3/7: Set the Private address
    [runbook] NOT MET prerequisites step 1/4: The node runs an Enterprise Edition
    [runbook] RESTART network-settings step 1/7: Name the node
    [runbook] WAIT add-second-node step 1/3: NODE2 is a member of the domain
    [runbook] end stage=network-settings host=NODE1 changed=1

A script exits 0 when every step is done, 1 when a step failed or a prerequisite does not
hold, 2 when a secret is missing, 5 when it runs on another host than its own, 6 when it
waits for another host's earlier work (run that host's scripts first, then this one again),
and 3010 (Windows' ERROR_SUCCESS_REBOOT_REQUIRED) when its host restarts now: run it again
after the restart; it skips what is done.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

PREFIX = "[runbook]"
OK, CHANGED, FAILED, NOT_MET, RESTART, WAIT = "ok", "changed", "FAILED", "NOT MET", "RESTART", "WAIT"
DONE, STEP_FAILED, SECRET_MISSING, WRONG_HOST, WAITING, RESTARTING = 0, 1, 2, 5, 6, 3010   # a script's exit codes

_EVENT = re.compile(rf"^{re.escape(PREFIX)} (?P<event>ok|changed|FAILED|NOT MET|RESTART|WAIT) (?P<stage>[\w-]+) "
                    r"step (?P<number>\d+)/(?P<total>\d+): (?P<title>.*)$")
_END = re.compile(rf"^{re.escape(PREFIX)} end stage=(?P<stage>[\w-]+) host=\S+ changed=(?P<changed>\d+)\s*$")


@dataclass
class StepOutcome:
    stage: str
    number: int
    title: str
    event: str


@dataclass
class ScriptOutcome:
    steps: list[StepOutcome] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)       # stages that reached `end`

    @property
    def changed(self) -> list[StepOutcome]:
        return [s for s in self.steps if s.event == CHANGED]

    @property
    def failure(self) -> StepOutcome | None:
        return next((s for s in self.steps if s.event in (FAILED, NOT_MET)), None)

    @property
    def waiting(self) -> StepOutcome | None:
        """The gate at which the script stopped to wait for another host."""
        return next((s for s in self.steps if s.event == WAIT), None)

    @property
    def restart(self) -> StepOutcome | None:
        """The step after which the host restarts (the script ended there)."""
        return next((s for s in self.steps if s.event == RESTART), None)


def parse_progress(output: str) -> ScriptOutcome:
    outcome = ScriptOutcome()
    for line in output.splitlines():
        line = line.rstrip("\r")
        if m := _EVENT.match(line):
            outcome.steps.append(StepOutcome(m["stage"], int(m["number"]), m["title"], m["event"]))
        elif m := _END.match(line):
            outcome.finished.append(m["stage"])
    return outcome


@lru_cache(maxsize=4096)
def plain_text(text: str) -> str:
    """A step's title (or a label) as every script prints it, whatever its language: ASCII without
    the characters cmd.exe would read in echo/rem/set."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9 .,:;/'+=()\\-]", "", text)
