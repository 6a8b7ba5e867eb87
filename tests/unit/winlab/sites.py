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


def witness_share(state, name: str, path: str, host: str = "E2K7HUB01", account: str | None = None) -> None:
    """The witness folder and share as the file-share-witness stage leaves them: the folder exists
    and the cluster's account (default: the one quorum.py checks) has Full Control on both."""
    from winlab import quorum, security
    from winlab.cmdshell.files import VirtualFileSystem
    from winlab.state import Ace, Share
    account = account or quorum.witness_account(state, state.cluster)
    target = state.host(host)
    VirtualFileSystem(target.files, target.directories).mkdir(path)
    security.set_folder_acl(target, path, [Ace(account=account, rights="F", flags=["OI", "CI"])])
    target.shares.append(Share(name=name, path=path, grants={account: "FULL"}))
