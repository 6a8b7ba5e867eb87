"""WS-Management envelopes: read a client's request, write the service's reply.

Clients differ in how strictly they read replies: pywinrm matches local names only,
pypsrp looks elements up by namespace and insists on `a:RelatesTo` in every reply.
Replies here use the real service's namespaces and always relate to the request.
Requests are read by local name, so any prefixes a client chooses are accepted.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

SOAP = "http://www.w3.org/2003/05/soap-envelope"
ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer"
SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell"
WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault"
CMD_RESOURCE = SHELL + "/cmd"
ANONYMOUS = ADDRESSING + "/role/anonymous"

CREATE, DELETE = TRANSFER + "/Create", TRANSFER + "/Delete"
COMMAND, SEND, RECEIVE, SIGNAL = (SHELL + "/" + name for name in ("Command", "Send", "Receive", "Signal"))
DONE = SHELL + "/CommandState/Done"
RUNNING = SHELL + "/CommandState/Running"
FAULT_ACTION = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault"

_NAMESPACES = (f'xmlns:s="{SOAP}" xmlns:a="{ADDRESSING}" xmlns:w="{WSMAN}" '
               f'xmlns:x="{TRANSFER}" xmlns:rsp="{SHELL}"')


class Fault(Exception):
    """A WS-Management fault, sent back as HTTP 500 like the real service does."""

    def __init__(self, subcode: str, code: int, message: str, sender: bool = True):
        super().__init__(message)
        self.subcode, self.code, self.message, self.sender = subcode, code, message, sender


def shell_not_found(shell_id: str) -> Fault:
    return Fault("w:InvalidSelectors", 2150858843,
                 f"The request for the Windows Remote Shell with ShellId {shell_id} failed because the "
                 "shell was not found on the server. Possible causes are: the specified ShellId is "
                 "incorrect or the shell no longer exists on the server. Provide the correct ShellId "
                 "or create a new shell and retry the operation.")


def timed_out() -> Fault:
    return Fault("w:TimedOut", 2150858793, "The WS-Management service cannot complete the operation "
                 "within the time specified in OperationTimeout.", sender=False)


def bad_request(message: str) -> Fault:
    return Fault("w:InvalidBody", 2150858791, message)


@dataclass
class Request:
    """The parts of a WS-Man request a WinRS shell needs."""

    action: str
    message_id: str | None
    resource_uri: str
    body: ET.Element
    shell_id: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    operation_timeout: float = 60.0
    max_envelope: int = 153600

    def first(self, name: str) -> ET.Element | None:
        """The first element of the body with this local name."""
        return next((e for e in self.body.iter() if _local(e.tag) == name), None)

    def all(self, name: str) -> list[ET.Element]:
        return [e for e in self.body.iter() if _local(e.tag) == name]


def parse(data: bytes) -> Request:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise bad_request(f"The WS-Management service cannot process the request: {exc}") from None
    header = _child(root, "Header")
    body = _child(root, "Body")
    if header is None or body is None:
        raise bad_request("The WS-Management service cannot process the request because the "
                          "request packet does not have a valid SOAP body.")
    text = {_local(e.tag): (e.text or "").strip() for e in header}
    options = {e.get("Name", ""): (e.text or "").strip() for e in header.iter() if _local(e.tag) == "Option"}
    shell_id = next(((e.text or "").strip() for e in header.iter()
                     if _local(e.tag) == "Selector" and e.get("Name") == "ShellId"), None)
    return Request(action=text.get("Action", ""), message_id=text.get("MessageID") or None,
                   resource_uri=text.get("ResourceURI", ""), body=body, shell_id=shell_id,
                   options=options, operation_timeout=_duration(text.get("OperationTimeout", "")),
                   max_envelope=_integer(text.get("MaxEnvelopeSize", ""), 153600))


def envelope(action: str, relates_to: str | None, body: str = "") -> bytes:
    relates = f"<a:RelatesTo>{escape(relates_to)}</a:RelatesTo>" if relates_to else ""
    return (f'<s:Envelope xml:lang="en-US" {_NAMESPACES}><s:Header>'
            f"<a:Action>{action}</a:Action><a:MessageID>uuid:{str(uuid.uuid4()).upper()}</a:MessageID>"
            f"<a:To>{ANONYMOUS}</a:To>{relates}</s:Header><s:Body>{body}</s:Body></s:Envelope>"
            ).encode("utf-8")


def fault_envelope(fault: Fault, relates_to: str | None, machine: str) -> bytes:
    side = "s:Sender" if fault.sender else "s:Receiver"
    text = escape(fault.message)
    body = (f"<s:Fault><s:Code><s:Value>{side}</s:Value><s:Subcode><s:Value>{fault.subcode}</s:Value>"
            f'</s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">{text}</s:Text></s:Reason>'
            f'<s:Detail><f:WSManFault xmlns:f="{WSMAN_FAULT}" Code="{fault.code}" '
            f"Machine={quoteattr(machine)}><f:Message>{text}</f:Message></f:WSManFault></s:Detail></s:Fault>")
    return envelope(FAULT_ACTION, relates_to, body)


def shell_created(shell_id: str, address: str) -> str:
    return (f"<x:ResourceCreated><a:Address>{escape(address)}</a:Address><a:ReferenceParameters>"
            f"<w:ResourceURI>{CMD_RESOURCE}</w:ResourceURI><w:SelectorSet>"
            f'<w:Selector Name="ShellId">{shell_id}</w:Selector></w:SelectorSet>'
            f"</a:ReferenceParameters></x:ResourceCreated>"
            f"<rsp:Shell><rsp:ShellId>{shell_id}</rsp:ShellId><rsp:ResourceUri>{CMD_RESOURCE}</rsp:ResourceUri>"
            f"<rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams>"
            f"</rsp:Shell>")


def command_started(command_id: str) -> str:
    return f"<rsp:CommandResponse><rsp:CommandId>{command_id}</rsp:CommandId></rsp:CommandResponse>"


def received(command_id: str, chunks: list[tuple[str, str]], exit_code: int | None) -> str:
    """A ReceiveResponse: base64 `chunks` as (stream, data); `exit_code` None while running."""
    cid = quoteattr(command_id)
    parts = [f'<rsp:Stream Name="{name}" CommandId={cid}>{data}</rsp:Stream>' for name, data in chunks]
    if exit_code is None:
        parts.append(f'<rsp:CommandState CommandId={cid} State="{RUNNING}"/>')
    else:
        parts += [f'<rsp:Stream Name="{name}" CommandId={cid} End="true"></rsp:Stream>'
                  for name in ("stdout", "stderr")]
        parts.append(f'<rsp:CommandState CommandId={cid} State="{DONE}">'
                     f"<rsp:ExitCode>{exit_code}</rsp:ExitCode></rsp:CommandState>")
    return '<rsp:ReceiveResponse SequenceID="0">' + "".join(parts) + "</rsp:ReceiveResponse>"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(parent: ET.Element, name: str) -> ET.Element | None:
    return next((e for e in parent if _local(e.tag) == name), None)


def _duration(text: str) -> float:
    """`PT20S`, `PT20.000S`, `PT1M30S` -> seconds (60 when absent or unreadable)."""
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d*)?)S)?", text)
    if not match or not any(match.groups()):
        return 60.0
    hours, minutes, seconds = (float(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _integer(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default
