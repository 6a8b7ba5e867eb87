"""Get-StorageGroup, Get-MailboxDatabase and Get-PublicFolderDatabase: the CMS's storage groups and
their databases (one each in CCR [S5]); `-Status` adds whether a database is mounted."""

from __future__ import annotations

from ...powershell import Cmdlet, Parameter
from .. import cms as cms_module
from . import objects
from .lookup import cms_or_none, exchange, not_found


def _groups(ctx, params, kind: str | None):
    cms = exchange(ctx).cms
    if cms is None:
        return None, []
    server = params.get("Server")
    if server and cms_or_none(ctx, server) is None:
        raise not_found(ctx, server)
    groups = [g for g in cms.storage_groups if kind is None or g.kind == kind]
    wanted = params.get("StorageGroup")
    if wanted:
        groups = _named(groups, wanted, lambda g: g.name)
    return cms, groups


def _identified(ctx, params, groups: list, name) -> list:
    """The groups -Identity names (by its last part: SERVER\\GROUP or SERVER\\GROUP\\DATABASE), or all."""
    identity = params.get("Identity")
    if not identity:
        return groups
    found = _named(groups, identity, name)
    if not found:
        raise not_found(ctx, identity)
    return found


def _named(groups: list, identity: str, name) -> list:
    leaf = identity.rpartition("\\")[2].lower()
    return [g for g in groups if name(g).lower() == leaf]


def get_storage_group(ctx, params, input):
    cms, groups = _groups(ctx, params, None)
    groups = _identified(ctx, params, groups, lambda g: g.name)
    return [objects.storage_group(cms, g) for g in groups]


def _databases(kind: str):
    def run(ctx, params, input):
        cms, groups = _groups(ctx, params, kind)
        groups = _identified(ctx, params, groups, lambda g: g.database)
        running = cms is not None and cms_module.running(ctx.lab, cms)
        return [objects.database(cms, g, bool(params.get("Status")), running and cms_module.mounted(g))
                for g in groups]
    return run


def _parameters():
    return [Parameter("Identity", position=0, pipeline=True), Parameter("Server"), Parameter("StorageGroup"),
            Parameter("Status", "switch"), Parameter("DomainController")]


CMDLETS = [
    Cmdlet("Get-StorageGroup", [Parameter("Identity", position=0, pipeline=True), Parameter("Server"),
                                Parameter("Status", "switch"), Parameter("DomainController")], get_storage_group),
    Cmdlet("Get-MailboxDatabase", _parameters(), _databases("mailbox")),
    Cmdlet("Get-PublicFolderDatabase", _parameters(), _databases("public-folder")),
]
