"""Failing as PowerShell 1.0 fails: texts and positions, non-terminating vs terminating, $?,
$LASTEXITCODE, trap, exit codes, and 1.0's missing language (try, -File)."""

import pytest

from winlab.lab import Lab
from tests.unit.winlab.powershell_lab import HUB, ps
from tests.unit.winlab.sites import topology

UNKNOWN = ("Get-Foo : The term 'Get-Foo' is not recognized as a cmdlet, function, operable program, or script file. "
           "Verify the term and try again.\n")


@pytest.fixture(scope="module")
def lab(lab_env, tmp_path_factory):
    return Lab.create(tmp_path_factory.mktemp("pserr") / "lab", topology(lab_env))


def test_unknown_cmdlet_with_position_and_exit_code_1(lab):
    assert ps(lab, "Get-Foo") == (1, "", UNKNOWN + "At line:1 char:8\n+ Get-Foo <<<< \n")


def test_unknown_parameter_points_after_it(lab):
    rc, _, stderr = ps(lab, "Get-Date -Foo 1")
    assert rc == 1
    assert stderr == ("Get-Date : A parameter cannot be found that matches parameter name 'Foo'.\n"
                      "At line:1 char:14\n+ Get-Date -Foo <<<<  1\n")


def test_ambiguous_prefix_and_extra_positional(lab):
    _, _, stderr = ps(lab, "Select-Object -E Name")       # -ExpandProperty, -ErrorAction, -ErrorVariable
    assert "the parameter name 'E' is ambiguous. Possible matches include: -ExpandProperty -ErrorAction" in stderr
    _, _, stderr = ps(lab, "Get-Date 1 2")
    assert "A positional parameter cannot be found that accepts argument '2'." in stderr


def test_unique_prefix_binds(lab):
    assert ps(lab, "Get-Date -Form yyyy")[1].strip().isdigit()


def test_non_terminating_error_goes_on_with_dollar_question_false(lab):
    rc, stdout, stderr = ps(lab, "Get-Content C:\\nope.txt; \"next $?\"; $?")
    assert stdout == "next False\r\nTrue\r\n"
    assert stderr.startswith("Get-Content : Cannot find path 'C:\\nope.txt' because it does not exist.\n")
    assert rc == 0                              # the last statement succeeded


def test_error_action_preference_stop_ends_the_script(lab):
    rc, stdout, stderr = ps(lab, "$ErrorActionPreference = 'Stop'; Get-Content C:\\nope.txt; 'not reached'")
    assert (rc, stdout) == (1, "")
    assert 'the shell variable "ErrorActionPreference" is set to Stop: Cannot find path' in stderr


def test_error_action_silently_continue_hides_but_sets_dollar_question(lab):
    assert ps(lab, "Get-Content C:\\nope.txt -ErrorAction SilentlyContinue; $?") == (0, "False\r\n", "")


def test_statement_terminating_error_continues_with_the_next_statement(lab):
    rc, stdout, stderr = ps(lab, "Get-Foo; 'after'")
    assert (rc, stdout) == (0, "after\r\n") and stderr.startswith("Get-Foo : The term")


def test_throw_ends_the_script_with_1(lab):
    rc, stdout, stderr = ps(lab, "throw 'boom'; 'not reached'")
    assert (rc, stdout, stderr) == (1, "", "boom\nAt line:1 char:6\n+ throw <<<<  'boom'; 'not reached'\n")


def test_trap_sees_the_error_and_exit_sets_the_code(lab):
    assert ps(lab, "trap { Write-Host \"trapped: $_\"; exit 7 }; Get-Foo; 'no'") == (7, "trapped: " + UNKNOWN[10:-1]
                                                                                     + "\r\n", "")


def test_trap_continue_resumes_after_the_failed_statement_silently(lab):
    script = "trap { continue }; function F { throw 'x'; 'inside' }; $o = @(F); 'after'; $o -eq $null"
    assert ps(lab, script) == (0, "after\r\nTrue\r\n", "")     # the assignment was abandoned


