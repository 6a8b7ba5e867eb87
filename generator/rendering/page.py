"""One pass over a rendered page: every value written for its context, blocks collected.

The page comes from a template with its values still in slots (`rendering.slots`). Walking
it line by line, the parser knows where each slot stands (front matter, a fence's
attributes, a cmd.exe block, another code block, a heading, Markdown text) and writes the
value escaped for exactly that place; a value no spelling makes safe there is refused
(`UnsafeValue`). At the same time it collects the executable blocks, so the Markdown MkDocs
shows and the lines the scripts run are the very same text.

Where a slot stands depends on the template text only, never on a value, and every site of
a fleet renders the same text with slots (slots are numbered in the order the template
writes them). So the walk is done once per distinct text: it yields the page's *layout*,
literal text and the places of its slots, headings and fences (kept for the next site,
`_layout`); each site's values are then written into it (`Layout.write`), with every check
that depends on a value made again for that value. The values in Markdown text (most of a
page's) are written by slot number first, then the other parts in page order; when something
is refused, the parts are written again in page order, so the refusal reported is the first
in the page, whichever was met first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from markdown.extensions.toc import slugify

from ..errors import ContentError
from ..languages import LANGUAGES, Language, language
from .blocks import (ATTESTATION_MARK, FENCE, HEADING, Block, ManualStep, Page, StepHeading, block_title, closes,
                     closing, dedent, executable, manual_attributes)
from .escaping import UnsafeValue, code, fence_attribute, front_matter, markdown_text
from .markdown_line import plain_text, text_line, text_slot
from .slots import OPEN, SLOT, Slots

# What Markdown drops from a heading's text: code and emphasis marks, but not the underscores
# inside a word (MNS_FSW_E2K7CLUS), which Python-Markdown leaves as text and MkDocs' anchors keep.
_MARKUP = re.compile(r"[*`]|(?<!\w)_+|_+(?!\w)")
_MANUAL_FENCE = re.compile(r"^\s*manual\s*\{", re.IGNORECASE)


def parse_page(markdown: str, source: str, slots: Slots | None = None) -> Page:
    """The page as MkDocs shows it (values escaped) and its executable blocks."""
    return _layout(markdown).write(source, slots)


class _Site:
    """One site's values while its page is written: `value(number)` gives a slot's value (raising
    an error for a slot the page cannot hold), and the step headings met so far."""

    __slots__ = ("values", "source", "anchors", "step", "blocks", "manual", "value")

    def __init__(self, slots: Slots | None, source: str):
        self.values, self.source = None if slots is None else slots.values, source
        self.anchors: dict[str, int] = {}
        self.step: StepHeading | None = None
        self.blocks: list[Block] = []
        self.manual: list[ManualStep] = []
        if self.values is None:
            self.value: Callable[[int], Any] = self._none
        elif OPEN in "".join([v for v in self.values if isinstance(v, str)]):
            self.value = self._checked          # some value is template text: refused where it is written
        else:
            self.value = self.values.__getitem__        # nothing to refuse: the usual page, read directly

    def _none(self, number: int) -> Any:
        raise ContentError("a slot in a page rendered without values")

    def _checked(self, number: int) -> Any:
        value = self.values[number]             # type: ignore[index]
        if isinstance(value, str) and OPEN in value:
            raise UnsafeValue(value, "is template text (a macro's output or a {% set %} block) written as a "
                                     "value: end its expression with `| trusted`", template=True)
        return value


class Layout:
    """A page read once: literal text, and the parts written per site (in page order)."""

    def __init__(self, parts: list[Any], lines: list[int | None]):
        self.parts = parts            # str, or an object whose write(site) gives its text
        self.lines = lines            # per part: the page line (0-based) its refusals name, unless it does
        # How a site's page is written: each value in Markdown text (most of them) by its slot
        # number; then every other part in page order, headings before the blocks under them.
        numbers = [text_slot(p) for p in parts]
        self.texts = [(i, n) for i, n in enumerate(numbers) if n is not None]
        self.others = [(i, p.write, p.__class__ in _READS_SITE) for i, (p, n) in enumerate(zip(parts, numbers))
                       if n is None and p.__class__ is not str]

    def write(self, source: str, slots: Slots | None) -> Page:
        """The page of one site. A refusal is the first in page order: the parts are written in
        page order again to find it (`_located`), as `markdown_text` and the others share no state."""
        site = _Site(slots, source)
        value = site.value                      # Markdown parts read values only (`markdown_line`)
        out = self.parts.copy()
        try:
            for i, number in self.texts:
                out[i] = markdown_text(value(number))
            for i, write, reads_site in self.others:
                out[i] = write(site if reads_site else value)
        except ContentError as exc:
            raise self._located(exc, source, slots) from None
        return Page("".join(out), tuple(site.blocks), tuple(site.manual))

    def _located(self, error: ContentError, source: str, slots: Slots | None) -> ContentError:
        """The first refusal in page order, an UnsafeValue located at the line of the part that
        raised it: found by writing the parts again one by one (a part's text depends on the
        values only), so the usual write pays nothing for it. Any other refusal met on the way
        is raised as it is."""
        site = _Site(slots, source)
        for part, line in zip(self.parts, self.lines):
            if part.__class__ is str:
                continue
            try:
                part.write(site if part.__class__ in _READS_SITE else site.value)
            except UnsafeValue as exc:
                return _located(exc, source, line) if line is not None else exc
        return error


@lru_cache(maxsize=256)             # a few texts per stage and fleet (per platform, per node count)
def _layout(markdown: str) -> Layout:
    lines = markdown.split("\n")
    out: list[Any] = []               # per line: its text, a fence, or its parts with their line
    step_above = False                # a heading stands above the line being read
    i = _front_matter(lines, out)
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if not fence:
            heading = HEADING.match(line)
            if heading:
                out.append([(_Heading(heading), None)])      # its refusals name no line
                step_above = True
            out.append([(p, i) for p in text_line(line)] if OPEN in line else line)
            i += 1
            continue
        end = closing(lines, i, fence["fence"])
        closed = end > i and closes(lines[end], fence["fence"])
        out.append(_Fence(fence, i, lines[i + 1:end], step_above, closed))
        if end < len(lines) and end > i and not _MANUAL_FENCE.match(fence["info"]):   # a manual step is a box
            out.append(lines[end])
        i = end + 1
    return _joined(out)


def _joined(lines: list[Any]) -> Layout:
    """The lines as one text, literal runs merged. A heading's part writes nothing and shares
    its line with the line's text."""
    parts: list[Any] = []
    located: list[int | None] = []

    def add(part: Any, line: int | None) -> None:
        if part.__class__ is str and parts and parts[-1].__class__ is str:
            parts[-1] += part
        else:
            parts.append(part)
            located.append(line)

    previous_heading = False
    for n, line in enumerate(lines):
        if n and not previous_heading:
            add("\n", None)
        if isinstance(line, list):
            for part, number in line:
                add(part, number)
            previous_heading = isinstance(line[0][0], _Heading)
        else:
            add(line, None)
            previous_heading = False
    return Layout(parts, located)


