"""Stage scripts as PowerShell 1.0 `.ps1` files (the Exchange Management Shell's language).

One `.ps1` per host and stage, started with
`%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\powershell.exe -NoProfile -NonInteractive -Command "$LASTEXITCODE = 1; & 'PATH' HOST; exit $LASTEXITCODE"`
(PowerShell 1.0 has no `-File`; the `1` stands when the script could not start at all, such as
under the Restricted execution policy). The block lines are copied as they are; around them
the script adds only fixed glue, in this order:

    header          what it is, where its commands are shown, its exit codes
    param           HOST: the host it is for, when the machine does not have that name yet
    glue functions  say, failed, unmet, waiting, true; a trap that ends a failing run
    host guard      $env:COMPUTERNAME, or the HOST argument; else exit 5
    log             `<script>.log` beside it: start, and every [runbook] event, timed
    snap-ins        the runbook's (runbook.yaml `languages: powershell: snapins:`), loaded
                    when registered, else a [runbook] FAILED line and exit 1
    secrets         from $env:VAR, else Read-Host -AsSecureString, else exit 2
    steps           per step: its check blocks, each a function whose lines must run
                    without error and whose last output is $true; else its run lines, each
                    followed by `if (-not $?)` (a native command's exit code), or the gate's
                    NOT MET (exit 1) / WAIT (exit 6)

The glue keeps to PowerShell 1.0: no try/catch (a `trap`), no `-File`, no `$PSScriptRoot`
(`$MyInvocation.MyCommand.Path`), no `return`; `$ErrorActionPreference = 'Stop'` makes a
cmdlet's error end the statement, which the trap turns into not done (a check) or FAILED.
A step that restarts its host is refused: put it in a cmd stage. Exit codes: scripts.progress.
"""

from __future__ import annotations

import re

from ... import __version__
from ...errors import ContentError
from ...scripts import progress
from ...scripts.header import ScriptHeader, SecretPrompt
from ...scripts.plan import HostStage, Step
from ...runbooks import SNAPIN
from ...scripts.progress import plain_text as plain
from .escaping import SINGLE_QUOTES, secret_variables
from .statements import incomplete

# The glue lines that may stand between two lines of one block in a script.
AFTER_CHECK_LINE = "if (-not $?) { throw $RunbookStep }"
AFTER_RUN_LINE = "if (-not $?) { RunbookFailed }"
_HOST_NAME = re.compile(r"[A-Za-z0-9_.-]{1,63}")


def start_line(path: str, host: str) -> str:
    """The command line (for cmd.exe) that runs the `.ps1` at `path` as the script for `host`. A
    path that starts with a variable (`%TEMP%\\runbook\\...`, as `apply` stages its files) has it
    read by PowerShell (`$env:TEMP`): cmd would put its value, which may hold a quote (a profile
    such as O'Brien), inside the quoted path."""
    variable = _LEADING_VARIABLE.match(path)
    if variable:
        return _started(f"(Join-Path $env:{variable[1]} {_quoted(variable[2])})", host)
    return _started(_quoted(path), host)


_LEADING_VARIABLE = re.compile(r"^%([A-Za-z_]\w*)%\\(.+)$")


def start_beside(name: str, host: str) -> str:
    """The line run-all.cmd starts the `.ps1` named `name` with, from its own folder: the folder
    reaches PowerShell as a variable (%RUNBOOK_DIR%), never parsed, whatever its name holds."""
    return _started(f"(Join-Path $env:RUNBOOK_DIR {_quoted(name)})", host)


def _started(script: str, host: str) -> str:
    if not _HOST_NAME.fullmatch(host):
        raise ContentError(f"{host!r} cannot be passed to a script as its host's name")
    return f'{POWERSHELL_EXE} -NoProfile -NonInteractive -Command "$LASTEXITCODE = 1; & {script} {host}; exit $LASTEXITCODE"'


# By its full path: run-all.cmd may have installed PowerShell a stage earlier (KB926139, the 2008
# feature), and a running cmd.exe keeps the PATH it started with. %SystemRoot% holds no blank, so
# the line needs no leading quote (which `cmd /c` would strip with the last one).
POWERSHELL_EXE = "%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\powershell.exe"


