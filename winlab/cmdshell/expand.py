"""Variable expansion: cmd's percent phase, FOR variables and delayed `!VAR!` expansion.

The percent phase runs on the raw line before it is parsed. In a batch file `%%` is a
literal `%`, `%1` and `%~dp0` are arguments and an undefined `%VAR%` vanishes; on a
command line there are no arguments and an undefined `%VAR%` stays as typed.
"""

from __future__ import annotations

import re
from typing import Callable, Protocol

from ..tooling import FileSystem
from .files import full_path

MODIFIERS = "fdpnxsatz"
_ARGUMENT = re.compile(rf"%(?:~([{MODIFIERS}]*)([0-9])|([0-9*]))", re.I)

Lookup = Callable[[str], "str | None"]


class Arguments(Protocol):
    """What a running batch file offers to expansion."""

    def argument(self, index: int) -> str: ...
    def all_arguments(self) -> str: ...
    def script_path(self) -> str: ...


class Expander:
    def __init__(self, lookup: Lookup, fs: FileSystem, cwd: str, batch: Arguments | None = None):
        self.lookup, self.fs, self.cwd, self.batch = lookup, fs, cwd, batch

    def percent(self, text: str) -> str:
        out: list[str] = []
        i = 0
        while i < len(text):
            if text[i] != "%":
                out.append(text[i])
                i += 1
            elif self.batch is not None and text.startswith("%%", i):
                out.append("%")
                i += 2
            elif self.batch is not None and (m := _ARGUMENT.match(text, i)):
                out.append(self._argument(m))
                i = m.end()
            else:
                i = self._variable(text, i, out)
        return "".join(out)

    def _argument(self, m: re.Match) -> str:
        if m[3] == "*":
            return self.batch.all_arguments()
        if m[3] is not None:
            return self.batch.argument(int(m[3]))
        index = int(m[2])
        if index == 0 and m[1]:                     # %~dp0 names the batch file, even in a CALLed label
            return self.modify(self.batch.script_path(), m[1])
        return self.modify(self.batch.argument(index), m[1])

    def _variable(self, text: str, i: int, out: list[str]) -> int:
        """Expands the `%NAME%` at `i` into `out`; returns where scanning resumes."""
        batch = self.batch is not None
        end = _closing(text, i + 1, stop_at_colon=batch)
        if end < 0:
            if not batch:
                out.append("%")
            return i + 1                                # a lone % vanishes in a batch file
        name = text[i + 1:end]
        if text[end] == ":":                            # %VAR:~1,2% or %VAR:a=b%
            value = self.lookup(name)
            close = text.find("%", end + 1)
            if value is None or close < 0:
                return end + 1                           # batch: drops "%VAR:" and goes on
            result = edit(value, text[end + 1:close])
            out.append(result if result is not None else text[i:close + 1])
            return close + 1
        value = variable(name, self.lookup)
        if value is not None:
            out.append(value)
            return end + 1
        if batch:
            return end + 1
        out.append(text[i:end])                          # command line: keeps "%NAME", rescans from "%"
        return end

    def for_variables(self, text: str, values: dict[str, str]) -> str:
        """Replaces `%i` and `%~nxi` for the FOR variables in `values` (letters are case-sensitive)."""
        if "%" not in text:
            return text
        out: list[str] = []
        i = 0
        while i < len(text):
            found = text[i] == "%" and self._for_reference(text, i, values)
            if found:
                value, i = found
                out.append(value)
            else:
                out.append(text[i])
                i += 1
        return "".join(out)

    def _for_reference(self, text: str, i: int, values: dict[str, str]) -> tuple[str, int] | None:
        if i + 1 < len(text) and text[i + 1] in values:
            return values[text[i + 1]], i + 2
        if not text.startswith("%~", i):
            return None
        run = re.match(rf"[{MODIFIERS}]*", text[i + 2:], re.I)[0]
        for size in range(len(run), -1, -1):             # %~nxn: the longest modifier run that leaves a variable
            at = i + 2 + size
            if at < len(text) and text[at] in values:
                return self.modify(values[text[at]], run[:size]), at + 1
        return None

    def delayed(self, text: str) -> str:
        """`!VAR!` expansion (after `setlocal EnableDelayedExpansion`); carets escape again."""
        if "!" not in text:
            return text
        out: list[str] = []
        i = 0
        while i < len(text):
            c = text[i]
            if c == "^" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 2
            elif c == "!":
                end = text.find("!", i + 1)
                if end < 0:
                    i += 1
                    continue
                out.append(variable(text[i + 1:end], self.lookup) or "")
                i = end + 1
            else:
                out.append(c)
                i += 1
        return "".join(out)

    def modify(self, value: str, modifiers: str) -> str:
        """`%~fdpnx1`: the argument without quotes, or parts of the full path it names."""
        value = value[1:] if value.startswith('"') else value
        value = value[:-1] if value.endswith('"') else value
        mods = modifiers.lower()
        if not value or not (set(mods) & set("fdpnxaz")):
            return value
        return path_parts(full_path(value, self.cwd), mods, self.fs)


def path_parts(path: str, mods: str, fs: FileSystem) -> str:
    head, _, name = path.rpartition("\\")
    stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
    parts = {"d": path[:2], "p": head[2:] + "\\", "n": stem, "x": dot + ext}
    chosen = "".join(parts[m] for m in "dpnx" if m in mods) or path
    info = []
    if "a" in mods:
        info.append(("d--------" if fs.is_dir(path) else "--a------") if fs.exists(path) else "")
    if "z" in mods:
        content = fs.read(path)
        info.append("" if content is None else str(len(content)))
    return " ".join([*info, chosen])


def variable(name: str, lookup: Lookup) -> str | None:
    """The value of `NAME` or `NAME:edit`, or None when undefined."""
    base, colon, spec = name.partition(":")
    value = lookup(base)
    if value is None or not colon:
        return value
    return edit(value, spec)


def edit(value: str, spec: str) -> str | None:
    """`~start,length` substring or `old=new` replacement; None for a malformed edit."""
    if spec.startswith("~"):
        m = re.fullmatch(r"~\s*(-?\d*)\s*(?:,\s*(-?\d*)\s*)?", spec)
        if m is None:
            return None
        start = int(m[1] or 0)
        value = value[start:]
        return value if not m[2] else value[:int(m[2])]
    if "=" not in spec:
        return None
    old, new = spec.split("=", 1)
    if not old:
        return value
    if old.startswith("*"):
        at = value.lower().find(old[1:].lower())
        return value if at < 0 else new + value[at + len(old) - 1:]
    return re.sub(re.escape(old), lambda _: new, value, flags=re.I)


def _closing(text: str, start: int, stop_at_colon: bool) -> int:
    """Index of the `%` (or, in a batch file, `:`) ending a variable name; -1 when none."""
    for j in range(start, len(text)):
        c = text[j]
        if c == "%":
            return j
        if c == "\n":
            return -1
        if c == ":" and stop_at_colon and j > start:
            return j
    return -1