def _front_matter(lines: list[str], out: list[Any]) -> int:
    """The front matter (`---` ... `---` at the top): its values as escaped YAML strings."""
    if not lines or lines[0] != "---" or "---" not in lines[1:]:
        return 0
    end = lines.index("---", 1)
    for n in range(end + 1):
        out.append([(_SlotLine(lines[n], n, front_matter), None)] if OPEN in lines[n] else lines[n])
    return end + 1


def _located(error: UnsafeValue, source: str, number: int) -> UnsafeValue:
    """An UnsafeValue located at page line `number` (0-based)."""
    error.args = (f"{source}:{number + 1}: {error}",)
    error.where = f"{source}:{number + 1}"
    return error


class _SlotLine:
    """A line whose every slot is written by one function (front matter, a fence's attributes,
    a code block that is not a shell's)."""

    __slots__ = ("pieces", "number", "escape")

    def __init__(self, line: str, number: int, escape: Callable[[Any], str]):
        self.pieces = [int(p) if n % 2 else p for n, p in enumerate(SLOT.split(line))]   # text, slot, text...
        self.number, self.escape = number, escape

    def write(self, site: _Site) -> str:
        escape, value = self.escape, site.value
        try:
            return "".join([p if p.__class__ is str else escape(value(p)) for p in self.pieces])
        except UnsafeValue as exc:
            raise _located(exc, site.source, self.number)


class _Heading:
    """A heading starts a step: its title as text (markup of the template removed, values as they
    are) and the anchor MkDocs' toc gives it. It writes nothing: its line is written as text."""

    __slots__ = ("title", "anchor", "given")

    def __init__(self, match: re.Match):
        self.given = match["anchor"]
        self.title = _MARKUP.sub("", match["text"])
        self.anchor = None if OPEN in self.title else self.given or slugify(self.title.strip(), "-")

    def write(self, site: _Site) -> str:
        title = plain_text(self.title, site.value).strip() if self.anchor is None else self.title.strip()
        anchor = self.anchor or self.given or slugify(title, "-")
        count = site.anchors.get(anchor, 0)
        site.anchors[anchor] = count + 1
        site.step = StepHeading(title, anchor if count == 0 else f"{anchor}_{count}")   # as MkDocs' toc does
        return ""


