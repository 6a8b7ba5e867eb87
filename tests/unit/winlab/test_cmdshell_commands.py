"""cmd's built-ins, program dispatch and the tool interface."""

import pytest

from winlab.cmdshell import Shell, VirtualFileSystem
from winlab.tooling import Output
from tests.unit.winlab.fakes import FakeTools

TEMP = r"C:\DOCUME~1\ADMINI~1\LOCALS~1\Temp"
NOT_RECOGNIZED = "'{}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n"


def make_shell(tools=None, files=None, dirs=None, **env):
    fs = VirtualFileSystem(files if files is not None else {}, dirs if dirs is not None else [TEMP])
    return Shell(tools or FakeTools(), fs, env={"COMPUTERNAME": "E2K7NODE1", "TEMP": TEMP, **env}, host="HOST")


@pytest.mark.parametrize("line, stdout", [
    ("echo hello  world ", "hello  world \r\n"),
    ("echo.", "\r\n"),
    ("echo.text", "text\r\n"),
    ("echo:", "\r\n"),
    ("echo(x", "x\r\n"),
    ("echo", "ECHO is on.\r\n"),
    ("echo   ", "ECHO is on.\r\n"),
    ("@echo off& echo", "ECHO is off.\r\n"),
    ('echo "quoted & safe"', '"quoted & safe"\r\n'),
    ("ECHO a^&b", "a&b\r\n"),
])
def test_echo(line, stdout):
    assert make_shell().run(line) == Output(0, stdout, "")


def test_set_assigns_lists_and_deletes():
    shell = make_shell(APPLE="1", APRICOT="2")
    assert shell.run("set ap").stdout == "APPLE=1\r\nAPRICOT=2\r\n"
    assert shell.run('set "X=a b" ignored & set X').stdout == "X=a b\r\n"
    assert shell.run("set X=a b  & set X").stdout == "X=a b  \r\n"
    assert shell.run("set APPLE=& set APPLE") == Output(1, "", "Environment variable APPLE not defined\r\n")
    assert shell.run("set NEVER=").rc == 1


def test_each_run_is_a_new_process():
    shell = make_shell()
    shell.run("set X=1& cd \\")
    assert shell.run("echo %X% & cd").stdout == "%X% \r\nC:\\Documents and Settings\\Administrator\r\n"


@pytest.mark.parametrize("expression, printed", [
    ("1+2*3", "7"), ("(1+2)*3", "9"), ("7/2", "3"), ("-7/2", "-3"), ("-7%3", "-1"),
    ("0x10+010", "24"), ('"1<<4|1"', "17"), ("!0+~0", "0"), ("X=5,X*=3", "15"), ('"2+3"', "5"),
    ("2147483647+1", "-2147483648"),
])
def test_set_a_arithmetic_prints_on_a_command_line(expression, printed):
    assert make_shell().run(f"set /a {expression}") == Output(0, printed, "")


def test_set_a_updates_variables():
    shell = make_shell(N="41")
    assert shell.run("set /a N+=1 >nul & echo %N%").stdout == "41\r\n"      # expanded before SET ran
    assert shell.run("set /a N+=1 >nul & call echo %^N%").stdout == "42\r\n"
    assert shell.run("set /a UNSET+=1").stdout == "1"


@pytest.mark.parametrize("expression, stderr, rc", [
    ("1/0", "Divide by zero error.\r\n", 1073750993),
    ("1+", "Missing operand.\r\n", 1073750990),
    ("(1", "Unbalanced parenthesis.\r\n", 1073750988),
    ("08", "Invalid number.  Numeric constants are either decimal (17),\r\nhexadecimal (0x11), or octal (021).\r\n",
     1073750992),
])
def test_set_a_errors(expression, stderr, rc):
    assert make_shell().run(f"set /a {expression}") == Output(rc, "", stderr)


def test_set_p_reads_one_line_of_stdin():
    shell = make_shell()
    out = shell.run('set /p "PW=Password: " & call echo [%^PW%]', stdin="s3cret\r\nnext\r\n")
    assert out == Output(0, "Password: [s3cret]\r\n", "")
    assert shell.run("(set /p A=& set /p B=) & call echo %^A%-%^B%", stdin="one\ntwo\n").stdout == "one-two\r\n"
    assert shell.run("set /p PW=Password: ", stdin="") == Output(1, "Password: ", "")


