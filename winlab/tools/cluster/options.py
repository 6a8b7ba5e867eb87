"""Reading a cluster.exe command line [S36][S43][S68][C14][C16]:

    cluster [[/cluster:]NAME] [node|group|res[ource]|network [OBJECT]] /option[:value] ... [Prop=Value ...]

Options may be abbreviated down to the part outside the brackets in the documentation
(`/prop[erties]`, `/stat[us]`, `/ipaddr[ess]`, `/add[nodes]`, `/wait[:s]`). Values keep
quotes until read (`/group:"Cluster Group"`, `/ipaddr:IP,MASK,"Public"`); property
assignments follow `/prop` and `/priv`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...cmdshell.argv import split, unquote
from .errors import BadOption

# (full name, shortest accepted) per object; None is the cluster itself.
OPTIONS: dict[str | None, tuple[tuple[str, int], ...]] = {
    None: (("create", 6), ("addnodes", 3), ("rename", 3), ("version", 3), ("quorumresource", 6),
           ("properties", 4), ("privproperties", 4), ("listnetpriority", 10), ("setnetpriority", 9),
           ("ipaddress", 6), ("password", 4), ("user", 4), ("node", 4), ("nodes", 5), ("verbose", 4),
           ("unattended", 8), ("minimum", 3), ("wizard", 3), ("path", 4), ("maxlogsize", 10), ("list", 4),
           ("nodemajority", 12)),
    "node": (("status", 4), ("pause", 5), ("resume", 6), ("evict", 5), ("forcecleanup", 5), ("start", 5),
             ("stop", 4), ("listinterfaces", 7), ("properties", 4), ("privproperties", 4), ("wait", 4)),
    "group": (("status", 4), ("create", 6), ("delete", 3), ("rename", 3), ("moveto", 4), ("online", 2),
              ("offline", 3), ("properties", 4), ("privproperties", 4), ("listowners", 10),
              ("setowners", 9), ("node", 4), ("wait", 4)),
    "resource": (("status", 4), ("create", 6), ("group", 5), ("type", 4), ("separate", 8), ("delete", 3),
                 ("rename", 3), ("addowner", 8), ("removeowner", 11), ("listowners", 10), ("moveto", 4),
                 ("properties", 4), ("privproperties", 4), ("fail", 4), ("online", 2), ("offline", 3),
                 ("listdependencies", 7), ("adddependency", 6), ("removedependency", 9),
                 ("maintenancemode", 5), ("wait", 4)),
    "network": (("status", 4), ("properties", 4), ("privproperties", 4), ("rename", 3),
                ("listinterfaces", 7)),
    "netinterface": (("status", 4), ("properties", 4), ("privproperties", 4), ("node", 4), ("network", 3)),
}
OBJECTS = {"node": "node", "group": "group", "res": "resource", "resource": "resource", "network": "network",
           "netint": "netinterface", "netinterface": "netinterface", "restype": "resourcetype",
           "resourcetype": "resourcetype"}


@dataclass
class Request:
    cluster: str | None = None             # None: the local node's cluster
    object: str | None = None              # node, group, resource, network...
    name: str | None = None                # which node, group...
    options: dict[str, str | None] = field(default_factory=dict)   # full option name -> value
    properties: list[str] = field(default_factory=list)            # Name=Value after /prop or /priv

    def has(self, option: str) -> bool:
        return option in self.options

    def value(self, option: str) -> str | None:
        value = self.options.get(option)
        return unquote(value) if value is not None else None


def parse(text: str) -> Request:
    tokens = split(text, keep_quotes=True)
    request = Request()
    if tokens and tokens[0].lower().startswith("/cluster:"):
        request.cluster = unquote(tokens.pop(0).split(":", 1)[1])
    elif tokens and not tokens[0].startswith("/") and tokens[0].lower() not in OBJECTS:
        request.cluster = unquote(tokens.pop(0))
    if tokens and tokens[0].lower() in OBJECTS:
        request.object = OBJECTS[tokens.pop(0).lower()]
        if tokens and not tokens[0].startswith("/"):
            request.name = unquote(tokens.pop(0))
    _options(request, tokens)
    return request


def _options(request: Request, tokens: list[str]) -> None:
    known = OPTIONS.get(request.object, ())
    for token in tokens:
        if not token.startswith("/"):
            if not ({"properties", "privproperties"} & set(request.options)):
                raise BadOption(token)
            request.properties.append(token)
            continue
        typed, colon, value = token[1:].partition(":")
        full = next((name for name, shortest in known
                     if name.startswith(typed.lower()) and len(typed) >= shortest), None)
        if full is None or full in request.options:
            raise BadOption(token)
        request.options[full] = value if colon else None


def property_assignment(text: str) -> tuple[str, str, str | None]:
    """`Name=Value[:format]` -> (name, value, format); a value keeps its own colons."""
    name, _, value = text.partition("=")
    value = unquote(value)
    head, colon, tail = value.rpartition(":")
    formats = ("binary", "dword", "string", "expandstring", "multistring", "security", "ularge")
    if colon and tail.lower() in formats:
        return name, head, tail.lower()
    return name, value, None
