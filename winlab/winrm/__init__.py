"""The WinRM (WS-Management / WinRS) endpoint through which the lab's hosts are reached.

Unmodified clients (pywinrm, pypsrp, Ansible's winrm connection) talk to it exactly as
to a Windows host: NTLM, message encryption over http, cmd shells. Only the commands'
effects are emulated, by the `handler` the lab passes to `serve()`.
"""

from ..errors import HostUnavailable          # re-exported: handlers raise it, the endpoint catches it
from .server import Servers, serve
from .shells import MAX_COMMAND_LINE, Handler

__all__ = ["serve", "Servers", "HostUnavailable", "Handler", "MAX_COMMAND_LINE"]
