"""Source citations ([S6], [C12]) in pages become links to the runbook's list of sources."""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

from .markdown import cell


_CITATION = re.compile(r"\[((?:S|C)\d+)\](?!\()")
_FENCE = re.compile(r"^\s*(```|~~~)")


def anchor(source_id: str) -> str:
    return slugify(f"source {source_id}", "-")


def link_citations(markdown: str, known: dict, index_path: str) -> str:
    """Link every known citation outside code fences to `index_path#source-sN`."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _CITATION.sub(lambda m: f"[\\[{m[1]}\\]]({index_path}#{anchor(m[1])})"
                                 if m[1] in known else m[0], line)
        out.append(line)
    return "\n".join(out)


def sources_section(sources: dict) -> list[str]:
    if not sources:
        return []
    out = ["## Sources", "", "What the stages cite, in brackets: [S..] from the research notes, [C..] from "
           "their confirmations.", ""]
    for source_id, entry in sources.items():
        text = f"[{entry.title}]({entry.url})" if entry.url else entry.title
        out.append(f'- <span id="{anchor(source_id)}"></span>**[{source_id}]** {text}')
    return out + [""]


def unconfirmed_section(items: list[dict]) -> list[str]:
    if not items:
        return []
    out = ["## Not confirmed yet", "",
           "The runbook relies on these, but no public source confirms them. Check them on a real host "
           "and correct `unconfirmed.yaml` and the stage that uses them.", "",
           "| What | Stage | Basis |", "|---|---|---|"]
    for item in items:
        out.append(f"| {cell(item.what)} | {item.stage} | {cell(item.basis)} |")
    return out + [""]
