"""Hostile environment files: each named case is refused with its exact `file:line: field: message`,
quickly and in little memory; legitimate anchors, merges and odd-but-harmless text still load."""

from __future__ import annotations

import re
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.environments import load_environments
from generator.errors import ConfigError
from generator.yamlfile import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUE_CHARS, MAX_VALUES, load_yaml
from tests.conftest import ROOT

LAB = (ROOT / "environments" / "lab.yaml").read_text(encoding="utf-8")
TITLE = "title: Lab (seed article)"
TITLE_LINE = LAB.splitlines().index(TITLE) + 1
END = LAB.count("\n") + 1                        # the line where text appended to LAB starts
UNWANTED_IN_VALUE = ("keys and values are one line of plain text, without control, format or "
                     "bidirectional characters")
TOO_BIG = f"FILE: the file is larger than {MAX_FILE_BYTES // 1024 ** 2} MiB, the limit for a YAML file here"
TOO_MANY = (f"holds more than {MAX_VALUES:,} keys and values, counting what each alias (*name) repeats; "
            "anchors and aliases are for small reuse, such as one DNS server list")
BOMB = ('a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'    # "billion laughs":
        + "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"            # i: 9^9 lols
                  for prev, name in zip("abcdefgh", "bcdefghi")))


def write(tmp_path: Path, content: str | bytes, name: str = "site") -> Path:
    path = tmp_path / f"{name}.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def refusal(project, path: Path) -> str:
    """The one problem reported for `path`, with the file name shown as `FILE`."""
    with pytest.raises(ConfigError) as caught:
        load_environments(project, [path])
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1, problems
    return problems[0].replace(project.relative(path), "FILE", 1)


def lab_with_title(title: str) -> str:
    return LAB.replace(TITLE, f"title: {title}")


# --- aliases ------------------------------------------------------------------------------

def test_alias_bomb_is_refused_fast_and_small(project, tmp_path):
    path = write(tmp_path, BOMB)
    assert path.stat().st_size < 2048                      # expands to 9^9 "lol"s
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = refusal(project, path)
        elapsed, peak = time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == f"FILE:5: e: {TOO_MANY}"             # e: 66,430 (d: 7,381, and all before it: 8,308)
    assert elapsed < 1.0 and peak < 5 * 1024 ** 2, (elapsed, peak)


def test_many_values_without_aliases_stop_while_composing(project, tmp_path):
    path = write(tmp_path, "runbook: exchange-2007-ccr\nitems:\n" + "- 1\n" * MAX_VALUES)
    assert refusal(project, path) == f"FILE: the file {TOO_MANY}"
    tagged = write(tmp_path, "items: [" + "!!str 1, " * MAX_VALUES + "]\n", "tagged")    # no resolver call
    assert refusal(project, tagged) == f"FILE:1: items: {TOO_MANY}"


def test_recursive_aliases_are_refused(project, tmp_path):
    in_list = write(tmp_path, LAB + "extra: &x [1, *x]\n")
    assert refusal(project, in_list) == f"FILE:{END}: extra[1]: a recursive alias: this value contains itself"
    in_mapping = write(tmp_path, LAB + "extra: &x\n  inner:\n    again: *x\n", "mapping")
    assert refusal(project, in_mapping) == (f"FILE:{END + 2}: extra.inner.again: "
                                            "a recursive alias: this value contains itself")
    merged = write(tmp_path, LAB + "extra: &x {<<: *x}\n", "merged")
    assert refusal(project, merged) == f"FILE:{END}: extra.<<: a recursive alias: this value contains itself"


def test_anchors_for_small_reuse_still_work(project, tmp_path):
    text = LAB.replace("dns_servers: [192.168.10.10]", "dns_servers: &dns [192.168.10.10]", 1)
    text = text.replace("os: {release: 2003-r2, edition: enterprise, service_pack: 1}",
                        "os: &os {release: 2003-r2, edition: enterprise, service_pack: 1}", 1)
    text = text.replace("dns_servers: [192.168.10.10]", "dns_servers: *dns", 1)
    text = text.replace("os: {release: 2003-r2, edition: enterprise, service_pack: 1}",
                        "os: {<<: *os, service_pack: 2}", 1)
    assert text.count("*dns") == 1 and text.count("*os") == 1
    [env] = load_environments(project, [write(tmp_path, text)])
    first, second = env.params.nodes
    assert second.public.dns_servers == first.public.dns_servers
    assert (second.os.release, second.os.service_pack) == ("2003-r2", 2)      # the key written wins


