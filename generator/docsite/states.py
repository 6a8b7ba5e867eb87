"""What a page says about a stage's acceptance: passed, failed or not verified, and whether
that result still holds. A result recorded before the environment or the stage (its page,
its feature) changed is *stale*: it no longer proves the stage as the page shows it.

A stage with no result of its own is *blocked* while an earlier stage of the site has no
current pass (`apply --stage` refuses it: `acceptance.stagegates`), and a pass whose only
gates are manual steps' attestations is *attested*. One key per state, the same on the pages,
the fleet dashboard and `runbook report`: passed, failed, stale, not-run, blocked, attested.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..acceptance.results import StageResult
from ..acceptance.stagegates import not_passed
from ..outputs import RenderedEnvironment

LABELS = {"passed": "passed", "failed": "failed", "none": "not verified", "blocked": "blocked",
          "attested": "attested"}
BADGES = {"not-run": "none"}         # state key -> its badge's class and icon, where they differ


@dataclass(frozen=True)
class StageState:
    result: StageResult | None
    changed: tuple[str, ...] = ()          # why the result no longer holds; empty when it does
    blocked: tuple[str, ...] = ()          # the earlier stages without a current pass, and why

    @property
    def status(self) -> str:
        return self.result.status if self.result else "none"

    @property
    def stale(self) -> bool:
        return bool(self.changed)

    @property
    def done(self) -> bool:
        """Passed, and the pass still holds."""
        return self.status == "passed" and not self.stale

    @property
    def attested(self) -> bool:
        """Passed on attestations alone (every gate of the stage here is a manual step's)."""
        return self.done and bool(self.result.scenarios) and all(s.manual for s in self.result.scenarios)

    @property
    def key(self) -> str:
        """passed, failed, stale, not-run, blocked or attested."""
        if self.result is None:
            return "blocked" if self.blocked else "not-run"
        if self.stale:
            return "stale"
        return "attested" if self.attested else self.status

    @property
    def badge(self) -> str:
        return BADGES.get(self.key, self.key)

    @property
    def label(self) -> str:
        if self.key in ("blocked", "attested"):
            return LABELS[self.key]
        return LABELS[self.status] + (", stale" if self.stale else "")

    @property
    def why_not_passed(self) -> str | None:
        return not_passed(self.result, self.changed)


def stage_state(site: RenderedEnvironment, stage_id: str, result: StageResult | None) -> StageState:
    """The stage's state from its own result (not whether an earlier stage blocks it: `site_states`)."""
    if result is None:
        return StageState(None)
    rendered = next(r for r in site.stages if r.stage.id == stage_id)
    return StageState(result, result.changed_since(site.environment, rendered))


def site_states(site: RenderedEnvironment, results: dict[str, StageResult | None]) -> dict[str, StageState]:
    """Every stage's state at the site, in order, each knowing which earlier stages block it."""
    states: dict[str, StageState] = {}
    unmet: list[str] = []
    for rendered in site.stages:
        own = stage_state(site, rendered.stage.id, results.get(rendered.stage.id))
        states[rendered.stage.id] = StageState(own.result, own.changed, tuple(unmet))
        why = own.why_not_passed
        if why:
            unmet.append(f"{rendered.stage.id}: {why}")
    return states


@dataclass(frozen=True)
class LegendEntry:
    """A state as the legend of the sites' table names it (a badge needs only these)."""
    status: str
    stale: bool = False

    @property
    def badge(self) -> str:
        return "stale" if self.stale else self.status

    @property
    def label(self) -> str:
        if self.stale:
            return "stale (recorded before the site or its stage changed)"
        if self.status == "blocked":
            return "blocked (an earlier stage has no current pass)"
        if self.status == "attested":
            return "attested (its only gates are manual steps, confirmed)"
        return LABELS[self.status]


LEGEND = (LegendEntry("passed"), LegendEntry("failed"), LegendEntry("none"), LegendEntry("passed", stale=True),
          LegendEntry("blocked"), LegendEntry("attested"))
