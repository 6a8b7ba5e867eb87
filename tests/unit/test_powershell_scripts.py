"""powershell blocks -> steps -> one `.ps1` per host and stage, on small hand-written pages; the
checks `runbook check` makes of them; run-all.cmd starting the `.ps1`."""

from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.languages import language
from generator.languages.cmd.script import cmd_script
from generator.languages.powershell.script import (AFTER_CHECK_LINE, AFTER_RUN_LINE, powershell_script,
                                                    start_beside, start_line)
from generator.languages.powershell.statements import incomplete
from generator.rendering.page import parse_page
from generator.runbooks import Stage
from generator.scripts.header import ScriptHeader, SecretPrompt
from generator.scripts.plan import plan_stage

STAGE = Stage("rb", "post-install", "Post-install", "", 9, None, None)  # type: ignore[arg-type]
SNAPIN = "Microsoft.Exchange.Management.PowerShell.Admin"

PAGE = """# Post-install

## Set the dial

```powershell {check=N1}
Get-MailboxServer 'CMS' | Format-List
(Get-MailboxServer 'CMS').AutoDatabaseMountDial -eq 'BestAvailability'
```

```powershell {run=N1}
Set-MailboxServer 'CMS' -AutoDatabaseMountDial:BestAvailability -Password $env:PW_A
```

## The copies are healthy

```ps1 {check=N1}
@(Get-StorageGroupCopyStatus | Where-Object { $_.SummaryCopyStatus -ne 'Healthy' }).Count -eq 0
```

## N2 is done

```ps1 {check=N1 waits-for=N2}
Test-Path '\\\\N2\\share'
```
"""


def parts(page_text: str, source: str = "x.md"):
    return plan_stage(STAGE, parse_page(page_text, source), source)


def script(page_text: str = PAGE, secrets=(), snapins=(SNAPIN,), aliases=()) -> list[str]:
    [host] = parts(page_text)
    header = ScriptHeader("Demo runbook", "site", host.host, "https://x/", aliases, snapins)
    text = powershell_script(header, [host], list(secrets))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return text.split("\r\n")


def test_glue_is_powershell_1_0():
    text = "\n".join(script())
    for later in ("try {", "catch", "-File", "$PSScriptRoot", "return ", "[CmdletBinding", "-ErrorAction Ignore"):
        assert later not in text
    assert "$ErrorActionPreference = 'Stop'" in text and "\ntrap {" in text


def test_each_check_block_is_a_condition_and_each_run_line_stops_on_failure():
    lines = script()
    first = lines.index("Get-MailboxServer 'CMS' | Format-List")
    assert lines[first - 1] == "function RunbookCheck {" and lines[first + 1] == AFTER_CHECK_LINE
    last = lines.index("(Get-MailboxServer 'CMS').AutoDatabaseMountDial -eq 'BestAvailability'")
    assert lines[last + 1:last + 5] == [AFTER_CHECK_LINE, "}", "$RunbookOut = @(RunbookCheck)",
                                        "if (-not (RunbookTrue $RunbookOut)) { $RunbookDone = $false }"]
    run = lines.index("Set-MailboxServer 'CMS' -AutoDatabaseMountDial:BestAvailability -Password $env:PW_A")
    assert lines[run - 2:run] == ['if ($RunbookDone) { RunbookSay "ok $RunbookStep" } else {', "$RunbookPhase = 'run'"]
    assert lines[run + 1] == AFTER_RUN_LINE
    assert lines[run + 2:run + 6] == ["$RunbookPhase = 'glue'", "$RunbookChanged = $RunbookChanged + 1",
                                      'RunbookSay "changed $RunbookStep"', "}"]
    assert "$RunbookStep = 'post-install step 1/3: Set the dial'" in lines
    assert any(l.startswith("function RunbookTrue($Out)") and l.endswith("$Last -eq $true }") for l in lines)
    # A check's error is "not done", any other error ends the run with FAILED and exit 1.
    assert any(l.startswith("trap { if (($RunbookPhase -eq 'check')") for l in lines)
    assert 'function RunbookFailed { RunbookSay "FAILED $RunbookStep"; exit 1 }' in lines


