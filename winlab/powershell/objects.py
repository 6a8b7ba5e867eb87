"""The values a pipeline carries: PSObject and the .NET types PowerShell shows specially.

A cmdlet returns `PSObject`s (type names most derived first, ordered properties) or plain
values. Property values are str, int, float, bool, None, datetime, timedelta, lists,
`ByteQuantifiedSize` and nested PSObjects; an enum is its name as a string. How each shows
is formatting's business (formatting/values.py); this module only holds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OBJECT = "System.Object"


@dataclass
class PSObject:
    type_names: tuple[str, ...]
    properties: dict[str, Any] = field(default_factory=dict)
    to_string: str | None = None            # what ToString() gives (None: the first type name)

    def get(self, name: str, default: Any = None) -> Any:
        """A property by name, case-insensitively, as PowerShell's member access finds it."""
        key = self.key(name)
        return self.properties[key] if key is not None else default

    def key(self, name: str) -> str | None:
        if name in self.properties:
            return name
        wanted = name.lower()
        return next((k for k in self.properties if k.lower() == wanted), None)

    def has(self, name: str) -> bool:
        return self.key(name) is not None

    def set(self, name: str, value: Any) -> None:
        self.properties[self.key(name) or name] = value

    @property
    def type_name(self) -> str:
        return self.type_names[0] if self.type_names else OBJECT

    def __str__(self) -> str:
        return self.to_string if self.to_string is not None else self.type_name


@dataclass(frozen=True)
class ByteQuantifiedSize:
    """Exchange's ByteQuantifiedSize: a byte count shown `15 MB (15,728,640 bytes)`."""

    bytes: int

    UNITS = (("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10))

    def __str__(self) -> str:
        for unit, size in self.UNITS:
            if self.bytes >= size:
                amount = self.bytes / size
                shown = f"{amount:.0f}" if amount == int(amount) else f"{amount:.1f}".rstrip("0").rstrip(".")
                return f"{shown} {unit} ({self.bytes:,} bytes)"
        return f"{self.bytes} B ({self.bytes:,} bytes)"

    def __int__(self) -> int:
        return self.bytes


def psobject(type_name: str, **properties: Any) -> PSObject:
    """A PSObject of one .NET type (System.Object implied)."""
    return PSObject((type_name, OBJECT), dict(properties))


class SecureString:
    """What Read-Host -AsSecureString returns: shows as its type name, keeps the text for cmdlets."""

    def __init__(self, text: str):
        self._text = text

    def reveal(self) -> str:
        return self._text

    def __str__(self) -> str:
        return "System.Security.SecureString"

    def __repr__(self) -> str:
        return "SecureString(******)"
