"""The lab fidelity page: every command a runbook's lab emulates, its output, its sources
and status, and every unconfirmed assumption, as the runbook's lab module gives them
(`fidelity()`, generator.labs.contract). The engine imports no lab."""

from __future__ import annotations

from typing import Iterable

from markdown.extensions.toc import slugify

from ..runbooks import Runbook
from .constants import layout
from .templating import render_page

PAGE = "runbooks/lab-fidelity.md"
CONFIRMED = "CONFIRMED"


def fidelity_page(runbooks: Iterable[Runbook]) -> str | None:
    """The page of the first of these runbooks that has a lab (the only one, today); None without one."""
    lab = next((runbook.lab for runbook in runbooks if runbook.lab is not None), None)
    if lab is None:
        return None
    rows, assumptions = lab.fidelity()
    return render_page("fidelity.md.j2", rows=rows, confirmed=sum(r.status == CONFIRMED for r in rows),
                       assumptions=[(a, layout(a.value)) for a in assumptions],
                       modules=sorted({a.module for a in assumptions}),
                       anchor=lambda command: slugify(command, "-"))
