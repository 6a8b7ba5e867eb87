"""WinRS shells and commands of one emulated host, kept in memory only.

A command runs lazily, at its first Receive, so stdin sent with Send after Command
reaches it. The lab's handler runs in a worker thread; a Receive waits for it at most
the request's OperationTimeout and otherwise answers the TimedOut fault that clients
retry, as the real service does for a long-running command. A Signal terminate forgets
the command at once; its thread cannot be interrupted, so it runs on until the handler
returns (the lab's shell stops any command within its deadline) and its result is dropped.
A shell's environment may hold secrets: it is handed to the handler and never logged.
"""

from __future__ import annotations

import base64
import codecs
import logging
import threading
import time
import traceback
import uuid
from dataclasses import dataclass, field
from typing import Callable, Mapping

from ..errors import HostUnavailable
from ..masking import Masker, unmasked
from ..tooling import Output
from .soap import Fault, shell_not_found, timed_out

log = logging.getLogger(__name__)

Handler = Callable[[str, str, Mapping[str, str], str], Output]

MAX_COMMAND_LINE = 8191         # cmd.exe's limit, which WinRS commands pass through
TOO_LONG = Output(1, "", "The command line is too long.\r\n")
IDLE_TIMEOUT = 7200.0           # WinRM's default shell IdleTimeOut


@dataclass
class Command:
    id: str
    line: str
    stdin: bytearray = field(default_factory=bytearray)
    started: bool = False
    terminated: bool = False            # Signal terminate: whatever the handler returns is dropped
    done: threading.Event = field(default_factory=threading.Event)
    output: Output | None = None
    error: BaseException | None = None
    pending: dict[str, bytes] = field(default_factory=dict)   # encoded output not yet received


@dataclass
class Shell:
    id: str
    env: dict[str, str]
    codec: str
    owner: str
    commands: dict[str, Command] = field(default_factory=dict)
    used: float = field(default_factory=time.monotonic)


class Shells:
    """The WinRS shells open on one host."""

    def __init__(self, host: str, handler: Handler, mask: Masker = unmasked):
        self.host, self.handler, self.mask = host, handler, mask
        self._shells: dict[str, Shell] = {}
        self._lock = threading.Lock()

    def create(self, env: Mapping[str, str], codepage: str, owner: str) -> str:
        shell = Shell(str(uuid.uuid4()).upper(), dict(env), _codec(codepage), owner)
        with self._lock:
            self._expire()
            self._shells[shell.id] = shell
        log.debug("%s: shell %s opened for %s", self.host, shell.id, owner)
        return shell.id

    def delete(self, shell_id: str | None) -> None:
        with self._lock:
            if self._shells.pop(shell_id or "", None) is None:
                raise shell_not_found(shell_id or "")
        log.debug("%s: shell %s closed", self.host, shell_id)

    def command(self, shell_id: str | None, line: str) -> str:
        shell = self._shell(shell_id)
        command = Command(str(uuid.uuid4()).upper(), line)
        if len(line) > MAX_COMMAND_LINE:
            command.started, command.output = True, TOO_LONG
            command.pending = _encode(TOO_LONG, shell.codec)
            command.done.set()
        shell.commands[command.id] = command
        return command.id

    def send(self, shell_id: str | None, command_id: str, data: bytes) -> None:
        self._command(shell_id, command_id).stdin.extend(data)

    def receive(self, shell_id: str | None, command_id: str, wait: float,
                budget: int) -> tuple[list[tuple[str, str]], int | None]:
        """Output as base64 chunks, and the exit code once everything is delivered."""
        shell = self._shell(shell_id)
        command = self._command(shell_id, command_id)
        with self._lock:
            start, command.started = not command.started, True
        if start:
            self._start(shell, command)
        if not command.done.wait(wait):
            raise timed_out()
        if command.terminated:                  # terminated by another request while we waited
            raise _command_not_found(shell_id, command_id)
        if command.error is not None:
            raise self._failure(shell, command)
        return _take(command.pending, budget), (None if any(command.pending.values())
                                               else command.output.rc)

    def signal(self, shell_id: str | None, command_id: str, code: str) -> None:
        shell = self._shell(shell_id)
        command = self._command(shell_id, command_id)
        if code.lower().endswith("/terminate"):
            command.terminated = True
            shell.commands.pop(command_id, None)

    def close(self) -> None:
        with self._lock:
            self._shells.clear()

    def _start(self, shell: Shell, command: Command) -> None:
        stdin = bytes(command.stdin).decode(shell.codec, "replace")

        def work() -> None:
            try:
                output = self.handler(self.host, command.line, dict(shell.env), stdin)
                if command.terminated:
                    log.info("%s: a terminated command ended (rc %s); its output is dropped", self.host, output.rc)
                else:
                    command.output, command.pending = output, _encode(output, shell.codec)
            except BaseException as exc:        # reported to the client by receive()
                command.error = exc
            finally:
                command.done.set()

        threading.Thread(target=work, name=f"winrs-{self.host}", daemon=True).start()

    def _failure(self, shell: Shell, command: Command) -> BaseException:
        error = command.error
        if isinstance(error, HostUnavailable):
            return error
        text = _mask("".join(traceback.format_exception(error)), shell.env, self.mask)
        log.error("%s: the lab handler failed (a bug in the lab):\n%s", self.host, text)
        summary = _mask(f"{type(error).__name__}: {error}", shell.env, self.mask)
        return Fault("w:InternalError", 2150858755,
                     f"The lab failed to run a command on {self.host}: {summary}", sender=False)

    def _shell(self, shell_id: str | None) -> Shell:
        with self._lock:
            shell = self._shells.get(shell_id or "")
        if shell is None:
            raise shell_not_found(shell_id or "")
        shell.used = time.monotonic()
        return shell

    def _command(self, shell_id: str | None, command_id: str) -> Command:
        command = self._shell(shell_id).commands.get(command_id)
        if command is None:
            raise _command_not_found(shell_id, command_id)
        return command

    def _expire(self) -> None:
        limit = time.monotonic() - IDLE_TIMEOUT
        for shell_id in [s.id for s in self._shells.values() if s.used < limit]:
            del self._shells[shell_id]


def _command_not_found(shell_id: str | None, command_id: str) -> Fault:
    return Fault("w:InvalidParameter", 2150858752, f"The command {command_id} was not found in shell {shell_id}.")


def _codec(codepage: str) -> str:
    if not codepage:
        return "cp437"
    name = "utf-8" if codepage == "65001" else f"cp{codepage}"
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise Fault("w:InvalidOptions", 2150858791,
                    f"The WinRS client cannot process the request: the code page {codepage} "
                    "is not valid.") from None


def _encode(output: Output, codec: str) -> dict[str, bytes]:
    return {"stdout": output.stdout.encode(codec, "replace"),
            "stderr": output.stderr.encode(codec, "replace")}


def _take(pending: dict[str, bytes], budget: int) -> list[tuple[str, str]]:
    """Up to `budget` bytes of pending output, stdout first, removed from `pending`."""
    chunks = []
    for name in ("stdout", "stderr"):
        data = pending.get(name, b"")
        if data and budget > 0:
            part, pending[name] = data[:budget], data[budget:]
            budget -= len(part)
            chunks.append((name, base64.b64encode(part).decode("ascii")))
    return chunks


def _mask(text: str, env: Mapping[str, str], mask: Masker) -> str:
    """Hide the shell's environment values (they may be secrets) and what the lab's masker hides."""
    for value in sorted((v for v in env.values() if len(v) >= 3), key=len, reverse=True):
        text = text.replace(value, "******")
    return mask(text)
