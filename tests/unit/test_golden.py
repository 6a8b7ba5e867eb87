"""A rendered stage, page and script, compared with reviewed golden files.

After an intended change, regenerate with `RUNBOOK_UPDATE_GOLDEN=1 pytest tests/unit/test_golden.py`
and review the diff like code.
"""

from __future__ import annotations

import os

import pytest

from generator.outputs import render_environment
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "exchange-2007-ccr" / "lab"


@pytest.mark.parametrize("stage_id,script", [
    ("network-settings", "E2K7Node1/02-network-settings.cmd"),
    ("create-cluster", "E2K7Node1/04-create-cluster.cmd"),
    ("mailbox-server", "E2K7Node1/11-mailbox-server.cmd"),
    ("post-install", "E2K7Node1/12-post-install.ps1"),
])
def test_rendered_stage_matches_golden(lab_env, stage_id, script):
    rendered = render_environment(lab_env)
    stage = next(s for s in rendered.stages if s.stage.id == stage_id)
    actual = {f"{stage.stage.slug}.md": stage.page.markdown.encode(),
              script.replace("/", "__"): rendered.scripts[script].encode()}
    for name, data in actual.items():
        path = GOLDEN / name
        if os.environ.get("RUNBOOK_UPDATE_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        assert path.read_bytes() == data, f"{name} differs from {path}; see the module docstring"