@pytest.mark.parametrize("line, stdout", [
    ("cmd /c exit /b 2 & if errorlevel 2 echo yes", "yes\r\n"),
    ("cmd /c exit /b 3 & if errorlevel 2 echo yes", "yes\r\n"),
    ("cmd /c exit /b 1 & if errorlevel 2 echo yes", ""),
    ("cmd /c exit /b 1 & if not errorlevel 2 echo no", "no\r\n"),
    ("if defined TEMP echo d", "d\r\n"),
    ("if not defined NOPE echo nd", "nd\r\n"),
    ('if "a"=="A" echo same', ""),
    ('if /i "a"=="A" echo same', "same\r\n"),
    ("if 10 GTR 9 echo num", "num\r\n"),
    ("if 10 GTR a9 echo str", ""),
    ("if 0x10 EQU 16 echo hex", "hex\r\n"),
    ("if x==y (echo 1) else (echo 2)", "2\r\n"),
    ("if x==x echo a & echo b", "a \r\nb\r\n"),
    ("if x==y echo a & echo b", ""),
    (f'if exist "{TEMP}" echo dir', "dir\r\n"),
    (f"if exist {TEMP}\\nul echo nul", "nul\r\n"),
    (r"if exist C:\t\*.cmd echo wild", "wild\r\n"),
    (r"if not exist C:\t\x.txt echo none", "none\r\n"),
])
def test_if(line, stdout):
    assert make_shell(files={r"C:\t\a.cmd": ""}).run(line).stdout == stdout


def test_and_or_follow_the_exit_code():
    shell = make_shell(FakeTools(ok=Output(0), bad=Output(5)))
    assert shell.run("bad && echo yes || echo no") == Output(5, "no\r\n", "")    # echo keeps the errorlevel
    assert shell.run("ok && echo yes || echo no").stdout == "yes \r\n"
    assert shell.run("bad & echo still").stdout == "still\r\n"


def test_tools_get_the_raw_arguments_and_their_context():
    tools = FakeTools(netsh=Output(0, "Ok.\r\n"))
    shell = make_shell(tools, LAB_PW="p@ss")
    out = shell.run('NETSH.EXE interface ip set dns name="Public" source=static  addr=%LAB_PW% >nul 2>&1 ')
    assert out == Output(0, "", "")
    inv = tools.calls[0]
    assert (inv.name, inv.args, inv.stdin) == ("NETSH.EXE", 'interface ip set dns name="Public" source=static  addr=p@ss', "")
    assert inv.env["lab_pw"] == "p@ss" and inv.cwd == r"C:\Documents and Settings\Administrator"
    assert inv.host == "HOST" and inv.shell is shell and inv.fs is shell.fs
    shell.run(r"C:\WINDOWS\system32\netsh.exe interface ip dump", stdin="typed")
    assert (tools.calls[1].name, tools.calls[1].stdin) == (r"C:\WINDOWS\system32\netsh.exe", "typed")


def test_a_tool_that_raises_is_a_bug_and_propagates():
    def broken(inv):
        raise RuntimeError("tool bug")
    with pytest.raises(RuntimeError, match="tool bug"):
        make_shell(FakeTools(cluster=broken)).run("cluster E2K7CLUS node")


def test_unknown_programs_fail_with_9009():
    assert make_shell().run("nosuch /x") == Output(9009, "", NOT_RECOGNIZED.format("nosuch"))
    assert make_shell().run('"C:\\no such.exe"') == Output(9009, "", NOT_RECOGNIZED.format('"C:\\no such.exe"'))
    assert make_shell().run(r"C:\missing\tool.exe") == Output(3, "", "The system cannot find the path specified.\r\n")
    assert make_shell().run('"echo" x').rc == 9009


def test_program_names_end_at_a_slash():
    tools = FakeTools(ipconfig=Output(0, "IP\r\n"))
    assert make_shell(tools).run("ipconfig/all").stdout == "IP\r\n"
    assert tools.calls[0].args == "/all"


def test_the_shells_own_programs_live_in_system32():
    shell = make_shell(files={r"C:\t\a.txt": "x\r\n"}, SystemRoot=r"C:\WINDOWS")
    assert shell.run(r'C:\WINDOWS\system32\FIND.EXE /c /v "" C:\t\a.txt').stdout == "\r\n---------- C:\\T\\A.TXT: 1\r\n"
    assert shell.run(r'"C:\WINDOWS\system32\cmd.exe" /c echo nested').stdout == "nested\r\n"
    assert shell.run(r"C:\t\find.exe x").rc == 9009


