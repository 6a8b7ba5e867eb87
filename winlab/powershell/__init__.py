"""The lab's Windows PowerShell 1.0: a language subset, cmdlets, formatting, powershell.exe.

What a snap-in (such as the lab's Exchange) codes against:

    from winlab.powershell import Cmdlet, CmdletError, Parameter, PSObject, SnapIn, View, enum, register
    register(SnapIn("Vendor.Snapin", [Cmdlet("Get-Widget", [Parameter("Identity", position=0)], run)],
                    views=[View("Vendor.Widget", "table", ("Name", "State"))]))

`install.register_snapin(host, name)` is what an installer does to make it loadable with
`Add-PSSnapin` on a host. Modules: objects (values), commands (the declarations), registry,
context (a cmdlet's `ctx`), install (where PowerShell is), language/ (tokenizer, parser,
evaluator), binding, formatting/, errors, cmdlets/ (the core cmdlets), program (powershell.exe).
"""

from .commands import Cmdlet, CmdletError, Column, Enum, Parameter, SnapIn, View, enum
from .context import CmdletContext
from .objects import ByteQuantifiedSize, PSObject, psobject
from .registry import register

__all__ = ["ByteQuantifiedSize", "Cmdlet", "CmdletContext", "CmdletError", "Column", "Enum", "PSObject",
           "Parameter", "SnapIn", "View", "enum", "psobject", "register"]
