"""A page's layout (where each slot stands) is read once per distinct text and kept; every site
rendering the same text gets its own values written into it. Kept or read afresh, the page,
its blocks and every refusal (message and line) are the same."""

from __future__ import annotations

import pytest

from generator.errors import GeneratorError
from generator.outputs import render_environment
from generator.rendering import page
from generator.rendering.page import parse_page
from generator.rendering.slots import Slots
from generator.secrets import SecretRef

PAGE = """---
title: {0}
---
# Site {1}

Text {2} and `code {3}` and <span title="{4}">x</span> and [link {5}](https://x/).

## Step {6}

```cmd {{check={7}}}
    hostname | findstr /i /x "{8}"
```
```cmd {{run={7}}}
netsh interface set interface name="{9}" newname={10}
echo {11}
```
```text
{12}
```
"""
SAFE = ["T", "S1", "word", "c", "tip", "path", "One", "NODE1", "NODE1", "Local Area", "Public", "done", "shown"]
# Each line: values refused (or written differently) where the safe ones were fine.
HOSTILE = [
    {2: "<script>x</script>", 3: "a`b", 4: '"><img src=x>'},
    {5: "](javascript:alert(1))"},             # link text: escaped
    {7: "bad host"},                           # a fence attribute
    {9: 'a" & calc & "', 11: "a&b"},           # cmd: a quote cannot be carried; & is escaped
    {10: "two words"},                         # an unquoted argument may not split
    {12: "```"},                               # a value ending a code block
    {6: "\ue0007\ue001"},                      # template text written as a value
    {9: SecretRef(env="VAR_X"), 11: SecretRef(env="VAR_X")},
    {0: "a: b\nc", 1: "# ## *x*", 6: "!!! warning"},
]


def slots_of(values: list) -> Slots:
    slots = Slots()
    for value in values:
        slots.put(value)
    return slots


def outcome(text: str, values: list):
    try:
        parsed = parse_page(text, "x.md (site)", slots_of(values))
        return parsed.markdown, parsed.blocks
    except GeneratorError as exc:
        return type(exc).__name__, str(exc), getattr(exc, "where", None)


def text_with_slots() -> str:
    slots = Slots()
    return PAGE.format(*[slots.put(v) for v in SAFE])


@pytest.mark.parametrize("changes", HOSTILE)
def test_a_kept_layout_writes_another_sites_values_as_a_fresh_read(changes):
    text = text_with_slots()
    values = [changes.get(n, v) for n, v in enumerate(SAFE)]
    page._layout.cache_clear()
    fresh = outcome(text, values)
    page._layout.cache_clear()
    assert outcome(text, SAFE)[0] != "ContentError"            # the layout is read for a site it fits
    kept = outcome(text, values)
    assert kept == fresh
    assert kept != outcome(text, SAFE)                         # the values made a difference


def test_a_refusal_names_its_line_when_the_layout_was_kept():
    text = text_with_slots()
    outcome(text, SAFE)
    kind, message, where = outcome(text, [*SAFE[:10], "two words", *SAFE[11:]])
    assert kind == "UnsafeValue" and where == "x.md (site):14" and message.startswith("x.md (site):14: ")


def test_sites_of_one_shape_share_their_layouts(project, lab_env, env_file):
    from generator.environments import load_environments
    [other] = load_environments(project, [env_file({"nodes[0].name": "OTHERNODE1", "cluster.name": "OTHERCLUS"})])
    page._layout.cache_clear()
    mine = render_environment(lab_env)
    read = page._layout.cache_info().misses
    theirs = render_environment(other)
    assert page._layout.cache_info().misses == read           # no page read again
    assert any("OTHERNODE1" in s.page.markdown for s in theirs.stages)
    assert not any("OTHERNODE1" in s.page.markdown for s in mine.stages)
    assert [b.host for s in theirs.stages for b in s.page.blocks].count("OTHERNODE1") == \
        [b.host for s in mine.stages for b in s.page.blocks].count(lab_env.params.nodes[0].name)


def test_a_refusal_in_markdown_text_names_its_line():
    slots = Slots()
    text = f"# Title\n\nSee {slots.put('x')} and [the docs]({slots.put('y')}).\n"
    for _ in range(2):                                         # read afresh, then kept
        kind, message, where = outcome(text, ["x", "javascript:alert(1)"])
        assert (kind, where) == ("UnsafeValue", "x.md (site):3"), message
        assert message == "x.md (site):3: 'javascript:alert(1)' cannot form the target of a link"


def test_a_fence_never_closed_is_refused():
    """Markdown shows the lines of a fence that is never closed as text, but the parser would
    write their values for code (as they are): such a page is refused, not published."""
    from tests.hostile import live_markup, markdown_to_html
    slots = Slots()
    value = slots.put("<img src=x onerror=\"window.__pwned=1\">")
    unclosed = f"## Step\n\n```text\n{value}\n"
    assert live_markup(markdown_to_html(unclosed.replace(value, "<img src=x onerror=\"window.__pwned=1\">")))
    with pytest.raises(GeneratorError, match=r"^x\.md:3: this ``` fence is never closed: end the block with a "
                                             r"line of ```$"):
        parse_page(unclosed, "x.md", slots)
    closed = parse_page(unclosed + "```\n", "x.md", slots)
    assert not live_markup(markdown_to_html(closed.markdown))


def test_the_first_refusal_in_page_order_is_the_one_reported():
    """A site's values in Markdown text are written before the page's other parts; what is
    refused is still the first refusal in page order, with its line."""
    slots = Slots()
    host, code, later = slots.put("NODE1"), slots.put("shown"), slots.put("x")
    text = f"## Step\n\n```cmd {{run={host}}}\nhostname\n```\n```text\n{code}\n```\n\nThen {later}.\n"
    template_text = "\ue0000\ue001"
    for _ in range(2):                                         # read afresh, then kept
        assert outcome(text, ["NODE1", "shown", template_text])[2] == "x.md (site):10"
        kind, message, where = outcome(text, ["bad host", "shown", template_text])
        assert (kind, where) == ("UnsafeValue", "x.md (site):3"), message
        kind, message, _ = outcome(text, ["NODE1", "```", template_text])
        assert (kind, message) == ("ContentError", "x.md (site):7: a value would end the code block here")


def test_a_page_read_without_values_is_refused_at_its_first_problem():
    slots = Slots()
    text = f"```cmd {{run=NODE1}}\nhostname\n```\n\nThen {slots.put('x')}.\n"     # a block without its step
    for _ in range(2):                                         # read afresh, then kept
        with pytest.raises(GeneratorError, match=r"^x\.md:1: an executable block needs a heading above it"):
            parse_page(text, "x.md")
