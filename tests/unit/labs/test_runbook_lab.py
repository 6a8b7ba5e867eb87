"""A runbook's lab: named in runbook.yaml (`lab: lab.py`), loaded like its model, optional;
the engine reaches it only through the contract (generator.labs.contract)."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from generator.docsite import reference
from generator.errors import ContentError, LabError
from generator.labs import control
from generator.labs.accounts import account_secrets, admin_user
from generator.secrets import Secrets
from generator.project import Project
from generator.runbooks import forget_runbooks, load_runbook
from tests.conftest import ROOT

RUNBOOK = "exchange-2007-ccr"


@pytest.fixture
def runbook_copy(tmp_path):
    """This project's runbook in a project of its own, whose lab.py a test may change."""
    shutil.copytree(ROOT / "runbooks" / RUNBOOK, tmp_path / "runbooks" / RUNBOOK,
                    ignore=shutil.ignore_patterns("__pycache__"))
    forget_runbooks()
    yield tmp_path / "runbooks" / RUNBOOK
    forget_runbooks()


def test_the_runbook_names_its_lab_module(project):
    lab = load_runbook(project, RUNBOOK).lab
    assert lab.__name__ == "runbook_exchange_2007_ccr.lab" and lab.__file__.endswith(f"{RUNBOOK}/lab.py")


def test_a_runbook_without_a_lab_has_none(runbook_copy, lab_env):
    spec = runbook_copy / "runbook.yaml"
    spec.write_text(spec.read_text().replace("lab: lab.py\n", ""))
    assert load_runbook(Project(runbook_copy.parents[1]), RUNBOOK).lab is None
    environment = SimpleNamespace(runbook=load_runbook(Project(runbook_copy.parents[1]), RUNBOOK), name="x")
    with pytest.raises(LabError, match=f"runbook {RUNBOOK} has no lab"):
        admin_user(environment)
    assert reference.fidelity_page([environment.runbook]) is None


@pytest.mark.parametrize("text, message", [
    ("def open_lab(:\n", r"lab\.py:1: cannot load the runbook's lab: SyntaxError"),
    ("import no_such_module_here\n", r"lab\.py:1: cannot load the runbook's lab: ModuleNotFoundError"),
    ("errors = ()\ndef open_lab(): pass\ndef accounts(): pass\n", r"lab\.py: a lab module defines open_lab, "
                                                                  r"accounts, fidelity and `errors`.*missing: fidelity"),
])
def test_a_broken_lab_module_is_content_error_with_file_and_line(runbook_copy, text, message):
    (runbook_copy / "lab.py").write_text(text)
    with pytest.raises(ContentError, match=message):
        load_runbook(Project(runbook_copy.parents[1]), RUNBOOK).lab


def test_the_accounts_come_from_the_lab_module(lab_env, lab_2008_env):
    assert list(account_secrets(lab_env)) == ["E2K7\\Administrator"]        # admin and service: one account
    assert account_secrets(lab_env)["E2K7\\Administrator"].env == "LAB_DOMAIN_ADMIN_PASSWORD"
    assert admin_user(lab_2008_env) == "E2K7\\Administrator"


def test_the_lab_s_own_errors_become_lab_errors_and_a_down_host_does_not(project, lab_env, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path))
    with pytest.raises(LabError, match="no lab for lab: run `runbook lab up environments/lab.yaml`"):
        control.open_lab(project, lab_env, create=False)
    lab = control.open_lab(project, lab_env)
    with pytest.raises(LabError, match="unknown fault target 'E2K7Node9'"):
        lab.fail("E2K7Node9")
    lab.fail("E2K7Node2")
    with pytest.raises(lab.unavailable):                    # the lab's own: a target tells it apart
        lab.execute("E2K7Node2", "hostname")
    assert not issubclass(lab.unavailable, LabError)
    (tmp_path / "lab" / "state.json").write_text("{broken")
    with pytest.raises(LabError, match=r"state\.json is unreadable \(invalid JSON"):
        control.open_lab(project, lab_env).status()


def test_the_lab_masks_the_secrets_its_run_resolved(project, lab_env, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path))
    monkeypatch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", "Masked-Secret-3")
    lab = control.open_lab(project, lab_env, Secrets())
    lab.execute("E2K7Node1", "echo Masked-Secret-3 Plain-Value-4")
    logged = (tmp_path / "lab" / "commands.log").read_text()
    assert "echo ****** Plain-Value-4" in logged and "Masked-Secret-3" not in logged


def test_the_fidelity_page_takes_its_rows_from_the_lab_module(project):
    page = reference.fidelity_page([load_runbook(project, RUNBOOK)])
    assert "`winlab/assumptions.py`" in page and "| [`ipconfig`](#ipconfig) |" in page
    row = SimpleNamespace(command="frob /x", forms="/x", output="`Frobbed.`", sources="[S1]", status="CONFIRMED",
                          note="")
    assumption = SimpleNamespace(name="FROB_TEXT", value="Frobbed.\r\n", basis="a guess", module="otherlab/guesses.py")
    other = SimpleNamespace(lab=SimpleNamespace(fidelity=lambda: ([row], [assumption])))
    page = reference.fidelity_page([SimpleNamespace(lab=None), other, load_runbook(project, RUNBOOK)])
    assert "1 of 1 command forms are confirmed" in page and "`frob /x`" in page and "ipconfig" not in page
    assert "one named constant in `otherlab/guesses.py`" in page
    assert "- **`FROB_TEXT`** = `Frobbed.` (a line break after it, CRLF line breaks): a guess" in page
