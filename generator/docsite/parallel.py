"""Work spread over processes that start as copies of this one (fork): each sees everything
the parent prepared (the loaded environments, MkDocs' configuration, files and navigation),
so nothing but an index goes to a worker and only results come back.

Where fork does not exist, or one job is asked for, the work runs here, in order.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from typing import Any, Callable

from ..errors import GeneratorError

_work: Callable[[int], Any] | None = None        # what the forked workers run (set before they start)


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:                       # not on Linux
        return os.cpu_count() or 1


def run(work: Callable[[int], Any], count: int, jobs: int) -> list[Any]:
    """[work(0), ..., work(count - 1)], computed by up to `jobs` processes. An exception a
    worker raises is raised here."""
    global _work
    jobs = min(jobs, count)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(i) for i in range(count)]
    _work = work
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_ctrl_c) as pool:
            outcomes = pool.map(_run, range(count), chunksize=max(1, count // (jobs * 16)))
    finally:
        _work = None
    for outcome in outcomes:
        if isinstance(outcome, _Failed):
            raise outcome.error
    return outcomes


class _Failed:
    def __init__(self, error: BaseException):
        self.error = error


def _run(index: int) -> Any:
    try:
        return _work(index)
    except Exception as exc:                     # noqa: BLE001 - carried to the parent, raised there
        return _Failed(_portable(exc))


def _portable(exc: Exception) -> Exception:
    """The exception itself when it survives the trip back to the parent, else its message."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:                            # noqa: BLE001 - e.g. an __init__ that needs other arguments
        if not isinstance(exc, GeneratorError):
            return RuntimeError(f"{type(exc).__name__}: {exc}")
        error = GeneratorError(str(exc))
        error.exit_code = exc.exit_code
        return error


def _ignore_ctrl_c() -> None:
    """Ctrl-C reaches every process of the terminal: the parent stops the workers and reports it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
