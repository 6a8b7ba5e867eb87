"""YAML loading that remembers where every value came from, and refuses hostile input.

pydantic reports errors by location (`("nodes", 1, "name")`); users need the line in
their file. PyYAML's composer keeps a mark on every node, so while building the data we keep
the line of every mapping key and sequence item in a small tree that `line_of` follows. The
C parser (libyaml) keeps this fast: about 40 times faster than a pure-Python round-trip loader.

Environment files are written by many people and read as hostile input: every problem
below is a located ConfigError, never a traceback, and nothing grows beyond the limits.
The values are built here from the node tree (not by PyYAML's constructor), so that
aliases are counted before anything is expanded and only plain data comes out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping, NoReturn, Sequence

import yaml
from yaml.constructor import SafeConstructor

from .errors import ConfigError, Problem, dotted

# --- Limits: one place, each with why ------------------------------------------------------
MAX_FILE_BYTES = 1024 * 1024    # ~500 times a real environment (2 KB); a larger file is not one,
                                # and reading stops here, so a 50 MB file never reaches memory
MAX_VALUE_CHARS = 1024          # names and addresses are under 100 characters; a longer value
                                # only bloats every page and script it appears on
MAX_DEPTH = 32                  # the model's deepest field is 5 levels down; this keeps every walk
                                # over the data (ours, pydantic's) far from Python's recursion limit
MAX_VALUES = 10_000             # keys and values once aliases are expanded (an environment has
                                # ~150): anchors stay for small reuse (a shared DNS list) while a
                                # 2 KB "billion laughs" file, which would expand to 10^9, is refused
                                # before anything is expanded; validation work stays bounded too

Loc = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_MERGE = _TAG + "merge"
_SCALARS = {                    # tag -> how its text becomes a value; any other tag is refused
    _TAG + "str": None,
    _TAG + "null": SafeConstructor.construct_yaml_null,
    _TAG + "bool": SafeConstructor.construct_yaml_bool,
    _TAG + "int": SafeConstructor.construct_yaml_int,
    _TAG + "float": SafeConstructor.construct_yaml_float,
}
_KIND = {_TAG + "null": "null", _TAG + "bool": "true/false", _TAG + "int": "a number", _TAG + "float": "a number"}
_constructor = SafeConstructor()      # its scalar methods keep no state


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Composes nodes only. A date or a lone `=` stays text: nothing here takes dates, and
    YAML 1.1's `!!value` has no constructor."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_TAG + "timestamp", _TAG + "value")]
        for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}
    resolved = 0

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        """Called for every node written without a tag: counting here stops a file of many tiny values
        while it is being composed (about 10 µs and 500 bytes a node), not after. (PyYAML's own
        resolve, without its path resolvers, which nothing here registers.)"""
        self.resolved += 1
        if self.resolved > MAX_VALUES:
            raise _TooManyValues
        if kind is yaml.ScalarNode:
            if implicit[0]:
                tag = _implicit_tags.get(value)                                     # type: ignore[arg-type]
                if tag is None:
                    tag = self._implicit_tag(value)                                 # type: ignore[arg-type]
                return tag
            return _STR
        return _TAG + "seq" if kind is yaml.SequenceNode else _TAG + "map"

    def _implicit_tag(self, value: str) -> str:
        tag = next((tag for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()) if regexp.match(value)),
                   _STR)
        if len(value) <= 64:                    # names, addresses, keys: never a hostile file's bulk
            if len(_implicit_tags) >= 4096:
                _implicit_tags.clear()
            _implicit_tags[value] = tag
        return tag


_implicit_tags: dict[str, str] = {}     # plain scalar -> its tag: keys and many values recur in every file


class _TooManyValues(Exception):
    pass


# libyaml refuses these raw (C0 but TAB/LF/CR, DEL, C1, U+FFFE/FFFF) or reads them as line breaks
# (NEL, U+2028, U+2029), which would move every line number after them.
_RAW_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# In a value or key: any control character, TAB and line breaks too (they split cmd.exe lines) ...
_ASCII_UNWANTED = re.compile("[\x00-\x1f\x7f]")
# ... and format characters (bidi overrides, zero-width spaces: text that reads other than it is).
_UNWANTED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BACKSPACE", 0x09: "TAB", 0x0A: "LF", 0x0B: "VT",
                  0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}


# Where each value is written, kept after loading instead of PyYAML's node tree (about six
# objects a node, which every garbage collection would walk): a mapping is {key: (line, tree)},
# keys merged in with `<<` included; a sequence is [(line, tree)]; a scalar is None.
LineTree = dict[str, tuple[int, Any]] | list[tuple[int, Any]] | None


@dataclass
class YamlDocument:
    path: str                                   # as the user named it, for messages
    data: Any                                   # plain dicts, lists and scalars
    start: int | None = None                    # line of the top-level value; None: the file has none
    tree: LineTree = field(default=None, repr=False)

    @property
    def lines(self) -> Mapping[Loc, int]:
        """Line of every location in the file, `("nodes", 1, "name") -> 31` (a view of `tree`)."""
        return _Lines(self.tree)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """1-based line of the deepest location on `loc` that is in the file: a mapping entry's
        key, a sequence item's start."""
        return _follow(self.tree, tuple(loc))[1]


