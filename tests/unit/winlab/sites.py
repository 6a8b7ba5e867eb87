"""The sites the winlab tests emulate: environments of this project, as the runbook's lab module
turns them into a winlab Topology (the lab itself reads no environment)."""

from __future__ import annotations

from dataclasses import replace

from winlab.topology import Topology


def topology(environment, support_tools: bool | None = None, **options) -> Topology:
    """`lenient=False`: the site as Windows behaves, without what main's templates still need;
    `support_tools`: every host with (or without) the 2003 Support Tools, whatever the module says."""
    site = environment.runbook.lab.topology(environment, **options)
    if support_tools is None:
        return site
    return replace(site, hosts=[replace(h, support_tools=support_tools) for h in site.hosts])


def lenient(environment) -> bool:
    """Whether the runbook's lab module still keeps the lab as lenient as main's templates need."""
    return environment.runbook.lab.TEMPLATES_PREDATE_ISSUE_7
