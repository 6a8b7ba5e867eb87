"""YAML loading that remembers where every value came from.

pydantic reports errors by location (`("nodes", 1, "name")`); users need the line in
their file. ruamel.yaml's round-trip loader keeps line marks on every mapping and
sequence, so a location can be walked back to a line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from .errors import ConfigError, Problem


@dataclass
class YamlDocument:
    path: str            # as the user named it, for messages
    data: Any            # ruamel CommentedMap / CommentedSeq / scalars

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """1-based line of the deepest node on `loc` that exists in the file."""
        node, line = self.data, _own_line(self.data)
        for part in loc:
            child_line = _child_line(node, part)
            if child_line is None:
                break
            line = child_line
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        return line

    def value_at(self, loc: Sequence[str | int]) -> Any:
        node = self.data
        for part in loc:
            node = node[part]
        return node


def _own_line(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else None


def _child_line(node: Any, part: str | int) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(part, int):
            return lc.item(part)[0] + 1
        return lc.key(part)[0] + 1 if part in node else None     # the key's line, even for block values
    except (KeyError, IndexError, TypeError):
        return None


def load_yaml(path: Path, shown_as: str | None = None) -> YamlDocument:
    """Parse a YAML file; syntax errors and duplicate keys become a located ConfigError."""
    name = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([Problem(name, None, "", f"cannot read file: {exc.strerror}")]) from exc
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise ConfigError([Problem(name, line, "", f"YAML syntax: {message}")]) from exc
    return YamlDocument(name, data if data is not None else {})


def plain(data: Any) -> Any:
    """ruamel containers -> dict/list, so pydantic sees ordinary Python values."""
    if isinstance(data, dict):
        return {str(k): plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    for kind in (bool, int, float, str):     # ruamel scalar subclasses -> builtins
        if isinstance(data, kind):
            return kind(data)
    return data
