"""The site's highlighter (generator.docsite.highlighting) writes exactly the HTML of
pymdownx.highlight with the same options, for every page the shipped sites have and for blocks
that exercise its edges, while lexing each distinct block once."""

from __future__ import annotations

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from generator.docsite import highlighting
from generator.docsite.tree import site_files
from generator.environments import load_environments
from generator.outputs import render_environment
from tests.conftest import ROOT

OURS = "generator.docsite.highlighting"
STOCK = "pymdownx.highlight"


def extensions(highlighter: str) -> tuple[list[str], dict]:
    """mkdocs.yml's Markdown extensions, with `highlighter` in place of ours."""
    names, options = [], {}
    for entry in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        name = highlighter if name == OURS else name
        names.append(name)
        if config:
            options[name] = config
    assert highlighter in names
    return names, options


def convert(text: str, highlighter: str) -> str:
    names, options = extensions(highlighter)
    return markdown.Markdown(extensions=names, extension_configs=options).convert(text)


@pytest.fixture(autouse=True)
def empty_caches():
    for cache in (highlighting._frames, highlighting._codes, highlighting._tools):
        cache.clear()


@pytest.mark.parametrize("name", ["lab", "paris", "dallas"])
def test_every_page_of_a_shipped_site_is_the_same_html(project, name):
    [env] = load_environments(project, [ROOT / "environments" / f"{name}.yaml"])
    pages = {path: get_data(text)[0] for path, text in site_files(project, render_environment(env)).items()
             if path.endswith(".md")}
    blocks = 0
    for _ in range(2):                          # the second time every block comes from the caches
        for path, text in pages.items():
            ours = convert(text, OURS)
            assert ours == convert(text, STOCK), path
            blocks += ours.count('<div class="highlight">')
    assert blocks > 100 and highlighting._frames


EDGES = '''
```bat title="A & B <x> 'single'"
echo <nul & set X="a&b" > out.txt
```

```bat
```

```bat title="   "
ver
```

```bat {.runbook-check #first-check data-host="N1" title="N1 · check"}
hostname | findstr /i /x "N1"
```

```bat hl_lines="2" title="highlighted"
echo one
echo two
```

```bat linenums="1"
echo numbered
```

```not-a-language title="unknown"
plain & text
```

- In a list:

    ```bat title="nested · run"
    netsh interface ip set address name="Public" source=static addr=10.0.0.1
    ```
'''


def test_edge_blocks_are_the_same_html_the_first_time_and_from_the_caches():
    stock = convert(EDGES, STOCK)
    assert convert(EDGES, OURS) == stock
    assert convert(EDGES, OURS) == stock
    assert 'class="filename">A &amp; B &lt;x&gt; &#x27;single&#x27;</span>' in stock
    assert 'class="runbook-check highlight" data-host="N1"><span class="filename">N1 · check<' in stock and "linenos" in stock and "hll" in stock


def test_each_distinct_block_is_lexed_once():
    text = "\n\n".join(f'```bat title="N{i} · check"\nver\n```' for i in range(50))
    text += '\n\n```bat title="other"\nhostname\n```\n'
    assert convert(text, OURS) == convert(text, STOCK)
    assert sorted(src for (_, _, src) in highlighting._codes) == ["hostname", "ver"]