def test_a_problem_in_an_anchor_is_reported_where_it_is_written_for_each_use(project, tmp_path):
    text = LAB.replace("dns_servers: [192.168.10.10]", "dns_servers: &dns [192.168.10.999]", 1)
    text = text.replace("dns_servers: [192.168.10.10]", "dns_servers: *dns", 1)
    anchor_line = text.splitlines().index("      dns_servers: &dns [192.168.10.999]") + 1
    with pytest.raises(ConfigError) as caught:
        load_environments(project, [write(tmp_path, text)])
    located = sorted((p.line, p.field) for p in caught.value.problems)
    assert located == [(anchor_line, "nodes[0].public.dns_servers[0]"), (anchor_line, "nodes[1].public.dns_servers[0]")]


def test_merged_keys_are_located_where_written(tmp_path):
    doc = load_yaml(write(tmp_path, "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nmore:\n  <<: [{z: 5}, *b]\n"))
    assert doc.data["other"] == {"x": 1, "y": 3} and doc.data["more"] == {"z": 5, "x": 1, "y": 2}
    assert [doc.line_of(loc) for loc in (("other", "x"), ("other", "y"), ("more", "z"), ("more", "y"),
                                         ("more", "nothing"), ("base", 7))] == [1, 4, 6, 1, 5, 1]
    assert dict(doc.lines) == {(): 1, ("base",): 1, ("base", "x"): 1, ("base", "y"): 1, ("other",): 2,
                               ("other", "x"): 1, ("other", "y"): 4, ("more",): 5, ("more", "z"): 6,
                               ("more", "x"): 1, ("more", "y"): 1}
    assert ("more", "nothing") not in doc.lines and doc.lines.get(("other", "y")) == 4


# --- characters ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, shown", [("\x00", "U+0000 (NUL)"), ("\x1b", "U+001B (ESC)"), ("\x07", "U+0007 (BEL)"),
                                        ("\x7f", "U+007F (DEL)"), ("\x9b", "U+009B (control character)"),
                                        ("\x85", "U+0085 (NEL)"), ("\u2028", "U+2028 (LINE SEPARATOR)"),
                                        ("\ufffe", "U+FFFE")])
def test_raw_control_characters_are_refused_with_their_line(project, tmp_path, raw, shown):
    path = write(tmp_path, lab_with_title(f"Lab{raw}x"))
    assert refusal(project, path) == (f"FILE:{TITLE_LINE}: {shown} is not allowed in the file "
                                      "(control characters and Unicode line separators)")