def _follow(tree: LineTree, loc: Loc) -> tuple[int, int]:
    """(how many parts of `loc`, from the first, are in the file; the line of the last)."""
    line = 1
    for depth, part in enumerate(loc):
        if isinstance(tree, dict) and part in tree or isinstance(tree, list) and part in range(len(tree)):
            line, tree = tree[part]
        else:
            return depth, line
    return len(loc), line


class _Lines(Mapping):
    """`YamlDocument.lines`: location -> line, for the locations that are in the file."""

    def __init__(self, tree: LineTree):
        self._tree = tree

    def __getitem__(self, loc: Loc) -> int:
        if isinstance(loc, tuple):
            found, line = _follow(self._tree, loc)
            if found == len(loc):
                return line
        raise KeyError(loc)

    def __iter__(self) -> Iterator[Loc]:
        stack: list[tuple[Loc, LineTree]] = [((), self._tree)]
        while stack:
            loc, tree = stack.pop()
            yield loc
            entries = tree.items() if isinstance(tree, dict) else enumerate(tree or ())
            stack += [(loc + (part,), subtree) for part, (_, subtree) in entries]

    def __len__(self) -> int:
        return sum(1 for _ in self)


def load_yaml(path: Path, shown_as: str | None = None) -> YamlDocument:
    """Parse a YAML file within the limits; every problem becomes a located ConfigError."""
    name = shown_as or str(path)
    text = _read_text(path, name)
    bad = _RAW_UNWANTED.search(text)
    if bad:
        raise ConfigError([Problem(name, _line_at(text, bad.start()), "",
                                   f"{_describe(bad.group())} is not allowed in the file "
                                   "(control characters and Unicode line separators)")])
    root = _compose(text, name)
    if root is None:
        return YamlDocument(name, {})
    data, tree = _Builder(name).build(root)
    return YamlDocument(name, data, root.start_mark.line + 1, tree)


