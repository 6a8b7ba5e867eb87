"""Writing files and folders so that a failure or a Ctrl-C never leaves half of one.

A file is written under a temporary name beside it and renamed over it; a folder is built
complete beside its destination and swapped in by renames. Both stay in one folder of one
filesystem, so each rename is atomic. A path that cannot be written is bad input (exit 2).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import threading
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

from .errors import GeneratorError


def cannot_write(path: Path, exc: OSError, hint: str = "") -> GeneratorError:
    """Names the path the user knows (not a temporary one) and the system's reason."""
    return GeneratorError(f"{path}: cannot write: {exc.strerror or exc}" + (f" ({hint})" if hint else ""))


def write_file(path: Path, content: str | bytes, durable: bool = True) -> None:
    """Replace `path` with `content` (str as UTF-8): readers see the old or the new file, never a part.
    `durable=False` skips the flush to disk, for files a build regenerates (thousands of pages):
    still never half a file after a failure or Ctrl-C, but a power cut may cost a rebuild."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "xb") as out:          # mode from the umask, as a plain write would get
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with suppress(OSError):                     # never created, or a read-only filesystem
            temporary.unlink()
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from exc
        raise


def writable_dir(folder: Path, hint: str = "") -> None:
    """Fail now, before any work that would be lost, when `folder` cannot be created or written."""
    probe = folder / f".write-test-{secrets.token_hex(4)}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.touch(exist_ok=False)
        probe.unlink()
    except OSError as exc:
        raise cannot_write(folder, exc, hint) from exc


@contextmanager
def staging_dir(target: Path) -> Iterator[Path]:
    """A new empty folder beside `target`, removed on the way out unless `replace_dir` moved it."""
    staged = target.with_name(f".{target.name}-{secrets.token_hex(4)}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staged.mkdir()
    except OSError as exc:
        raise cannot_write(target, exc) from exc
    try:
        yield staged
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def replace_dir(target: Path, staged: Path) -> None:
    """Put the complete folder `staged` (beside `target`) in place of `target`. Ctrl-C waits
    until it is done, so `target` is always whole: the old folder or the new one."""
    old = target.with_name(f".{target.name}-old-{secrets.token_hex(4)}")
    with uninterrupted():
        try:
            if target.exists():
                os.replace(target, old)
            try:
                os.replace(staged, target)
            except OSError:
                if old.exists():
                    os.replace(old, target)
                raise
        except OSError as exc:
            raise cannot_write(target, exc) from exc
        shutil.rmtree(old, ignore_errors=True)


def write_dir(target: Path, files: dict[str, str | bytes]) -> None:
    """Make `target` hold exactly `files` (relative path -> content), all or nothing."""
    with staging_dir(target) as staged:
        for relative, content in files.items():
            write_file(staged / relative, content)
        replace_dir(target, staged)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold a Ctrl-C back until the block is done (only the main thread receives signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[tuple] = []
    previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(*caught[0])            # Python's own handler raises KeyboardInterrupt here
