"""Source citations ([S6], [C12]) in pages become links to the runbook's list of sources."""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

_CITATION = re.compile(r"(?<!\\)\[((?:S|C)\d+)\](?!\()")
_FENCE = re.compile(r"^\s*(```|~~~)")


def anchor(source_id: str) -> str:
    return slugify(f"source {source_id}", "-")


def link_citations(markdown: str, known: dict, index_path: str) -> str:
    """Link every known citation outside code fences to `index_path#source-sN` (an escaped
    `\\[S6\\]`, as a value shows it, stays text)."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _CITATION.sub(lambda m: f"[\\[{m[1]}\\]]({index_path}#{anchor(m[1])})"
                                 if m[1] in known else m[0], line)
        out.append(line)
    return "\n".join(out)
