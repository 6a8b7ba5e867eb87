"""One pass over a rendered page: every value written for its context, blocks collected.

The page comes from a template with its values still in slots (`rendering.slots`). Walking
it line by line, the parser knows where each slot stands (front matter, a fence's
attributes, a cmd.exe block, another code block, a heading, Markdown text) and writes the
value escaped for exactly that place; a value no spelling makes safe there is refused
(`UnsafeValue`). At the same time it collects the executable blocks, so the Markdown MkDocs
shows and the lines the scripts run are the very same text.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from markdown.extensions.toc import slugify

from ..errors import ContentError
from ..languages import LANGUAGES, language
from .blocks import FENCE, HEADING, Block, Page, StepHeading, block_title, closes, closing, dedent, executable
from .escaping import UnsafeValue, code, fence_attribute, front_matter
from .markdown_line import plain_text, resolve_text_line
from .slots import OPEN, SLOT, Slots

_MARKUP = re.compile(r"[*_`]")


class _Values:
    """Slot number -> value, raising a located error for a slot the page cannot hold."""

    def __init__(self, slots: Slots | None):
        self.slots = slots

    def __call__(self, number: int) -> Any:
        if self.slots is None:
            raise ContentError("a slot in a page rendered without values")
        value = self.slots[number]
        if isinstance(value, str) and OPEN in value:
            raise UnsafeValue(value, "is template text (a macro's output or a {% set %} block) written as a "
                                     "value: end its expression with `| trusted`", template=True)
        return value


def parse_page(markdown: str, source: str, slots: Slots | None = None) -> Page:
    """The page as MkDocs shows it (values escaped) and its executable blocks."""
    value_of = _Values(slots)
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[Block] = []
    step: StepHeading | None = None
    anchors: dict[str, int] = {}
    i = _front_matter(lines, out, value_of, source)
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if not fence:
            heading = HEADING.match(line)
            if heading:
                step = _step(heading, value_of, anchors)
            out.append(_located(resolve_text_line, line, value_of, source, i) if OPEN in line else line)
            i += 1
            continue
        end = closing(lines, i, fence)
        info = _located(lambda text, v: SLOT.sub(lambda m: fence_attribute(v(int(m[1]))), text),
                        fence["info"], value_of, source, i)
        attrs = executable(info, source, i + 1)
        lang = attrs.lang if attrs else info.strip().split(" ", 1)[0].split("{", 1)[0].lower()
        body = [_code_line(lines[n], lang, fence, value_of, source, n) for n in range(i + 1, end)]
        text = [dedent(b, len(fence["indent"]), source, n) for n, b in enumerate(body, start=i + 2)]
        if attrs is None:
            out += [f'{fence["indent"]}{fence["fence"]}{info}', *body]
        else:
            kind, host, lang = attrs.kind, attrs.host, attrs.lang
            runs_as = language(lang)
            if runs_as is None:
                raise ContentError(f"{source}:{i + 1}: no script assembler handles `{lang}` blocks "
                                   f"(executable blocks may be: {', '.join(sorted(LANGUAGES))})")
            if step is None:
                raise ContentError(f"{source}:{i + 1}: an executable block needs a heading above it (its step)")
            if not any(t.strip() for t in text):
                raise ContentError(f"{source}:{i + 1}: executable block for {host} is empty")
            blocks.append(Block(kind, host, runs_as.name, "\n".join(text), step, i + 1, attrs.restart,
                                attrs.waits_for))
            title = block_title(kind, host, attrs.restart, attrs.waits_for)
            out += [f'{fence["indent"]}{fence["fence"]}{runs_as.lexer} title="{title}"', *body]
        if end < len(lines) and end > i:
            out.append(lines[end])
        i = end + 1
    return Page("\n".join(out), tuple(blocks))


def _front_matter(lines: list[str], out: list[str], value_of: _Values, source: str) -> int:
    """Copy the front matter (`---` ... `---` at the top), values as escaped YAML strings."""
    if not lines or lines[0] != "---" or "---" not in lines[1:]:
        return 0
    end = lines.index("---", 1)
    for n in range(end + 1):
        out.append(_located(lambda text, v: SLOT.sub(lambda m: front_matter(v(int(m[1]))), text),
                            lines[n], value_of, source, n))
    return end + 1


def _code_line(line: str, lang: str, fence: re.Match, value_of: _Values, source: str, number: int) -> str:
    if OPEN not in line:
        return line
    shell = language(lang)
    if shell is not None:
        written = _located(shell.escape_line, line, value_of, source, number)
    else:
        written = _located(lambda text, v: SLOT.sub(lambda m: code(v(int(m[1]))), text), line, value_of, source,
                           number)
    if closes(written, fence):
        raise ContentError(f"{source}:{number + 1}: a value would end the code block here")
    return written


def _step(match: re.Match, value_of: _Values, anchors: dict[str, int]) -> StepHeading:
    """The step a heading starts: its title as text (markup of the template removed, values as
    they are) and the anchor MkDocs' toc gives it."""
    text = match["text"]
    title = plain_text(_MARKUP.sub("", text), value_of) if OPEN in text else _MARKUP.sub("", text)
    title = title.strip()
    anchor = match["anchor"] or slugify(title, "-")
    count = anchors.get(anchor, 0)
    anchors[anchor] = count + 1
    return StepHeading(title, anchor if count == 0 else f"{anchor}_{count}")   # as MkDocs' toc does


def _located(resolve: Callable[[str, _Values], str], line: str, value_of: _Values, source: str,
             number: int) -> str:
    """`resolve(line)`, with an UnsafeValue located at the page line."""
    try:
        return resolve(line, value_of)
    except UnsafeValue as exc:
        exc.args = (f"{source}:{number + 1}: {exc}",)
        exc.where = f"{source}:{number + 1}"
        raise
