"""Get-TransportConfig and Set-TransportConfig: the organisation's transport dumpster [S17][S18]."""

from __future__ import annotations

from datetime import timedelta

from ...powershell import Cmdlet, CmdletError, Parameter
from . import objects
from .lookup import exchange


def get_transport_config(ctx, params, input):
    return [objects.transport_config(exchange(ctx).transport)]


def set_transport_config(ctx, params, input):
    config = exchange(ctx).transport
    size, age = params.get("MaxDumpsterSizePerStorageGroup"), params.get("MaxDumpsterTime")
    if age is not None and age < timedelta(0):
        raise CmdletError("MaxDumpsterTime cannot be negative.", "InvalidArgument", "ParameterBindingException")
    if not ctx.confirm("Set-TransportConfig", "Transport Settings"):
        return []
    if size is not None:
        config.max_dumpster_size_bytes = int(size)
    if age is not None:
        config.max_dumpster_seconds = int(age.total_seconds())
    for name, field in (("MaxSendSize", "max_send_size_bytes"), ("MaxReceiveSize", "max_receive_size_bytes")):
        if params.get(name) is not None:
            setattr(config, field, int(params[name]))
    if params.get("MaxRecipientEnvelopeLimit") is not None:
        config.max_recipient_envelope_limit = params["MaxRecipientEnvelopeLimit"]
    return []


CMDLETS = [
    Cmdlet("Get-TransportConfig", [Parameter("DomainController")], get_transport_config),
    Cmdlet("Set-TransportConfig", [Parameter("Identity", position=0),
                                   Parameter("MaxDumpsterSizePerStorageGroup", "bytesize"),
                                   Parameter("MaxDumpsterTime", "timespan"), Parameter("MaxSendSize", "bytesize"),
                                   Parameter("MaxReceiveSize", "bytesize"),
                                   Parameter("MaxRecipientEnvelopeLimit", "int"), Parameter("DomainController")],
           set_transport_config, confirm_impact="medium"),
]
