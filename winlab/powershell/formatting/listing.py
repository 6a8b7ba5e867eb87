"""Format-List: `Name : value` per property, names padded to the longest, objects apart by a
blank line; a value longer than the host's width wraps under the value column."""

from __future__ import annotations

from typing import Any

from ... import assumptions as A
from .values import Culture, cell


def format_list(items: list[list[tuple[str, Any]]], where: Culture, width: int = A.PS_HOST_WIDTH) -> list[str]:
    lines = [""]
    for pairs in items:
        pad = max((len(name) for name, _ in pairs), default=0)
        for name, value in pairs:
            lines += _wrap(f"{name.ljust(pad)} : ", cell(value, where), width)
        lines.append("")
    return lines + [""]


def _wrap(head: str, text: str, width: int) -> list[str]:
    room = max(width - 1 - len(head), 10)
    chunks = text.split("\n") if text else [""]
    pieces: list[str] = []
    for chunk in chunks:
        chunk = chunk.rstrip("\r")
        while len(chunk) > room:
            pieces.append(chunk[:room])
            chunk = chunk[room:]
        pieces.append(chunk)
    return [(head if i == 0 else " " * len(head)) + piece for i, piece in enumerate(pieces)]
