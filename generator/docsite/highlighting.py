"""`pymdownx.highlight` with the same options and the same HTML, at a fraction of the cost for
a site of many small command blocks.

For every block, pymdownx.highlight builds a Pygments formatter (which computes the theme's
whole stylesheet) and lexes the code. A runbook site has tens of thousands of blocks, most of
them repeated from host to host and site to site. Here a block's HTML is put together from
two parts kept per process: its *frame* (what surrounds the code: the `<div>`, `<pre>` and
`<code>` tags, which depend only on the block's options) and its *code* (the highlighted
lines, which depend only on the language and the source). So one formatter serves every
block, and each distinct source is lexed once. The title (`<span class="filename">`) goes
where Pygments puts it, before `<pre>`.

A frame is learnt from pymdownx's own output for the first block with those options, and
used only when that output is exactly frame + code. Blocks with options that change the
frame from line to line (line numbers, highlighted lines, line anchors or spans, HTML titles)
go to pymdownx unchanged.

Use it in mkdocs.yml in place of `pymdownx.highlight`, with the same options.
"""

from __future__ import annotations

from typing import Any

from pygments import format as format_tokens
from pygments.util import html_escape
from pymdownx.highlight import BlockHtmlFormatter, Highlight, HighlightExtension

_frames: dict[tuple, tuple[str, str]] = {}          # options -> (before the code, after it)
_tools: dict[tuple, tuple[Any, BlockHtmlFormatter]] = {}     # settings, language -> lexer, formatter
_codes: dict[tuple, str] = {}                       # settings, language, source -> highlighted lines
_MAX_CODES = 100_000


class CachedHighlight(Highlight):
    def highlight(self, src, language, css_class="highlight", hl_lines=None, linestart=-1, linestep=-1,
                  linespecial=-1, inline=False, classes=None, id_value="", attrs=None, title=None,
                  code_block_count=0):
        if not self._framed(inline, hl_lines, linestart, title):
            return super().highlight(src, language, css_class, hl_lines, linestart, linestep, linespecial, inline,
                                     classes, id_value, attrs, title, code_block_count)
        settings = self._settings()
        options = (settings, language, css_class, tuple(classes or ()), id_value, tuple((attrs or {}).items()))
        code = _code(settings, language or self.default_lang, src, self)
        frame = _frames.get(options)
        if frame is None:
            html = super().highlight(src, language, css_class, None, linestart, linestep, linespecial, False,
                                     classes, id_value, attrs, None, code_block_count)
            if html.count(code) != 1:
                return _titled(html, title)           # no frame to learn from this block: pymdownx's own
            frame = _frames[options] = tuple(html.split(code))
        return _titled(frame[0] + code + frame[1], title)

    def _framed(self, inline, hl_lines, linestart, title) -> bool:
        """Whether the block's frame is the same whatever its code (see the module's docstring)."""
        numbered = (self.linenums and linestart != 0) or (self.linenums is not False and linestart > 0)
        return (self.use_pygments and not inline and not numbered and not hl_lines and not self.line_spans
                and not self.line_anchors and not self.guess_lang and self.title_mode == "text"
                and (title is not None or not self.auto_title))

    def _settings(self) -> tuple:
        return tuple((name, repr(value)) for name, value in sorted(vars(self).items()) if name != "md")


def _titled(html: str, title: str | None) -> str:
    """Where Pygments writes a title (its `filename` option) when there are no line numbers."""
    title = (title or "").strip()
    if not title:
        return html
    return html.replace("<pre", f'<span class="filename">{html_escape(title)}</span><pre', 1)


def _code(settings: tuple, language: str, src: str, highlighter: CachedHighlight) -> str:
    """The highlighted lines of one source, without their wrapping tags. The highlighter that
    asks first builds the lexer and formatter for its settings."""
    key = (settings, language, src)
    code = _codes.get(key)
    if code is None:
        tools = _tools.get((settings, language))
        if tools is None:
            tools = _tools[settings, language] = (
                highlighter.get_lexer("", language, False, highlighter.stripnl)[0],
                BlockHtmlFormatter(nowrap=True, style=highlighter.pygments_style, noclasses=highlighter.noclasses))
        lexer, formatter = tools
        code = format_tokens(lexer.get_tokens(src), formatter)
        if len(_codes) >= _MAX_CODES:                  # bounded memory: start again rather than grow
            _codes.clear()
        _codes[key] = code
    return code


class CachedHighlightExtension(HighlightExtension):
    def get_pymdownx_highlighter(self):
        return CachedHighlight


def makeExtension(*args, **kwargs):                      # noqa: N802 (Python-Markdown's name)
    return CachedHighlightExtension(*args, **kwargs)
