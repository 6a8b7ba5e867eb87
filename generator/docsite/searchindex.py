"""What the search index holds of each page.

Every site's stage and scripts pages are the runbook's same prose with the site's values in
it: at 1,000 sites a full-text index of them is tens of megabytes that every reader's browser
loads, and most of the search plugin's build time. So each of those pages is indexed by its
title and summary, and each of its sections by its heading and the site's values it shows
(names, addresses, accounts: what tells sites apart), not by the prose every site shares.
Every other page (a site's own page with all its parameters, the runbook, groups, guide,
reference) is indexed in full by the search plugin. One index, one search box: a search for
a host or an address finds the steps of that site that use it; a search for a step finds
that step on each site's page.
"""

from __future__ import annotations

import html
import re
from typing import Any, Iterator

_HEADING = re.compile(r'<h([1-6])[^>]*?\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_CHOICE = re.compile(r"[a-z]+(?:-[a-z0-9]+)*")
_WORD = re.compile(r"""[^\s"'=,;:()<>|\[\]{}^]+""")


class SearchIndex:
    def __init__(self, search_plugin: Any, site_values: dict[str, list[str]]):
        """`search_plugin`: Material's (its index takes our entries); `site_values`: each site's
        folder under docs/ and the values of its environment."""
        self._index = search_plugin.search_index
        self._site_values = site_values

    def add(self, page: Any) -> None:
        """Before the search plugin sees `page`: index a site's stage or scripts page here, and
        tell the plugin to leave it."""
        values = self.values_for(page.file.src_uri)
        if values is None or (page.meta.get("search") or {}).get("exclude"):
            return
        self._index.entries += entries(page, values)
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}

    def values_for(self, src_uri: str) -> list[str] | None:
        """The site's values when `src_uri` is one of its stage or scripts pages, else None."""
        folder, _, name = src_uri.rpartition("/")
        return None if name == "index.md" else self._site_values.get(folder)


def entries(page: Any, values: list[str]) -> list[dict[str, str]]:
    """The page (title, summary) and each section below its title (heading, values shown)."""
    sections = dict(_sections(page.content or ""))
    summary = page.meta.get("description")
    lead = [f"<p>{_escape(summary)}</p>"] if summary else []
    heading = next((item.title for item in page.toc if item.level == 1), None)      # as the theme's index: its h1
    title = heading or _escape(page.meta.get("title", page.title))
    found = [{"location": page.url, "title": title, "text": " ".join(lead)}]
    for item in _below_title(page.toc):
        shown = _shown(sections.get(item.id, ""), values)
        found.append({"location": f"{page.url}{item.url}", "title": item.title, "text": _escape(" ".join(shown))})
    return found


def site_values(params: Any) -> list[str]:
    """The text values of an environment (model_dump) that can tell it from other sites, with an
    address's own part beside its prefix form (10.0.0.1 beside 10.0.0.1/24), as pages show both.
    Choices such as `mailbox` or `windows-2003` (lower-case words) are every site's vocabulary."""
    found: dict[str, None] = {}
    for value in _leaves(params.model_dump(mode="json")):
        if isinstance(value, str) and len(value) > 1 and not _CHOICE.fullmatch(value):
            found[value] = None
            if "/" in value and value.split("/")[0]:
                found[value.split("/")[0]] = None
    return list(found)


def _shown(section_html: str, values: list[str]) -> list[str]:
    text = html.unescape(_TAG.sub(" ", section_html))
    words = set(_WORD.findall(text))
    return [v for v in values if (v in text if " " in v else v in words)]


def _sections(content: str) -> Iterator[tuple[str, str]]:
    """(heading id, HTML up to the next heading) for each heading of the page."""
    starts = list(_HEADING.finditer(content))
    for match, following in zip(starts, starts[1:] + [None]):
        yield match.group(2), content[match.end():following.start() if following else len(content)]


def _below_title(toc: Any) -> list:
    items, found = list(toc), []
    while items:
        item = items.pop(0)
        if item.level > 1:
            found.append(item)
        items[:0] = item.children
    return found


def _leaves(data: Any) -> Iterator[Any]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    else:
        yield data


def _escape(text: Any) -> str:
    return html.escape(str(text), quote=False)
