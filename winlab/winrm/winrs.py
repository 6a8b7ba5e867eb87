"""The WinRS actions of the cmd shell resource: a parsed request in, a reply body out.

Create, Command, Send, Receive, Signal and Delete, applied to one host's shells. A
command line is `rsp:Command` joined with its `rsp:Arguments` by single spaces, as
pywinrm's `run_cmd(command, args)` and Ansible's `PowerShell -EncodedCommand ...` expect.
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Callable

from . import soap
from .shells import Shells

log = logging.getLogger(__name__)

MAX_WAIT = 300.0            # longest a Receive blocks, whatever OperationTimeout asks


def act(shells: Shells, request: soap.Request, principal: str, address: str) -> str:
    """The reply body for `request` (raises soap.Fault)."""
    if request.resource_uri.lower() != soap.CMD_RESOURCE.lower():
        raise soap.Fault("w:DestinationUnreachable", 2150858752, "The WS-Management service cannot process "
                         f"the request. The resource URI {request.resource_uri} was not found.")
    action = _ACTIONS.get(request.action)
    if action is None:
        raise soap.Fault("a:ActionNotSupported", 2150858771,
                         f"The WS-Management service does not support the action {request.action}.")
    log.debug("%s: %s %s", shells.host, request.action.rsplit("/", 1)[-1], request.shell_id or "")
    return action(shells, request, principal, address)


def _create(shells: Shells, request: soap.Request, principal: str, address: str) -> str:
    env = {variable.get("Name", ""): variable.text or "" for variable in request.all("Variable")}
    shell_id = shells.create(env, request.options.get("WINRS_CODEPAGE", ""), principal)
    return soap.shell_created(shell_id, address)


def _delete(shells: Shells, request: soap.Request, *_) -> str:
    shells.delete(request.shell_id)
    return ""


def _command(shells: Shells, request: soap.Request, *_) -> str:
    parts = [element.text or "" for element in request.all("Command")[:1] + request.all("Arguments")]
    return soap.command_started(shells.command(request.shell_id, " ".join(p for p in parts if p)))


def _send(shells: Shells, request: soap.Request, *_) -> str:
    for stream in request.all("Stream"):
        try:
            data = base64.b64decode((stream.text or "").strip(), validate=True)
        except (binascii.Error, ValueError):
            raise soap.bad_request("The stdin data of a Send request is not base64.") from None
        shells.send(request.shell_id, stream.get("CommandId", ""), data)
    return "<rsp:SendResponse/>"


def _receive(shells: Shells, request: soap.Request, *_) -> str:
    desired = request.first("DesiredStream")
    command_id = "" if desired is None else desired.get("CommandId", "")
    budget = max(4096, (request.max_envelope - 4096) * 3 // 4)     # base64 grows data by 4/3
    chunks, rc = shells.receive(request.shell_id, command_id, min(request.operation_timeout, MAX_WAIT), budget)
    return soap.received(command_id, chunks, rc)


def _signal(shells: Shells, request: soap.Request, *_) -> str:
    signal, code = request.first("Signal"), request.first("Code")
    shells.signal(request.shell_id, "" if signal is None else signal.get("CommandId", ""),
                  "" if code is None else (code.text or "").strip())
    return "<rsp:SignalResponse/>"


_ACTIONS: dict[str, Callable[..., str]] = {
    soap.CREATE: _create, soap.DELETE: _delete, soap.COMMAND: _command,
    soap.SEND: _send, soap.RECEIVE: _receive, soap.SIGNAL: _signal,
}
