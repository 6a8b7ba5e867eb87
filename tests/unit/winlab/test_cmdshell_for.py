"""FOR: /F over command output, strings and files; plain lists, wildcards and /L."""

import pytest

from winlab.cmdshell import Shell, VirtualFileSystem
from winlab.tooling import Output
from tests.unit.winlab.fakes import FakeTools

WMIC_INDEX = "Index  \r\r\n7      \r\r\n\r\r\n"


def make_shell(tools=None, files=None):
    return Shell(tools or FakeTools(), VirtualFileSystem(files if files is not None else {}, [r"C:\t"]),
                 env={}, cwd=r"C:\t")


def batch(text, tools=None, files=None):
    return make_shell(tools, {r"C:\t\test.cmd": text, **(files or {})}).run(r"C:\t\test.cmd")


def test_for_f_runs_the_command_with_escaped_pipe_and_redirection():
    tools = FakeTools(wmic=Output(0, WMIC_INDEX))
    line = "for /f %i in ('wmic nic where \"NetConnectionID='Private'\" get Index ^<nul ^| findstr /r \"^[0-9]\"') do echo [%i]"
    assert make_shell(tools).run(line) == Output(0, "[7]\r\n", "")
    assert (tools.calls[0].args, tools.calls[0].stdin) == ("nic where \"NetConnectionID='Private'\" get Index", "")


def test_for_f_in_a_batch_file_uses_double_percent():
    tools = FakeTools(wmic=lambda inv: Output(0, WMIC_INDEX if "get Index" in inv.args else "TcpipNetbiosOptions=2\r\r\n"))
    text = ("@for /f %%i in ('wmic nic get Index ^<nul ^| findstr /r \"^[0-9]\"') do "
            "wmic nicconfig where Index=%%i get TcpipNetbiosOptions /value <nul | find \"TcpipNetbiosOptions=2\"\r\n"
            "@echo rc=%errorlevel%\r\n")
    assert batch(text, tools) == Output(0, "TcpipNetbiosOptions=2\r\r\nrc=0\r\n", "")
    assert tools.calls[1].args == "nicconfig where Index=7 get TcpipNetbiosOptions /value"


def test_errorlevel_is_unchanged_when_the_body_never_runs():
    tools = FakeTools(wmic=Output(0, "Index  \r\r\n\r\r\n"), fail=Output(1))
    text = ("@echo off\r\ncall :not_done\r\n"
            "for /f %%i in ('wmic nic get Index ^| findstr /r \"^[0-9]\"') do echo never %%i\r\n"
            "echo after empty loop %errorlevel%\r\n"
            "for /f %%i in ('echo x') do fail\r\necho after failing body %errorlevel%\r\n"
            "for /f %%i in ('echo x') do cmd /c exit /b 0\r\necho after passing body %errorlevel%\r\n"
            "exit /b\r\n:not_done\r\nexit /b 1\r\n")
    assert batch(text, tools).stdout == "after empty loop 1\r\nafter failing body 1\r\nafter passing body 0\r\n"


@pytest.mark.parametrize("options, expected", [
    ("", "[a/%b]"),
    ('"tokens=2"', "[b/%b]"),
    ('"tokens=1,3"', "[a/c]"),
    ('"tokens=2*"', "[b/c  d,e]"),
    ('"tokens=*"', "[a b c  d,e/%b]"),
    ('"tokens=1-2 delims=,"', "[   a b c  d/e]"),
    ('"delims="', "[   a b c  d,e/%b]"),
    ('"tokens=4,5"', "[d,e/]"),
])
def test_for_f_tokens_and_delims(options, expected):
    line = f'for /f {options} %a in ("   a b c  d,e") do @echo [%a/%b]'
    assert make_shell().run(line).stdout == expected + "\r\n"


def test_for_f_skip_eol_and_empty_lines():
    text = "header\r\n\r\n;comment\r\nline1 x\r\n\r\nline2 y\r\n"
    shell = make_shell(files={r"C:\t\data.txt": text})
    assert shell.run("for /f %a in (data.txt) do @echo %a").stdout == "header\r\nline1\r\nline2\r\n"
    assert shell.run('for /f "skip=1" %a in (data.txt) do @echo %a').stdout == "line1\r\nline2\r\n"
    assert shell.run('for /f "eol=# tokens=2" %a in (data.txt) do @echo %a').stdout == "x\r\ny\r\n"


def test_for_f_usebackq_and_file_errors():
    shell = make_shell(files={r"C:\t\my data.txt": "one\r\ntwo"})
    assert shell.run('for /f "usebackq" %a in ("my data.txt") do @echo %a').stdout == "one\r\ntwo\r\n"
    assert shell.run("for /f \"usebackq\" %a in (`echo cmd`) do @echo %a").stdout == "cmd\r\n"
    assert shell.run("for /f \"usebackq\" %a in ('a string') do @echo %a").stdout == "a\r\n"
    assert shell.run("for /f %a in (missing.txt) do @echo %a") == Output(
        1, "", "The system cannot find the file missing.txt.\r\n")
    assert shell.run('for /f "bogus" %a in (x) do @echo %a').stderr == '"bogus" was unexpected at this time.\r\n'


def test_wmic_lines_keep_their_stray_carriage_return():
    tools = FakeTools(wmic=Output(0, "\r\r\n\r\r\nDomain=e2k7.local\r\r\n\r\r\n"))
    out = make_shell(tools).run('for /f "tokens=2 delims==" %a in (\'wmic computersystem get Domain /value\') do @echo [%a]')
    assert out.stdout == "[e2k7.local\r]\r\n"


def test_the_body_takes_the_rest_of_the_line():
    assert make_shell().run('for /f %a in ("x") do @echo 1%a & echo 2%a').stdout == "1x \r\n2x\r\n"


def test_plain_for_over_a_list_and_wildcards():
    shell = make_shell(files={r"C:\t\a.b64": "", r"C:\t\b.b64": "", r"C:\t\c.cmd": ""})
    assert shell.run('for %f in (one "two three",four) do @echo %f').stdout == 'one\r\n"two three"\r\nfour\r\n'
    assert shell.run("for %f in (*.b64) do @echo %f").stdout == "a.b64\r\nb.b64\r\n"
    assert shell.run(r"for %f in (C:\T\*.cmd) do @echo %~nxf %f").stdout == "c.cmd C:\\T\\c.cmd\r\n"
    assert shell.run("for /l %n in (1,2,7) do @echo %n").stdout == "1\r\n3\r\n5\r\n7\r\n"
    assert shell.run("for /l %n in (3,-1,1) do @echo %n").stdout == "3\r\n2\r\n1\r\n"
    assert shell.run("for /d %d in (C:\\*) do @echo %d").stdout == "C:\\t\r\n"


def test_nested_for_loops():
    assert make_shell().run("for %a in (1 2) do @for %b in (x y) do @echo %a%b").stdout == "1x\r\n1y\r\n2x\r\n2y\r\n"