def test_gates_end_with_not_met_or_wait_for_the_other_host():
    lines = script()
    gate = lines.index("@(Get-StorageGroupCopyStatus | Where-Object { $_.SummaryCopyStatus -ne 'Healthy' }).Count -eq 0")
    assert 'if ($RunbookDone) { RunbookSay "ok $RunbookStep" } else { RunbookUnmet }' in lines[gate:gate + 7]
    wait = lines.index("Test-Path '\\\\N2\\share'")
    assert lines[wait + 6] == "if ($RunbookDone) { RunbookSay \"ok $RunbookStep\" } else { RunbookWaiting 'N2' }"
    waiting = next(l for l in lines if l.startswith("function RunbookWaiting"))
    assert '"WAIT $RunbookStep"' in waiting and waiting.endswith("exit 6 }")
    assert lines[-3:] == ['RunbookSay "end stage=post-install host=N1 changed=$RunbookChanged"', "exit 0", ""]


def test_the_script_runs_on_its_host_only_and_logs_beside_itself():
    lines = script(aliases=("OLDNAME",))
    guard = next(l for l in lines if "WRONG HOST" in l)
    assert guard.startswith("if (-not (($env:COMPUTERNAME -eq 'N1') -or ($env:COMPUTERNAME -eq 'OLDNAME') -or "
                            "($RunbookHost -eq 'N1')))") and guard.endswith("exit 5 }")
    assert lines.index("param($RunbookHost)") < lines.index(guard)
    assert "$RunbookLog = Join-Path (Split-Path $MyInvocation.MyCommand.Path) '09-post-install.log'" in lines
    say = next(l for l in lines if l.startswith("function RunbookSay"))
    assert "Add-Content -Path $RunbookLog" in say and 'Write-Host "[runbook] $Text"' in say
    # Nothing runs before the guard but the glue's definitions.
    assert lines.index(guard) < lines.index(next(l for l in lines if "Add-PSSnapin" in l))


def test_the_runbooks_snap_ins_are_loaded_or_the_script_says_which_is_missing():
    lines = script()
    registered, loaded = [l for l in lines if SNAPIN in l]
    assert registered.startswith(f"if (-not (Get-PSSnapin -Registered | Where-Object {{ $_.Name -eq '{SNAPIN}' }}))")
    assert f"'FAILED the PowerShell snap-in {SNAPIN} is not registered on N1" in registered
    assert registered.endswith("exit 1 }")
    assert loaded == f"if (-not (Get-PSSnapin | Where-Object {{ $_.Name -eq '{SNAPIN}' }})) {{ Add-PSSnapin '{SNAPIN}' }}"
    assert not [l for l in script(snapins=()) if "PSSnapin" in l]


def test_secrets_are_read_at_run_time_and_never_written():
    lines = script(secrets=[SecretPrompt("PW_A", "password of D\\a"), SecretPrompt("PW_B", "other")])
    text = "\n".join(lines)
    ask = next(l for l in lines if l.startswith("if (-not $env:PW_A) { $RunbookSecure = Read-Host -AsSecureString"))
    assert "'Enter the password of D\\a (PW_A)'" in ask
    assert "if (-not $env:PW_A) { Write-Host '[runbook] FAILED set PW_A first'; exit 2 }" in lines
    assert "PW_B" not in text                          # only the secrets its blocks use
    assert lines.index(ask) < lines.index('RunbookSay "begin stage=post-install host=N1 steps=3"')


def test_a_step_that_restarts_its_host_is_refused_at_its_line():
    page = "# P\n\n## Restart\n\n```powershell {check=N1}\n$false\n```\n\n```powershell {run=N1 restarts}\nshutdown /r\n```\n"
    with pytest.raises(ContentError, match=r"^runbooks/rb/stages/post-install\.md:9: a powershell step cannot restart its host"):
        script(page)


@pytest.mark.parametrize("line,reason", [
    ("Get-Thing 'open", "leaves a string open"),
    ('Get-Thing "open', "leaves a string open"),
    ("if ($x) {", "leaves a '{' open"),
    ("Get-Thing (", "leaves a '(' open"),
    ("Get-Thing |", "ends with a pipe"),
    ("Get-Thing `", "ends with a backtick"),
    ("$x = @'", "opens a here-string"),
    ("}", "closes a '{' it did not open"),
    ('Write-Host "$(Get-Thing"', "leaves"),
])
def test_a_line_that_is_not_one_complete_statement_is_refused_at_its_line(line, reason):
    assert reason in (incomplete(line) or "")
    page = f"# P\n\n## S\n\n```powershell {{check=N1}}\nGet-Thing\n{line}\n```\n"
    with pytest.raises(ContentError, match=r"^runbooks/rb/stages/post-install\.md:7: powershell line .* one complete statement per line"):
        script(page)


