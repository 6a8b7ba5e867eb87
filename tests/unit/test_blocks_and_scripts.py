"""Executable blocks -> steps -> batch scripts, on small hand-written pages."""

from __future__ import annotations

import re

import pytest

from generator.errors import ContentError
from generator.rendering.page import parse_page
from generator.runbooks import Stage
from generator.scripts import progress
from generator.languages.cmd.script import cmd_script
from generator.scripts.header import ScriptHeader, SecretPrompt
from generator.scripts.plan import plan_stage

STAGE = Stage("rb", "demo", "Demo", "", 3, None, None)  # type: ignore[arg-type]

PAGE = """# Demo

## Rename Public

=== "GUI"

    Click things.

=== "N1"

    ```cmd {check=N1}
    ipconfig /all | find "Ethernet adapter Public:"
    ```
    ```cmd {run=N1}
    netsh interface set interface name="LAN" newname="Public"
    ```

## Both up

```cmd {check=N1}
cluster C node | find "N2"
```

```cmd
echo display only, not executable
```
"""


def test_blocks_keep_lines_and_become_titled_fences():
    page = parse_page(PAGE, "demo.md")
    assert [(b.kind, b.host, b.step.title) for b in page.blocks] == [
        ("check", "N1", "Rename Public"), ("run", "N1", "Rename Public"), ("check", "N1", "Both up")]
    assert page.blocks[1].text == 'netsh interface set interface name="LAN" newname="Public"'
    assert '    ```bat title="N1 · run"' in page.markdown
    assert "{run=" not in page.markdown and "```cmd\necho display only" in page.markdown


@pytest.mark.parametrize("info,message", [
    ("cmd {run=}", "exactly one of run=HOST or check=HOST"),
    ("cmd {run=A check=A}", "exactly one of"),
    ("cmd {host=A}", "exactly one of"),
])
def test_bad_block_attributes_are_located(info, message):
    with pytest.raises(ContentError, match=rf"demo\.md:3: .*{message}"):
        parse_page(f"## Step\n\n```{info}\nhostname\n```\n", "demo.md")


def test_block_needs_a_heading_and_content():
    with pytest.raises(ContentError, match="needs a heading"):
        parse_page("```cmd {run=A}\nhostname\n```\n", "x.md")
    with pytest.raises(ContentError, match="is empty"):
        parse_page("## S\n```cmd {check=A}\n\n```\n", "x.md")


def test_run_without_check_is_refused():
    page = parse_page("## Change\n\n```cmd {run=A}\nnetsh interface ip set address ...\n```\n", "x.md")
    with pytest.raises(ContentError, match="without a check block"):
        plan_stage(STAGE, page, "x.md")


def test_steps_split_check_run_pairs_under_one_heading():
    text = "## Rename\n```cmd {check=A}\nc1\n```\n```cmd {run=A}\nr1\n```\n```cmd {check=A}\nc2\n```\n```cmd {run=A}\nr2\n```\n"
    [host] = plan_stage(STAGE, parse_page(text, "x.md"), "x.md")
    assert [(s.title, [b.text for b in s.checks], [b.text for b in s.runs]) for s in host.steps] == [
        ("Rename (1/2)", ["c1"], ["r1"]), ("Rename (2/2)", ["c2"], ["r2"])]


def script_for(page_text: str, secrets=()) -> str:
    [host] = plan_stage(STAGE, parse_page(page_text, "x.md"), "x.md")
    return cmd_script(ScriptHeader("Demo runbook", "site", host.host, "https://x/"), [host], list(secrets))


def test_script_guards_each_change_and_names_the_step():
    script = script_for(PAGE)
    lines = script.split("\r\n")
    assert script.endswith("\r\n") and "\n" not in script.replace("\r\n", "")
    check = lines.index('ipconfig /all | find "Ethernet adapter Public:"')
    assert lines[check - 1] == "call :not_done" and lines[check + 1] == "if errorlevel 1 goto s3_1_todo"
    run = lines.index('netsh interface set interface name="LAN" newname="Public"')
    assert lines[run + 1] == "if errorlevel 1 goto failed"
    assert 'set "RUNBOOK_STEP=demo step 1/2: Rename Public"' in lines
    assert "goto unmet" in lines          # "Both up" is a gate: checks only


