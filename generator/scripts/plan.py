"""From a page's executable blocks to what each host runs, step by step.

A step is a heading with blocks under it. For each host, its `check` blocks say whether
the step is already done and its `run` blocks do it. A step with checks only is a gate
(a prerequisite that must hold); a gate whose check `waits-for` another host holds once
that host's earlier work is done. A run without a check is refused: a second converge
could not tell that nothing needs doing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ContentError
from ..rendering.blocks import Block, Page, Restart
from ..runbooks import Stage


@dataclass(frozen=True)
class Step:
    number: int                  # 1-based, per host and stage
    title: str
    anchor: str
    checks: tuple[Block, ...]
    runs: tuple[Block, ...]

    @property
    def is_gate(self) -> bool:
        return not self.runs

    @property
    def waits_for(self) -> str | None:
        """The other host whose earlier work this gate proves done."""
        return next((b.waits_for for b in self.checks if b.waits_for is not None), None)

    @property
    def restart(self) -> Restart | None:
        """How the step restarts its host, when one of its run blocks says so."""
        return next((b.restart for b in self.runs if b.restart is not None), None)


@dataclass(frozen=True)
class HostStage:
    """The steps one host carries out in one stage, in page order."""

    stage: Stage
    host: str
    steps: tuple[Step, ...]
    language: str = "cmd"               # of its blocks: one language per host and stage (generator.languages)

    @property
    def restarts(self) -> bool:
        """Whether a step restarts the host (the script then ends there, to be run again)."""
        return any(step.restart is not None for step in self.steps)


def plan_stage(stage: Stage, page: Page, source: str) -> list[HostStage]:
    """One HostStage per host, hosts in the order the page first names them."""
    by_host: dict[str, list[Block]] = {}         # hosts in the order the page first names them
    for block in page.blocks:
        by_host.setdefault(block.host, []).append(block)
    return [HostStage(stage, host, _steps(blocks, host, source), _language(blocks, host, source))
            for host, blocks in by_host.items()]


def _language(blocks: list[Block], host: str, source: str) -> str:
    """The one language of a host's blocks in a stage: they become one script."""
    first = blocks[0].lang
    other = next((b for b in blocks if b.lang != first), None)
    if other is not None:
        raise ContentError(f"{source}:{other.line}: one script language per host and stage, but this {other.lang} "
                           f"block for {host} follows {first} blocks (line {blocks[0].line}): split the stage "
                           f"or write its blocks for {host} in one language")
    return first


def _steps(blocks_of_host: list[Block], host: str, source: str) -> tuple[Step, ...]:
    """Under one heading, each `check... run...` sequence is a step of its own, so a
    heading can hold several guarded changes ("Rename ... (1/2)", "(2/2)")."""
    by_heading: dict[str, list[list[Block]]] = {}
    ran: dict[str, bool] = {}                    # per heading: its last group holds a run block
    for block in blocks_of_host:
        anchor = block.step.anchor
        groups = by_heading.get(anchor)
        if groups is None:
            groups = by_heading[anchor] = [[]]
            ran[anchor] = False
        elif block.kind == "check" and ran[anchor]:
            groups.append([])
            ran[anchor] = False
        groups[-1].append(block)
        if block.kind == "run":
            ran[anchor] = True
    steps = []
    for groups in by_heading.values():
        for part, blocks in enumerate(groups, start=1):
            checks = tuple(b for b in blocks if b.kind == "check")
            runs = tuple(b for b in blocks if b.kind == "run")
            if not checks:
                raise ContentError(f"{source}:{runs[0].line}: step {runs[0].step.title!r} runs a change on "
                                   f"{host} without a check block before it, so a second run could not skip it")
            waits = {b.waits_for for b in checks} - {None}
            if waits and (runs or len(waits) > 1 or any(b.waits_for is None for b in checks)):
                raise ContentError(f"{source}:{checks[0].line}: step {checks[0].step.title!r}: a waits-for check "
                                   f"stands in a step of its own, with only checks that wait for the same host")
            title = blocks[0].step.title + (f" ({part}/{len(groups)})" if len(groups) > 1 else "")
            steps.append(Step(len(steps) + 1, title, blocks[0].step.anchor, checks, runs))
    return tuple(steps)
