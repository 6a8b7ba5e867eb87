"""The sites the winlab tests emulate: environments of this project, as the runbook's lab
module turns them into a winlab Topology (the lab itself reads no environment)."""

from __future__ import annotations

from winlab.topology import Topology


def topology(environment, **options) -> Topology:
    """`lenient=False`: the site as Windows behaves, without what main's templates still need."""
    return environment.runbook.lab.topology(environment, **options)