@pytest.mark.parametrize("line", [
    "Get-Thing 'it''s' \"a `\" b\" # a comment with ' and {",
    "if ($x) { Get-Thing } else { Get-Other }",
    'Write-Host "$(Get-Date) (x"',
    "Get-Thing -Name \u2018x\u2019 | Format-List",
    "$a = @(1, 2); $a[0]",
])
def test_complete_statements_pass(line):
    assert incomplete(line) is None


def test_one_language_per_host_and_stage():
    mixed = ("# P\n\n## A\n\n```cmd {check=N1}\nhostname\n```\n\n## B\n\n```powershell {check=N2}\n$true\n```\n\n"
             "## C\n\n```powershell {check=N1}\n$true\n```\n")
    with pytest.raises(ContentError, match=r"^x\.md:17: one script language per host and stage, but this powershell "
                                           r"block for N1 follows cmd blocks \(line 5\)"):
        parts(mixed)
    n1, n2 = parts(mixed.split("\n## C")[0])                 # each host in its own language: fine
    assert (n1.language, n2.language) == ("cmd", "powershell")


def test_start_lines_pass_the_host_and_the_scripts_exit_code():
    assert start_line("C:\\O'Brien\\09-post-install.ps1", "N1") == (
        "%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\powershell.exe -NoProfile -NonInteractive -Command \"$LASTEXITCODE = 1; "
        "& 'C:\\O''Brien\\09-post-install.ps1' N1; exit $LASTEXITCODE\"")
    assert start_line("%TEMP%\\runbook\\1\\09-post-install.ps1", "N1") == (     # apply's folder: TEMP read by PowerShell
        "%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\powershell.exe -NoProfile -NonInteractive -Command \"$LASTEXITCODE = 1; "
        "& (Join-Path $env:TEMP 'runbook\\1\\09-post-install.ps1') N1; exit $LASTEXITCODE\"")
    assert language("ps1").start("C:\\x\\a.ps1", "N1") == start_line("C:\\x\\a.ps1", "N1")
    with pytest.raises(ContentError):
        start_line("C:\\a.ps1", "N1; Remove-Item C:\\")


def test_run_all_cmd_starts_the_ps1_stage_in_order_and_stops_on_its_failure():
    cmd_stage = Stage("rb", "mailbox-server", "Mailbox", "", 8, None, None)  # type: ignore[arg-type]
    [before] = plan_stage(cmd_stage, parse_page("## A\n\n```cmd {check=N1}\nhostname\n```\n", "y.md"), "y.md")
    [ps] = parts(PAGE)
    header = ScriptHeader("Demo runbook", "site", "N1", "https://x/")
    lines = cmd_script(header, [before, ps], [SecretPrompt("PW_A", "password of D\\a")]).split("\r\n")
    start = start_beside("09-post-install.ps1", "N1")
    assert start == ("%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\powershell.exe -NoProfile -NonInteractive "
                     "-Command \"$LASTEXITCODE = 1; "
                     "& (Join-Path $env:RUNBOOK_DIR '09-post-install.ps1') N1; exit $LASTEXITCODE\"")
    at = lines.index(start)
    assert lines[at + 1] == "if errorlevel 1 exit /b %errorlevel%"
    assert lines.index("hostname") < at                                 # after the cmd stage before it
    assert lines.index('set "RUNBOOK_DIR=%~dp0"') < lines.index("setlocal EnableDelayedExpansion")
    # The .ps1's secret is asked for by run-all, so the script finds it set.
    assert any(l.startswith("if not defined PW_A call :read_secret PW_A") for l in lines)
    assert "Set-MailboxServer" not in "\n".join(lines)                  # the .ps1 holds the blocks


def test_a_script_carrying_text_outside_ascii_has_the_utf8_mark():
    [host] = parts("## S\n\n```powershell {check=N1}\nGet-Thing -Name 'Zürich'\n```\n")
    header = ScriptHeader("Demo runbook", "site", "N1", "https://x/")
    assert powershell_script(header, [host], []).startswith("\ufeff# ====")
    assert powershell_script(ScriptHeader("Demo", "site", "N1", "https://x/"), parts(PAGE)[:1], []).startswith("# ====")
