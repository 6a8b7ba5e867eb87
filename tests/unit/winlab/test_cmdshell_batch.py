"""Batch files: line endings, labels, GOTO, CALL, EXIT /B, SETLOCAL and errors."""

import pytest

from winlab.cmdshell import Shell, VirtualFileSystem
from winlab.tooling import Output
from tests.unit.winlab.fakes import FakeTools


def make_shell(files, tools=None, **env):
    return Shell(tools or FakeTools(), VirtualFileSystem(files, [r"C:\t"]), env=env, cwd=r"C:\t")


def batch(*lines, args="", tools=None, newline="\r\n", **env):
    return make_shell({r"C:\t\test.cmd": newline.join(lines) + newline}, tools, **env).run(
        rf"C:\t\test.cmd {args}".rstrip())


COUNTER = ["@echo off", "set N=0", ":loop", "set /a N+=1", "if %N% LSS 3 goto loop", "echo N=%N%"]


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_crlf_and_lf_line_endings(newline):
    assert batch(*COUNTER, newline=newline) == Output(0, "N=3\r\n", "")


def test_goto_searches_forward_then_from_the_top():
    out = batch("@echo off", "goto :second", ":first", "echo first", "goto end", ":second", "echo second",
                "goto FIRST", ":end", "echo end")
    assert out.stdout == "second\r\nfirst\r\nend\r\n"


def test_goto_a_missing_label_stops_the_batch():
    out = batch("@echo off", "echo before", "goto nowhere", "echo after")
    assert out == Output(1, "before\r\n", "The system cannot find the batch label specified - nowhere\r\n")


def test_call_label_passes_arguments_and_returns_its_exit_code():
    out = batch("@echo off", 'call :sub "a b" c', "echo rc=%errorlevel%", "exit /b 0",
                ":sub", "echo 0=%0 1=%1 ~1=%~1 2=%2", "exit /b 3", "echo never")
    assert out == Output(0, '0=:sub 1="a b" ~1=a b 2=c\r\nrc=3\r\n', "")


def test_exit_b_in_a_called_label_returns_to_the_caller():
    out = batch("@echo off", "call :not_done", "if errorlevel 1 echo not done", "call :done",
                "if not errorlevel 1 echo done", "exit /b 5", ":not_done", "exit /b 1", ":done", "exit /b 0")
    assert out == Output(5, "not done\r\ndone\r\n", "")


def test_goto_eof_returns_from_a_label_and_keeps_the_errorlevel():
    out = batch("@echo off", "call :sub", "echo back %errorlevel%", "goto :eof", ":sub", "cmd /c exit /b 4", "goto :eof")
    assert out == Output(4, "back 4\r\n", "")


def test_call_of_a_missing_label_goes_on():
    out = batch("@echo off", "call :nope", "echo rc=%errorlevel%")
    assert out == Output(1, "rc=1\r\n", "The system cannot find the batch label specified - nope\r\n")


def test_call_label_on_a_command_line_is_refused():
    shell = make_shell({})
    assert shell.run("call :x") == Output(1, "", "Invalid attempt to call batch label outside of batch script.\r\n")


def test_exit_b_sets_the_result_and_exit_b_alone_keeps_the_errorlevel():
    assert batch("@exit /b 7").rc == 7
    assert batch("@cmd /c exit /b 6", "@exit /b").rc == 6
    assert batch("@echo off", "exit 9", "echo never") == Output(9, "", "")


def test_setlocal_scopes_the_variables_of_a_batch_file():
    files = {r"C:\t\inner.cmd": "@setlocal\r\n@set LOCAL=1\r\n@set /a COUNT+=1 >nul\r\n",
             r"C:\t\leaky.cmd": "@set LEAK=1\r\n",
             r"C:\t\outer.cmd": "@echo off\r\nset COUNT=5\r\ncall inner.cmd\r\ncall leaky.cmd\r\n"
                                "echo [%LOCAL%] [%LEAK%] [%COUNT%]\r\n"}
    assert make_shell(files).run("outer.cmd").stdout == "[] [1] [5]\r\n"


