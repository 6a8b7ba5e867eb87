"""A progress display for long work: a live bar on a terminal, nothing when piped."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

console = Console(stderr=True)


@contextmanager
def progress(label: str, total: int | None) -> Iterator[Callable[[str], None]]:
    """Yields `advance(item)`; shows a bar only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield lambda item: None
        return
    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[item]}"), TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total, item="")
        yield lambda item: bar.update(task, advance=1, item=item)
