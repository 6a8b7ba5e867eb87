"""What the navigation shows on a site's pages: its own site, not every site of its group.

The site has one navigation (MkDocs' nav: every page in it, so breadcrumbs, previous/next and
the search find them all). But a sidebar that lists every site of the group on each of their
pages grows with the group (at 1,000 sites the theme spent a quarter of its time on it, and
each page carried hundreds of links). While a site's page is rendered, its group lists only
that site; the group's own page (a table of its sites) shows them all. So a page's size no
longer depends on how many sites its group holds.
"""

from __future__ import annotations

from typing import Any


class SiteNavigation:
    def __init__(self, nav: Any, site_indexes: set[str]):
        """`site_indexes`: the index page (src_uri) of every site; its nav section is the site's."""
        self._groups: dict[int, tuple[Any, list]] = {}   # id(site section) -> (its group, what the group shows)
        self._shown: tuple[Any, list] | None = None     # (group, its full children) while a site's page renders
        sites = [s for s in _sections(nav.items) if _index_of(s) in site_indexes and s.parent is not None]
        siblings = {id(s) for s in sites}
        for site in sites:
            group = site.parent
            view = [item for item in group.children if item is site or id(item) not in siblings]
            self._groups[id(site)] = (group, view)

    def show(self, page: Any) -> None:
        """Before `page` renders: its group lists only its site (when it is a site's page)."""
        self.restore()
        found = self._groups.get(id(getattr(page, "parent", None)))
        if found is not None:
            group, view = found
            self._shown = (group, group.children)
            group.children = view

    def restore(self) -> None:
        """After the page rendered: the full navigation again."""
        if self._shown is not None:
            group, children = self._shown
            group.children = children
            self._shown = None


def _sections(items: list) -> list:
    found = []
    for item in items:
        if getattr(item, "is_section", False):
            found.append(item)
            found += _sections(item.children)
    return found


def _index_of(section: Any) -> str | None:
    first = section.children[0] if section.children else None
    return first.file.src_uri if getattr(first, "is_page", False) else None
