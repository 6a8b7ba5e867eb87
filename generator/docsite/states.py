"""What a page says about a stage's acceptance: passed, failed or not verified, and whether
that result still holds. A result recorded before the environment or the stage (its page,
its feature) changed is *stale*: it no longer proves the stage as the page shows it."""

from __future__ import annotations

from dataclasses import dataclass

from ..acceptance.results import StageResult
from ..outputs import RenderedEnvironment

LABELS = {"passed": "passed", "failed": "failed", "none": "not verified"}


@dataclass(frozen=True)
class StageState:
    result: StageResult | None
    changed: tuple[str, ...] = ()          # why the result no longer holds; empty when it does

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
    def label(self) -> str:
        return LABELS[self.status] + (", stale" if self.stale else "")


def stage_state(site: RenderedEnvironment, stage_id: str, result: StageResult | None) -> StageState:
    if result is None:
        return StageState(None)
    rendered = next(r for r in site.stages if r.stage.id == stage_id)
    return StageState(result, result.changed_since(site.environment, rendered))


@dataclass(frozen=True)
class LegendEntry:
    """A state as the legend of the sites' table names it (a badge needs only these)."""
    status: str
    stale: bool = False

    @property
    def label(self) -> str:
        return "stale (recorded before the site or its stage changed)" if self.stale else LABELS[self.status]


LEGEND = (LegendEntry("passed"), LegendEntry("failed"), LegendEntry("none"), LegendEntry("passed", stale=True))
