"""A page's Markdown converted to HTML: MkDocs' `Page.render`, with one Markdown instance per
process (reset between pages) rather than one per page. Building every extension again for
each page (and copying its options) was a tenth of the conversion of a site's short pages.
The HTML, table of contents, anchors and links are MkDocs' own (its tree processors, registered
for each page); `tests/docsite/test_incremental_build.py` compares the site with `mkdocs build`.
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor,
                                    _RawHTMLPreprocessor, _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc

_current: list = [None, None]                       # the config this process converts for, and its Markdown


def render(page: Page, config, files) -> None:
    """What Page.render(config, files) does, on this process's Markdown instance for `config`."""
    if _current[0] is not config:                   # a new build (serve): its own extensions
        _current[:] = [config, markdown.Markdown(extensions=config["markdown_extensions"],
                                                 extension_configs=config["mdx_configs"] or {})]
    md = _current[1]
    md.reset()
    raw_html = _RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    links = _RelativePathTreeprocessor(page.file, files, config)
    links._register(md)
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = links.links_to_anchors
