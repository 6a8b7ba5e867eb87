"""Executable blocks: the commands a page shows are the commands its scripts run.

A stage template marks a fenced block as executable on a host with attributes:

    ```cmd {check=E2K7Node1}      succeeds when the step is already done (a guard)
    ```cmd {run=E2K7Node1}        makes the change

The step a block belongs to is the nearest heading above it. `parse_page` returns the
blocks and the page as MkDocs should show it: the same fences and the same lines,
with the attributes turned into a title ("E2K7Node1 · run").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markdown.extensions.toc import slugify

from ..errors import ContentError

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s+\{#(?P<anchor>[\w-]+)\})?\s*#*\s*$")
_INFO = re.compile(r"^\s*(?P<lang>[\w+-]+)\s*\{(?P<attrs>[^}]*)\}\s*$")
_ATTR = re.compile(r'(\w+)(?:="([^"]*)"|=(\S*))?')
_LEXER = {"cmd": "bat"}        # how MkDocs highlights each block language


@dataclass(frozen=True)
class StepHeading:
    title: str
    anchor: str


@dataclass(frozen=True)
class Block:
    kind: Literal["run", "check"]
    host: str
    lang: str
    text: str                  # the block's lines, without the fence's indentation
    step: StepHeading
    line: int                  # 1-based line in the rendered page

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Page:
    markdown: str              # what MkDocs renders
    blocks: tuple[Block, ...]


def block_title(kind: str, host: str) -> str:
    return f"{host} · {kind}"


def parse_page(markdown: str, source: str) -> Page:
    """Split rendered Markdown into display Markdown and its executable blocks."""
    out: list[str] = []
    blocks: list[Block] = []
    step: StepHeading | None = None
    anchors: dict[str, int] = {}
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if not fence:
            heading = _HEADING.match(line)
            if heading:
                step = _heading(heading, anchors)
            out.append(line)
            i += 1
            continue
        end = _closing(lines, i, fence)
        body = [_dedent(l, len(fence["indent"]), source, n) for n, l in enumerate(lines[i + 1:end], start=i + 2)]
        attrs = _executable(fence["info"], source, i + 1)
        if attrs is None:
            out.extend(lines[i:end + 1])
        else:
            kind, host, lang = attrs
            if step is None:
                raise ContentError(f"{source}:{i + 1}: an executable block needs a heading above it (its step)")
            if not any(l.strip() for l in body):
                raise ContentError(f"{source}:{i + 1}: executable block for {host} is empty")
            blocks.append(Block(kind, host, lang, "\n".join(body), step, i + 1))
            shown = _LEXER.get(lang, lang)
            out.append(f'{fence["indent"]}{fence["fence"]}{shown} title="{block_title(kind, host)}"')
            out.extend(lines[i + 1:end + 1])
        i = end + 1
    return Page("\n".join(out), tuple(blocks))


def _heading(match: re.Match, anchors: dict[str, int]) -> StepHeading:
    title = re.sub(r"[*_`]", "", match["text"]).strip()
    anchor = match["anchor"] or slugify(title, "-")
    count = anchors.get(anchor, 0)
    anchors[anchor] = count + 1
    return StepHeading(title, anchor if count == 0 else f"{anchor}_{count}")   # as MkDocs' toc does


def _closing(lines: list[str], start: int, opening: re.Match) -> int:
    char, width = opening["fence"][0], len(opening["fence"])
    pattern = re.compile(rf"^ *{re.escape(char)}{{{width},}}\s*$")
    for j in range(start + 1, len(lines)):
        if pattern.match(lines[j]):
            return j
    return len(lines) - 1


def _dedent(line: str, indent: int, source: str, number: int) -> str:
    if line[:indent].strip():
        raise ContentError(f"{source}:{number}: block line is indented less than its fence")
    return line[indent:]


def _executable(info: str, source: str, line: int) -> tuple[str, str, str] | None:
    match = _INFO.match(info)
    if not match:
        return None
    text = match["attrs"]
    pairs = _ATTR.findall(text)
    if _ATTR.sub("", text).strip():
        raise ContentError(f"{source}:{line}: block attributes {{{text}}}: cannot read them")
    attrs = {key: quoted or bare for key, quoted, bare in pairs}
    roles = [k for k in ("run", "check") if k in attrs]
    unknown = set(attrs) - {"run", "check"}
    if unknown or len(roles) != 1 or not attrs[roles[0]]:
        raise ContentError(f"{source}:{line}: block attributes {{{match['attrs']}}}: "
                           "expected exactly one of run=HOST or check=HOST")
    return roles[0], attrs[roles[0]], match["lang"]
