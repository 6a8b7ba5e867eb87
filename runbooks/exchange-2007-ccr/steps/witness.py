"""Witness vocabulary: the file share witness's share and folder on its host, what the nodes
see of it, the quorum resource's property that names it, and the drills that take it away
(and bring it back: `undo`, steps/drills.py).

The commands the drills send are the file-share-witness stage's own (its page shows them).
"""

from __future__ import annotations

from pytest_bdd import then, when

from winprobes import FolderCacls, FolderIcacls, NetShare, ResourcePrivateProperties, ShareListing

from .drills import run_or_fail
from .vocabulary import Mismatches, typed


def create_share_command(params) -> str:
    """The file-share-witness stage's command that shares the folder with Full Control."""
    w = params.witness
    return f'net share {w.share}="{w.path}" /GRANT:"{params.witness_account}",FULL'


@then("the witness host shares the witness folder as the witness share")
def _(environment, read):
    w = environment.params.witness
    share = read(w.name, NetShare(w.share))
    found = Mismatches()
    found.expect(w.name, f"folder of share {w.share}", w.path.rstrip("\\").lower(),
                 (share.path or "none").rstrip("\\").lower())
    found.check()


@then("the witness share gives the cluster's account Full Control")
def _(environment, read):
    params = environment.params
    w, account = params.witness, params.witness_account
    share = read(w.name, NetShare(w.share))
    found = Mismatches()
    found.expect(w.name, f"permission of {account} on share {w.share}", "FULL", share.access_of(account) or "none")
    found.check()


@then("the witness folder gives the cluster's account Full Control")
def _(environment, read):
    """cacls on Windows Server 2003, icacls on 2008 (2003 has no icacls)."""
    params = environment.params
    w, account = params.witness, params.witness_account
    folder = w.path.rstrip("\\")          # C:\FSW\ is the folder C:\FSW; the probe takes no closing backslash
    acl = read(w.name, (FolderCacls if params.is_2003 else FolderIcacls)(folder))
    found = Mismatches()
    found.expect(w.name, f"access of {account} to {w.path}", "Full Control",
                 "Full Control" if acl.full_control(account) else
                 (", ".join(f"{e.rights} {''.join(f'({f})' for f in e.flags)}".strip() for e in acl.of(account)) or "none"))
    found.check()


@then("the witness share answers from every node")
def _(environment, target):
    params = environment.params
    found = Mismatches()
    for node in params.nodes:
        reach = ShareListing(params.witness_unc).read(target, node.name)
        found.expect(node.name, f"share {params.witness_unc}", "answers",
                     "answers" if reach.answers else f"does not answer ({reach.error})")
    found.check()


@then(typed('the resource "{resource}" has the witness share as its private property "{name}"'))
def _(environment, read, resource, name):
    params = environment.params
    properties = read(params.nodes[0].name, ResourcePrivateProperties(params.cluster.name, resource))
    value = properties.get(name)
    found = Mismatches()
    found.expect(params.nodes[0].name, f"{name} of resource {resource!r}", params.witness_unc.lower(),
                 value.value.lower() if value and value.value else "not set")
    found.check()


@when("the witness share is deleted")
def _(environment, target, undo):
    params = environment.params
    host, share = params.witness.name, params.witness.share
    undo(f"share {share} on {host}", lambda: _share_again(target, params))
    run_or_fail(target, host, f"net share {share} /delete")


@when("the witness share is created again")
def _(environment, target):
    params = environment.params
    run_or_fail(target, params.witness.name, create_share_command(params))


def _share_again(target, params) -> None:
    """The share, made again unless it exists (the scenario may have brought it back)."""
    host = params.witness.name
    if target.run(host, f"net share {params.witness.share}").ok:
        return
    run_or_fail(target, host, create_share_command(params))
