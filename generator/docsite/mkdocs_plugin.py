"""The MkDocs plugin `runbook`: render every site's pages before MkDocs builds, and put them
in the nav. Registered by the package (entry point `mkdocs.plugins`), so an installed project
names it in mkdocs.yml (`plugins: [runbook]`) with no path into the package.

With MkDocs' events it also shows each site's pages with their own site in the navigation
(generator.docsite.navview) and indexes a site's stage and scripts pages by their headings
(generator.docsite.searchindex). It lets `mkdocs build` and `mkdocs serve` work directly
(serve re-renders when runbooks/, environments/ or features/ change); the rendering itself
lives in generator.docsite.tree and needs no MkDocs. The pages go to
runbooks/ under MkDocs' docs_dir: docs/ when MkDocs runs directly, a staging copy of it
under `runbook build`, which swaps them into docs/runbooks/ only when the build succeeds.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from generator.environments import load_environments
from generator.errors import GeneratorError
from generator.project import Project
from generator.runbooks import forget_runbooks
from generator.docsite.navview import SiteNavigation
from generator.docsite.parallel import default_jobs
from generator.docsite.rendercache import RenderCache
from generator.docsite.searchindex import SearchIndex
from generator.docsite.tree import DocsTree, build_tree, write_tree

log = logging.getLogger("mkdocs.plugins.runbook")
PLACEHOLDER = "runbooks/"      # the nav entry of mkdocs.yml that the generated navigation replaces


class RunbookPlugin(BasePlugin):
    jobs: int | None = None                   # processes that render the sites (default: one per core)
    previous_docs: Path | None = None         # the docs dir of the last build, when docs_dir is a new one
    environments: list | None = None          # the sites, when the command running MkDocs loaded them already
    render_cache: Path | None = None          # where each site's rendering is kept between builds
    tree: DocsTree | None = None
    navigation: SiteNavigation | None = None
    search: SearchIndex | None = None

    def on_config(self, config):
        self.tree = render_docs(config, self.jobs or default_jobs(), self.previous_docs, self.environments,
                                self.render_cache)
        config.nav = _with_runbooks(config.nav, self.tree.nav)
        return config

    def on_nav(self, nav, *, config, files):
        self.navigation = SiteNavigation(nav, {f"{site}/index.md" for site in self.tree.sites})
        search = config.plugins.get("material/search")
        enabled = search is not None and search.config.enabled and hasattr(search, "search_index")
        self.search = SearchIndex(search, self.tree.sites) if enabled else None
        return nav

    @event_priority(100)                      # before the search plugin reads the page
    def on_page_context(self, context, *, page, config, nav):
        if self.search is not None:
            self.search.add(page)
        self.navigation.show(page)
        return context

    def on_post_page(self, output, *, page, config):
        self.navigation.restore()
        return output

    def page_inputs(self, src_uri: str) -> str:
        """What the plugin adds to a page's HTML beyond its Markdown (its search entries: the
        site's values), for the page's key in generator.docsite.sitebuild."""
        values = self.search.values_for(src_uri) if self.search is not None else None
        return repr(values) if values is not None else ""


def render_docs(config, jobs: int = 1, previous_docs: Path | None = None, environments: list | None = None,
                render_cache: Path | None = None) -> DocsTree:
    """Every site's pages and scripts, written under docs_dir/runbooks/."""
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        if environments is None:
            forget_runbooks()        # under `mkdocs serve`, runbook.yaml and model.py may have changed
            environments = load_environments(project, project.environment_files())
        cache = RenderCache(render_cache, project) if render_cache else None
        tree = build_tree(project, environments, jobs, cache)
        written = write_tree(tree, Path(config.docs_dir), previous_docs)   # `runbook build`: a staging copy
    except GeneratorError as exc:
        raise PluginError(f"runbook: {exc}") from exc
    log.info("runbook: %d site(s), %d generated file(s) changed", len(environments), written)
    return tree


def _with_runbooks(nav, generated):
    if not nav:
        return [{"Runbooks": generated}]
    out = []
    for entry in nav:
        if isinstance(entry, dict) and list(entry.values()) == [PLACEHOLDER]:
            out.append({next(iter(entry)): generated})
        else:
            out.append(entry)
    return out