def test_exit_inside_a_function_ends_the_script(lab):
    assert ps(lab, "function Fail { exit 5 }; Fail; 'no'") == (5, "", "")


def test_last_failed_native_command_gives_exit_code_1_and_exit_lastexitcode_passes_it(lab):
    assert ps(lab, "cmd /c exit 3")[0] == 1
    assert ps(lab, "cmd /c exit 3; exit $LASTEXITCODE")[0] == 3


def test_try_is_a_command_in_powershell_1(lab):
    rc, _, stderr = ps(lab, "try { 1 } catch { 2 }")
    assert rc == 1 and stderr.startswith("try : The term 'try' is not recognized")


def test_parse_error_runs_nothing(lab):
    rc, stdout, stderr = ps(lab, "'a'; if ($true { 'b' }")
    assert (rc, stdout) == (1, "") and "At line:1 char:" in stderr


def test_file_switch_is_not_powershell_1(lab):
    out = lab.execute(HUB, "powershell -NoProfile -File C:\\x.ps1")
    assert out.rc == 1
    assert out.stderr == "Missing expression after unary operator '-'.\r\nAt line:1 char:2\r\n+ - <<<< File C:\\x.ps1\r\n"


def test_missing_mandatory_parameter_under_noninteractive(lab):
    rc, _, stderr = ps(lab, "Get-Content")
    assert rc == 1
    assert stderr.startswith("Get-Content : Cannot process command because of one or more missing mandatory "
                             "parameters: Path.")


def test_read_host_fails_under_noninteractive(lab):
    rc, _, stderr = ps(lab, "$s = Read-Host -AsSecureString 'Password'")
    assert rc == 1 and "NonInteractive mode" in stderr


def test_encoded_command_errors_are_clixml_on_stderr(lab):
    import base64
    out = lab.execute(HUB, "powershell -encodedcommand " + base64.b64encode("Get-Foo".encode("utf-16-le")).decode())
    assert out.stderr.startswith('#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/'
                                 'powershell/2004/04"><S S="Error">Get-Foo : The term')
    plain = lab.execute(HUB, "powershell -Command Get-Foo")
    assert plain.stderr.startswith("Get-Foo : The term")         # -Command: plain text


def test_error_stream_redirected_to_null_hides_the_error_but_not_the_failure(lab):
    assert ps(lab, "Get-Content C:\\nope.txt 2>$null; $?; $Error.Count -gt 0") == (0, "False\r\nTrue\r\n", "")


def test_an_unterminated_string_names_where_it_started(lab):
    rc, stdout, stderr = ps(lab, "'ok'; 'abc")
    assert (rc, stdout) == (1, "")
    assert stderr == ("The string starting:\nAt line:1 char:8\n+ 'ok'; ' <<<< abc\nis missing the terminator: '.\n"
                      "At line:1 char:11\n+ 'ok'; 'abc <<<< \n")


@pytest.mark.parametrize("script", [
    "@(1,2)['a']", "[int]::Parse('x')", "'a' -match '('", "'a' -replace '(', 'b'", "'a','b' | Measure-Object -Sum",
    "1 / 0", "$null.Foo()", "[nosuch]::X", "& $null", "@{a=}", "throw $null", "'{5}' -f 1",
    "Set-ExecutionPolicy Bogus", "Get-EventLog Foo", "1 | Select-Object -ExpandProperty Nope",
])
def test_odd_scripts_fail_as_powershell_never_as_a_lab_bug(lab, script):
    """Each is an error PowerShell reports (a lab bug would be a WinRM fault, not an exit code)."""
    rc, stdout, stderr = ps(lab, script)
    assert stderr.strip() and "Traceback" not in stderr, (rc, stderr)


def test_an_overflowing_number_is_infinity_and_a_text_exit_code_is_0(lab):
    assert ps(lab, "1e400") == (0, "Infinity\r\n", "")
    assert ps(lab, "exit 'x'") == (0, "", "")
