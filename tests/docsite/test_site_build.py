"""The built HTML site: tailored pages, the blocks as the scripts hold them, downloads, offline."""

from __future__ import annotations

import html
import re

import pytest

from generator.environments import load_environments
from generator.outputs import render_environment
from generator.rendering.blocks import block_title
from tests.conftest import CANARY

pytestmark = pytest.mark.site

LAB = "site/runbooks/exchange-2007-ccr/lab/lab"


def code_blocks(page: str) -> list[tuple[str, str]]:
    """(title, code text) of every titled code block in a Material HTML page."""
    blocks = []
    for match in re.finditer(r'<span class="filename">(?P<title>[^<]*)</span><pre[^>]*>(?P<code>.*?)</pre>', page, re.S):
        code = re.sub(r"<[^>]+>", "", match["code"])
        blocks.append((html.unescape(match["title"]), html.unescape(code).rstrip("\n")))
    return blocks


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_lab_pages_carry_the_sites_names_and_addresses(built_site):
    page = (built_site.root / LAB / "02-network-settings.html").read_text()
    for text in ("E2K7Node1", "E2K7Node2", "10.10.10.1", "10.10.10.2", "192.168.10.21", "Local Area Connection 2"):
        assert text in page
    index = (built_site.root / LAB / "index.html").read_text()
    assert "E2K7CLUS" in index and "e2k7.local" in index and "LAB_DOMAIN_ADMIN_PASSWORD" in index


def test_html_blocks_are_the_script_commands(built_site):
    [env] = load_environments(built_site, [built_site.environments_dir / "lab.yaml"])
    rendered = render_environment(env)
    for stage in rendered.stages:
        page = (built_site.root / LAB / f"{stage.stage.slug}.html").read_text()
        shown = [(t, c) for t, c in code_blocks(page) if " · " in t]
        assert [(block_title(b.kind, b.host, b.restart, b.waits_for), b.text) for b in stage.page.blocks] == shown
        for host in {b.host for b in stage.page.blocks}:
            name = rendered.script_name(stage.stage, host)         # .cmd, or .ps1 for a powershell stage
            script = (built_site.root / LAB / "scripts" / host / name).read_bytes()
            assert script == rendered.scripts[f"{host}/{name}"].encode()
            lines = script.decode().split("\r\n")
            for title, code in shown:
                if title.startswith(host):
                    assert all(line in lines for line in code.split("\n") if line.strip())


def test_every_environment_and_stage_has_a_page(built_site):
    for site in ("lab/lab", "emea/paris", "americas/dallas"):
        folder = built_site.root / "site/runbooks/exchange-2007-ccr" / site
        assert {p.name for p in folder.glob("*.html")} >= {
            "index.html", "scripts.html", "01-prerequisites.html", "02-network-settings.html",
            "03-join-domain.html", "04-create-cluster.html", "05-add-second-node.html"}


def test_windows_2008_site_renders_its_own_commands(built_site):
    page = text_of((built_site.root / "site/runbooks/exchange-2007-ccr/americas/dallas/02-network-settings.html").read_text())
    assert 'netsh interface ipv4 set address name="Private"' in page
    assert "netsh interface ip set address" not in page
    assert "replication host name" in page       # the 2008-only NetBIOS warning


def test_acceptance_criteria_are_on_each_stage_page(built_site):
    page = text_of((built_site.root / LAB / "05-add-second-node.html").read_text())
    assert "Acceptance criteria" in page and "Not verified yet" in page
    assert "The cluster has exactly the environment's two nodes, both Up" in page


def test_site_uses_no_network_resources(built_site):
    for path in (built_site.root / "site").rglob("*.html"):
        text = path.read_text()
        external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', text)
        assert not external, f"{path}: {external}"


def test_no_output_holds_a_secret(built_site):
    for folder in ("site", "docs"):
        for path in (built_site.root / folder).rglob("*"):
            if path.is_file():
                assert CANARY.encode() not in path.read_bytes(), path


def test_pages_say_what_they_are_rendered_from(built_site):
    page = text_of((built_site.root / LAB / "03-join-domain.html").read_text())
    assert "Rendered from runbooks/exchange-2007-ccr/stages/join-domain.md with environments/lab.yaml" in page
