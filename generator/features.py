"""A stage's feature file: its scenarios, read with the Gherkin parser pytest-bdd uses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gherkin.errors import CompositeParserException, ParserError
from gherkin.parser import Parser

from .errors import ContentError


@dataclass(frozen=True)
class Scenario:
    name: str
    line: int
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Feature:
    path: Path
    name: str
    description: str
    scenarios: tuple[Scenario, ...]
    text: str


def read_feature(path: Path, shown: str) -> Feature:
    """The feature file, parsed once while it stays the same (every site of a build shows it;
    `serve` reads it again when it changed)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ContentError(f"{shown}: missing feature file ({exc.strerror})") from exc
    return _parsed(path, stat.st_mtime_ns, stat.st_size, shown)


@lru_cache(maxsize=256)
def _parsed(path: Path, mtime_ns: int, size: int, shown: str) -> Feature:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError(f"{shown}: missing feature file ({exc.strerror})") from exc
    try:
        document = Parser().parse(text)
    except (CompositeParserException, ParserError) as exc:
        raise ContentError("; ".join(_located(shown, error) for error in getattr(exc, "errors", None) or [exc])) from exc
    feature = document.get("feature")
    if not feature:
        raise ContentError(f"{shown}: no Feature")
    scenarios = []
    for child in feature["children"]:
        for node in ([child["scenario"]] if "scenario" in child else
                     [c["scenario"] for c in child.get("rule", {}).get("children", []) if "scenario" in c]):
            scenarios.append(Scenario(node["name"], node["location"]["line"],
                                      tuple(t["name"] for t in node.get("tags", []))))
    return Feature(path, feature["name"], feature.get("description", "").strip(), tuple(scenarios), text)


def _located(shown: str, error: Exception) -> str:
    """`features/x.feature:2: A tag may not contain whitespace`: Gherkin's `(2:3): ...` as file:line."""
    location = getattr(error, "location", None) or {}
    text = re.sub(r"^\(\d+:\d+\): ", "", str(error))
    return f"{shown}:{location['line']}: {text}" if location.get("line") else f"{shown}: {text}"
