"""Hostile environment files: every string field of the model given values built to break out
of each context it reaches (cmd.exe lines, Markdown, HTML, Markdown extensions).

A field keeps the shape its type demands (an account stays DOMAIN\\user, a path stays C:\\...),
so the payload reaches the renderer whenever Windows itself allows it; where it does not, the
model must refuse it with `file:line: field: message`. Each payload that could run a command
names a folder `INJ...`; each that could run script sets `window.__pwned`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from generator.environments import load_environments
from generator.errors import ConfigError
from generator.project import Project
from tests.conftest import ROOT, _walk

# What a command line could be made to run: a folder INJ<k> would appear.
CMD = [
    "&mkdir INJ{k}",
    '" & mkdir INJ{k} & rem "',
    ")&mkdir INJ{k}&(",
    "|mkdir INJ{k}",
    "^&mkdir INJ{k}",
    "%COMSPEC% /c mkdir INJ{k}!LAB_DOMAIN_ADMIN_PASSWORD!",
    " /delete INJ{k}",
    "INJ{k}\\",
]
# What a page could be made to run or include.
PAGE = [
    "<script>window.__pwned='{k}'</script>",
    "<img src=x onerror=\"window.__pwned='{k}'\">",
    "[x{k}](javascript:window.__pwned='{k}') [m{k}](missing{k}.md)",
    "{{: onmouseover=\"window.__pwned='{k}'\" }}",
    "--8<-- \".git/config\" {k}",
    "`x{k}` **b{k}** === \"t{k}\"",
    "!!! danger \"x{k}\" | c{k} |",
    "&lt;script&gt;window.__pwned='{k}'&lt;/script&gt;",
]
SHAPES = {
    "domain.admin.user": "E2K7\\A{payload}",
    "cluster.service_account.user": "E2K7\\A{payload}",
    "witness.path": "C:\\FSW{payload}",
}
_ACCOUNT_LIMIT = 20


def string_fields(source: Path = ROOT / "environments" / "lab.yaml") -> list[str]:
    """Dotted paths of every string value in `source`, and a secret's prompt."""
    data = YAML(typ="safe").load(source.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")
        elif isinstance(value, str):
            found.append(path)
    walk(data, "")
    return found + ["domain.admin.password.prompt"]


def hostile(path: str, template: str, k: int) -> str:
    payload = template.format(k=k)
    value = SHAPES.get(path, "{payload}").format(payload=payload)
    if path.endswith(".user"):                    # the logon name part keeps Windows' 20 characters
        domain, _, user = value.partition("\\")
        value = f"{domain}\\{user[:_ACCOUNT_LIMIT]}"
    return value


def write_site(file: Path, values: dict[str, str]) -> Path:
    """lab.yaml with `values` (dotted paths) put in, written with PyYAML's C dumper: the tests
    write hundreds of these, so no round-trip editing."""
    import copy

    import yaml
    data = copy.deepcopy(_lab_data())
    for path, value in edits_for(values).items():
        parent, key = _walk(data, path)
        parent[key] = value
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    file.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=4096), encoding="utf-8")
    return file


_LAB: dict = {}


def _lab_data() -> dict:
    if not _LAB:
        import yaml
        _LAB.update(yaml.safe_load((ROOT / "environments" / "lab.yaml").read_text(encoding="utf-8")))
    return _LAB


def edits_for(values: dict[str, str]) -> dict:
    edits: dict = {}
    for path, value in values.items():
        if path == "domain.admin.password.prompt":
            edits["domain.admin.password"] = {"env": "LAB_DOMAIN_ADMIN_PASSWORD", "prompt": value}
        else:
            edits[path] = value
    return edits


@dataclass
class Trial:
    """One field, one payload: what the model said."""

    path: str
    value: str
    problem: str = ""            # the model's message when it refused the value


@dataclass
class HostileSite:
    file: Path
    values: dict[str, str] = field(default_factory=dict)      # field -> hostile value the model accepted


def trials(project: Project, folder: Path, payloads: list[str]) -> list[Trial]:
    """Every string field with every payload, each alone in a copy of lab.yaml."""
    out = []
    for n, path in enumerate(string_fields()):
        for i, template in enumerate(payloads):
            value = hostile(path, template, n * 100 + i)
            file = write_site(folder / f"t{n}-{i}.yaml", {path: value})
            try:
                load_environments(project, [file])
                out.append(Trial(path, value))
            except ConfigError as exc:
                out.append(Trial(path, value, str(exc)))
    return out


def combined(project: Project, folder: Path, payloads: list[str], rotation: int, name: str = "hostile") -> HostileSite:
    """One environment holding a hostile value in every field that accepts one: field n gets
    payload (n + rotation) mod len(payloads), or the next one it accepts."""
    accepted: dict[str, str] = {}
    for n, path in enumerate(string_fields()):
        for step in range(len(payloads)):
            i = (n + rotation + step) % len(payloads)
            value = hostile(path, payloads[i], n * 100 + i)
            if _accepts(project, folder, {**accepted, path: value}):
                accepted[path] = value
                break
    return HostileSite(write_site(folder / f"{name}.yaml", accepted), accepted)


def _accepts(project: Project, folder: Path, values: dict[str, str]) -> bool:
    file = write_site(folder / "probe.yaml", values)
    try:
        load_environments(project, [file])
        return True
    except ConfigError:
        return False


LOCATED = re.compile(r"^(?P<file>[^:\n]+\.yaml):(?P<line>\d+): (?P<field>[\w.\[\]]+): .+", re.M)


def markdown_to_html(text: str) -> str:
    """HTML as the site's Markdown extensions make it (mkdocs.yml), without MkDocs (which takes
    the front matter off first, as here)."""
    import markdown
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        text = text[4:].split("\n---\n", 1)[1]
    config = YAML(typ="safe").load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        options[name] = settings or {}
    return markdown.markdown(text, extensions=names, extension_configs=options)


def live_markup(html_text: str) -> list[str]:
    """Tags and attributes in HTML that would run script: <script>, <img>, <iframe>, on*=
    handlers, javascript: links. (Text that merely reads like them is fine.)"""
    from html.parser import HTMLParser

    found: list[str] = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "img", "iframe", "object", "embed"):
                found.append(f"<{tag}>")
            for name, value in attrs:
                if name.lower().startswith("on"):
                    found.append(f"<{tag} {name}=...>")
                if name.lower() in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                    found.append(f"<{tag} {name}={value}>")

    Finder().feed(html_text)
    return found


def made_on_purpose(host: str, path: str, witness) -> bool:
    """The witness folder the site names (a hostile value itself) and what is in it: the runbook
    makes that folder on purpose; anything else named INJ... was injected."""
    path, folder = path.rstrip("\\").lower(), witness.path.rstrip("\\").lower()
    return host.upper() == witness.name.upper() and (path == folder or path.startswith(folder + "\\"))
