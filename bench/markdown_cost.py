"""The Markdown conversion alone, in this process: every generated page of a built project
converted with mkdocs.yml's extensions and with them cut to a minimum (as bench_site.py's
command-blocks figure). Prints the two CPU times (best of 2), in seconds.

    python bench/markdown_cost.py PROJECT
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import markdown
import yaml
from mkdocs.utils.meta import get_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_site import MINIMAL_OUT  # noqa: E402


def extensions(config: Path) -> tuple[list[str], dict]:
    names, options = [], {}
    for entry in yaml.safe_load(config.read_text())["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if settings:
            options[name] = settings
    return names, options


def cost(pages: list[str], names: list[str], options: dict) -> float:
    times = []
    for _ in range(2):
        start = time.process_time()
        for page in pages:
            markdown.Markdown(extensions=names, extension_configs=options).convert(page)
        times.append(time.process_time() - start)
    return min(times)


def main(project: Path) -> None:
    pages = [get_data(p.read_text())[0] for p in sorted((project / "docs/runbooks").rglob("*.md"))]
    names, options = extensions(project / "mkdocs.yml")
    print(f"{cost(pages, names, options):.3f} {cost(pages, [n for n in names if n not in MINIMAL_OUT], options):.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
