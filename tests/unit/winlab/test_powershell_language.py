"""The lab's PowerShell 1.0 language: values, operators, strings, pipelines, flow, functions, scripts."""

import pytest

from winlab.lab import Lab
from tests.unit.winlab.powershell_lab import ps
from tests.unit.winlab.sites import topology


@pytest.fixture(scope="module")
def lab(lab_env, tmp_path_factory):
    return Lab.create(tmp_path_factory.mktemp("pslang") / "lab", topology(lab_env))


def out(lab, script):
    rc, stdout, stderr = ps(lab, script)
    assert stderr == "", stderr
    return stdout


@pytest.mark.parametrize("script, expected", [
    ("1 + 2 * 3", "7"),
    ("'a' + 1", "a1"),
    ("10 / 4", "2.5"),
    ("'10' -eq 10", "True"),
    ("10 -eq '10'", "True"),
    ("'ABC' -eq 'abc'", "True"),
    ("'ABC' -ceq 'abc'", "False"),
    ("-not $true", "False"),
    ("-not 1 -eq 2", "False"),                  # -not binds tighter than -eq: (-not 1) -eq 2
    ("'Healthy' -like 'heal*'", "True"),
    ("'E2K7NODE1  1 Up' -match '^E2K7NODE1 +[0-9]+ +Up$'", "True"),
    ("(1,2,3 -gt 1).Count", "2"),
    ("@(1,2,3) -contains 2", "True"),
    ("15MB", "15728640"),
    ("'{0} of {1}' -f 1, 2", "1 of 2"),
    ("$x = 5; $x += 2; $x", "7"),
    ("$a = @(); $a.Count", "0"),
    ("@(1).Count", "1"),
    ("[int]'42' + 1", "43"),
    ("'it''s'", "it's"),
    ("'a\u2019\u2019b'.Length", "3"),      # a typographic quote doubled is one quote
    ('$n = "x"; "v=$n, $($n.ToUpper()), `$n"', "v=x, X, $n"),
    ("\"tab`there\"", "tab\there"),
    ("$env:COMPUTERNAME", "E2K7HUB01"),
    ("1..3 | ForEach-Object { $_ * 2 }", "2\r\n4\r\n6"),
    ("1..5 | Where-Object { $_ -gt 3 }", "4\r\n5"),
    ("if ($false) { 'a' } elseif ($true) { 'b' } else { 'c' }", "b"),
    ("foreach ($i in 'x','y') { $i + '!' }", "x!\r\ny!"),
    ("function Twice($v) { $v * 2 }; Twice 21", "42"),
    ("function F { param($A, $B) \"$A-$B\" }; F -B 2 1", "1-2"),
    ("$h = @{Name='n'; Value=3}; $h.Value", "3"),
    ("'a,b'.Split(',')[1]", "b"),
    ("$null -eq $null", "True"),
    ("(Get-Date).Year -gt 2000", "True"),
])
def test_expressions(lab, script, expected):
    assert out(lab, script) == expected + "\r\n"


def test_statements_on_lines_and_comments(lab):
    script = "# a comment\r\n$total = 0\r\nforeach ($n in 1..4) {\r\n  $total += $n  # add\r\n}\r\n$total\r\n"
    assert out(lab, script) == "10\r\n"


def test_a_native_command_sets_lastexitcode_and_its_lines_are_strings(lab):
    rc, stdout, stderr = ps(lab, "cmd /c 'echo one& exit 3'; \"rc=$LASTEXITCODE ok=$?\"")
    assert (rc, stdout) == (0, "one\r\nrc=3 ok=False\r\n")
    rc, stdout, _ = ps(lab, "$lines = @(hostname); $lines[0].ToLower()")
    assert stdout == "e2k7hub01\r\n"


def test_script_file_with_param_and_exit_code_through_lastexitcode(lab):
    lab.execute("E2K7HUB01", "mkdir C:\\runbook & echo param($RunbookHost) > C:\\runbook\\a.ps1")
    lab.execute("E2K7HUB01", "echo Write-Host \"host=$RunbookHost\"; exit 4 >> C:\\runbook\\a.ps1")
    _policy(lab, "RemoteSigned")
    rc, stdout, stderr = ps(lab, "$LASTEXITCODE = 1; & 'C:\\runbook\\a.ps1' E2K7HUB01; exit $LASTEXITCODE")
    assert (rc, stdout, stderr) == (4, "host=E2K7HUB01\r\n", "")


def _policy(lab, policy):
    rc, _, stderr = ps(lab, f"Set-ExecutionPolicy {policy}")
    assert rc == 0, stderr


def test_a_functions_output_streams_between_its_write_host_lines(lab):
    script = "function F { Write-Host 'one'; 'two'; Write-Host 'three' }; F; $x = @(F); $x.Count"
    assert out(lab, script) == "one\r\ntwo\r\nthree\r\none\r\nthree\r\n1\r\n"


def test_write_host_without_a_newline(lab):
    assert out(lab, "Write-Host 'a' -NoNewline; Write-Host 'b'; Write-Host 'c' -NoNewline") == "ab\r\nc\r\n"