@pytest.mark.parametrize("written, shown", [
    ('"Lab\\0"', "U+0000 (NUL)"), ('"Lab\\e[31m"', "U+001B (ESC)"), ('"Lab\\tx"', "U+0009 (TAB)"),
    ('"Lab\\r\\nx"', "U+000D (CR)"), ("Lab\u202egnp.exe", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("Lab\u200bx", "U+200B (ZERO WIDTH SPACE)"), ('"Lab\\u2066x"', "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("Lab\ufeffx", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"), ('"Lab\\x85"', "U+0085 (NEL)")])
def test_control_and_format_characters_in_a_value_are_refused_with_its_field(project, tmp_path, written, shown):
    path = write(tmp_path, lab_with_title(written))
    assert refusal(project, path) == f"FILE:{TITLE_LINE}: title: the value contains {shown}: {UNWANTED_IN_VALUE}"


def test_a_multi_line_value_and_a_tab_in_a_key_are_refused(project, tmp_path):
    block = write(tmp_path, lab_with_title("|\n  Lab\n  (seed article)"))
    assert refusal(project, block) == f"FILE:{TITLE_LINE}: title: the value contains U+000A (LF): {UNWANTED_IN_VALUE}"
    key = write(tmp_path, LAB.replace("group: Lab", '"group\\t": Lab'), "key")
    assert refusal(project, key) == f"FILE:{TITLE_LINE + 1}: a key contains U+0009 (TAB): {UNWANTED_IN_VALUE}"


def test_harmless_text_still_loads(project, tmp_path):
    """A byte order mark, CRLF line endings, a tab between tokens, accents and emoji, a bidi
    control inside a comment (it cannot reorder anything outside the comment), a date."""
    text = "\ufeff" + lab_with_title("Ürümqi – 2024-01-01 \U0001f600\t# \u202e comment").replace("\n", "\r\n")
    [env] = load_environments(project, [write(tmp_path, text)])
    assert env.title == "Ürümqi – 2024-01-01 \U0001f600"
    [env] = load_environments(project, [write(tmp_path, lab_with_title("2024-01-01"), "dated")])
    assert env.title == "2024-01-01"


# --- sizes and depth ------------------------------------------------------------------------

def test_a_50_mb_value_is_refused_without_reading_it(project, tmp_path):
    path = write(tmp_path, lab_with_title("x" * 50 * 1024 ** 2))
    tracemalloc.start()
    try:
        message = refusal(project, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == TOO_BIG
    assert peak < 4 * MAX_FILE_BYTES, peak


def test_a_2_mb_file_is_refused_even_if_it_is_only_comments(project, tmp_path):
    path = write(tmp_path, LAB + ("# " + "padding " * 12 + "\n") * 22_000)
    assert 2 * 1024 ** 2 <= path.stat().st_size < 3 * 1024 ** 2
    assert refusal(project, path) == TOO_BIG
    exactly = write(tmp_path, LAB + "#" * (MAX_FILE_BYTES - len(LAB.encode()) - 1) + "\n", "at-limit")
    assert exactly.stat().st_size == MAX_FILE_BYTES
    assert load_environments(project, [exactly])[0].title == "Lab (seed article)"


def test_a_value_longer_than_the_limit_is_refused(project, tmp_path):
    at_limit = write(tmp_path, lab_with_title("x" * MAX_VALUE_CHARS), "at-limit")
    assert load_environments(project, [at_limit])[0].title == "x" * MAX_VALUE_CHARS
    over = write(tmp_path, lab_with_title("x" * (MAX_VALUE_CHARS + 1)))
    assert refusal(project, over) == (f"FILE:{TITLE_LINE}: title: the value is {MAX_VALUE_CHARS + 1:,} characters "
                                      f"long; the limit is {MAX_VALUE_CHARS:,}")


def test_a_huge_integer_is_refused_as_too_long(project, tmp_path):
    path = write(tmp_path, LAB.replace("service_pack: 1}", f"service_pack: {'9' * 5000}}}", 1))
    line = LAB.splitlines().index("    os: {release: 2003-r2, edition: enterprise, service_pack: 1}") + 1
    assert refusal(project, path) == (f"FILE:{line}: nodes[0].os.service_pack: the value is 5,000 characters long; "
                                      f"the limit is {MAX_VALUE_CHARS:,}")


def nested(levels: int) -> list:
    value: list = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_deep_nesting_is_refused(project, tmp_path):
    allowed = load_yaml(write(tmp_path, "x: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH, "allowed"))
    assert allowed.data == {"x": nested(MAX_DEPTH)}      # the innermost list is MAX_DEPTH levels below the root
    deep = write(tmp_path, LAB + "extra: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n")
    assert refusal(project, deep) == f"FILE:{END}: extra{'[0]' * MAX_DEPTH}: nested more than {MAX_DEPTH} levels deep"
    # An alias used deep down: its line is where its anchor is written (a node keeps no other).
    shared = write(tmp_path, LAB + f"a: &a {'[' * 20}{']' * 20}\nb: {'[' * 20}*a{']' * 20}\n", "shared")
    assert refusal(project, shared) == f"FILE:{END}: b{'[0]' * 20}: nested more than {MAX_DEPTH} levels deep"
    very = write(tmp_path, LAB + "extra: " + "[" * 5000 + "]" * 5000 + "\n", "very")    # libyaml stops at 1000
    assert refusal(project, very) == (f"FILE:{END}: YAML syntax: while increasing flow level "
                                      "exceeded maximum nesting depth")


# --- keys, tags, documents, encodings -----------------------------------------------------

@pytest.mark.parametrize("key, message", [
    ("? [a, b]\n: 1", "a key must be text, not a list"), ("? {a: 1}\n: 1", "a key must be text, not a mapping"),
    ("1: a", "key '1' is read as a number; keys are text: write \"1\""),
    ("yes: a", "key 'yes' is read as true/false; keys are text: write \"yes\""),
    ("~: a", "key '~' is read as null; keys are text: write \"~\""),
    ("!!binary aGk=: a", "tag !!binary is not supported: values are text, numbers, true/false, null, "
                         "lists and mappings")])
def test_keys_must_be_text(project, tmp_path, key, message):
    assert refusal(project, write(tmp_path, LAB + key + "\n")) == f"FILE:{END}: {message}"


@pytest.mark.parametrize("value, tag", [("!!binary aGVsbG8=", "!!binary"), ("!!timestamp 2001-12-14", "!!timestamp"),
                                        ("!!python/object:os.system x", "!!python/object:os.system"),
                                        ("!!set {a, b}", "!!set"), ("!!omap [a: 1]", "!!omap"), ("!local x", "!local")])
def test_only_plain_tags_are_accepted(project, tmp_path, value, tag):
    assert refusal(project, write(tmp_path, lab_with_title(value))) == (
        f"FILE:{TITLE_LINE}: title: tag {tag} is not supported: values are text, numbers, true/false, null, "
        "lists and mappings")


@pytest.mark.parametrize("value, message", [
    ("!!int twelve", "the value cannot be read as !!int"), ("!!bool maybe", "the value cannot be read as !!bool"),
    ("1" + ":00" * 300 + ".5", "the value cannot be read as !!float"),       # sexagesimal float beyond a double
    ("<<", '<< merges a mapping into the one it is a key of; quote it ("<<") for the text')])
def test_values_that_do_not_fit_their_type(project, tmp_path, value, message):
    assert refusal(project, write(tmp_path, lab_with_title(value))) == f"FILE:{TITLE_LINE}: title: {message}"


@pytest.mark.parametrize("content, expected", [
    (b"", "FILE: the file is empty (or only comments); an environment file is a mapping of fields "
          "(runbook:, title:, ...): start from environments/lab.yaml"),
    (b"# nothing yet\n", "FILE: the file is empty (or only comments); an environment file is a mapping of fields "
                         "(runbook:, title:, ...): start from environments/lab.yaml"),
    (b"# a list\n- runbook: exchange-2007-ccr\n", "FILE:2: an environment file is a mapping of fields "
                                                  "(runbook:, title:, ...), not a list or a single value"),
    (b"exchange-2007-ccr\n", "FILE:1: an environment file is a mapping of fields (runbook:, title:, ...), "
                             "not a list or a single value"),
    (LAB.encode() + b"---\nrunbook: x\n", f"FILE:{END}: YAML syntax: expected a single document in the stream "
                                          "but found another document"),
    (LAB.encode().replace(b"Lab (seed", b"Lab \xff(seed"),
     f"FILE:{TITLE_LINE}: not UTF-8 text (save the file as UTF-8)"),
    (LAB.encode("utf-16"), "FILE:1: not UTF-8 text (save the file as UTF-8)"),
    (LAB.encode() + b"merged:\n  <<: 3\n", f"FILE:{END + 1}: merged.<<: a merge (<<) takes a mapping or a list of "
                                           "mappings, such as *base"),
])
def test_files_that_are_no_environment(project, tmp_path, content, expected):
    assert refusal(project, write(tmp_path, content)) == expected


def test_an_over_long_runbook_id_is_an_unknown_runbook(project, tmp_path):
    path = write(tmp_path, LAB.replace("runbook: exchange-2007-ccr", f"runbook: {'x' * 1000}"))
    assert refusal(project, path).startswith(f"FILE:4: runbook: no runbook '{'x' * 1000}' (runbooks/<id>/runbook.yaml)")


def test_an_unknown_key_with_an_invisible_difference_is_shown_quoted(project, tmp_path):
    path = write(tmp_path, LAB.replace("\ngroup: Lab", "\n\u00a0group: Lab"))
    assert refusal(project, path).startswith(f"FILE:{TITLE_LINE + 1}: \u00a0group: unknown field '\\xa0group'; "
                                             "did you mean 'group'?")


# --- through the command line ------------------------------------------------------------

CLI_CASES = {
    "bomb": BOMB.encode(), "recursive": (LAB + "extra: &x [*x]\n").encode(), "nul": lab_with_title("a\x00").encode(),
    "esc": lab_with_title('"\\e"').encode(), "rlo": lab_with_title("a\u202eb").encode(),
    "deep": (LAB + "x: " + "[" * 40 + "]" * 40 + "\n").encode(), "complex-key": (LAB + "? [a, b]\n: 1\n").encode(),
    "not-utf-8": b"title: \xff\n", "empty": b"", "tagged": lab_with_title("!!python/object:os.system x").encode(),
    "top-list": b"- 1\n", "two-documents": b"a: 1\n---\nb: 2\n",
    "huge-int": LAB.encode().replace(b"service_pack: 1", b"service_pack: " + b"9" * 5000, 1),
    "big-value": lab_with_title("x" * 2000).encode(), "big-file": b"#" * (MAX_FILE_BYTES + 1),
}


@pytest.mark.parametrize("name", sorted(CLI_CASES))
def test_runbook_check_reports_each_case_in_one_located_line_and_exit_2(tmp_path, name):
    path = write(tmp_path, CLI_CASES[name], name)
    result = CliRunner().invoke(main, ["check", str(path), "--project", str(ROOT)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert re.fullmatch(rf"error: {re.escape(str(path))}(:\d+)?: [^\n]+\n", result.output), result.output
