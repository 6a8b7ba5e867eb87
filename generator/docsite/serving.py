"""`runbook serve`: the site on a local address, built again when one of its sources changes.

- It renders and builds in a folder of its own (a temporary folder, never docs/ nor site/),
  and watches only the sources (the runbooks, features, environments, results, the
  hand-written pages of docs/, mkdocs.yml and the theme overrides), through the operating
  system's notifications rather than by polling every file. So nothing it writes starts
  another build, and it costs nothing while idle.
- Each build is generator.docsite.sitebuild's: only the pages whose inputs changed are built,
  on every core; the first one starts from what `runbook build` left (site/), when it can.
  The new site replaces the served one whole, once built: a browser never sees half of it.
- A build that fails (an invalid environment file, a template error, a broken link under
  --strict) is shown as the page, at every address, until a build succeeds. Browsers reload
  by themselves in both cases (MkDocs' live reload).
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

import watchdog.events
import watchdog.observers
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _Handler

from ..errors import GeneratorError
from ..files import replace_dir, staging_dir
from ..project import Project
from . import layout
from .buildstate import BuildState, load_state
from .sitebuild import copy_hand_written, run_build

log = logging.getLogger("mkdocs.plugins.runbook")
CHANGES = {"created", "deleted", "modified", "moved", "closed"}     # not "opened", "closed_no_write"


class SiteServer(LiveReloadServer):
    """MkDocs' live-reload server, showing the last build's failure instead of waiting for a
    build that works, and watching through notifications."""

    failure: str | None = None                    # the last build's error message, while it stands
    on_listening: Callable[[str], None] = staticmethod(lambda url: None)

    def __init__(self, builder: Callable[[], None], host: str, port: int, root: Path):
        super().__init__(builder=builder, host=host, port=port, root=str(root))
        self.observer = watchdog.observers.Observer()
        self.RequestHandlerClass = _RequestLog

    def watch_sources(self, path: Path, recursive: bool = True, only: set[str] | None = None) -> None:
        """Build again when a file under `path` changes (or one of the names in `only`, directly in it)."""
        handler = _Changes(self._changed, only)
        self._watched_paths[str(path)] = 1
        self._watch_refs[str(path)] = self.observer.schedule(handler, str(path), recursive=recursive)

    def serve(self, *, open_in_browser: bool = False) -> None:
        """MkDocs' serve, saying where once it answers and watches (not before: an edit made as
        soon as the URL shows must not be missed)."""
        self.server_bind()
        self.server_activate()
        self.observer.start()
        self.serve_thread.start()
        self.on_listening(self.url)
        self._build_loop()

    def _changed(self) -> None:
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        if not path.startswith("/livereload/") and (path.endswith("/") or path.endswith(".html")):
            with self._epoch_cond:                # as MkDocs does: wait for a build under way
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch, failure = self._visible_epoch, self.failure
            if failure is not None:
                page = self._inject_js_into_html(failure_page(failure), epoch)
                start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                             ("Content-Length", str(len(page)))])
                return [page]
        return super()._serve_request(environ, start_response)


class _Changes(watchdog.events.FileSystemEventHandler):
    def __init__(self, changed: Callable[[], None], only: set[str] | None):
        self._changed, self._only = changed, only

    def on_any_event(self, event) -> None:
        if event.event_type not in CHANGES or event.is_directory:
            return
        paths = [Path(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if any(self._relevant(p) for p in paths):
            self._changed()

    def _relevant(self, path: Path) -> bool:
        """Not Python's bytecode (written when a runbook's model is imported), nor an editor's
        hidden or backup files."""
        if "__pycache__" in path.parts or path.name.startswith(".") or path.name.endswith("~"):
            return False
        return self._only is None or path.name in self._only


def failure_page(message: str) -> bytes:
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed: runbook serve</title>"
            f"<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}}"
            f"pre{{white-space:pre-wrap;overflow-wrap:anywhere;background:#fdecea;border-left:4px solid #b00020;"
            f"padding:1rem}}</style></head><body><h1>The site did not build</h1>"
            f"<p>Fix what is named below and save: this page reloads by itself once the site builds again.</p>"
            f"<pre>{html.escape(message)}</pre></body></html>").encode("utf-8")


class Serving:
    """The served folder and the builds into it."""

    def __init__(self, project: Project, jobs: int, on_built: Callable[[BuildState, float], None],
                 on_failed: Callable[[str], None]):
        self.project, self.jobs = project, jobs
        self.on_built, self.on_failed = on_built, on_failed
        self.folder = Path(tempfile.mkdtemp(prefix="runbook-serve-"))
        self.root, self.docs = self.folder / "site", self.folder / "docs"
        self.state: BuildState | None = load_state(project.build_state)    # site/ of `runbook build`, if any
        self.server: SiteServer | None = None

    def build(self) -> BuildState:
        """One build into a new folder, swapped in for the served one. Raises on failure."""
        start = time.monotonic()
        config = load_config(str(self.project.root / "mkdocs.yml"))
        self._copy_hand_written(Path(config.docs_dir))
        with staging_dir(self.root) as staged:
            config.site_dir, config.docs_dir = str(staged), str(self.docs)
            config.plugins["runbook"].render_cache = self.project.render_cache
            state = run_build(config, "serve", self.jobs, self.state)
            replace_dir(self.root, staged)
        self.state = state.moved_to(self.root)
        self.on_built(self.state, time.monotonic() - start)
        return self.state

    def rebuild(self) -> None:
        """What the server runs on a change: a failure becomes the page every address shows."""
        reported = _Reported()
        logging.getLogger("mkdocs").addHandler(reported)
        try:
            self.build()
            self.server.failure = None
        except Exception as exc:                  # noqa: BLE001 - shown, not raised: the server goes on
            self.server.failure = "\n".join(reported.messages) or _message(exc)
            self.on_failed(_message(exc))
        finally:
            logging.getLogger("mkdocs").removeHandler(reported)

    def watch(self, server: SiteServer, config_docs: Path, theme: Path | None, environments: Path) -> None:
        """The sources, not the generated pages (docs/runbooks/) nor any output."""
        project = self.project
        for folder in (project.runbooks_dir, project.features_dir, environments, project.results_dir, theme):
            if folder is not None and folder.is_dir():
                server.watch_sources(folder)
        server.watch_sources(project.root, recursive=False, only={"mkdocs.yml"})
        server.watch_sources(config_docs, recursive=False)
        for entry in config_docs.iterdir():
            if entry.is_dir() and entry.name != layout.ROOT and not entry.name.startswith("."):
                server.watch_sources(entry)

    def _copy_hand_written(self, docs_dir: Path) -> None:
        """The hand-written pages as they are now, beside the generated runbooks/ kept from the
        last build (the runbook plugin rewrites only what changed there)."""
        self.docs.mkdir(exist_ok=True)
        for entry in self.docs.iterdir():
            if entry.name != layout.ROOT:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        copy_hand_written(docs_dir, self.docs)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class _Reported(logging.Handler):
    """The warnings and errors MkDocs reported during a build: what a failure page shows."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):
            self.messages.append(f"{record.levelname}: {record.getMessage()}")


def _message(exc: Exception) -> str:
    """A failure as the user should read it: our errors and MkDocs' by their message, a bug in full."""
    if isinstance(exc, (GeneratorError, MkDocsException)):
        return str(exc)
    return "".join(traceback.format_exception(exc))


class _RequestLog(_Handler):
    """MkDocs' request log, which warns about every answer but 200: not about the failure page."""

    def log_request(self, code="-", size="-"):
        if str(code) != "500":
            super().log_request(code, size)
