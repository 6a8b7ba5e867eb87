"""Generated `.ps1` scripts run by the lab's PowerShell 1.0 (on the Hub Transport, which has it
from its baseline), uploaded and started as `runbook apply` does: the check/run protocol, the
exit codes, and hostile values arriving verbatim as the cmdlet's argument."""

from __future__ import annotations

import pytest

from generator.acceptance.apply import upload_commands
from generator.languages.powershell.script import powershell_script, start_line
from generator.rendering.page import parse_page
from generator.rendering.slots import Slots
from generator.runbooks import Stage
from generator.scripts.header import ScriptHeader, SecretPrompt
from generator.scripts.plan import plan_stage
from generator.scripts.progress import parse_progress
from generator.secrets import SecretRef
from winlab.lab import Lab
from tests.unit.winlab.powershell_lab import HUB, ps
from tests.unit.winlab.sites import topology

STAGE = Stage("rb", "notes", "Notes", "", 9, None, None)  # type: ignore[arg-type]
FOLDER = "C:\\runbook"
# Values that would run code (create C:\INJ...) or end the string early if written as they are.
HOSTILE = [
    "x'; Set-Content -Path 'C:\\INJ1' -Value 1; '",
    "x\u2019; Set-Content -Path 'C:\\INJ2' -Value 2; \u2018",
    '$(Set-Content -Path "C:\\INJ3" -Value 3)',
    'a"; Set-Content -Path C:\\INJ4 -Value 4; "',
    "`$env:COMPUTERNAME` & | ; # @(1) -Force",
]


@pytest.fixture(scope="module")
def lab(lab_env, tmp_path_factory):
    lab = Lab.create(tmp_path_factory.mktemp("ps1") / "lab", topology(lab_env))
    rc, _, stderr = ps(lab, "Set-ExecutionPolicy RemoteSigned")     # what Exchange setup leaves
    assert rc == 0, stderr
    return lab


def script_for(page: str, slots: Slots | None = None, host: str = HUB, secrets=(), snapins=()) -> str:
    [part] = plan_stage(STAGE, parse_page(page, "notes.md", slots), "notes.md")
    return powershell_script(ScriptHeader("Demo", "lab", host, "https://x/", (), snapins), [part], list(secrets))


def run(lab, text: str, name: str = "09-notes.ps1", env=None):
    for command in upload_commands(name, text, FOLDER):
        out = lab.execute(HUB, command)
        assert out.rc == 0, (command, out.stderr)
    out = lab.execute(HUB, start_line(f"{FOLDER}\\{name}", HUB), env=env)
    return out, parse_progress(out.stdout + "\n" + out.stderr)


def note_page(value) -> tuple[str, Slots]:
    slots = Slots()
    a, b, c = (slots.put(value) for _ in range(3))
    page = (f"## Write the note\n\n```powershell {{check={HUB}}}\nTest-Path 'C:\\runbook\\note.txt'\n"
            f"(Get-Content 'C:\\runbook\\note.txt') -eq {a}\n```\n\n"
            f"```powershell {{run={HUB}}}\nSet-Content -Path 'C:\\runbook\\note.txt' -Value {b}\n"
            f"Write-Host \"wrote {c}\"\n```\n")
    return page, slots


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_arrives_verbatim_and_a_second_run_changes_nothing(lab, value):
    lab.execute(HUB, f'del "{FOLDER}\\note.txt" 2>nul')
    page, slots = note_page(value)
    text = script_for(page, slots)
    out, outcome = run(lab, text)
    assert out.rc == 0, out.stdout + out.stderr
    assert [s.event for s in outcome.steps] == ["changed"] and outcome.finished == ["notes"]
    assert f"wrote {value}\r\n" in out.stdout
    stored = lab.execute(HUB, f'type "{FOLDER}\\note.txt"')
    assert stored.stdout == value + "\r\n"                   # the cmdlet got the value, not code
    assert not any(lab.execute(HUB, f"if exist C:\\INJ{k} exit 1").rc for k in range(1, 5))
    again, outcome = run(lab, text)
    assert again.rc == 0 and [s.event for s in outcome.steps] == ["ok"], again.stdout + again.stderr


def test_the_script_refuses_another_host_with_exit_5_unless_named(lab):
    text = script_for(f"## S\n\n```powershell {{check=E2K7Node1}}\n$true\n```\n", host="E2K7Node1")
    out, _ = run(lab, text, "09-other.ps1")
    assert out.rc == 5 and "[runbook] WRONG HOST this script is for E2K7Node1 and runs on E2K7HUB01" in out.stdout


def test_a_failing_run_line_stops_the_script_with_exit_1_naming_the_step(lab):
    page = (f"## Break\n\n```powershell {{check={HUB}}}\n$false\n```\n\n"
            f"```powershell {{run={HUB}}}\ncmd /c exit 3\nSet-Content -Path 'C:\\INJ9' -Value 9\n```\n")
    out, outcome = run(lab, script_for(page), "09-fail.ps1")
    assert out.rc == 1 and outcome.failure is not None and outcome.failure.title == "Break"
    assert lab.execute(HUB, "if exist C:\\INJ9 exit 1").rc == 0              # nothing after the failure ran
    page = (f"## Unknown\n\n```powershell {{check={HUB}}}\n$false\n```\n\n"
            f"```powershell {{run={HUB}}}\nGet-NoSuchThing\n```\n")
    out, outcome = run(lab, script_for(page), "09-unknown.ps1")
    assert out.rc == 1 and outcome.failure is not None and "Get-NoSuchThing" in out.stdout + out.stderr


