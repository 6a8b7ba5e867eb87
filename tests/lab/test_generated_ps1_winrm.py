"""A generated `.ps1` over real WinRM (pywinrm, nothing of the project's client code) on the
running lab's Hub Transport: uploaded and started as `runbook apply` does, with a hostile value
that arrives verbatim as the cmdlet's argument. (Every exit code: tests/unit/winlab/test_generated_ps1.py.)"""

from __future__ import annotations

import pytest

from generator.acceptance.apply import upload_commands
from generator.languages.powershell.script import powershell_script, start_line
from generator.rendering.page import parse_page
from generator.rendering.slots import Slots
from generator.runbooks import Stage
from generator.scripts.header import ScriptHeader
from generator.scripts.plan import plan_stage
from generator.scripts.progress import parse_progress

pytestmark = pytest.mark.lab

HUB = "E2K7HUB01"
FOLDER = "C:\\runbook-ps1"
# ASCII, so `type` shows it as stored (values outside ASCII: tests/unit/winlab/test_generated_ps1.py)
VALUE = "it's $(Set-Content -Path 'C:\\INJPS' -Value 1); \"`x` -Force # @(1) & | ;"


def test_a_generated_ps1_runs_over_winrm_with_a_hostile_value_verbatim(lab):
    slots = Slots()
    a, b = slots.put(VALUE), slots.put(VALUE)
    page = (f"## Write the note\n\n```powershell {{check={HUB}}}\nTest-Path '{FOLDER}\\note.txt'\n"
            f"(Get-Content '{FOLDER}\\note.txt') -eq {a}\n```\n\n"
            f"```powershell {{run={HUB}}}\nSet-Content -Path '{FOLDER}\\note.txt' -Value {b}\n```\n")
    stage = Stage("rb", "notes", "Notes", "", 9, None, None)  # type: ignore[arg-type]
    [part] = plan_stage(stage, parse_page(page, "notes.md", slots), "notes.md")
    text = powershell_script(ScriptHeader("Demo", "lab", HUB, "https://x/"), [part], [])
    assert lab.winrm(HUB, "powershell -NoProfile -NonInteractive -Command \"Set-ExecutionPolicy RemoteSigned\"")[0] == 0
    for command in upload_commands("09-notes.ps1", text, FOLDER):
        rc, _, stderr = lab.winrm(HUB, command)
        assert rc == 0, stderr
    start = start_line(f"{FOLDER}\\09-notes.ps1", HUB)
    rc, stdout, stderr = lab.winrm(HUB, start)
    assert rc == 0, stdout + stderr
    assert [s.event for s in parse_progress(stdout).steps] == ["changed"]
    session = lab.session(HUB)
    stored = session.run_cmd("type", [f"{FOLDER}\\note.txt"]).std_out.decode("cp437")
    assert stored == VALUE + "\r\n"
    assert lab.winrm(HUB, "if exist C:\\INJPS exit 1")[0] == 0
    rc, stdout, stderr = lab.winrm(HUB, start)
    assert rc == 0 and [s.event for s in parse_progress(stdout).steps] == ["ok"], stdout + stderr
