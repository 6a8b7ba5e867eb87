"""`runbook apply` with a powershell stage, on the in-process lab: the `.ps1` is uploaded, started
with its host's name, converges, changes nothing the second time, and reads its secret from the
variable `apply` gives its shell only (no file holds it)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.environments import load_environments
from generator.labs.control import open_lab
from generator.outputs import render_environment
from tests.unit.test_page_script_identity import powershell_project  # noqa: F401  (a fixture)

SECRET = "Fs1'$x; `Secret-99 $(Remove-Item C:\\) &|"     # no double quote: cmd carries it too
STAGE = """Share the note on **{{ server.name }}**.

## The note is shared

```powershell {check={{ server.name }}}
(Get-Content "{{ folder.path }}\\\\shared.txt") -eq {{ folder.note }}
```

```powershell {run={{ server.name }}}
Set-Content -Path "{{ folder.path }}\\\\shared.txt" -Value {{ folder.note }}
```

## The owner is recorded

```powershell {check={{ server.name }}}
(Get-Content "{{ folder.path }}\\\\owner.txt") -eq "{{ admin.user }}:{{ admin.password }}"
```

```powershell {run={{ server.name }}}
Set-Content -Path "{{ folder.path }}\\\\owner.txt" -Value "{{ admin.user }}:{{ admin.password }}"
```
"""


@pytest.fixture
def project(powershell_project, tmp_path, monkeypatch):        # noqa: F811
    monkeypatch.setenv("FS1_ADMIN_PASSWORD", SECRET)
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path / "labs"))
    monkeypatch.setenv("RUNBOOK_RESULTS_DIR", str(tmp_path / "results"))
    folder = powershell_project.runbooks_dir / "data-folder"
    (folder / "stages" / "share-note.md").write_text(STAGE)
    spec = folder / "runbook.yaml"                       # no snap-in: the file server has none
    spec.write_text(spec.read_text().split("languages:")[0])
    lab = folder / "lab.py"                              # PowerShell 1.0 on the file server
    lab.write_text(lab.read_text().replace("joined=True,", "joined=True, powershell=True,"))
    return powershell_project


def apply(project, *args):
    return CliRunner().invoke(main, ["apply", str(project.environments_dir / "fs1.yaml"), "--target",
                                     "inprocess://fs1", "--yes", *args, "--project", str(project.root)])


def test_apply_runs_the_ps1_with_its_secret_and_converges(project):
    [environment] = load_environments(project, [project.environments_dir / "fs1.yaml"])
    assert all(SECRET not in text and "Secret-99" not in text for text in render_environment(environment).scripts.values())
    first = apply(project, "--stage", "create-folder")
    assert first.exit_code == 0, first.output
    lab = open_lab(project, environment)
    policy = lab.execute("FS1", 'powershell -NoProfile -NonInteractive -Command "Set-ExecutionPolicy RemoteSigned"')
    assert policy.rc == 0, policy.stderr
    changed = apply(project)
    assert changed.exit_code == 0 and "2 step(s) changed" in changed.output, changed.output
    assert lab.execute("FS1", 'type "D:\\Data\\owner.txt"').stdout == f"FILES\\Administrator:{SECRET}\r\n"
    assert lab.execute("FS1", 'type "D:\\Data\\shared.txt"').stdout == "Finance's $data, kept 7 years.\r\n"
    again = apply(project)
    assert again.exit_code == 0 and "0 step(s) changed" in again.output, again.output
    assert "Secret-99" not in changed.output + again.output


def test_without_the_execution_policy_the_ps1_does_not_run_and_apply_fails(project):
    assert apply(project, "--stage", "create-folder").exit_code == 0
    failed = apply(project)
    assert failed.exit_code == 1 and "share-note on FS1" in failed.output, failed.output
