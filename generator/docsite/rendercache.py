"""Each site's rendering kept between builds (build/sites/<site>.pickle): its rendered stages,
results and the text of its pages and scripts, under a key of everything they come from. A
site whose key is unchanged is not rendered again: after editing one site, one site renders.

The key hashes the site's environment file (and its path, as pages show it), its results (and
today's date when it has attestations, which expire),
the runbook's folder (stages, macros, model, sources), its features, the engine's code and
templates (generator/), the project's folder and the versions of Python and the libraries
that render. A change to any of them renders the site again; nothing else can change what it
renders to. The cache is written by the build itself, in the project: it is trusted as the
project's code is.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import zlib
from datetime import datetime, timezone
from contextlib import suppress
from importlib import metadata
from pathlib import Path
from typing import Any

from ..acceptance.attestations import FOLDER
from ..environments import Environment
from ..files import write_file
from ..project import Project

ENGINE = Path(__file__).resolve().parents[1]          # generator/
PACKAGES = ("jinja2", "pydantic", "pyyaml")


class RenderCache:
    def __init__(self, folder: Path, project: Project):
        self.folder, self.project = folder, project
        self._runbooks: dict[str, str] = {}          # runbook id -> hash of what all its sites share

    def key(self, env: Environment) -> str:
        shared = self._runbooks.get(env.runbook.id)
        if shared is None:
            shared = self._runbooks[env.runbook.id] = _hash(
                repr([(name, metadata.version(name)) for name in PACKAGES] + [sys.version, str(self.project.root)]),
                *(_folder(path) for path in (ENGINE, env.runbook.directory, self.project.features_dir / env.runbook.id)))
        results = self.project.results_dir / env.name
        return _hash(shared, str(env.path), env.name, Path(env.path).read_bytes(), _folder(results),
                     _expiry_day(results))

    def get(self, env: Environment, key: str) -> Any | None:
        """What `put` kept for the site under this key, or None."""
        try:
            kept_key, rendering = pickle.loads(zlib.decompress((self.folder / f"{env.name}.pickle").read_bytes()))
        except Exception:                            # noqa: BLE001 - none yet, another version, damaged: render
            return None
        return rendering if kept_key == key else None

    def put(self, env: Environment, key: str, rendering: Any) -> None:
        """Keep the site's rendering; when it cannot be (a model that does not pickle, a folder
        that cannot be written), the next build renders the site again, nothing worse."""
        try:
            data = zlib.compress(pickle.dumps((key, rendering), protocol=pickle.HIGHEST_PROTOCOL), 1)
            write_file(self.folder / f"{env.name}.pickle", data, durable=False)
        except Exception:                            # noqa: BLE001 - see above
            return

    def keep_only(self, environments: list[Environment]) -> None:
        """Forget the sites that are gone."""
        wanted = {f"{env.name}.pickle" for env in environments}
        for path in self.folder.glob("*.pickle") if self.folder.is_dir() else []:
            if path.name not in wanted:
                with suppress(OSError):
                    path.unlink()


def _expiry_day(results: Path) -> str:
    """Today, for a site with attestations (one expires at the end of a day, with no file changing)."""
    return datetime.now(timezone.utc).date().isoformat() if (results / FOLDER).is_dir() else ""


def _folder(folder: Path) -> str:
    """Every file under `folder` (names and bytes), Python's bytecode aside."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _hash(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()
