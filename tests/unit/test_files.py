"""generator.files: every write is all or nothing, and a path that cannot be written is bad input."""

from __future__ import annotations

import os
import signal
import stat

import pytest

from generator.errors import GeneratorError
from generator.files import replace_dir, staging_dir, uninterrupted, writable_dir, write_dir, write_file


def entries(folder):
    return sorted(p.name for p in folder.iterdir())


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_write_file_replaces_the_content_with_the_umask_mode(tmp_path):
    path = tmp_path / "deep" / "er" / "page.md"
    write_file(path, "first")
    write_file(path, "é second".encode())
    assert path.read_text(encoding="utf-8") == "é second"
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask       # not a temporary file's 0600
    assert entries(path.parent) == ["page.md"]                      # no temporary file left


def test_a_write_that_fails_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "folder-in-the-way"
    (target / "inside").mkdir(parents=True)                          # os.replace onto it fails
    with pytest.raises(GeneratorError) as failure:
        write_file(target, "new")
    assert failure.value.exit_code == 2 and str(target) in str(failure.value)
    assert entries(tmp_path) == ["folder-in-the-way"] and entries(target) == ["inside"]


def test_an_unwritable_place_is_bad_input_naming_the_path(unwritable_dir):
    with pytest.raises(GeneratorError) as failure:
        write_file(unwritable_dir / "x.json", "{}")
    assert failure.value.exit_code == 2 and "cannot write" in str(failure.value)
    with pytest.raises(GeneratorError) as failure:
        writable_dir(unwritable_dir / "results", "set RUNBOOK_RESULTS_DIR")
    assert "cannot write" in str(failure.value) and "RUNBOOK_RESULTS_DIR" in str(failure.value)


def test_writable_dir_creates_the_folder_and_leaves_nothing_in_it(tmp_path):
    writable_dir(tmp_path / "new" / "results")
    assert entries(tmp_path / "new" / "results") == []


def test_write_dir_gives_exactly_the_new_files(tmp_path):
    target = tmp_path / "out" / "lab"
    write_dir(target, {"a.md": "a", "scripts/h/01.cmd": "x\r\n", "stale.md": "old"})
    write_dir(target, {"a.md": "A", "scripts/h/01.cmd": b"y\r\n"})
    assert tree(target) == {"a.md": b"A", "scripts/h/01.cmd": b"y\r\n"}
    assert entries(target.parent) == ["lab"]                          # no staging or old folder


def test_a_failed_swap_keeps_the_old_folder(tmp_path):
    target = tmp_path / "site"
    write_dir(target, {"index.html": "old"})
    with pytest.raises(GeneratorError):
        replace_dir(target, tmp_path / ".site-missing")              # nothing to swap in
    assert tree(target) == {"index.html": b"old"} and entries(tmp_path) == ["site"]


def test_a_staging_folder_is_a_sibling_and_is_gone_after_a_failure(tmp_path):
    target = tmp_path / "site"
    with pytest.raises(RuntimeError):
        with staging_dir(target) as staged:
            assert staged.parent == tmp_path and staged.name.startswith(".site-")
            (staged / "half.html").write_text("half")
            raise RuntimeError("the build failed")
    assert entries(tmp_path) == []


def test_a_staging_folder_under_a_file_is_bad_input(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(GeneratorError, match="cannot write"):
        with staging_dir(tmp_path / "a-file" / "site"):
            pass


def test_ctrl_c_waits_until_the_swap_is_done():
    done = []
    with pytest.raises(KeyboardInterrupt):
        with uninterrupted():
            os.kill(os.getpid(), signal.SIGINT)                      # a real Ctrl-C, delivered here
            done.append("after the signal")
    assert done == ["after the signal"]
    with pytest.raises(KeyboardInterrupt):                          # without it, the block is cut short
        os.kill(os.getpid(), signal.SIGINT)
        done.append("never")
    assert done == ["after the signal"]
