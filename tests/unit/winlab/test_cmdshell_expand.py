"""Variable expansion: %VAR% on a command line and in batch files, arguments, FOR variables, !VAR!."""

from winlab.cmdshell import Shell, VirtualFileSystem
from winlab.cmdshell.expand import Expander


def shell(files=None, **env):
    return Shell(None, VirtualFileSystem(files if files is not None else {}, []),
                 env={"COMPUTERNAME": "E2K7NODE1", **env}, cwd=r"C:\t")


def batch(text, args="", **env):
    return shell({r"C:\t\test.cmd": text}, **env).run(rf"C:\t\test.cmd {args}".rstrip())


def test_command_line_keeps_undefined_variables_as_typed():
    out = shell(A="1").run("echo %A% %NOPE% %% 100% %A%%A%")
    assert out.stdout == "1 %NOPE% %% 100% 11\r\n"


def test_command_line_rescans_from_the_closing_percent():
    # "%a %" is undefined, so the scan resumes at its closing %, which then opens %b%.
    assert shell(b="a").run("echo %a %b% c%").stdout == "%a a c%\r\n"


def test_substrings_and_replacements():
    out = shell(S="network-settings").run("echo %S:~0,7%.%S:~-8%.%S:~8,-3%.%S:-=_%.%S:*-=%.%S:SETTINGS=x%")
    assert out.stdout == "network.settings.setti.network_settings.settings.network-x\r\n"


def test_variable_names_are_case_insensitive():
    assert shell(Path_Ext=".CMD").run("echo %PATH_EXT% %path_ext%").stdout == ".CMD .CMD\r\n"


def test_dynamic_variables():
    out = shell().run("cmd /c exit /b 7 & echo %ERRORLEVEL% %CD% %CMDEXTVERSION%")
    assert out.stdout == "0 C:\\t 2\r\n"        # expanded before `cmd /c` ran
    assert shell().run("cmd /c exit /b 7 & echo %%ERRORLEVEL%%").stdout == "%0%\r\n"   # no %% escape here
    assert shell().run("cmd /c exit /b 7 & call echo %^ERRORLEVEL%").stdout == "7\r\n"
    assert batch("@echo off\r\ncmd /c exit /b 7\r\necho %ERRORLEVEL%\r\n").stdout == "7\r\n"


def test_batch_drops_undefined_variables_and_unpaired_percents():
    out = batch("@echo off\r\necho [%NOPE%] 100%% 50% done\r\n")
    assert out.stdout == "[] 100% 50 done\r\n"


def test_batch_arguments():
    text = "@echo off\r\necho 0=%0 1=%1 ~1=%~1 2=%2 9=[%9] all=%*\r\necho %~nx0 %~dp0 %~x1\r\n"
    out = batch(text, 'C:\\a\\"b c".txt second')
    assert out.stdout == ("0=C:\\t\\test.cmd 1=C:\\a\\\"b c\".txt ~1=C:\\a\\\"b c\".txt 2=second 9=[] "
                          "all=C:\\a\\\"b c\".txt second\r\ntest.cmd C:\\t\\ .txt\r\n")
    assert batch("@echo %~1 %~f2\r\n", '"quoted arg" rel.txt').stdout == "quoted arg C:\\t\\rel.txt\r\n"


def test_zero_with_modifiers_names_the_batch_file():
    files = {r"C:\t\sub\tool.cmd": "@echo off\r\necho %0 %~f0\r\ncall :label\r\nexit /b\r\n:label\r\necho %0 %~dp0\r\n"}
    assert shell(files).run(r"sub\tool").stdout == "sub\\tool C:\\t\\sub\\tool.cmd\r\n:label C:\\t\\sub\\\r\n"


def test_shift_moves_the_arguments():
    assert batch("@echo off\r\nshift\r\necho %0 %1 %*\r\n", "a b").stdout == "a b a b\r\n"


def test_step_names_with_spaces_and_colons():
    text = ('@echo off\r\nset "RUNBOOK_STEP=network-settings step 3/9: Put Public first (1/2)"\r\n'
            "echo [runbook] ok %RUNBOOK_STEP%\r\n")
    assert batch(text).stdout == "[runbook] ok network-settings step 3/9: Put Public first (1/2)\r\n"


def test_a_variable_with_special_characters_is_parsed_after_expansion():
    assert shell(X="a&echo b").run("echo %X%").stdout == "a\r\nb\r\n"


def test_for_variable_modifiers():
    expander = Expander(lambda name: None, VirtualFileSystem({}, []), r"C:\t")
    values = {"i": '"C:\\dir\\file.txt"', "n": "x"}
    text = "%i|%~i|%~nxi|%~dpi|%~xi|%~n|%n|%j"
    assert expander.for_variables(text, values) == '"C:\\dir\\file.txt"|C:\\dir\\file.txt|file.txt|C:\\dir\\|.txt|x|x|%j'


def test_delayed_expansion_reads_the_value_at_run_time():
    text = ("@echo off\r\nsetlocal EnableDelayedExpansion\r\nset X=1\r\n"
            "(set X=2 & echo %X% !X!)\r\nfor %%i in (a b) do set L=!L!%%i\r\necho !L! ^!X^! ^^!X^^!\r\n")
    assert batch(text).stdout == "1 2 \r\nab 2  !X!\r\n"      # X is "2 ": set keeps the space before &