def test_script_prompts_only_for_secrets_it_uses():
    page = "## Join\n```cmd {check=A}\nx\n```\n```cmd {run=A}\nnetdom join /pd:%PW_A% /ud:%USERNAME%\n```\n"
    script = script_for(page, [SecretPrompt("PW_A", "password of D\\a"), SecretPrompt("PW_B", "other")])
    assert 'if not defined PW_A call :read_secret PW_A "password of D\\a (PW_A)"' in script
    assert "PW_B" not in script and "USERNAME=" not in script
    assert "set /p" not in script                     # set /p echoes what is typed


def test_secrets_are_read_before_delayed_expansion_and_without_echo():
    page = "## Join\n```cmd {check=A}\nx\n```\n```cmd {run=A}\nnetdom join \"/pd:!PW_A!\"\n```\n"
    lines = script_for(page, [SecretPrompt("PW_A", "password of D\\a")]).split("\r\n")
    read = lines.index('if not defined PW_A call :read_secret PW_A "password of D\\a (PW_A)"')
    assert lines.index("setlocal DisableDelayedExpansion") < read < lines.index("setlocal EnableDelayedExpansion")
    assert any('CreateObject("ScriptPW.Password")' in line for line in lines)          # 2003: hidden input
    assert any("Read-Host -AsSecureString" in line for line in lines)                  # else PowerShell


def test_a_script_runs_on_its_host_only_and_logs_beside_itself():
    lines = script_for("## S\n```cmd {check=A}\nx\n```\n").split("\r\n")
    guard = lines.index('if /i "%COMPUTERNAME%"=="A" goto host_ok')
    assert lines[guard + 1] == 'if /i "%~1"=="/host:A" goto host_ok'
    assert lines[guard + 3] == "exit /b 5" and lines[guard + 4] == ":host_ok"
    assert 'set "RUNBOOK_LOG=%~dpn0.log"' in lines
    assert all(not l.startswith("netsh") for l in lines[:guard])        # nothing changes before the guard


def test_a_restarting_step_ends_the_run_with_3010():
    page = ("## Rename\n```cmd {check=A}\nhostname\n```\n```cmd {run=A restarts}\nwmic rename\nshutdown /r /t 20\n```\n"
            "## Install\n```cmd {check=A}\nquery\n```\n```cmd {run=A restart-if=3010}\nServerManagerCmd -install X\n```\n")
    lines = script_for(page).split("\r\n")
    after = lines.index("shutdown /r /t 20")
    assert lines[after + 1:after + 5] == ["if errorlevel 1 goto failed", "set /a RUNBOOK_CHANGED+=1 >nul",
                                          'call :say "changed %RUNBOOK_STEP%"', "goto restarting"]
    install = lines.index("ServerManagerCmd -install X")
    assert lines[install + 1] == "if errorlevel 3010 if not errorlevel 3011 goto s3_2_restart"
    restart = lines.index(":s3_2_restart")
    assert lines[restart + 3].startswith("shutdown /r /t 20 ") and lines[restart + 5] == "goto restarting"
    assert lines[lines.index(":restarting") + 3] == "exit /b 3010"
    outcome = progress.parse_progress("[runbook] RESTART demo step 1/2: Rename\r\n")
    assert outcome.restart.number == 1 and outcome.failure is None


@pytest.mark.parametrize("attrs,message", [
    ("check=A restarts", "only a run block restarts its host"),
    ("run=A restarts restart-if=3010", "exclude each other"),
    ("run=A restart-if=1", "other than the scripts' own"),
    ("run=A restart-if=x", "other than the scripts' own"),
])
def test_restart_attributes_are_checked(attrs, message):
    with pytest.raises(ContentError, match=message):
        parse_page(f"## S\n```cmd {{{attrs}}}\nx\n```\n", "x.md")


def test_progress_lines_round_trip():
    output = "\r\n".join([
        "[runbook] begin stage=demo host=A steps=2",
        "[runbook] ok demo step 1/2: Rename Public",
        "[runbook] changed demo step 2/2: Both up",
        "[runbook] end stage=demo host=A changed=1", ""])
    outcome = progress.parse_progress(output)
    assert [(s.number, s.event) for s in outcome.steps] == [(1, "ok"), (2, "changed")]
    assert outcome.finished == ["demo"] and outcome.failure is None and len(outcome.changed) == 1
    failed = progress.parse_progress("[runbook] FAILED demo step 2/2: Both up\r\n")
    assert failed.failure.number == 2 and failed.finished == []


def test_non_ascii_block_is_refused():
    page = "## S\n```cmd {check=A}\necho café\n```\n"
    with pytest.raises(ContentError, match="not ASCII"):
        script_for(page)


