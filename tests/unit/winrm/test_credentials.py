"""Where the lab keeps its accounts: pyspnego's NTLM_USER_FILE, in memory, empty at rest."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import winrm

from winlab.winrm import credentials
from winlab.winrm.ntlm import nt_hash

pytestmark = pytest.mark.timeout(60)

PROJECT = Path(__file__).resolve().parents[3]


def test_the_user_file_is_an_empty_memfd_between_handshakes(lab):
    winrm.Session(lab.url(), auth=(lab.user, lab.password), transport="ntlm", proxy=None,
                  ca_trust_path=None).run_cmd("echo x")
    path = os.environ[credentials.ENV]
    assert path.startswith("/proc/self/fd/") and os.path.isfile(path)
    assert os.readlink(path).startswith("/memfd:")
    assert Path(path).read_bytes() == b""


def test_the_variable_goes_away_with_the_last_endpoint(lab):
    from winlab.winrm import serve
    other = serve({"Other": 0}, lab.hosts, {"x": "y"})
    other.shutdown()
    assert credentials.ENV in os.environ          # `lab` still serves
    lab.servers.shutdown()
    assert credentials.ENV not in os.environ


def test_no_file_holds_the_password_after_a_session(lab):
    started = time.time() - 1
    for user in (lab.user, "LAB\\Administrator", "administrator@lab.local"):
        session = winrm.Session(lab.url(), auth=(user, lab.password), transport="ntlm", proxy=None,
                                ca_trust_path=None)
        assert session.run_cmd("echo x").status_code == 0
    needles = [lab.password.encode(), lab.password.encode("utf-16-le"),
               nt_hash(lab.password).hex().encode(), nt_hash(lab.password).hex().upper().encode()]
    leaks = [path for root in (PROJECT, Path("/tmp")) for path in _recent_files(root, started)
             if any(needle in _read(path) for needle in needles)]
    assert leaks == []


def _recent_files(root: Path, since: float):
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", ".venv", "node_modules")]
        for name in files:
            path = Path(directory, name)
            try:
                if path.is_file() and path.stat().st_mtime >= since and path.stat().st_size < 50_000_000:
                    yield path
            except OSError:
                continue


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
