"""The sites the winlab tests emulate: environments of this project, as the runbook's lab module
turns them into a winlab Topology (the lab itself reads no environment)."""

from __future__ import annotations

from dataclasses import replace

from winlab.topology import Topology


def topology(environment, support_tools: bool | None = None, setup_names: bool = False, **options) -> Topology:
    """`lenient=True`: with winlab's relaxations; `support_tools`: every host with (or without) the
    2003 Support Tools, whatever the module says; `setup_names`: the nodes start under the names
    setup gave them (the environment's `setup_name`), else already under their own, so a tool's
    test need not rename them first."""
    site = environment.runbook.lab.topology(environment, **options)
    hosts = [h if setup_names else replace(h, computer_name=None) for h in site.hosts]
    if support_tools is not None:
        hosts = [replace(h, support_tools=support_tools) for h in hosts]
    return replace(site, hosts=hosts)
