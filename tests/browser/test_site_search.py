"""The built site in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import pytest

from tests.browser.chromium import launched, served

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

@pytest.fixture(scope="module")
def site_url(built_site):
    with served(built_site.root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def page():
    with launched() as browser:
        yield browser.new_page()


def test_navigate_to_a_lab_stage_and_find_a_private_address_with_search(site_url, page, lab_env):
    node = lab_env.params.nodes[1]
    private = str(node.private.address.ip)                 # 10.10.10.2
    page.goto(f"{site_url}/index.html")
    page.locator(".md-tabs__link", has_text="Runbooks").click()
    page.get_by_role("link", name="Lab (seed article)").first.click()
    page.get_by_role("link", name="2. Network settings on both nodes").first.click()
    assert page.locator("h1").inner_text().rstrip("¶") == "2. Network settings on both nodes · Lab (seed article)"
    assert "02-network-settings" in page.url

    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(private, delay=30)   # the search listens to key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=20_000)
    links = [results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())]
    assert any("lab/lab/02-network-settings" in href for href in links), links
    assert private in page.locator(".md-search-result").inner_text()


def test_a_node_tab_shows_its_own_commands(site_url, page, lab_env):
    first, second = lab_env.params.nodes
    page.goto(f"{site_url}/runbooks/exchange-2007-ccr/lab/lab/02-network-settings.html")
    page.locator(".tabbed-labels label", has_text=second.name).first.click()   # linked tabs: all switch
    visible = page.locator("code:visible", has_text='set address name="Private"')
    visible.first.wait_for(state="visible")
    shown = "\n".join(visible.all_inner_texts())
    assert f"addr={second.private.address.ip} " in shown and f"addr={first.private.address.ip} " not in shown


def test_scripts_download_from_the_scripts_page(site_url, page):
    page.goto(f"{site_url}/runbooks/exchange-2007-ccr/lab/lab/scripts.html")
    href = page.get_by_role("link", name="02-network-settings.cmd").first.get_attribute("href")
    response = page.request.get(f"{site_url}/runbooks/exchange-2007-ccr/lab/lab/{href}")
    assert response.ok and response.body().startswith(b"@echo off\r\n")