def _read_text(path: Path, name: str) -> str:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ConfigError([Problem(name, None, "", f"cannot read file: {exc.strerror}")]) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise ConfigError([Problem(name, None, "", f"the file is larger than {MAX_FILE_BYTES // 1024 ** 2} MiB, "
                                                   "the limit for a YAML file here")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ConfigError([Problem(name, line, "", "not UTF-8 text (save the file as UTF-8)")]) from exc


def _compose(text: str, name: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except _TooManyValues as exc:
        raise ConfigError([Problem(name, None, "", f"the file {_too_many()}")]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise ConfigError([Problem(name, mark.line + 1 if mark else None, "", f"YAML syntax: {message}")]) from exc
    except yaml.reader.ReaderError as exc:       # _RAW_UNWANTED should have caught it first
        line = text.encode("utf-8")[:exc.position].count(b"\n") + 1
        raise ConfigError([Problem(name, line, "", f"YAML syntax: {exc.reason}")]) from exc
    except RecursionError as exc:                # the pure-Python parser, without libyaml
        raise ConfigError([Problem(name, None, "", f"nested more than {MAX_DEPTH} levels deep")]) from exc
    except yaml.YAMLError as exc:
        raise ConfigError([Problem(name, None, "", f"YAML syntax: {exc}")]) from exc
    finally:
        loader.dispose()


# What a node holds: (value, size, height, line tree). size: keys and values, every alias counted
# as a copy of what it names; height: levels of nesting below. (A plain tuple: built for every node.)
_Built = tuple[Any, int, int, LineTree]


class _Builder:
    """Plain data and its line tree from a node graph, checking every node once. Aliases make
    the graph a DAG: each node's result is memoised, so sizes are known without expanding
    anything, and a node met again while still being built is a recursive alias."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.done: dict[int, _Built] = {}           # by id(node)
        self.building: set[int] = set()

    def build(self, root: yaml.Node) -> tuple[Any, LineTree]:
        value, _, _, tree = self.node(root, (), root.start_mark.line + 1)
        if self.problems:
            raise ConfigError(sorted(self.problems, key=lambda p: p.line or 0))
        return value, tree

    def fail(self, line: int, loc: Loc, message: str) -> NoReturn:
        """A problem that stops the walk (what lies below it would be too deep, too big or endless)."""
        problems = self.problems + [Problem(self.name, line, dotted(loc), message)]
        raise ConfigError(sorted(problems, key=lambda p: p.line or 0))

    def node(self, node: yaml.Node, loc: Loc, line: int) -> _Built:
        """What `node` holds, found at `loc`, in the entry that starts on `line`."""
        if node.__class__ is yaml.ScalarNode and node.tag == _STR and _plain(node.value) and len(loc) <= MAX_DEPTH:
            return node.value, 1, 0, None       # most values: text with nothing to report or remember
        key = id(node)
        done = self.done.get(key)
        if done is None:
            if isinstance(node, yaml.ScalarNode):
                done = (self.scalar(node, loc, line), 1, 0, None)
            else:
                if key in self.building:
                    self.fail(line, loc, "a recursive alias: this value contains itself")
                if len(loc) > MAX_DEPTH:
                    self.fail(line, loc, f"nested more than {MAX_DEPTH} levels deep")
                self.building.add(key)
                build = self.mapping if isinstance(node, yaml.MappingNode) else self.sequence
                done = build(node, loc, line)
                self.building.discard(key)
            self.done[key] = done
        if len(loc) + done[2] > MAX_DEPTH:       # a shared node, deep below where it is used
            self.fail(line, loc, f"nested more than {MAX_DEPTH} levels deep")
        return done

    def bound(self, size: int, line: int, loc: Loc) -> None:
        if size > MAX_VALUES:
            self.fail(line, loc, _too_many() if loc else f"the file {_too_many()}")

    def sequence(self, node: yaml.SequenceNode, loc: Loc, line: int) -> _Built:
        self.check_tag(node, _TAG + "seq", loc)
        items, tree, size, height = [], [], 1, 0
        for i, item in enumerate(node.value):
            item_line = item.start_mark.line + 1
            value, item_size, item_height, item_tree = self.node(item, loc + (i,), item_line)
            items.append(value)
            tree.append((item_line, item_tree))
            size, height = size + item_size, max(height, item_height + 1)
            if size > MAX_VALUES:
                self.bound(size, line, loc)
        return items, size, height, tree

    def mapping(self, node: yaml.MappingNode, loc: Loc, line: int) -> _Built:
        self.check_tag(node, _TAG + "map", loc)
        own: dict[str, Any] = {}
        own_tree: dict[str, tuple[int, LineTree]] = {}
        merged: dict[str, Any] = {}
        merged_tree: dict[str, tuple[int, LineTree]] = {}
        size, height = 1, 0
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.__class__ is yaml.ScalarNode and key_node.tag == _STR and _plain(key_node.value):
                is_merge, key = False, key_node.value
            else:
                is_merge = key_node.tag == _MERGE and isinstance(key_node, yaml.ScalarNode)
                key = "<<" if is_merge else self.key(key_node, loc, key_line)
            if key is None:                          # not text: reported; what it holds is left unbuilt
                continue
            value, value_size, value_height, value_tree = self.node(value_node, loc + (key,), key_line)
            size, height = size + 1 + value_size, max(height, value_height + 1)
            if size > MAX_VALUES:
                self.bound(size, line, loc)
            if is_merge:
                self.merge(merged, merged_tree, value_node, value, value_tree, loc + (key,), key_line)
                continue
            if key in own_tree:
                self.problems.append(Problem(self.name, key_line, "", f"YAML syntax: duplicate key {key!r} "
                                                                      f"(first on line {own_tree[key][0]})"))
            own[key], own_tree[key] = value, (key_line, value_tree)
        if merged:
            return {**merged, **own}, size, height, {**merged_tree, **own_tree}
        return own, size, height, own_tree

    def merge(self, merged: dict, merged_tree: dict, node: yaml.Node, value: Any, tree: LineTree, loc: Loc,
              line: int) -> None:
        """`<<: *base` or `<<: [*a, *b]`: keys not written here, earlier sources first."""
        if isinstance(node, yaml.SequenceNode):
            sources = list(zip(value, (item_tree for _, item_tree in tree)))
        else:
            sources = [(value, tree)]
        if not all(isinstance(source, dict) for source, _ in sources):
            self.problems.append(Problem(self.name, line, dotted(loc), "a merge (<<) takes a mapping "
                                                                       "or a list of mappings, such as *base"))
            return
        for source, source_tree in sources:
            for key, item in source.items():
                if key not in merged:
                    merged[key], merged_tree[key] = item, source_tree[key]

    def key(self, node: yaml.Node, loc: Loc, line: int) -> str | None:
        """The text of a mapping key, or None (and a problem) when it is not text."""
        if not isinstance(node, yaml.ScalarNode):
            kind = "a mapping" if isinstance(node, yaml.MappingNode) else "a list"
            self.problems.append(Problem(self.name, line, dotted(loc), f"a key must be text, not {kind}"))
            return None
        problem = _text_problem(node.value)
        if problem:
            self.problems.append(Problem(self.name, line, dotted(loc), f"a key {problem}"))
        elif node.tag not in _SCALARS:
            self.unsupported(node.tag, loc, line)
        elif node.tag != _TAG + "str":
            self.problems.append(Problem(self.name, line, dotted(loc), f"key {node.value!r} is read as "
                                         f"{_KIND[node.tag]}; keys are text: write \"{node.value}\""))
        else:
            return node.value
        return None

    def scalar(self, node: yaml.ScalarNode, loc: Loc, line: int) -> Any:
        problem = _text_problem(node.value)
        if problem:
            self.problems.append(Problem(self.name, line, dotted(loc), f"the value {problem}"))
            return None
        if node.tag not in _SCALARS:
            return self.unsupported(node.tag, loc, line)
        construct = _SCALARS[node.tag]
        if construct is None:
            return node.value
        try:
            return construct(_constructor, node)
        except (ValueError, KeyError, TypeError, ArithmeticError):   # `!!int x`, `!!bool maybe`, 1:00:...:00.5
            self.problems.append(Problem(self.name, line, dotted(loc), f"the value cannot be read as "
                                                                       f"{_short(node.tag)}"))
            return None

    def check_tag(self, node: yaml.Node, expected: str, loc: Loc) -> None:
        if node.tag != expected:
            self.unsupported(node.tag, loc, node.start_mark.line + 1)

    def unsupported(self, tag: str, loc: Loc, line: int) -> None:
        message = ("<< merges a mapping into the one it is a key of; quote it (\"<<\") for the text" if tag == _MERGE
                   else f"tag {_short(tag)} is not supported: values are text, numbers, true/false, null, "
                        "lists and mappings")
        self.problems.append(Problem(self.name, line, dotted(loc), message))


def _too_many() -> str:
    return (f"holds more than {MAX_VALUES:,} keys and values, counting what each alias (*name) repeats; "
            "anchors and aliases are for small reuse, such as one DNS server list")


def _plain(text: str) -> bool:
    """The usual key or value: short ASCII text without control characters (checked quickly)."""
    return len(text) <= MAX_VALUE_CHARS and text.isascii() and text.isprintable()   # ASCII: not _ASCII_UNWANTED


def _text_problem(text: str) -> str | None:
    """Why `text` cannot be a key or value, if it cannot."""
    if _plain(text):
        return None
    if len(text) > MAX_VALUE_CHARS:
        return f"is {len(text):,} characters long; the limit is {MAX_VALUE_CHARS:,}"
    bad = _unwanted_character(text)
    if bad:
        return (f"contains {_describe(bad)}: keys and values are one line of plain text, "
                "without control, format or bidirectional characters")
    return None


def _unwanted_character(text: str) -> str | None:
    if text.isascii():                           # the usual case, in C
        found = _ASCII_UNWANTED.search(text)
        return found.group() if found else None
    return next((c for c in text if unicodedata.category(c) in _UNWANTED_CATEGORIES), None)


def _describe(char: str) -> str:
    name = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "")
    if not name and unicodedata.category(char) == "Cc":
        name = "control character"
    return f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _line_at(text: str, index: int) -> int:
    """1-based line of `text[index]`, counting CR LF, LF and a lone CR as line breaks (as libyaml)."""
    before = text[:index]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1
