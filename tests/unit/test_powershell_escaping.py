"""Values on powershell block lines: each written for where it stands, through the page parser's
slots (the one mechanism every block language shares), or refused `file:line`."""

from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.languages.powershell.escaping import resolve_powershell_line, secret_variables
from generator.rendering.escaping import UnsafeValue
from generator.rendering.page import parse_page
from generator.rendering.slots import Slots
from generator.secrets import SecretRef


def written(template: str, *values) -> str:
    """`template` with {0}, {1}... standing for slots, each given its value."""
    slots = Slots()
    line = template.format(*(slots.put(v) for v in values))
    return resolve_powershell_line(line, slots.__getitem__)


# Values that would run code, or end the string early, if written as they are.
HOSTILE = [
    "x'; Remove-Item C:\\ -Recurse; '",
    "x\u2019; Remove-Item C:\\ -Recurse; \u2018",          # PowerShell's other single quotes
    "x\u201a\u201b",
    'x"; Remove-Item C:\\; "',
    "x\u201c$(Remove-Item C:\\)\u201d",                  # PowerShell's other double quotes
    "$(Remove-Item C:\\)",
    "`$env:PATH`",
    "-Confirm:$false",
    "a b; c | d & e",
    "@(1,2)",
    "# not a comment",
]


@pytest.mark.parametrize("value,expected", [
    ("it's", "'it''s'"),
    ("x'; Remove-Item C:\\ -Recurse; '", "'x''; Remove-Item C:\\ -Recurse; '''"),
    ("a\u2018b\u2019c\u201ad\u201be", "'a\u2018\u2018b\u2019\u2019c\u201a\u201ad\u201b\u201be'"),
    ('say "hi" $x `n', "'say \"hi\" $x `n'"),       # nothing expands in a single-quoted string
])
def test_a_bare_value_is_a_single_quoted_literal(value, expected):
    assert written("Set-Thing -Name {0}", value) == f"Set-Thing -Name {expected}"
    assert written("Set-Thing -Name:{0}", value) == f"Set-Thing -Name:{expected}"
    assert written("(Get-Thing {0}).Dial -eq 'x'", value) == f"(Get-Thing {expected}).Dial -eq 'x'"


def test_inside_single_quotes_every_single_quote_is_doubled():
    assert written("Write-Host 'a {0} b'", "x'y\u2019z") == "Write-Host 'a x''y\u2019\u2019z b'"


def test_inside_double_quotes_backtick_dollar_and_double_quotes_are_escaped():
    assert written('Write-Host "a {0} b"', 'x`y$z"w\u201cv\u201du\u201et') == \
        'Write-Host "a x``y`$z`"w`\u201cv`\u201du`\u201et b"'
    assert written('Write-Host "{0}"', "$(Remove-Item C:\\)") == 'Write-Host "`$(Remove-Item C:\\)"'


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_stay_inside_their_string(value):
    """Whatever the value, the line's own text outside the value is what the template wrote, and
    the value's quotes are all escaped (doubled or backticked)."""
    single = written("Set-Thing -Name {0} -Other 'fixed'", value)
    assert single.startswith("Set-Thing -Name '") and single.endswith("' -Other 'fixed'")
    inner = single[len("Set-Thing -Name '"):-len("' -Other 'fixed'")]
    assert inner.replace("''", "").replace("\u2018\u2018", "").replace("\u2019\u2019", "") \
        .replace("\u201a\u201a", "").replace("\u201b\u201b", "") == "".join(
            c for c in value if c not in "'\u2018\u2019\u201a\u201b")
    double = written('Write-Host "[{0}]"', value)
    body = double[len('Write-Host "['):-len(']"')]
    unescaped = body
    for c in "`$\"\u201c\u201d\u201e":
        unescaped = unescaped.replace("`" + c, "")
    assert not any(c in unescaped for c in "`$\"\u201c\u201d\u201e")


def test_a_value_after_code_inside_a_string_is_in_the_string_again():
    assert written('Write-Host "$(F (1)) {0}"', "$x") == 'Write-Host "$(F (1)) `$x"'


def test_numbers_and_switch_values_keep_their_type():
    assert written("Set-Thing -Count {0} -Enabled:{1}", 3, False) == "Set-Thing -Count 3 -Enabled:$false"
    assert written("Set-Thing -Offset {0}", -3) == "Set-Thing -Offset (-3)"    # not a parameter -3
    assert written("Set-Thing -Size {0}MB -Age {1}.00:00:00", 15, 7) == "Set-Thing -Size 15MB -Age 7.00:00:00"


@pytest.mark.parametrize("value", ["15;rm", "1 -Force", "a'b", "x$y", "-1"])
def test_bare_text_touching_template_text_must_be_plain(value):
    with pytest.raises(UnsafeValue, match="touches other text outside quotes"):
        written("Set-Thing -Size {0}MB", value)


@pytest.mark.parametrize("template", ["Get-Thing # {0}", "$x = @'{0}", "Write-Host \"$(Get-Thing {0})\"",
                                      "Write-Host \"$(F (1) {0})\""])
def test_a_value_in_a_comment_a_here_string_or_code_inside_a_string_is_the_templates_fault(template):
    with pytest.raises(UnsafeValue, match="no escape") as info:
        written(template, "x")
    assert info.value.template


@pytest.mark.parametrize("value", ["a\nb", "a\rb", "a\x1bb", "a\u2028b", "a\tb", "a\x00b"])
def test_control_characters_and_line_breaks_are_refused(value):
    for template in ("Get-Thing {0}", "Get-Thing '{0}'", 'Get-Thing "{0}"'):
        with pytest.raises(UnsafeValue, match="control character or a line break"):
            written(template, value)


def test_a_secret_is_its_variable_expanded_after_parsing():
    secret = SecretRef(env="SVC_PASSWORD")
    assert written("Set-Thing -Password {0}", secret) == "Set-Thing -Password $env:SVC_PASSWORD"
    assert written('Set-Thing "{0}"', secret) == 'Set-Thing "$env:SVC_PASSWORD"'
    assert written('Set-Thing "{0}x"', secret) == 'Set-Thing "$($env:SVC_PASSWORD)x"'   # not $env:SVC_PASSWORDx
    assert secret_variables(written("Set-Thing -Password {0}", secret)) == {"SVC_PASSWORD"}
    for template in ("Set-Thing '{0}'", "Set-Thing -P {0}x"):
        with pytest.raises(UnsafeValue, match="is a secret"):
            written(template, secret)


def test_the_page_parser_writes_powershell_lines_with_this_escaping_and_locates_refusals():
    slots = Slots()
    page = f"## Step\n\n```powershell {{run=N1}}\nSet-Thing -Name {slots.put(HOSTILE[0])}\n```\n"
    parsed = parse_page(page, "x.md", slots)
    assert parsed.blocks[0].text == "Set-Thing -Name 'x''; Remove-Item C:\\ -Recurse; '''"
    assert '```powershell title="N1 · run"' in parsed.markdown          # the page shows the same line
    slots = Slots()
    page = f"## Step\n\n```ps1 {{run=N1}}\nGet-Thing\nSet-Thing -Name {slots.put('a' + chr(10) + 'b')}\n```\n"
    with pytest.raises(ContentError, match=r"x\.md:5: .*line break"):
        parse_page(page, "x.md", slots)
