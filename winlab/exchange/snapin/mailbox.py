"""Get-/Set-MailboxServer (the AutoDatabaseMountDial [S11][S12]) and Enable-ContinuousReplicationHostName
(SP1 [S8][S15]; its parameters are the runbook's belief: -Identity -TargetMachine -HostName -IPv4Address)."""

from __future__ import annotations

from ipaddress import IPv4Address

from ... import assumptions as A
from ... import network as net
from ...powershell import Cmdlet, CmdletError, Parameter, enum
from ..baseline import resolves
from .. import hostnames
from . import objects
from .lookup import cms_named, exchange, node, not_found

DIAL = enum("Microsoft.Exchange.Data.Directory.SystemConfiguration.AutoDatabaseMountDial",
            "Lossless", "GoodAvailability", "BestAvailability")


def get_mailbox_server(ctx, params, input):
    cms = exchange(ctx).cms
    identity = params.get("Identity")
    if cms is None:
        if identity:
            raise not_found(ctx, identity)
        return []
    return [objects.mailbox_server(ctx.lab, cms_named(ctx, identity))]


def set_mailbox_server(ctx, params, input):
    cms = cms_named(ctx, params["Identity"])
    if not ctx.confirm("Set-MailboxServer", cms.name):
        return []
    if "AutoDatabaseMountDial" in params:
        cms.dial = params["AutoDatabaseMountDial"]
    if params.get("ForcedDatabaseMountAfter") is not None:
        cms.forced_mount_after = params["ForcedDatabaseMountAfter"]
    return []


def enable_host_name(ctx, params, input):
    cms = cms_named(ctx, params["Identity"])
    target = node(ctx, params["TargetMachine"])
    if target is None or target.name not in cms.nodes:
        raise CmdletError(A.EMS_MOVE_TARGET.format(target=params["TargetMachine"], cms=cms.name), "InvalidArgument",
                          "InvalidTargetMachine", params["TargetMachine"])
    name, address = params["HostName"], params["IPv4Address"]
    try:
        IPv4Address(address)
    except ValueError:
        raise CmdletError(f'Cannot bind parameter \'IPv4Address\'. "{address}" is not a valid IP address.',
                          "InvalidArgument", "ParameterBindingException") from None
    # A new address of the replication host name's own IP Address resource, on one of the target's
    # networks (its Private), not an address the node already has [S15][S16] (exchange-stages, Decisions).
    interfaces = [i for a in target.adapters for i in net.addresses(a)]
    if not any(IPv4Address(address) in i.network for i in interfaces) or any(str(i.ip) == address for i in interfaces):
        raise CmdletError(A.EMS_ADDRESS_NOT_LOCAL.format(address=address, node=target.netbios), "InvalidArgument",
                          "AddressNotLocal", address)
    for name_of in cms.nodes:
        host = ctx.lab.host(name_of)
        if resolves(ctx.lab, host, name) != address:
            raise CmdletError(A.EMS_NAME_UNRESOLVED.format(name=name, address=address, node=host.netbios),
                              "InvalidOperation", "HostNameNotResolved", name)
    if not ctx.confirm("Enable-ContinuousReplicationHostName", f"{name} ({address}) on {target.netbios}"):
        return []
    hostnames.create(ctx.lab, cms, target, name, address)
    return []


CMDLETS = [
    Cmdlet("Get-MailboxServer", [Parameter("Identity", position=0, pipeline=True), Parameter("DomainController")],
           get_mailbox_server),
    Cmdlet("Set-MailboxServer", [Parameter("Identity", mandatory=True, position=0, pipeline=True),
                                 Parameter("AutoDatabaseMountDial", DIAL), Parameter("ForcedDatabaseMountAfter", "int"),
                                 Parameter("DomainController")], set_mailbox_server, confirm_impact="medium"),
    Cmdlet("Enable-ContinuousReplicationHostName",
           [Parameter("Identity", mandatory=True, position=0), Parameter("TargetMachine", mandatory=True),
            Parameter("HostName", mandatory=True), Parameter("IPv4Address", mandatory=True),
            Parameter("DomainController")], enable_host_name, confirm_impact="medium"),
]
