"""The HTML site: MkDocs' build on every core, building again only the pages whose inputs changed.

The steps are MkDocs' own (`mkdocs.commands.build.build`), with its functions and every
plugin's events, in the same order; two things differ:

- The pages are converted and rendered into the theme by forked worker processes
  (generator.docsite.parallel), each on its share. A worker returns what the one site needs
  of each page: its search entries, its anchors, the links in it to other pages' anchors, its
  warnings. The parent puts them together: one search index, links checked across the whole
  site, warnings reported once, in page order (and counted for --strict).
- A page's *key* hashes every input of its HTML: its Markdown and front matter, its URL,
  what the navigation shows around it (the top level, every section on its path with their
  items, its previous and next pages), the runbook plugin's inputs for it (its site's values,
  for the search entries), and the build's fingerprint (MkDocs, theme and extension versions,
  mkdocs.yml, the theme overrides, this package's code, the list of every file). A page whose
  key is the one recorded by the last build (generator.docsite.buildstate) is copied from that
  site with its record, not built.

So a full build costs the pages' work divided among the cores, and editing one site costs
that site's pages plus those whose navigation shows it (its neighbours, its group's page).
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import logging
import os
import shutil
import sys
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator

from mkdocs import utils
from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from . import conversion, layout, parallel
from .buildstate import BuildState, PageRecord

log = logging.getLogger("mkdocs.plugins.runbook")
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "pygments", "jinja2")


def run_build(config, command: str, jobs: int, previous: BuildState | None) -> BuildState:
    """`build_site` between the plugins' startup and shutdown events, as MkDocs runs a build
    (`command`: "build" or "serve"); `jobs` processes render the sites and build the pages."""
    config.plugins["runbook"].jobs = jobs
    config.plugins.on_startup(command=command, dirty=False)
    try:
        return build_site(config, jobs=jobs, previous=previous)
    finally:
        config.plugins.on_shutdown()


def copy_hand_written(docs_dir: Path, staged: Path) -> None:
    """The hand-written pages of `docs_dir` into `staged`, beside the generated runbooks/ the
    runbook plugin adds (never that folder, nor staging folders)."""
    for entry in docs_dir.iterdir():
        if entry.name != layout.ROOT and not entry.name.startswith("."):
            (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, staged / entry.name)


def build_site(config, *, jobs: int, previous: BuildState | None = None) -> BuildState:
    """Build the site into config.site_dir (a new or empty folder), reusing what `previous`
    recorded of pages whose key is unchanged. Returns this build's state. Raises MkDocs'
    Abort under --strict when anything was warned about."""
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    try:
        build = _Build(config, previous)
        records, built = build.run(jobs)
        if counts := counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        return BuildState(str(config.site_dir), records, built)
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, BuildError):
            log.error(str(exc))
            raise Abort("Aborted with a BuildError!") from exc
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


class _Build:
    def __init__(self, config, previous: BuildState | None):
        self.config = config.plugins.on_config(config)
        self.previous = previous
        config = self.config
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        self.env = config.theme.get_env()
        files.add_files_from_theme(self.env, config)
        self.files = config.plugins.on_files(files, config=config)
        set_exclusions(self.files, config)
        self.nav = config.plugins.on_nav(get_navigation(self.files, config), config=config, files=self.files)
        self.doc_files = self.files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.pages = [file.page or Page(None, file, config) for file in self.doc_files]
        self.converted: set[str] = set()

    def run(self, jobs: int) -> tuple[dict[str, PageRecord], int]:
        """Every page's record, in page order, and how many pages were built."""
        config, files = self.config, self.files
        for page in self.pages:
            _read(page, config, files)
        for page in self.pages:                       # the rare page whose title is its first heading
            if "title" not in page.__dict__ and "title" not in page.meta:
                self._convert(page)
        self.env = config.plugins.on_env(self.env, config=config, files=files)
        fingerprint = _fingerprint(config, files)
        keys = {page.file.src_uri: self._key(fingerprint, page) for page in self.pages}
        reused = {src: r for src, key in keys.items() if self.previous and (r := self.previous.reusable(src, key))}
        _copy_static_files(files, Path(config.docs_dir), self.previous and Path(self.previous.site_dir))
        for template in config.theme.static_templates:
            _build_theme_template(template, self.env, files, config, self.nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, self.nav)
        todo = [page for page in self.pages if page.file.src_uri not in reused]
        built = parallel.run(lambda i: self._build(todo[i], keys[todo[i].file.src_uri]), len(todo), jobs)
        for record in reused.values():
            self.previous.copy_page(record, Path(config.site_dir))
        records = {**reused, **{page.file.src_uri: record for page, record in zip(todo, built)}}
        records = {page.file.src_uri: records[page.file.src_uri] for page in self.pages}     # in page order
        self._finish(records)
        return records, len(todo)

    def _finish(self, records: dict[str, PageRecord]) -> None:
        """What needs every page: warnings reported, anchors checked, the search index written."""
        config = self.config
        for record in records.values():
            for name, level, message in record.warnings:
                logging.getLogger(name).log(level, message)
        for page in self.pages:
            record = records[page.file.src_uri]
            page.present_anchor_ids = set(record.anchors)
            page.links_to_anchors = {self.files.get_file_from_path(src): links for src, links in record.links.items()}
        for page in self.pages:
            page.validate_anchor_links(files=self.files, log_level=config.validation.links.anchors)
        search = _search_index(config)
        if search is not None:
            search.entries = [entry for record in records.values() for entry in record.search]
        config.plugins.on_post_build(config=config)

    def _convert(self, page: Page) -> None:
        if page.file.src_uri not in self.converted:
            _convert(page, self.config, self.files)
            self.converted.add(page.file.src_uri)

    def _build(self, page: Page, key: str) -> PageRecord:
        """One page, in a worker: converted, rendered and written; what the site needs of it."""
        search = _search_index(self.config)
        entries = search.entries if search is not None else []
        before = len(entries)
        with _warnings() as warned:
            self._convert(page)
            _build_page(page, self.config, self.doc_files, self.nav, self.env)
        found, entries[before:] = entries[before:], []
        stat = os.stat(page.file.abs_dest_path)
        links = {file.src_uri: dict(anchors) for file, anchors in (page.links_to_anchors or {}).items()}
        record = PageRecord(key, page.file.dest_uri, stat.st_size, stat.st_mtime_ns, sorted(page.present_anchor_ids),
                            links, found, warned)
        page.content = None                           # the worker keeps no page's HTML once written
        return record

    def _key(self, fingerprint: str, page: Page) -> str:
        runbook = self.config.plugins.get("runbook")
        inputs = (fingerprint, page.file.src_uri, page.file.dest_uri, page.url, page.title, page.markdown,
                  json.dumps(page.meta, sort_keys=True, default=str), _surroundings(page, self.nav),
                  runbook.page_inputs(page.file.src_uri) if hasattr(runbook, "page_inputs") else "")
        return hashlib.sha256(repr(inputs).encode()).hexdigest()


