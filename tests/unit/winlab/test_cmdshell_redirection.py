"""Redirection and pipes."""

from winlab.cmdshell import Shell, VirtualFileSystem
from winlab.tooling import Output
from tests.unit.winlab.fakes import FakeTools

TEMP = r"C:\Temp"


def make_shell(tools=None, files=None):
    fs = VirtualFileSystem(files if files is not None else {}, [TEMP])
    return Shell(tools or FakeTools(), fs, env={"TEMP": TEMP}, cwd=TEMP)


def test_greater_than_truncates_and_double_appends():
    files = {TEMP + r"\out.txt": "old\r\n"}
    shell = make_shell(files=files)
    assert shell.run("echo new>out.txt") == Output(0, "", "")
    assert files[TEMP + r"\out.txt"] == "new\r\n"
    shell.run("echo more >> out.txt")
    assert files[TEMP + r"\out.txt"] == "new\r\nmore \r\n"


def test_a_block_appends_every_line():
    files = {}
    shell = make_shell(files=files)
    shell.run('(echo QUJD&echo REVG)>"%TEMP%\\x.b64"')
    shell.run('(echo R0hJ&echo SktM)>>"%TEMP%\\x.b64"')
    assert files == {TEMP + r"\x.b64": "QUJD\r\nREVG\r\nR0hJ\r\nSktM\r\n"}


def test_a_redirection_alone_creates_an_empty_file():
    files = {}
    make_shell(files=files).run(">empty.txt")
    assert files == {TEMP + r"\empty.txt": ""}


def test_stderr_redirections():
    tools = FakeTools(both=Output(3, "out\r\n", "err\r\n"))
    shell = make_shell(tools)
    assert shell.run("both") == Output(3, "out\r\n", "err\r\n")
    assert shell.run("both 2>&1") == Output(3, "out\r\nerr\r\n", "")
    assert shell.run("both 2>nul") == Output(3, "out\r\n", "")
    assert shell.run("both >nul") == Output(3, "", "err\r\n")
    assert shell.run("both >nul 2>&1") == Output(3, "", "")
    assert shell.run("both 2>&1 >nul") == Output(3, "err\r\n", "")      # 2 copies 1 before 1 moves
    assert shell.run("echo to stderr 1>&2") == Output(0, "", "to stderr \r\n")


def test_stdin_redirections():
    tools = FakeTools(wmic=lambda inv: Output(0, f"[{inv.stdin}]\r\n"))
    shell = make_shell(tools, files={TEMP + r"\in.txt": "line1\r\nline2\r\n"})
    assert shell.run("wmic os get Caption /value <nul").stdout == "[]\r\n"
    assert tools.calls[0].args == "os get Caption /value"
    assert shell.run("wmic <in.txt", stdin="ignored").stdout == "[line1\r\nline2\r\n]\r\n"
    assert shell.run("wmic", stdin="typed").stdout == "[typed]\r\n"


def test_a_file_that_cannot_open_stops_the_command():
    tools = FakeTools(tool=Output(0, "ran\r\n"))
    shell = make_shell(tools)
    assert shell.run(r"tool >C:\missing\out.txt") == Output(1, "", "The system cannot find the path specified.\r\n")
    assert shell.run("tool <missing.txt") == Output(1, "", "The system cannot find the file specified.\r\n")
    assert shell.run(f"tool >{TEMP}") == Output(1, "", "Access is denied.\r\n")
    assert tools.calls == []


def test_pipes_feed_stdout_to_stdin_and_return_the_last_exit_code():
    tools = FakeTools(left=Output(0, "a\r\nb\r\n", "left err\r\n"), fail=Output(4, "x\r\n"))
    shell = make_shell(tools)
    assert shell.run('left | find "b"') == Output(0, "b\r\n", "left err\r\n")
    assert shell.run('left | find "z"') == Output(1, "", "left err\r\n")
    assert shell.run("fail | more") == Output(0, "x\r\n", "")
    assert shell.run('echo x| fail').rc == 4


def test_each_side_of_a_pipe_has_its_own_variables():
    shell = make_shell()
    assert shell.run("set X=1 | more & call echo [%^X%]").stdout == "[%X%]\r\n"
