"""The lab's fidelity page: every emulated command, its output, its sources and status, and
every unconfirmed assumption, read from the one module that holds them."""

from __future__ import annotations

import ast
import inspect

from markdown.extensions.toc import slugify

from .templating import render_page

PAGE = "runbooks/lab-fidelity.md"


def fidelity_page() -> str:
    from ..lab import assumptions
    from ..lab.fidelity import FIDELITY, UNCONFIRMED
    rows = [(name, _short(value), comment) for name, value, comment in assumption_rows(assumptions)]
    return render_page("fidelity.md.j2", rows=FIDELITY, confirmed=sum(r.status != UNCONFIRMED for r in FIDELITY),
                       assumptions=rows, anchor=lambda command: slugify(command, "-"))


def assumption_rows(module) -> list[tuple[str, object, str]]:
    """(name, value, the comment lines right above it) for each upper-case constant."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    rows = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names = [t.id for t in targets if isinstance(t, ast.Name)] + \
                [e.id for t in targets if isinstance(t, ast.Tuple) for e in t.elts if isinstance(e, ast.Name)]
        names = [n for n in names if n.isupper()]
        if not names:
            continue
        comment, i = [], node.lineno - 2
        while i >= 0 and lines[i].lstrip().startswith("#") and not lines[i].lstrip().startswith("# ---"):
            comment.insert(0, lines[i].strip().lstrip("#").strip())
            i -= 1
        trailing = lines[node.lineno - 1].partition("#")[2].strip() if "#" in lines[node.lineno - 1] else ""
        for name in names:
            rows.append((name, getattr(module, name), " ".join(comment) or trailing))
    return rows


def _short(value: object) -> str:
    text = repr(value)
    return text[:117] + "..." if len(text) > 120 else text
