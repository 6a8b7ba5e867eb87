"""The lab's fidelity page: every emulated command, its output, its sources and status, and
every unconfirmed assumption, read from the one module that holds them."""

from __future__ import annotations

import ast
import inspect

from .markdown import cell
from .markdown import front_matter


PAGE = "runbooks/lab-fidelity.md"


def fidelity_page() -> str:
    from ..lab import assumptions
    from ..lab.fidelity import FIDELITY, UNCONFIRMED
    out = [front_matter("Lab fidelity"), "# Lab fidelity", "",
           "How faithfully the embedded lab emulates each Windows command the runbooks and probes use: what "
           "it accepts, what it prints, which sources back it, and whether they confirm it. Source ids "
           "refer to the research notes (`[Sn]`) and their confirmations (`[Cn]`); see a runbook's Sources.",
           "", f"{sum(r.status != UNCONFIRMED for r in FIDELITY)} of {len(FIDELITY)} command forms are confirmed "
           "by public sources; the rest rest on the assumptions listed below.", "",
           "| Command | Status | Sources |", "|---|---|---|"]
    for row in FIDELITY:
        out.append(f"| [`{row.command}`](#{_anchor(row.command)}) | {row.status} | {cell(row.sources)} |")
    out += ["", "## Commands", ""]
    for row in FIDELITY:
        out += [f"### `{row.command}` {{#{_anchor(row.command)}}}", "",
                f"- **Status:** {row.status} {row.sources}", f"- **Accepts:** {row.forms}",
                f"- **Prints:** {row.output}"] + ([f"- **Note:** {row.note}"] if row.note else []) + [""]
    out += ["", "## Unconfirmed assumptions", "",
            "Each is one named constant in `generator/lab/assumptions.py`: check it on a real host, correct it "
            "there, and every tool that prints it follows.", "", "| Name | Value | Based on |", "|---|---|---|"]
    for name, value, comment in assumption_rows(assumptions):
        out.append(f"| `{name}` | {_short(value)} | {cell(comment)} |")
    return "\n".join(out) + "\n"


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


def _anchor(command: str) -> str:
    from markdown.extensions.toc import slugify
    return slugify(command, "-")


def _short(value: object) -> str:
    """A value as inline code that survives a table cell (pipes as entities, not `\\|`)."""
    import html
    text = repr(value)
    text = text[:117] + "..." if len(text) > 120 else text
    return "<code>" + html.escape(text).replace("|", "&#124;") + "</code>"