def powershell_script(header: ScriptHeader, parts: list[HostStage], secrets: list[SecretPrompt]) -> str:
    """The `.ps1` of one stage on one host (run-all.cmd starts it among the cmd stages)."""
    if len(parts) != 1:
        raise ContentError(f"{header.host}: a .ps1 holds one stage; run-all.cmd starts each in turn")
    [part] = parts
    steps = [line for step in part.steps for line in _step(part, step)]
    used = secret_variables("\n".join(b.text for s in part.steps for b in (*s.checks, *s.runs)))
    lines = _preamble(header, part) + _functions(part.stage.slug) + _host_guard(header, part.stage.slug)
    lines += _log_start(part.stage.slug) + _snapins(header)
    for secret in secrets:
        if secret.variable in used:
            lines += _prompt(secret)
    lines += ["", "$RunbookChanged = 0",
              f'RunbookSay "begin stage={part.stage.id} host={part.host} steps={len(part.steps)}"']
    lines += steps
    lines += ["", f'RunbookSay "end stage={part.stage.id} host={part.host} changed=$RunbookChanged"', "exit 0"]
    text = "\r\n".join(lines) + "\r\n"
    # PowerShell reads a script without a byte order mark in the ANSI code page: a value
    # outside ASCII needs the UTF-8 mark to arrive as written.
    return text if text.isascii() else "\ufeff" + text


def _preamble(header: ScriptHeader, part: HostStage) -> list[str]:
    return [
        "# " + "=" * 74,
        f"#  {plain(header.title)}",
        f"#  Environment {header.environment}, host {header.host}: stage {part.stage.number} {part.stage.id}",
        f"#  Generated by runbook {__version__}. Do not edit: change the stage template or the",
        "#  environment file and render again. Every command is shown, in this order, on",
        f"#  {plain(header.page)}",
        "#  Stops at the first failing command; a second run skips what is already done.",
        f"#  Exit codes: {progress.DONE} done; {progress.STEP_FAILED} a step failed or a prerequisite does not "
        f"hold; {progress.SECRET_MISSING} a",
        f"#  secret is missing; {progress.WRONG_HOST} not this script's host; {progress.WAITING} it waits for "
        "another host's",
        "#  scripts: run them first, then this one again. Events go to <script>.log beside it.",
        f"#  Start: powershell.exe -NoProfile -NonInteractive -Command \"& '.\\{part.stage.slug}.ps1'\"",
        "# " + "=" * 74,
        "param($RunbookHost)",
        "$ErrorActionPreference = 'Stop'",
        "$RunbookPhase = 'glue'",
        "$RunbookStep = 'start'",
    ]


def _functions(slug: str) -> list[str]:
    return [
        "$RunbookLog = Join-Path (Split-Path $MyInvocation.MyCommand.Path) " + _quoted(slug + ".log"),
        "function RunbookSay($Text) { Write-Host \"" + progress.PREFIX + " $Text\"; "
        "Add-Content -Path $RunbookLog -Value \"$(Get-Date) " + progress.PREFIX + " $Text\" }",
        f"function RunbookFailed {{ RunbookSay \"{progress.FAILED} $RunbookStep\"; exit {progress.STEP_FAILED} }}",
        f"function RunbookUnmet {{ RunbookSay \"{progress.NOT_MET} $RunbookStep\"; Write-Host 'This check must pass "
        f"before the stage can go on; the page explains what to do.'; exit {progress.STEP_FAILED} }}",
        f"function RunbookWaiting($Other) {{ RunbookSay \"{progress.WAIT} $RunbookStep\"; Write-Host \"This stage "
        "needs what the scripts of $Other do before it (the Scripts page's plan says which). Run them on $Other "
        f"first, then run this same script again: it skips what is done.\"; exit {progress.WAITING} }}",
        "function RunbookTrue($Out) { $Last = $null; foreach ($Item in $Out) { $Last = $Item }; $Last -eq $true }",
        # A check's error means not done; a secret's prompt that cannot ask leaves it unset
        # (exit 2 below); any other error ends the run.
        "trap { if (($RunbookPhase -eq 'check') -or ($RunbookPhase -eq 'ask')) { continue }; Write-Host $_; "
        "RunbookFailed }",
    ]


def _host_guard(header: ScriptHeader, slug: str) -> list[str]:
    """Before anything changes: this is the host the script is for, by its name or by the name
    the environment says it has before the rename; otherwise HOST names it explicitly."""
    host = header.host
    for name in (host, *header.aliases):
        if not _HOST_NAME.fullmatch(name):
            raise ContentError(f"{host}: {name!r} cannot be a name of the host in its scripts' guard "
                               "(letters, digits, '.', '_' and '-' only)")
    names = " -or ".join(f"($env:COMPUTERNAME -eq '{name}')" for name in (host, *header.aliases))
    return [
        f"if (-not ({names} -or ($RunbookHost -eq '{host}'))) {{ Write-Host \"{progress.PREFIX} WRONG HOST this "
        f"script is for {host} and runs on $($env:COMPUTERNAME): run it on {host}; on {host} before it is renamed, "
        f"start it as: & '.\\{slug}.ps1' {host}\"; exit {progress.WRONG_HOST} }}",
    ]


