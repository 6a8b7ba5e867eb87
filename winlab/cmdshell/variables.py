"""Environment variables: names compared without case, kept with the case they were set in."""

from __future__ import annotations

from typing import Iterator, Mapping


class Variables:
    def __init__(self, initial: Mapping[str, str] | None = None):
        self._items: dict[str, tuple[str, str]] = {}
        for name, value in (initial or {}).items():
            self.set(name, value)

    def get(self, name: str) -> str | None:
        item = self._items.get(name.upper())
        return None if item is None else item[1]

    def set(self, name: str, value: str) -> None:
        old = self._items.get(name.upper())
        self._items[name.upper()] = (old[0] if old else name, value)

    def delete(self, name: str) -> bool:
        return self._items.pop(name.upper(), None) is not None

    def items(self) -> list[tuple[str, str]]:
        """(name, value) pairs in the order `set` lists them."""
        return sorted(self._items.values(), key=lambda item: item[0].upper())

    def copy(self) -> Variables:
        clone = Variables()
        clone._items = dict(self._items)
        return clone

    def view(self) -> EnvView:
        return EnvView(dict(self.items()))


class EnvView(Mapping[str, str]):
    """A read-only snapshot for tools: `env["computername"]` finds `COMPUTERNAME`."""

    def __init__(self, values: dict[str, str]):
        self._values = values
        self._names = {name.upper(): name for name in values}

    def __getitem__(self, name: str) -> str:
        return self._values[self._names[name.upper()]]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.upper() in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)