def test_an_executable_block_in_a_language_no_assembler_handles_is_refused():
    with pytest.raises(ContentError, match=r"x\.md:3: no script assembler handles `bash` blocks \(executable blocks may be: "
                                           r"bat, batch, cmd, powershell, ps1\)"):
        parse_page("## Step\n\n```bash {run=A}\nls\n```\n", "x.md")


def test_one_script_language_per_stage():
    from generator.rendering.page import parse_page as parse
    page = parse("## A\n\n```cmd {check=A}\nhostname\n```\n```bat {run=A}\nhostname\n```\n", "x.md")
    [host] = plan_stage(STAGE, page, "x.md")
    assert host.language == "cmd"            # bat and cmd are one language: one script


def test_a_waiting_gate_ends_the_run_with_6_naming_the_other_host():
    page = ("## B has joined\n```cmd {check=A waits-for=B}\nnltest /server:B /sc_query:d\n```\n"
            "## Add B\n```cmd {check=A}\ncluster node B\n```\n```cmd {run=A}\ncluster /add:B\n```\n")
    parsed = parse_page(page, "x.md")
    assert parsed.blocks[0].waits_for == "B" and 'title="A · check, waits for B"' in parsed.markdown
    lines = script_for(page).split("\r\n")
    check = lines.index("nltest /server:B /sc_query:d")
    assert lines[check + 1] == "if errorlevel 1 goto s3_1_unmet"
    unmet = lines.index(":s3_1_unmet")
    assert lines[unmet + 1:unmet + 3] == ['set "RUNBOOK_WAIT_FOR=B"', "goto waiting"]
    waiting = lines.index(":waiting")
    assert lines[waiting + 1] == 'call :say "WAIT %RUNBOOK_STEP%"' and lines[waiting + 3] == "exit /b 6"
    assert unmet < lines.index("cluster /add:B")         # nothing after the gate runs before B is done
    outcome = progress.parse_progress("[runbook] WAIT demo step 1/2: B has joined\r\n")
    assert outcome.waiting.number == 1 and outcome.failure is None


@pytest.mark.parametrize("page,message", [
    ("## S\n```cmd {run=A waits-for=B}\nx\n```\n", "belongs on a check block"),
    ("## S\n```cmd {check=A waits-for=A}\nx\n```\n", "another host than the block's own"),
    ("## S\n```cmd {check=A waits-for=}\nx\n```\n", "belongs on a check block"),
])
def test_wait_attributes_are_checked(page, message):
    with pytest.raises(ContentError, match=message):
        parse_page(page, "x.md")


def test_a_waiting_check_stands_in_a_gate_of_its_own():
    page = "## S\n```cmd {check=A waits-for=B}\nx\n```\n```cmd {run=A}\ny\n```\n"
    with pytest.raises(ContentError, match="a waits-for check stands in a step of its own"):
        plan_stage(STAGE, parse_page(page, "x.md"), "x.md")


def test_the_host_guard_accepts_the_name_the_host_has_before_the_rename():
    [host] = plan_stage(STAGE, parse_page("## S\n```cmd {check=A}\nx\n```\n", "x.md"), "x.md")
    script = cmd_script(ScriptHeader("Demo", "site", "A", "https://x/", ("WIN-SETUP1",)), [host], [])
    lines = script.split("\r\n")
    assert lines.index('if /i "%COMPUTERNAME%"=="WIN-SETUP1" goto host_ok') < lines.index(":host_ok")
    with pytest.raises(ContentError, match="cannot be a name of the host"):
        cmd_script(ScriptHeader("Demo", "site", "A", "https://x/", ("X&del",)), [host], [])


@pytest.mark.parametrize("text", ["Share MNS_FSW_E2K7CLUS on **HUB01**", "Set _MNSFileShare_ with `cluster.exe`",
                                  "__Move__ the group", "Keep snake_case and *emphasis*"])
def test_a_steps_title_and_anchor_are_the_headings_as_markdown_shows_them(text):
    import markdown
    html = markdown.markdown(f"## {text}", extensions=["toc"])
    shown = re.sub(r"<[^>]+>", "", html)
    [step] = plan_stage(STAGE, parse_page(f"## {text}\n```cmd {{check=A}}\nc1\n```\n", "x.md"), "x.md")[0].steps
    assert step.title == shown
    assert f'id="{step.anchor}"' in html
