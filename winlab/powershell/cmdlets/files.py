"""Get-Content, Set-Content, Add-Content, Test-Path, Split-Path, Join-Path, Set-Location and
Get-Location, on the host's files (the same files cmd.exe sees)."""

from __future__ import annotations

import ntpath

from .. import values as V
from ..commands import Cmdlet, CmdletError, Parameter, enum
from ..invocation import resolve_path
from ..objects import PSObject
from . import MANAGEMENT

NOT_FOUND = "Cannot find path '{path}' because it does not exist."


def _fs(ctx):
    return ctx.session.shell.fs


def _paths(ctx, params) -> list[str]:
    return [resolve_path(ctx.session, p) for p in params["Path"]]


def _get_content(ctx, params, input):
    out = []
    for path in _paths(ctx, params):
        text = _fs(ctx).read(path)
        if text is None or _fs(ctx).is_dir(path):
            ctx.error(NOT_FOUND.format(path=path), "ObjectNotFound", "PathNotFound,Microsoft.PowerShell.Commands."
                      "GetContentCommand", path)
            continue
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        lines = [line.rstrip("\r") for line in lines]
        count = params.get("TotalCount", -1)
        out += lines[:count] if count >= 0 else lines
    return out


def _writer(append: bool):
    def run(ctx, params, input):
        values = V.enumerate_value(params["Value"]) if "Value" in params else list(input)
        text = "".join(V.to_string(v) + "\r\n" for v in values)
        for path in _paths(ctx, params):
            if not ctx.confirm("Add Content" if append else "Set Content", f"Path: {path}"):
                continue
            if not _fs(ctx).is_dir(ntpath.dirname(path)):
                ctx.error(f"Could not find a part of the path '{path}'.", "ObjectNotFound",
                          "GetContentWriterDirectoryNotFoundError", path)
                continue
            _fs(ctx).write(path, text, append=append)
        return []
    return run


def _test_path(ctx, params, input):
    kind = params.get("PathType", "Any")
    out = []
    for path in _paths(ctx, params):
        exists = _fs(ctx).exists(path) or _fs(ctx).is_dir(path)
        if kind == "Leaf":
            exists = exists and not _fs(ctx).is_dir(path)
        elif kind == "Container":
            exists = _fs(ctx).is_dir(path)
        out.append(exists)
    return out


def _split_path(ctx, params, input):
    out = []
    for path in params["Path"]:
        head, tail = ntpath.split(path)
        out.append(tail if params.get("Leaf") else head)
    return out


def _join_path(ctx, params, input):
    child = params["ChildPath"]
    return [p.rstrip("\\") + "\\" + child.lstrip("\\") for p in params["Path"]]


def _set_location(ctx, params, input):
    path = resolve_path(ctx.session, params.get("Path", "\\"))
    if not _fs(ctx).is_dir(path):
        raise CmdletError(NOT_FOUND.format(path=path), "ObjectNotFound", "PathNotFound")
    ctx.session.cwd = path
    return []


def _get_location(ctx, params, input):
    return [PSObject(("System.Management.Automation.PathInfo", "System.Object"), {"Path": ctx.session.cwd},
                     to_string=ctx.session.cwd)]


_PATH = Parameter("Path", "string[]", mandatory=True, position=0, pipeline=True)
CMDLETS = [
    (MANAGEMENT, Cmdlet("Get-Content", [_PATH, Parameter("TotalCount", "int"), Parameter("Encoding", "string")],
                        _get_content)),
    (MANAGEMENT, Cmdlet("Set-Content", [Parameter("Path", "string[]", mandatory=True, position=0),
                                        Parameter("Value", "object", position=1, pipeline=True),
                                        Parameter("Encoding", "string"), Parameter("Force", "switch")],
                        _writer(False), confirm_impact="medium")),
    (MANAGEMENT, Cmdlet("Add-Content", [Parameter("Path", "string[]", mandatory=True, position=0),
                                        Parameter("Value", "object", position=1, pipeline=True),
                                        Parameter("Encoding", "string"), Parameter("Force", "switch")],
                        _writer(True), confirm_impact="medium")),
    (MANAGEMENT, Cmdlet("Test-Path", [_PATH, Parameter("PathType", enum(
        "Microsoft.PowerShell.Commands.TestPathType", "Any", "Container", "Leaf"))], _test_path)),
    (MANAGEMENT, Cmdlet("Split-Path", [_PATH, Parameter("Parent", "switch"), Parameter("Leaf", "switch")],
                        _split_path)),
    (MANAGEMENT, Cmdlet("Join-Path", [Parameter("Path", "string[]", mandatory=True, position=0, pipeline=True),
                                      Parameter("ChildPath", "string", mandatory=True, position=1)], _join_path)),
    (MANAGEMENT, Cmdlet("Set-Location", [Parameter("Path", "string", position=0, pipeline=True)], _set_location)),
    (MANAGEMENT, Cmdlet("Get-Location", [], _get_location)),
]
