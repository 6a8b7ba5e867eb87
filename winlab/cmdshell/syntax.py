"""The tree a command line parses into.

Text fields keep quotes and have their carets removed, as cmd's parser leaves them; FOR
variables and delayed expansion are applied to these texts right before a node runs
(`map_text`), so a value containing `&` or `|` is never parsed again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Union


@dataclass(frozen=True)
class Redirect:
    handle: int          # 0 stdin, 1 stdout, 2 stderr
    op: str              # "<", ">", ">>", or ">&" / "<&" (target is a handle number)
    target: str


@dataclass(frozen=True)
class Simple:
    text: str            # the command with its redirections cut out
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True)
class Group:
    body: Node | None
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True)
class Pipe:
    left: Node
    right: Node


@dataclass(frozen=True)
class Chain:
    op: str              # "&", "&&" or "||"
    left: Node
    right: Node | None   # `a &` has nothing on the right


@dataclass(frozen=True)
class If:
    test: str            # "errorlevel", "exist", "defined", "cmdextversion" or "compare"
    operands: tuple[str, ...]
    then: Node
    otherwise: Node | None = None
    negate: bool = False
    ignore_case: bool = False
    op: str = ""         # for "compare": ==, EQU, NEQ, LSS, LEQ, GTR, GEQ


@dataclass(frozen=True)
class For:
    mode: str            # "", "/f", "/l", "/d" or "/r"
    options: str         # FOR /F options, without their quotes
    var: str             # the variable's letter
    items: str           # the text between the parentheses after `in`
    body: Node
    root: str = ""       # FOR /R's directory


@dataclass(frozen=True)
class Comment:
    """`rem ...` or a `:label` line: does nothing."""


Node = Union[Simple, Group, Pipe, Chain, If, For, Comment]


def map_text(node: Node | None, fn: Callable[[str], str]) -> Node | None:
    """A copy of `node` with `fn` applied to every text it holds."""
    if node is None or isinstance(node, Comment):
        return node
    if isinstance(node, Simple):
        return Simple(fn(node.text), _redirects(node.redirects, fn))
    if isinstance(node, Group):
        return Group(map_text(node.body, fn), _redirects(node.redirects, fn))
    if isinstance(node, Pipe):
        return Pipe(map_text(node.left, fn), map_text(node.right, fn))
    if isinstance(node, Chain):
        return Chain(node.op, map_text(node.left, fn), map_text(node.right, fn))
    if isinstance(node, If):
        return replace(node, operands=tuple(fn(o) for o in node.operands),
                       then=map_text(node.then, fn), otherwise=map_text(node.otherwise, fn))
    return replace(node, items=fn(node.items), root=fn(node.root), body=map_text(node.body, fn))


def _redirects(redirects: tuple[Redirect, ...], fn: Callable[[str], str]) -> tuple[Redirect, ...]:
    return tuple(replace(r, target=fn(r.target)) for r in redirects)
