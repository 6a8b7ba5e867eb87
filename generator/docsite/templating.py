"""The engine's own pages (site index, stage page frame, scripts, runbook and group indexes,
fidelity) are Jinja templates too, rendered through the same slots and page parser as the
stage templates: every value they show is escaped for where it lands, by one mechanism."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from ..rendering.page import parse_page
from ..rendering.slots import Trusted, collecting
from ..rendering.templates import safe_environment
from .icons import icon, state_icon, state_icon_styles
from .states import site_states, stage_state

TEMPLATES = Path(__file__).with_name("templates")


def url(path: Any) -> Trusted:
    """A link target the engine built (page and script paths): percent-encoded, so no value
    inside it can leave the link."""
    return Trusted(quote(str(path), safe="/#._-~"))


def href(address: Any) -> Trusted:
    """An external link a runbook cites (sources.yaml): http(s) only, and nothing in it can end
    the Markdown link or start HTML."""
    text = str(address)
    if not text.lower().startswith(("http://", "https://")):
        raise ValueError(f"{text!r}: only http and https links are written")
    return Trusted(quote(text, safe=":/?#[]@!$&*+,;=%._~-"))


def authored(text: Any) -> Trusted:
    """Runbook content its authors write as Markdown (runbook.yaml, sources.yaml,
    unconfirmed.yaml, the lab's fidelity data), never an environment value: kept as Markdown,
    on one line with pipes escaped so it fits a table cell."""
    return Trusted(" ".join(str(text).split()).replace("|", "\\|"))


@lru_cache(maxsize=None)
def _jinja() -> jinja2.Environment:
    env = safe_environment(jinja2.FileSystemLoader(str(TEMPLATES)))
    env.filters.update(url=url, href=href, authored=authored)
    env.globals.update(icon=icon, state_icon=state_icon, state_icon_styles=state_icon_styles, stage_state=stage_state, site_states=site_states)
    return env


def render_page(template: str, **context: Any) -> str:
    """The Markdown of an engine page, every value escaped for its context."""
    with collecting() as slots:
        text = _jinja().get_template(template).render(**context)
    return parse_page(text, f"generator/docsite/templates/{template}", slots).markdown
