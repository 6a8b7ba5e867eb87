"""What a site build leaves for the next one: for each page, the key of its inputs and what
the whole site needs from it (its search entries, its anchors, the links in it to check, its
warnings), and where its HTML is. A page whose key is unchanged is copied from that site
instead of being built again (generator.docsite.sitebuild).

`runbook build` keeps it in build/site-state.json, written after the new site is in place;
`runbook serve` keeps it in memory between rebuilds.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..files import write_file

VERSION = 1                  # of the file's layout: another one is ignored (everything is built)


@dataclass
class PageRecord:
    key: str                                  # hash of every input of the page's HTML
    dest: str                                 # its HTML, relative to the site
    size: int                                 # the HTML file as written, to notice one changed since
    mtime_ns: int
    anchors: list[str]                        # ids in the page, which links from other pages may name
    links: dict[str, dict[str, str]]          # page linked to (src_uri) -> {anchor: link as written}
    search: list[dict]                        # its entries in the search index
    warnings: list[tuple[str, int, str]]      # (logger, level, message) MkDocs reported while building it


@dataclass
class BuildState:
    site_dir: str
    pages: dict[str, PageRecord] = field(default_factory=dict)     # src_uri -> record
    built: int = 0                                                  # pages this build built (not kept)

    def reusable(self, src_uri: str, key: str) -> PageRecord | None:
        """The page's record when its key is unchanged and its HTML is still as written."""
        record = self.pages.get(src_uri)
        if record is None or record.key != key:
            return None
        try:
            stat = os.stat(Path(self.site_dir) / record.dest)
        except OSError:
            return None
        return record if (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns) else None

    def copy_page(self, record: PageRecord, site_dir: Path) -> None:
        """The page's HTML into `site_dir` (a link to the same file where the filesystem allows)."""
        source, target = Path(self.site_dir) / record.dest, site_dir / record.dest
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    def moved_to(self, site_dir: Path) -> BuildState:
        return BuildState(str(site_dir), self.pages, self.built)

    def save(self, path: Path) -> None:
        data = {"version": VERSION, "site_dir": self.site_dir,
                "pages": {src: asdict(record) for src, record in self.pages.items()}}
        write_file(path, json.dumps(data, separators=(",", ":")), durable=False)


def load_state(path: Path) -> BuildState | None:
    """The state a build left, or None (none yet, unreadable, another layout): build everything."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return None
        pages = {src: PageRecord(**{**record, "warnings": [tuple(w) for w in record["warnings"]]})
                 for src, record in data["pages"].items()}
        return BuildState(data["site_dir"], pages)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