def test_hostname_falls_back_to_the_computer_name():
    assert make_shell().run("hostname") == Output(0, "E2K7NODE1\r\n", "")
    assert make_shell(FakeTools(hostname=Output(0, "E2K7Node1\r\n"))).run("hostname").stdout == "E2K7Node1\r\n"


def test_ver_and_cls():
    assert make_shell().run("ver") == Output(0, "\r\nMicrosoft Windows [Version 5.2.3790]\r\n", "")
    assert make_shell().run("cls").stdout == "\f"


def test_exit():
    assert make_shell().run("exit /b 4 & echo never") == Output(4, "", "")
    assert make_shell().run("cmd /c exit 3 & echo %ERRORLEVEL%").rc == 3
    assert make_shell().run("(cmd /c exit 3) & exit") .rc == 3


def test_cmd_c_runs_a_nested_shell():
    shell = make_shell()
    assert shell.run('cmd /c "set X=1 & echo in %X%" & echo out %X%').stdout == "in %X% \r\nout %X%\r\n"
    assert shell.run('cmd /c "echo a & echo b"').stdout == "a \r\nb\r\n"
    assert shell.run("cmd /q /v:on /c set X=1^& echo !X!").stdout == "1\r\n"
    assert shell.run("cmd", stdin="echo one\r\necho two\r\n").stdout == "one\r\ntwo\r\n"


def test_cmd_c_keeps_the_quotes_around_an_existing_file_with_spaces():
    shell = make_shell(files={r"C:\t\my script.cmd": "@echo %1\r\n"})
    assert shell.run('cmd /c "C:\\t\\my script.cmd"').stdout == "ECHO is on.\r\n"
    assert shell.run('cmd /c ""C:\\t\\my script.cmd" arg"').stdout == "arg\r\n"


def test_cd_md_rd():
    files, dirs = {}, [TEMP]
    shell = make_shell(files=files, dirs=dirs)
    assert shell.run(f'cd /d "{TEMP}" & md a "b c" a\\d & cd') == Output(0, TEMP + "\r\n", "")
    assert dirs == [TEMP, TEMP + r"\a", TEMP + r"\b c", TEMP + r"\a\d"]
    assert shell.run(f"md {TEMP}\\a") == Output(1, "", f"A subdirectory or file {TEMP}\\a already exists.\r\n")
    assert shell.run(f"cd {TEMP}\\nope") == Output(1, "", "The system cannot find the path specified.\r\n")
    assert shell.run(f"cd {TEMP}\\a & cd.. & cd").stdout == TEMP + "\r\n"
    assert shell.run(f"rd {TEMP}\\a") == Output(145, "", "The directory is not empty.\r\n")
    assert shell.run(f"rd /s /q {TEMP}\\a & if exist {TEMP}\\a\\d echo left").stdout == ""
    assert dirs == [TEMP, TEMP + r"\b c"]
    assert shell.run(f"rd {TEMP}\\a") == Output(2, "", "The system cannot find the file specified.\r\n")


def test_del_and_type():
    files = {TEMP + r"\x.b64": "QUJD\r\n", TEMP + r"\y.b64": "", TEMP + r"\keep.cmd": "@echo off\r\n"}
    shell = make_shell(files=files)
    assert shell.run(f'type "{TEMP}\\x.b64"') == Output(0, "QUJD\r\n", "")
    assert shell.run(f"type {TEMP}\\none") == Output(1, "", "The system cannot find the file specified.\r\n")
    assert shell.run(f"del /q {TEMP}\\*.b64") == Output(0, "", "")
    assert list(files) == [TEMP + r"\keep.cmd"]
    assert shell.run(f'del "{TEMP}\\x.b64"') == Output(0, "", f"Could Not Find {TEMP}\\x.b64\r\n")
    assert shell.run("type nul").stdout == ""


def test_pushd_popd_and_relative_paths():
    shell = make_shell(files={TEMP + r"\a.txt": "A"})
    assert shell.run(f"pushd {TEMP} & type a.txt & popd & cd").stdout == "AC:\\Documents and Settings\\Administrator\r\n"