def test_setlocal_in_a_called_label_ends_with_it():
    out = batch("@echo off", "set X=outer", "call :sub", "echo %X%", "endlocal", "echo %X%", "exit /b",
                ":sub", "setlocal", "set X=inner", "echo %X%", "endlocal", "endlocal", "exit /b")
    assert out.stdout == "inner\r\nouter\r\nouter\r\n"


def test_a_batch_file_named_without_call_does_not_return():
    files = {r"C:\t\other.cmd": "@echo other %1\r\n@exit /b 2\r\n",
             r"C:\t\main.cmd": "@echo off\r\nother.cmd x\r\necho never\r\n"}
    assert make_shell(files).run("main") == Output(2, "other x\r\n", "")
    files[r"C:\t\main.cmd"] = "@echo off\r\ncall other y\r\necho back %errorlevel%\r\n"
    assert make_shell(files).run("main").stdout == "other y\r\nback 2\r\n"


def test_a_quoted_path_with_spaces_and_its_exit_code():
    files = {r"C:\Program Files\x\run it.cmd": "@echo %~n0\r\n@exit /b 3\r\n"}
    shell = Shell(None, VirtualFileSystem(files, []), env={})
    assert shell.run('"C:\\Program Files\\x\\run it.cmd"') == Output(3, "run it\r\n", "")


def test_echo_off_and_rem():
    out = batch("@echo off", "rem echo hidden & echo hidden too", ":: a comment | with a pipe", "echo", "echo on",
                "@echo")
    assert out.stdout == "ECHO is off.\r\nECHO is on.\r\n"


def test_blocks_may_span_lines():
    out = batch("@echo off", "if 1==1 (", "  echo one", "  echo two", ") else (", "  echo three", ")",
                "for %%i in (a b) do (", "echo %%i", ")")
    assert out.stdout == "one\r\ntwo\r\na\r\nb\r\n"


def test_a_syntax_error_stops_every_batch_file():
    files = {r"C:\t\bad.cmd": "@echo in bad\r\n@if exist\r\n@echo never\r\n",
             r"C:\t\main.cmd": "@call bad.cmd\r\n@echo never either\r\n"}
    assert make_shell(files).run("main & echo line goes on") == Output(
        255, "in bad\r\nline goes on\r\n", "The syntax of the command is incorrect.\r\n")


def test_set_keeps_the_errorlevel_in_a_bat_file_only():
    lines = ("@cmd /c exit /b 1", "@set X=1", "@echo %errorlevel%")
    files = {r"C:\t\a.bat": "\r\n".join(lines), r"C:\t\a.cmd": "\r\n".join(lines)}
    shell = make_shell(files)
    assert (shell.run("a.bat").stdout, shell.run("a.cmd").stdout) == ("1\r\n", "0\r\n")


def test_set_a_in_a_batch_file_prints_nothing():
    assert batch("@set /a X=2*3", "@echo %X%") == Output(0, "6\r\n", "")


def test_secret_prompt_reads_stdin():
    tools = FakeTools(netdom=Output(0, "The command completed successfully.\r\n"))
    lines = ['@echo off', 'if not defined PW set /p "PW=Enter the password (PW): "',
             'if not defined PW (echo [runbook] FAILED set PW first 1>&2& exit /b 2)', 'netdom join /passwordd:%PW%']
    shell = make_shell({r"C:\t\join.cmd": "\r\n".join(lines)}, tools)
    assert shell.run("join.cmd", stdin="") == Output(2, "Enter the password (PW): ", "[runbook] FAILED set PW first \r\n")
    assert shell.run("join.cmd", stdin="s3cret\r\n").rc == 0
    assert tools.calls[-1].args == "join /passwordd:s3cret"
