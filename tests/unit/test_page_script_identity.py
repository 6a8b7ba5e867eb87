"""The commands a page shows are the commands its scripts run: every executable block of
every page is in its host's stage script and run-all script, in order, byte for byte, with
only the assembler's fixed glue lines between the lines of one block."""

from __future__ import annotations

import re

import pytest

from generator.environments import load_environments
from generator.outputs import render_environment
from tests.conftest import ROOT

GLUE = re.compile(r"^(call :not_done|if errorlevel 1 goto \w+)$")


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
    checked = 0
    for stage in rendered.stages:
        for host in {b.host for b in stage.page.blocks}:
            blocks = [b for b in stage.page.blocks if b.host == host]
            for script in (f"{host}/{rendered.script_name(stage.stage)}", *(f"{host}/{n}" for n in rendered.run_all(host))):
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