def _read(page: Page, config, files: Files) -> None:
    """The first half of MkDocs' _populate_page: the source, front matter and Markdown events."""
    with _current(page, config):
        config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)


def _convert(page: Page, config, files: Files) -> None:
    """The second half: the Markdown converted to HTML, and the content events."""
    with _current(page, config):
        conversion.render(page, config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)


@contextmanager
def _current(page: Page, config) -> Iterator[None]:
    """MkDocs' page context: the page being built, and its error logged as MkDocs logs it."""
    config._current_page = page
    try:
        yield
    except Exception as exc:
        log.error(f"Error reading page '{page.file.src_uri}':" + ("" if isinstance(exc, BuildError) else f" {exc}"))
        raise
    finally:
        config._current_page = None


def _copy_static_files(files: Files, docs_dir: Path, previous_site: Path | None) -> None:
    """MkDocs' copy_static_files, but a file of the docs folder (a copy this build made: the
    hand-written pages and the rendered scripts) is linked into the site, and one of the theme
    that the last build's site holds as it is, linked from there: nothing is copied again."""
    docs = os.path.join(os.path.abspath(docs_dir), "")
    for file in files:
        if file.is_documentation_page() or not file.inclusion.is_included():
            continue
        source = file.abs_src_path if file.generated_by is None else None
        if source and not source.startswith(docs) and previous_site is not None:
            old = previous_site / file.dest_uri
            source = str(old) if old.is_file() and filecmp.cmp(file.abs_src_path, old, shallow=False) else None
        if source:
            os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
            try:
                os.link(source, file.abs_dest_path)
                continue
            except OSError:
                pass
        file.copy_file()


def _surroundings(page: Page, nav) -> tuple:
    """What the theme can show around a page: the top level, the items of every section on its
    path, its previous and next pages, the home page. Each item by what a link to it shows."""
    levels = [tuple(_shown(item) for item in nav.items)]
    levels += [tuple(_shown(item) for item in section.children) for section in reversed(page.ancestors)]
    return (tuple(levels), _shown(page.previous_page), _shown(page.next_page), _shown(nav.homepage))


def _shown(item: Any) -> tuple | None:
    if item is None:
        return None
    if getattr(item, "is_section", False):
        first = item
        while getattr(first, "children", None):
            first = first.children[0]
        return ("section", item.title, getattr(first, "url", None), len(item.children))
    meta = getattr(item, "meta", None) or {}
    return (type(item).__name__, item.title, item.url, tuple((k, str(meta.get(k))) for k in ("icon", "status", "subtitle")
                                                            if k in meta))


def _fingerprint(config, files: Files) -> str:
    """Every input common to all pages (see the module's docstring)."""
    digest = hashlib.sha256()
    digest.update(repr([(name, metadata.version(name)) for name in PACKAGES] + [sys.version]).encode())
    digest.update(Path(config.config_file_path).read_bytes())
    digest.update(repr((config.site_url, config.use_directory_urls, config.strict)).encode())
    for folder in (config.theme.custom_dir, Path(__file__).parent):
        for path in sorted(Path(folder).rglob("*")) if folder else []:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(repr(sorted((f.src_uri, f.dest_uri) for f in files)).encode())
    return digest.hexdigest()


def _search_index(config) -> Any:
    """Material's search index (its entries), when its plugin is on."""
    search = config.plugins.get("material/search")
    return getattr(search, "search_index", None) if search is not None and search.config.enabled else None


@contextmanager
def _warnings() -> Iterator[list[tuple[str, int, str]]]:
    """What MkDocs warns about while one page builds, held back (reported by the parent, in page
    order, with those of pages not built again); errors still show at once."""
    logger, found = logging.getLogger("mkdocs"), []
    capture = _Capture(found)
    quiet = _OnlyErrors()
    handlers = list(logger.handlers)
    for handler in handlers:
        handler.addFilter(quiet)
    logger.addHandler(capture)
    try:
        yield found
    finally:
        logger.removeHandler(capture)
        for handler in handlers:
            handler.removeFilter(quiet)


class _Capture(logging.Handler):
    def __init__(self, found: list):
        super().__init__(logging.WARNING)
        self.found = found

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.ERROR:
            self.found.append((record.name, record.levelno, record.getMessage()))


class _OnlyErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR
