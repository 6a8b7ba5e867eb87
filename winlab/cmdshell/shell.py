"""`Shell`: cmd.exe on one emulated host, as a WinRM command runs it.

>>> from winlab.cmdshell import Shell, VirtualFileSystem
>>> shell = Shell(tools=None, fs=VirtualFileSystem({}, []), env={"COMPUTERNAME": "E2K7NODE1"})
>>> shell.run("echo %COMPUTERNAME%")
Output(rc=0, stdout='E2K7NODE1\\r\\n', stderr='')
>>> shell.run("nosuch").rc
9009
"""

from __future__ import annotations

from typing import Any, Mapping

from ..tooling import FileSystem, Output, ToolRegistry
from .executor import run_command_line
from .limits import DEADLINE, MAX_COMMANDS, STOPPED_CODE, TOO_DEEP, Budget, LimitExceeded
from .process import Machine, Process
from .streams import Buffer, Source, Streams
from .variables import Variables

DEFAULT_CWD = "C:\\Documents and Settings\\Administrator"
WINDOWS_2003 = "5.2.3790"


class Shell:
    """Runs command lines against a host's tools and files.

    Every `run` is a new `cmd.exe /c <line>` process: it starts from `env` and `cwd`, and
    what it sets or changes there is gone when it ends; files persist in `fs`. A `run` that
    executes more than `max_commands` commands or lasts longer than `deadline` seconds is
    stopped (lab-only, see `limits.py`).
    """

    def __init__(self, tools: ToolRegistry | None, fs: FileSystem, env: Mapping[str, str] | None = None,
                 host: Any = None, cwd: str = DEFAULT_CWD, version: str = WINDOWS_2003,
                 deadline: float = DEADLINE, max_commands: int = MAX_COMMANDS):
        self.env = dict(env or {})
        self.cwd = cwd
        self.deadline, self.max_commands = deadline, max_commands
        self.machine = Machine(tools, fs, host, version, self)

    @property
    def fs(self) -> FileSystem:
        return self.machine.fs

    @property
    def tools(self) -> ToolRegistry | None:
        return self.machine.tools

    @property
    def host(self) -> Any:
        return self.machine.host

    def run(self, line: str, stdin: str = "") -> Output:
        """What `cmd.exe /c line` prints and exits with. `%VAR%` comes from `env`; the line is
        taken as it is (the outer-quote rule of `/c` applies only to `cmd /c` typed in it)."""
        out, err = Buffer(), Buffer()
        self.machine.budget = Budget(self.deadline, self.max_commands)
        process = Process(self.machine, Variables(self.env), self.cwd)
        try:
            rc = run_command_line(process, line, Streams(Source(stdin), out, err))
        except LimitExceeded as stopped:
            err.write(stopped.message + "\r\n")
            rc = STOPPED_CODE
        except RecursionError:                  # `call :l` calling itself for ever
            err.write(TOO_DEEP + "\r\n")
            rc = STOPPED_CODE
        return Output(rc, out.text(), err.text())
