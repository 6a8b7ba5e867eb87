"""The commands a page shows are the commands its scripts run: every executable block of
every page is in its host's stage script and run-all script, in order, byte for byte, with
only the assembler's fixed glue lines between the lines of one block."""

from __future__ import annotations

import re

import pytest

from generator.environments import load_environments
from generator.outputs import render_environment
from tests.conftest import ROOT

GLUE = re.compile(r"^(call :not_done|if errorlevel 1 goto \w+"            # cmd
                  r"|if \(-not \$\?\) \{ (?:throw \$RunbookStep|RunbookFailed) \})$")    # powershell


def script_lines(text: str) -> list[str]:
    assert "\n" not in text.replace("\r\n", ""), "scripts use CRLF line endings only"
    return text.split("\r\n")


def find_block(lines: list[str], block_lines: list[str], start: int) -> int:
    """Index after the block's last line, searching from `start`; -1 when absent or broken up."""
    wanted = [l for l in block_lines if l.strip()]
    for i in range(start, len(lines)):
        if lines[i] != wanted[0]:
            continue
        j, k = i + 1, 1
        while k < len(wanted) and j < len(lines):
            if lines[j] == wanted[k]:
                k += 1
            elif not GLUE.match(lines[j]):
                break
            j += 1
        if k == len(wanted):
            return j
    return -1


def assert_blocks_in_scripts(rendered) -> int:
    """Every block in its stage script, and in run-all.cmd when the stage is cmd there (a stage in
    another language is started from run-all.cmd by its own script's name)."""
    checked = 0
    for stage in rendered.stages:
        for host in {b.host for b in stage.page.blocks}:
            blocks = [b for b in stage.page.blocks if b.host == host]
            language = rendered.language(stage.stage, host)
            own = f"{host}/{rendered.script_name(stage.stage, host)}"
            scripts = [own]
            for run_all in (f"{host}/{n}" for n in rendered.run_all(host)):
                if language.start_beside is None:
                    scripts.append(run_all)
                else:
                    start = language.start_beside(rendered.script_name(stage.stage, host), host)
                    assert start in script_lines(rendered.scripts[run_all]), f"{run_all} does not start {own}"
            for script in scripts:
                lines, position = script_lines(rendered.scripts[script]), 0
                for block in blocks:
                    position = find_block(lines, block.lines, position)
                    assert position >= 0, f"{script}: block at line {block.line} of {stage.stage.id} " \
                                          f"is missing or out of order:\n{block.text}"
                    checked += 1
    return checked


@pytest.mark.parametrize("name", ["lab", "paris", "dallas"])
def test_every_page_block_is_in_the_scripts_in_order(project, name):
    [env] = load_environments(project, [ROOT / "environments" / f"{name}.yaml"])
    assert assert_blocks_in_scripts(render_environment(env)) > 20


def test_the_identity_check_catches_a_drifted_script(project, lab_env):
    rendered = render_environment(lab_env)
    script = "E2K7Node1/02-network-settings.cmd"
    original = rendered.scripts[script]
    # A script whose command differs from the page by one character must fail the check.
    rendered.scripts[script] = original.replace("gateway=none", "gateway=none ", 1)
    with pytest.raises(AssertionError, match="missing or out of order"):
        assert_blocks_in_scripts(rendered)
    # So must a script whose steps are swapped.
    lines = script_lines(original)
    a = lines.index('netsh interface set interface name="Local Area Connection" newname="Public"')
    b = lines.index('netsh interface set interface name="Local Area Connection 2" newname="Private"')
    lines[a], lines[b] = lines[b], lines[a]
    rendered.scripts[script] = "\r\n".join(lines)
    with pytest.raises(AssertionError, match="missing or out of order"):
        assert_blocks_in_scripts(rendered)


def test_the_page_shows_the_block_text_unchanged(lab_env):
    rendered = render_environment(lab_env)
    for stage in rendered.stages:
        for block in stage.page.blocks:
            assert block.text in "\n".join(l[4:] if l.startswith("    ") else l
                                           for l in stage.page.markdown.split("\n"))


POWERSHELL_STAGE = """Share the note on **{{ server.name }}**.

## The note is shared

```powershell {check={{ server.name }}}
Get-Item '{{ folder.path }}' | Format-List
(Get-Content "{{ folder.path }}\\README.txt") -eq '{{ folder.note }}'
```

```powershell {run={{ server.name }}}
Set-Content -Path "{{ folder.path }}\\README.txt" -Value {{ folder.note }}
Add-Content -Path "{{ folder.path }}\\README.txt" -Value "by {{ admin.user }} with {{ admin.password }}"
```
"""


