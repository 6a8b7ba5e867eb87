"""How a value is written where it lands on a page: one function per context.

The page parser (`rendering.page`) decides the context of every slot; these functions
only transform one value for one context, or refuse it with `UnsafeValue` when no
spelling of it is safe there. Lines of a command block are the block language's to escape
(`generator.languages`).
"""

from __future__ import annotations

import html
import json
import re

from ..errors import ContentError

# Python-Markdown's backslash escapes, with the tables extension's `|` (md.ESCAPED_CHARS
# for this site's extensions); a backslash before any other character would show.
_MARKDOWN_ESCAPED = "\\`*_{}[]()#+-.!|"
# Characters Markdown cannot backslash-escape but HTML entities neutralise: raw HTML and
# entities (`<`, `&`), quotes that end admonition and tab titles, `=` of `===` tab lines.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "=": "&#61;"}
_TEXT = str.maketrans({**{c: "\\" + c for c in _MARKDOWN_ESCAPED}, **_ENTITIES})
_ATTRIBUTE = re.compile(r"[A-Za-z0-9_.-]+")


class UnsafeValue(ContentError):
    """A value that cannot be written safely where a template put it."""

    def __init__(self, value: object, reason: str, template: bool = False):
        self.value, self.reason = value, reason
        self.template = template            # the template is at fault, not the environment
        self.where = ""                     # page:line, once the page parser knows it
        super().__init__(f"{shown(value)} {reason}")


def shown(value: object) -> str:
    text = repr(str(value).replace("\ue000", "{{").replace("\ue001", "}}"))
    return text if len(text) <= 60 else text[:56] + "...'"


def markdown_text(value: object) -> str:
    """Text in a paragraph, heading, list item, table cell, admonition or tab title: no
    Markdown, HTML, entity, attribute list or extension syntax survives."""
    text = str(value)
    if not text.isprintable():                   # line breaks are among the unprintable: one line
        text = " ".join(text.splitlines())
    text = text.translate(_TEXT)
    if text.endswith("  "):                      # two trailing spaces would make a line break
        text = text[:-1] + "&#32;"
    return text


def html_attribute(value: object) -> str:
    """Inside an HTML tag the template wrote (`<span title="...">`)."""
    return html.escape(str(value), quote=True)


def front_matter(value: object) -> str:
    """A YAML front matter value. MkDocs themes print `title` and `description` without
    escaping them (into <title>, the nav, <meta>), so it is HTML-escaped first."""
    return json.dumps(html.escape(str(value), quote=True), ensure_ascii=False)


def fence_attribute(value: object) -> str:
    """A host named in a block's attributes (```cmd {run=HOST}```)."""
    text = str(value)
    if not _ATTRIBUTE.fullmatch(text):
        raise UnsafeValue(value, "cannot name a host in a command block's attributes "
                                 "(letters, digits, '.', '_' and '-' only)")
    return text


def code(value: object) -> str:
    """Inside a fenced block that is not a shell: shown as it is (no line breaks reach here)."""
    return str(value)
