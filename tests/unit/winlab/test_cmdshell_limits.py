"""The lab never hangs on a runaway command line: a deadline and a command budget per run."""

import time

import pytest

from winlab.cmdshell import Shell, VirtualFileSystem
from winlab.cmdshell.limits import STOPPED_CODE

LOOP = "@echo off\r\necho start\r\n:l\r\ngoto l\r\n"


def shell(files=None, **limits):
    fs = VirtualFileSystem({}, ["C:\\"])
    for path, text in (files or {}).items():
        fs.write(path, text)
    return Shell(tools=None, fs=fs, env={}, cwd="C:\\", **limits)


def test_a_goto_loop_in_a_batch_file_stops_with_a_message():
    out = shell({"C:\\loop.cmd": LOOP}, max_commands=5000).run("loop.cmd")
    assert out.rc == STOPPED_CODE != 0
    assert out.stdout == "start\r\n"
    assert out.stderr == "The lab stopped this command: it ran more than 5000 commands (an endless loop?)\r\n"


def test_the_default_budget_stops_a_loop_within_seconds():
    started = time.monotonic()
    out = shell({"C:\\loop.cmd": LOOP}).run("loop.cmd")
    assert out.rc == STOPPED_CODE and "more than 200000 commands" in out.stderr
    assert time.monotonic() - started < 60


def test_the_deadline_stops_a_loop_by_wall_time():
    started = time.monotonic()
    out = shell({"C:\\loop.cmd": LOOP}, deadline=0.3).run("loop.cmd")
    assert out.rc == STOPPED_CODE
    assert out.stderr == "The lab stopped this command: it ran longer than 0.3 s (an endless loop?)\r\n"
    assert time.monotonic() - started < 5


def test_a_loop_inside_a_called_batch_file_and_a_pipe_stops_everything():
    files = {"C:\\loop.cmd": LOOP, "C:\\outer.cmd": "@echo off\r\ncall loop.cmd\r\necho never\r\n"}
    out = shell(files, max_commands=1000).run("outer.cmd | find /v \"\" & echo never either")
    assert out.rc == STOPPED_CODE and "never" not in out.stdout


def test_a_huge_for_l_range_with_an_empty_body_is_stopped():
    out = shell(max_commands=1000).run("for /l %i in (1,1,2000000000) do rem")
    assert out.rc == STOPPED_CODE and "more than 1000 commands" in out.stderr


def test_for_l_with_step_zero_still_runs_nothing():
    out = shell(max_commands=1000).run("for /l %i in (1,0,2) do echo %i")
    assert (out.rc, out.stdout, out.stderr) == (0, "", "")


def test_endless_call_recursion_is_stopped():
    files = {"C:\\rec.cmd": "@echo off\r\ncall :deeper\r\nexit /b\r\n:deeper\r\ncall :deeper\r\n"}
    out = shell(files).run("rec.cmd")
    assert out.rc == STOPPED_CODE and "nest too deeply" in out.stderr


def test_every_run_gets_a_fresh_budget():
    sh = shell(max_commands=50)
    for _ in range(3):
        out = sh.run("for /l %i in (1,1,40) do @rem")
        assert (out.rc, out.stderr) == (0, "")


@pytest.mark.parametrize("line", ["echo one & echo two", "for /l %i in (1,1,3) do @echo %i"])
def test_ordinary_commands_are_untouched(line):
    out = shell(max_commands=100).run(line)
    assert out.rc == 0 and out.stderr == ""
