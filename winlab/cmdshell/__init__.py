"""An emulation of cmd.exe for the lab: parsing, expansion, pipes, redirection, batch files,
cmd's built-ins, and the text filters the runbook's checks use (find, findstr, certutil).

    parser -> syntax tree -> executor -> builtins / batch files / programs -> tooling.Tool
"""

from .files import VirtualFileSystem, full_path
from .shell import Shell

__all__ = ["Shell", "VirtualFileSystem", "full_path"]
