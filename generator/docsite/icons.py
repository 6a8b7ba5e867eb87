"""The theme's own SVG icons (mkdocs-material's bundled set) for acceptance states, written
inline so a page shows them with no emoji font, in print too, and with no script."""

from __future__ import annotations

import base64
from functools import lru_cache
from importlib.resources import files

from ..rendering.slots import Trusted

# State -> the material icon that shows it; each shape differs, so colour is never the only cue.
STATE_ICONS = {
    "passed": "check-circle",
    "failed": "close-circle",
    "skipped": "minus-circle-outline",
    "none": "minus-circle-outline",
    "stale": "clock-alert-outline",
    "blocked": "lock-outline",
    "attested": "account-check-outline",
}


@lru_cache(maxsize=None)
def _svg(name: str) -> str:
    path = files("material") / "templates" / ".icons" / "material" / f"{name}.svg"
    return path.read_text(encoding="utf-8").strip()


def icon(name: str) -> Trusted:
    """A material icon, sized like the text around it (the theme's `twemoji` span)."""
    return Trusted(f'<span class="twemoji" aria-hidden="true">{_svg(name)}</span>')


def state_icon(state: str) -> Trusted:
    return icon(STATE_ICONS[state])


def state_icon_styles(scope: str) -> Trusted:
    """One `<style>` giving `<span class="runbook-icon">` inside a `runbook-badge--STATE` under
    `scope` that state's icon, as a CSS mask painted in the text's colour: a page with thousands
    of states (the fleet dashboard) carries each icon once, not once a cell."""
    rules = [f'{scope} .runbook-badge--{state} .runbook-icon {{ --runbook-icon: url("data:image/svg+xml;base64,'
             f'{base64.b64encode(_svg(name).encode()).decode()}"); }}' for state, name in STATE_ICONS.items()]
    return Trusted("<style>" + " ".join(rules) + "</style>")
