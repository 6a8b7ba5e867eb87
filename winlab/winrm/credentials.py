"""The lab's accounts, as pyspnego's NTLM acceptor reads them, without a file on disk.

pyspnego's acceptor looks passwords up in the file named by `NTLM_USER_FILE` (it calls
`os.path.isfile` on it, then opens and reads it). That file here is an anonymous
in-memory file (`memfd_create`) named `/proc/self/fd/<fd>`. It is empty except while an
AUTHENTICATE message is checked: then it holds one line, the NT hash of the account that
message names (in the `smbpasswd` form, so a password may contain `:`), written and
wiped under a lock. So each endpoint checks its own accounts, any domain prefix
(`LAB\\Administrator`) or UPN (`administrator@lab.local`) of a known user is accepted,
and on Linux no password or hash ever reaches a disk. Where memfd is missing (macOS), the
fallback is a 0600 temporary file that holds a hash only during a handshake and is
deleted at shutdown. Only pyspnego's public API is used (`spnego.server()` in auth.py, and
this file's documented format); the account a message names and its NT hash come from
ntlm.py. pyspnego takes no credential objects for an NTLM acceptor: the file is its only way.
"""

from __future__ import annotations

import atexit
import os
import tempfile
import threading
from typing import Any, Mapping

from .ntlm import named_account, nt_hash

ENV = "NTLM_USER_FILE"
NO_LM_HASH = "0" * 32           # no LM hash is kept (as Windows does by default since 2008): NTLM responses only


class _UserFile:
    """The process's one NTLM user file (pyspnego reads a process-wide variable)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.fd, self.path, self.temporary = _create()
        os.environ[ENV] = self.path

    def write(self, text: str) -> None:
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, text.encode("utf-8"), 0)

    def close(self) -> None:
        self.write("")
        os.close(self.fd)
        if self.temporary:
            os.unlink(self.path)
        if os.environ.get(ENV) == self.path:
            del os.environ[ENV]


def _create() -> tuple[int, str, bool]:
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("winrm-lab-accounts", os.MFD_CLOEXEC)
        path = f"/proc/self/fd/{fd}"
        if os.path.isfile(path):
            return fd, path, False
        os.close(fd)            # memfd without /proc: pyspnego could not open it by name
    # Fallback where memfd is missing (macOS, Linux without /proc): a 0600 temporary file
    # (mkstemp's mode). It is empty except during a handshake and deleted at shutdown.
    fd, path = tempfile.mkstemp(prefix="winrm-lab-", suffix=".accounts")
    return fd, path, True


_file: _UserFile | None = None
_users = 0
_guard = threading.Lock()


def _acquire() -> _UserFile:
    global _file, _users
    with _guard:
        if _file is None:
            _file = _UserFile()
            if _file.temporary:
                atexit.register(_release_all)
        _users += 1
        return _file


def _release() -> None:
    global _file, _users
    with _guard:
        _users -= 1
        if _users <= 0 and _file is not None:
            _file.close()
            _file, _users = None, 0


def _release_all() -> None:
    global _users
    with _guard:
        _users = 1
    _release()


class Accounts:
    """The users (name -> password) one endpoint accepts, case-insensitively."""

    def __init__(self, users: Mapping[str, str]):
        self._passwords = {_base_name(name).lower(): password for name, password in users.items()}
        self._file: _UserFile | None = _acquire()

    def accept(self, context: Any, token: bytes) -> bytes | None:
        """Step an acceptor with the client's AUTHENTICATE token (raises SpnegoError if refused)."""
        store = self._file
        if store is None:
            raise RuntimeError("the endpoint's accounts are closed")
        line = self._line(token)
        with store.lock:
            store.write(line)
            try:
                return context.step(token)
            finally:
                store.write("")

    def close(self) -> None:
        if self._file is not None:
            self._file = None
            _release()

    def _line(self, token: bytes) -> str:
        """The store line for the account the AUTHENTICATE message names, or "" if unknown."""
        named = named_account(token)
        if named is None or not named[1] or ":" in "".join(named):
            return ""
        domain, user = named
        password = self._passwords.get(_base_name(user).lower())
        if password is None:
            return ""
        name = f"{domain}\\{user}" if domain else user
        return f"{name}:0:{NO_LM_HASH}:{nt_hash(password).hex().upper()}:[U]:LCT-0\n"


def _base_name(name: str) -> str:
    """`LAB\\Administrator`, `administrator@lab.local` -> the account name."""
    return name.rsplit("\\", 1)[-1].split("@", 1)[0]
