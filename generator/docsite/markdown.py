"""Small pieces of Markdown the generated pages share."""

from __future__ import annotations

import json


def front_matter(title: str, **meta: str) -> str:
    """YAML front matter; each value written as a JSON string, which is valid YAML whatever it holds."""
    lines = ["---", f"title: {json.dumps(title)}"] + [f"{k}: {json.dumps(v)}" for k, v in meta.items()]
    return "\n".join(lines + ["---", ""])


def cell(text: object) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")
