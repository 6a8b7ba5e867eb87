"""What a drill (a @destructive scenario) breaks, it brings back: each step that takes something
away registers its undoing with the `undo` fixture, and whatever happens in the scenario, passed
or failed, the undoings run when it ends, last first. An undoing that finds nothing to do (the
scenario already brought the thing back) does no harm: each tolerates what is already so.
"""

from __future__ import annotations

from typing import Callable, Iterator

import pytest


@pytest.fixture
def undo(request) -> Iterator[Callable[[str, Callable[[], object]], None]]:
    """undo(what, action): run `action` when the scenario ends. Its failures are reported at
    the end, after every undoing had its turn, so one that fails does not keep the others."""
    undoings: list[tuple[str, Callable[[], object]]] = []
    yield lambda what, action: undoings.append((what, action))
    failed = []
    for what, action in reversed(undoings):
        try:
            action()
        except Exception as error:           # report them all, after all ran
            failed.append(f"{what}: {error}")
    if failed:
        pytest.fail("bringing back what the drill broke failed: " + "; ".join(failed), pytrace=False)


def run_or_fail(target, host: str, command: str):
    """Send a drill's command to `host`; a non-zero exit fails the step, saying what `host` printed."""
    result = target.run(host, command)
    if not result.ok:
        raise AssertionError(f"{host}: {command} exited {result.rc}: {(result.stderr or result.stdout).strip()}")
    return result