@pytest.fixture
def powershell_project(tmp_path):
    from generator.runbooks import forget_runbooks
    from tests.unit.test_content_only_runbook import with_data_folder
    project = with_data_folder(tmp_path / "project")
    folder = project.runbooks_dir / "data-folder"
    spec = (folder / "runbook.yaml").read_text()
    (folder / "runbook.yaml").write_text(
        spec + "  - id: share-note\n    title: Share the note\n    summary: The note, in PowerShell.\n"
        "languages:\n  powershell:\n    snapins: [Demo.Snapin]\n")
    (folder / "stages" / "share-note.md").write_text(POWERSHELL_STAGE)
    (project.features_dir / "data-folder" / "share-note.feature").write_text(
        "Feature: Shared\n  Scenario: S\n    Then the server answers with its own name\n")
    model = folder / "model.py"          # the note may hold what PowerShell would read as code
    model.write_text(model.read_text().replace('pattern=r"^[A-Za-z0-9 .,-]+$"', 'pattern=r"^[A-Za-z0-9 .,$\'-]+$"'))
    env = project.environments_dir / "fs1.yaml"
    env.write_text(env.read_text().replace("note: Shared data of the finance team, kept 7 years.",
                                           "note: Finance's $data, kept 7 years."))
    forget_runbooks()
    yield project
    forget_runbooks()


def test_powershell_blocks_are_in_their_ps1_and_run_all_cmd_starts_it(powershell_project):
    [env] = load_environments(powershell_project, [powershell_project.environments_dir / "fs1.yaml"])
    rendered = render_environment(env)
    assert rendered.script_name(rendered.stages[1].stage, "FS1") == "02-share-note.ps1"
    assert assert_blocks_in_scripts(rendered) == 6       # cmd: 2 blocks x 2 scripts; powershell: 2 x 1
    ps1 = script_lines(rendered.scripts["FS1/02-share-note.ps1"])
    # The values as the page shows them, escaped for where they stand; the secret as its variable.
    assert "(Get-Content \"D:\\Data\\README.txt\") -eq 'Finance''s $data, kept 7 years.'" in ps1
    assert "Set-Content -Path \"D:\\Data\\README.txt\" -Value 'Finance''s $data, kept 7 years.'" in ps1
    assert 'Add-Content -Path "D:\\Data\\README.txt" -Value "by FILES\\Administrator with $env:FS1_ADMIN_PASSWORD"' in ps1
    assert any("Add-PSSnapin 'Demo.Snapin'" in line for line in ps1)
    run_all = script_lines(rendered.scripts["FS1/run-all.cmd"])
    assert any(line.startswith("if not defined FS1_ADMIN_PASSWORD call :read_secret") for line in run_all)


def test_the_identity_check_catches_a_drifted_ps1(powershell_project):
    [env] = load_environments(powershell_project, [powershell_project.environments_dir / "fs1.yaml"])
    rendered = render_environment(env)
    script = "FS1/02-share-note.ps1"
    rendered.scripts[script] = rendered.scripts[script].replace("| Format-List", "| Format-List -Force", 1)
    with pytest.raises(AssertionError, match="missing or out of order"):
        assert_blocks_in_scripts(rendered)
    rendered = render_environment(env)
    rendered.scripts["FS1/run-all.cmd"] = rendered.scripts["FS1/run-all.cmd"].replace("02-share-note.ps1", "x.ps1")
    with pytest.raises(AssertionError, match="does not start"):
        assert_blocks_in_scripts(rendered)


@pytest.mark.parametrize("line,message", [
    ("Get-Item '{{ folder.path }}' |", r"share-note\.md:\d+: powershell line .* ends with a pipe.*one complete statement"),
    ("if ($true) {", r"share-note\.md:\d+: powershell line .* leaves a '\{' open"),
])
def test_runbook_check_refuses_a_powershell_line_that_is_not_one_statement(powershell_project, line, message):
    from click.testing import CliRunner
    from generator.cli import main
    stage = powershell_project.runbooks_dir / "data-folder" / "stages" / "share-note.md"
    stage.write_text(POWERSHELL_STAGE.replace("Get-Item '{{ folder.path }}' | Format-List", line))
    result = CliRunner().invoke(main, ["check", "--project", str(powershell_project.root)])
    assert result.exit_code == 2 and re.search(message, result.output), result.output


def test_runbook_check_refuses_two_languages_for_one_host_in_a_stage(powershell_project):
    from click.testing import CliRunner
    from generator.cli import main
    stage = powershell_project.runbooks_dir / "data-folder" / "stages" / "share-note.md"
    stage.write_text(POWERSHELL_STAGE + "\n## Also\n\n```cmd {check={{ server.name }}}\nhostname\n```\n")
    result = CliRunner().invoke(main, ["check", "--project", str(powershell_project.root)])
    assert result.exit_code == 2, result.output
    assert re.search(r"share-note\.md:\d+: one script language per host and stage, but this cmd block for FS1 "
                     r"follows powershell blocks", result.output), result.output