def test_a_check_that_errors_means_not_done_and_a_gate_waits_with_exit_6(lab):
    page = (f"## Other host done\n\n```powershell {{check={HUB} waits-for=E2K7Node1}}\n"
            f"Get-Content 'C:\\no-such-file.txt'\n$true\n```\n")
    out, outcome = run(lab, script_for(page), "09-wait.ps1")
    assert out.rc == 6 and outcome.waiting is not None and outcome.waiting.title == "Other host done"
    page = f"## Holds\n\n```powershell {{check={HUB}}}\n1 -eq 2\n```\n"
    out, outcome = run(lab, script_for(page), "09-gate.ps1")
    assert out.rc == 1 and outcome.failure is not None and outcome.failure.event == "NOT MET"


def test_a_missing_snap_in_is_said_and_ends_the_script_before_any_step(lab):
    text = script_for(f"## S\n\n```powershell {{check={HUB}}}\n$true\n```\n", snapins=("No.Such.Snapin",))
    out, outcome = run(lab, text, "09-snapin.ps1")
    assert out.rc == 1 and "the PowerShell snap-in No.Such.Snapin is not registered on E2K7HUB01" in out.stdout
    assert outcome.steps == []


def test_a_secret_is_read_from_its_variable_at_run_time_or_the_script_ends_with_2(lab):
    slots = Slots()
    page = (f"## Secret\n\n```powershell {{check={HUB}}}\n$false\n```\n\n"
            f"```powershell {{run={HUB}}}\nSet-Content -Path 'C:\\runbook\\s.txt' -Value \"[{slots.put(SecretRef(env='DEMO_PW'))}]\"\n```\n")
    text = script_for(page, slots, secrets=[SecretPrompt("DEMO_PW", "demo password")])
    assert "Pa$$ w0rd" not in text
    out, _ = run(lab, text, "09-secret.ps1")
    assert out.rc == 2 and "[runbook] FAILED set DEMO_PW first" in out.stdout
    out, _ = run(lab, text, "09-secret.ps1", env={"DEMO_PW": "Pa$$ w0rd'\"; x"})
    assert out.rc == 0, out.stdout + out.stderr
    assert lab.execute(HUB, f'type "{FOLDER}\\s.txt"').stdout == "[Pa$$ w0rd'\"; x]\r\n"
    log = lab.execute(HUB, f'type "{FOLDER}\\09-notes.log"').stdout         # the stage's log, beside it
    assert "[runbook] changed notes step 1/1: Secret" in log and "w0rd" not in log


def test_run_all_cmd_starts_the_ps1_from_its_folder_and_ends_with_its_exit_code(lab):
    from generator.languages.cmd.script import cmd_script
    cmd_stage = Stage("rb", "first", "First", "", 8, None, None)  # type: ignore[arg-type]
    [first] = plan_stage(cmd_stage, parse_page(f"## Hello\n\n```cmd {{check={HUB}}}\nhostname\n```\n", "a.md"), "a.md")
    folder = "C:\\run all's folder"                 # a quote and blanks: the path reaches PowerShell as a variable
    for done, expected in (("$true", 0), ("$false", 1)):
        [ps1] = plan_stage(STAGE, parse_page(f"## Ready\n\n```powershell {{check={HUB}}}\n{done}\n```\n",
                                             "notes.md"), "notes.md")
        header = ScriptHeader("Demo", "lab", HUB, "https://x/")
        files = {"09-notes.ps1": powershell_script(header, [ps1], []), "run-all.cmd": cmd_script(header, [first, ps1], [])}
        for name, text in files.items():
            for command in upload_commands(name, text, folder):
                assert lab.execute(HUB, command).rc == 0, command
        out = lab.execute(HUB, f'"{folder}\\run-all.cmd"')
        outcome = parse_progress(out.stdout + "\n" + out.stderr)
        assert out.rc == expected, out.stdout + out.stderr
        assert [(s.stage, s.event) for s in outcome.steps] == [("first", "ok"), ("notes", "ok" if expected == 0 else "NOT MET")]


def test_apply_s_start_line_reads_a_temp_folder_with_a_quote_through_powershell(lab):
    profile = {"TEMP": "C:\\Documents and Settings\\O'Brien\\Local Settings\\Temp"}
    lab.execute(HUB, 'mkdir "%TEMP%"', env=profile)
    text = script_for(f"## Ready\n\n```powershell {{check={HUB}}}\n$true\n```\n")
    for command in upload_commands("09-notes.ps1", text, "%TEMP%\\runbook\\1"):
        assert lab.execute(HUB, command, env=profile).rc == 0, command
    out = lab.execute(HUB, start_line("%TEMP%\\runbook\\1\\09-notes.ps1", HUB), env=profile)
    assert out.rc == 0 and [s.event for s in parse_progress(out.stdout).steps] == ["ok"], out.stdout + out.stderr
