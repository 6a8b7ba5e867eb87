"""Where a project's parts live. One object, so no module guesses paths on its own."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def runbooks_dir(self) -> Path:
        return self.root / "runbooks"

    @property
    def environments_dir(self) -> Path:
        return self.root / "environments"

    @property
    def features_dir(self) -> Path:
        return self.root / "features"

    @property
    def docs_dir(self) -> Path:
        """MkDocs' docs_dir: hand-written pages, plus the generated `runbooks/` subtree."""
        return self.root / "docs"

    @property
    def generated_docs_dir(self) -> Path:
        return self.docs_dir / "runbooks"

    @property
    def build_state(self) -> Path:
        """What the last `runbook build` built, so the next one builds only what changed."""
        return self.root / "build" / "site-state.json"

    @property
    def render_cache(self) -> Path:
        """Each site's rendering, kept so that a build renders only the sites that changed."""
        return self.root / "build" / "sites"

    @property
    def results_dir(self) -> Path:
        return Path(os.environ.get("RUNBOOK_RESULTS_DIR", self.root / "results"))

    @property
    def lab_dir(self) -> Path:
        return Path(os.environ.get("RUNBOOK_LAB_DIR", self.root / ".lab"))

    @property
    def environments_folder(self) -> Path:
        """Where the sites are: environments/, or $RUNBOOK_ENVIRONMENTS (a folder: benchmarks, trials)."""
        return Path(os.environ.get("RUNBOOK_ENVIRONMENTS") or self.environments_dir)

    def environment_files(self) -> list[Path]:
        """Every site of the project (in environments_folder)."""
        return sorted(self.environments_folder.glob("*.yaml"))

    def relative(self, path: Path) -> str:
        """How a path is shown in messages: relative to the project when inside it."""
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)


def find_project(start: Path | None = None) -> Project:
    """The project holding `start` (default: $RUNBOOK_PROJECT or the working directory)."""
    here = Path(start or os.environ.get("RUNBOOK_PROJECT") or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "runbooks").is_dir() and (candidate / "mkdocs.yml").is_file():
            return Project(candidate)
    raise ContentError(f"no runbook project (a folder with mkdocs.yml and runbooks/) at or above {here}")
