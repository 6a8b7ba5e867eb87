"""The lab directory: atomic saves, a lock per transaction, the command log."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from winlab.errors import WinLabError
from winlab.baseline import baseline
from winlab.store import LOG, STATE, LabStore
from tests.unit.winlab.sites import topology

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def store(tmp_path, lab_env):
    store = LabStore(tmp_path / "lab")
    store.replace(baseline(topology(lab_env)))
    return store


def test_transaction_saves_the_change(store):
    with store.transaction() as state:
        state.hosts["E2K7Node1"].up = False
    assert store.read().hosts["E2K7Node1"].up is False


def test_a_failed_transaction_saves_nothing(store):
    with pytest.raises(RuntimeError):
        with store.transaction() as state:
            state.hosts["E2K7Node1"].up = False
            raise RuntimeError("tool crashed")
    assert store.read().hosts["E2K7Node1"].up is True


def test_crash_between_temporary_write_and_rename_keeps_the_old_state(store, monkeypatch):
    before = store.path.read_text()

    def crash(*args):
        raise KeyboardInterrupt("killed")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        with store.transaction() as state:
            state.commands = 99
    assert store.path.read_text() == before
    assert [p.name for p in store.directory.iterdir() if p.name.endswith(".tmp")] == []


def test_killed_process_leaves_a_readable_state(store):
    """A process killed (os._exit) right after writing the temporary file: state.json is intact."""
    script = (
        "import os, sys\n"
        "from winlab.store import LabStore\n"
        "store = LabStore(sys.argv[1])\n"
        "os.replace = lambda *a: os._exit(9)\n"
        "with store.transaction() as state:\n"
        "    state.commands = 42\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(store.directory)], cwd=ROOT, capture_output=True)
    assert done.returncode == 9
    assert store.read().commands == 0
    with store.transaction() as state:        # the lock was released by the dead process
        state.commands = 1
    assert store.read().commands == 1
    assert not list(store.directory.glob("*.tmp"))      # its temporary file is cleaned up


def test_concurrent_writers_serialise(store):
    def bump():
        for _ in range(10):
            with LabStore(store.directory).transaction() as state:
                state.commands += 1
    threads = [threading.Thread(target=bump) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.read().commands == 60


def test_log_lines_go_through_the_lab_s_masker(store):
    masked = LabStore(store.directory, mask=lambda text: text.replace("Sup3rSecret", "******"))
    with masked.transaction():
        masked.log("E2K7Node1", 0, "netdom join X /passwordd:Sup3rSecret\r\n")
    line = (store.directory / LOG).read_text().splitlines()[-1]
    host, rc, text = line.split("\t")[1:]
    assert (host, rc) == ("E2K7Node1", "0")
    assert text == "netdom join X /passwordd:******\\r\\n"


def test_missing_lab_is_a_lab_error(tmp_path):
    with pytest.raises(WinLabError, match="no lab"):
        LabStore(tmp_path / "nothing").read()


def test_schema_mismatch_asks_for_a_reset(store):
    assert '"schema_version": 3' in store.path.read_text()
    store.path.write_text(store.path.read_text().replace('"schema_version": 3', '"schema_version": 2'))
    with pytest.raises(WinLabError, match="reset"):
        store.read()


def test_state_file_is_json(store):
    assert (store.directory / STATE).read_text().startswith("{")


def test_a_held_lock_makes_the_lab_busy_instead_of_hanging(store):
    import fcntl
    import time
    fd = os.open(store.directory / "state.lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)          # another command that never finishes
        busy = LabStore(store.directory, lock_timeout=0.2)
        started = time.monotonic()
        with pytest.raises(WinLabError, match=r"^the lab is busy: another command has held its state for 0\.2 s$"):
            with busy.transaction():
                pass
        assert time.monotonic() - started < 2
        with pytest.raises(WinLabError, match="busy"):
            busy.read()
    finally:
        os.close(fd)
    assert LabStore(store.directory, lock_timeout=0.2).read().commands == 0     # free again


def test_the_default_lock_timeout_is_30_s(store):
    assert store.lock_timeout == 30


@pytest.mark.parametrize("text, why", [
    ("{not json", "invalid JSON"),
    ("", "invalid JSON"),
    ('{"schema_version": 3, "environment": "lab"}', "platform: Field required"),
    ("[1, 2]", "Input should be a valid dictionary"),
])
def test_a_corrupt_state_is_a_lab_error_that_says_reset(store, text, why):
    store.path.write_text(text)
    with pytest.raises(WinLabError) as caught:
        store.read()
    message = str(caught.value)
    assert message.startswith(f"{store.path} is unreadable (") and why in message
    assert message.endswith("); run `runbook lab reset`")
    assert "Traceback" not in message and "pydantic" not in message


def test_a_corrupt_state_can_be_reset(store, lab_env):
    from winlab.lab import Lab
    store.path.write_text('{"schema_version": 3, "environment": "lab", "hosts": 7}')
    lab = Lab.open(store.directory, topology(lab_env))
    with pytest.raises(WinLabError, match="unreadable"):
        lab.execute("E2K7Node1", "hostname")
    lab.reset()
    assert lab.execute("E2K7Node1", "hostname").stdout == "E2K7NODE1\r\n"