def _log_start(slug: str) -> list[str]:
    return [f"Add-Content -Path $RunbookLog -Value \"$(Get-Date) {slug}.ps1 $RunbookHost on $($env:COMPUTERNAME) "
            "as $($env:USERDOMAIN)\\$($env:USERNAME)\""]


def _snapins(header: ScriptHeader) -> list[str]:
    lines = []
    for name in header.snapins:
        if not re.match(SNAPIN, name):
            raise ContentError(f"snap-in {name!r}: not a PowerShell snap-in name")
        lines += [
            f"if (-not (Get-PSSnapin -Registered | Where-Object {{ $_.Name -eq '{name}' }})) {{ RunbookSay "
            f"'{progress.FAILED} the PowerShell snap-in {name} is not registered on {header.host}: install what "
            f"registers it (the stage page says which), then run this script again'; exit {progress.STEP_FAILED} }}",
            f"if (-not (Get-PSSnapin | Where-Object {{ $_.Name -eq '{name}' }})) {{ Add-PSSnapin '{name}' }}",
        ]
    return lines


def _prompt(secret: SecretPrompt) -> list[str]:
    var, label = secret.variable, _quoted(f"Enter the {plain(secret.label)} ({secret.variable})")
    return [
        "$RunbookPhase = 'ask'",
        f"if (-not $env:{var}) {{ $RunbookSecure = Read-Host -AsSecureString {label}; $env:{var} = "
        "[Runtime.InteropServices.Marshal]::PtrToStringAuto([Runtime.InteropServices.Marshal]::SecureStringToBSTR("
        "$RunbookSecure)) }",
        "$RunbookPhase = 'glue'",
        f"if (-not $env:{var}) {{ Write-Host '{progress.PREFIX} {progress.FAILED} set {var} first'; "
        f"exit {progress.SECRET_MISSING} }}",
    ]


def _step(part: HostStage, step: Step) -> list[str]:
    stage, total = part.stage, len(part.steps)
    name = f"{stage.id} step {step.number}/{total}: {plain(step.title)}"
    if step.restart is not None:
        block = next(b for b in step.runs if b.restart is not None)
        raise ContentError(f"{stage.source}:{block.line}: a powershell step cannot restart its host; "
                           "put the restarting step in a cmd stage")
    lines = ["", f"# --- {name}", f"$RunbookStep = {_quoted(name)}", "$RunbookPhase = 'check'", "$RunbookDone = $true"]
    for block in step.checks:
        lines += ["$RunbookOut = $null", "function RunbookCheck {"]
        for line in _block_lines(block, stage.source):
            lines += [line, AFTER_CHECK_LINE]
        lines += ["}", "$RunbookOut = @(RunbookCheck)", "if (-not (RunbookTrue $RunbookOut)) { $RunbookDone = $false }"]
    lines.append("$RunbookPhase = 'glue'")
    ok = f'RunbookSay "{progress.OK} $RunbookStep"'
    if step.is_gate:
        otherwise = f"RunbookWaiting {_quoted(step.waits_for)}" if step.waits_for else "RunbookUnmet"
        return lines + [f"if ($RunbookDone) {{ {ok} }} else {{ {otherwise} }}"]
    lines += [f"if ($RunbookDone) {{ {ok} }} else {{", "$RunbookPhase = 'run'"]
    for block in step.runs:
        for line in _block_lines(block, stage.source):
            lines += [line, AFTER_RUN_LINE]
    return lines + ["$RunbookPhase = 'glue'", "$RunbookChanged = $RunbookChanged + 1",
                    f'RunbookSay "{progress.CHANGED} $RunbookStep"', "}"]


def _block_lines(block, source: str) -> list[str]:
    """The block's lines, each one complete statement (else file:line says which is not)."""
    lines = []
    for number, line in enumerate(block.lines, start=block.line + 1):
        if not line.strip():
            continue
        reason = incomplete(line)
        if reason:
            raise ContentError(f"{source}:{number}: powershell line {line.strip()!r} {reason}: write one complete "
                               "statement per line")
        lines.append(line)
    return lines


def _quoted(text: str) -> str:
    """A single-quoted PowerShell literal of glue text."""
    return "'" + "".join(c + c if c in SINGLE_QUOTES else c for c in text) + "'"