class _Fence:
    """A fenced block: its lines written for its language; an executable one becomes a titled
    fence and a Block."""

    __slots__ = ("number", "indent", "fence", "info", "body", "step_above", "filled", "closed", "valued",
                 "may_close", "slotted", "indented")

    def __init__(self, match: re.Match, number: int, body: list[str], step_above: bool, closed: bool):
        self.number, self.indent, self.fence, self.closed = number, match["indent"], match["fence"], closed
        self.info = _SlotLine(match["info"], number, fence_attribute) if OPEN in match["info"] else match["info"]
        self.body, self.step_above = body, step_above
        self.filled = any(line.strip() for line in body if OPEN not in line)    # not empty, whatever the values
        self.valued = any(OPEN in line for line in body)
        # A value can end the block only on a line whose own text is blanks and fence characters.
        self.may_close = {line for line in body if not SLOT.sub("", line).replace(self.fence[0], "").strip()}
        self.slotted = [(n, line) for n, line in enumerate(body) if OPEN in line]   # the lines values go in
        # The fence's indentation is literal blanks on every line: no value can fall short of it.
        width = len(self.indent)
        self.indented = all(not line[:width].strip() and OPEN not in line[:width] for line in body)

    def write(self, site: _Site) -> str:
        source, i = site.source, self.number
        if not self.closed:               # Markdown would show its lines as text, values written for code
            raise ContentError(f"{source}:{i + 1}: this {self.fence} fence is never closed: end the block "
                               f"with a line of {self.fence}")
        info = self.info if self.info.__class__ is str else self.info.write(site)
        manual = manual_attributes(info, source, i + 1)
        if manual is not None:
            return self._manual(*manual, site)
        attrs = executable(info, source, i + 1)
        if attrs is None:
            lang = info.strip().split(" ", 1)[0].split("{", 1)[0].lower()
            body = self._written(language(lang), site) if self.valued else self.body
            self._text(body, source)                    # indentation is checked on every block
            return "\n".join([f"{self.indent}{self.fence}{info}", *body])
        kind, host, lang = attrs.kind, attrs.host, attrs.lang
        runs_as = language(lang)
        body = self._written(runs_as, site) if self.valued else self.body
        text = self._text(body, source) if self.indent else body
        if runs_as is None:
            raise ContentError(f"{source}:{i + 1}: no script assembler handles `{lang}` blocks "
                               f"(executable blocks may be: {', '.join(sorted(LANGUAGES))})")
        if not self.step_above:
            raise ContentError(f"{source}:{i + 1}: an executable block needs a heading above it (its step)")
        if not self.filled and not any(t.strip() for t in text):
            raise ContentError(f"{source}:{i + 1}: executable block for {host} is empty")
        site.blocks.append(Block(kind, host, runs_as.name, "\n".join(text), site.step, i + 1, attrs.restart,
                                 attrs.waits_for))
        title = block_title(kind, host, attrs.restart, attrs.waits_for)
        return "\n".join([f'{self.indent}{self.fence}{runs_as.lexer} title="{title}"', *body])

    def _manual(self, step_id: str, host: str, site: _Site) -> str:
        """A manual step: its instruction (Markdown, values escaped as text) in a box titled with
        its host, and the mark where a site's page shows its attestation."""
        source, i = site.source, self.number
        body = self._text([line if OPEN not in line else "".join(
            piece if piece.__class__ is str else piece.write(site.value) for piece in text_line(line))
            for line in self.body], source)
        if not any(line.strip() for line in body):
            raise ContentError(f"{source}:{i + 1}: manual step {step_id} says nothing: write its instruction")
        taken = next((m for m in site.manual if m.id == step_id), None)
        if taken is not None:
            raise ContentError(f"{source}:{i + 1}: manual step id {step_id} is already used on line {taken.line} "
                               "of this stage")
        site.manual.append(ManualStep(step_id, host, "\n".join(body), site.step, i + 1))
        pad = self.indent + "    "
        title = markdown_text(f"{host} · manual step {step_id}")
        return "\n".join([f'{self.indent}!!! runbook-manual "{title}"', "",
                          *[f"{pad}{line}" if line.strip() else "" for line in body], "",
                          f"{pad}{ATTESTATION_MARK.format(id=step_id)}"])

    def _text(self, body: list[str], source: str) -> list[str]:
        """The block's lines without the fence's indentation."""
        width = len(self.indent)
        if not width:
            return body
        if not self.indented and any(line[:width].strip() for line in body):   # refused, at the first such line
            return [dedent(line, width, source, n) for n, line in enumerate(body, start=self.number + 2)]
        return [line[width:] for line in body]

    def _written(self, shell: Language | None, site: _Site) -> list[str]:
        """The block's lines with their values, written for the block's language (a shell's
        escaping, or as they are)."""
        body = self.body.copy()
        first, value, source = self.number + 1, site.value, site.source
        escape_line = shell.escape_line if shell is not None else _as_code
        for n, line in self.slotted:
            try:
                written = body[n] = escape_line(line, value)
            except UnsafeValue as exc:
                raise _located(exc, source, first + n)
            if line in self.may_close and closes(written, self.fence):
                raise ContentError(f"{source}:{first + n + 1}: a value would end the code block here")
        return body


def _as_code(line: str, value: Callable[[int], Any]) -> str:
    """A line of a block that is not a shell's, its values as they are."""
    return "".join([code(value(int(p))) if n % 2 else p for n, p in enumerate(SLOT.split(line))])


_READS_SITE = frozenset({_SlotLine, _Heading, _Fence})   # markdown_line's parts take values only
