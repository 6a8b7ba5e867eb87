"""The lab fidelity page lists the lab's constants readably: text as the tool prints it, what
cannot be seen said in words, mappings and lists nested; no Python repr, nothing cut short."""

from __future__ import annotations

import re

import pytest

from generator.docsite import reference
from generator.docsite.constants import Part, layout
from generator.runbooks import load_runbook
from winlab import assumptions

RUNBOOK = "exchange-2007-ccr"


@pytest.mark.parametrize("value, parts", [
    ("standard", [Part(0, "", "standard")]),
    ("Ok.\r\n\r\n", [Part(0, "", "Ok.", "2 line breaks after it, CRLF line breaks")]),
    ("\r\nError: bad switch.\r\n", [Part(0, "", "Error: bad switch.", "a line break before it, a line break after it, "
                                                                      "CRLF line breaks")]),
    ("Windows {edition} ", [Part(0, "", "Windows {edition} ", "ends with a space")]),
    ("\r\nUSAGE:\r\n    ipconfig /all\r\n", [Part(0, "", None, "a line break before it, a line break after it, "
                                                                "CRLF line breaks"),
                                             Part(1, lines=("USAGE:", "    ipconfig /all"))]),
    ({"windows-2003": "\t", "windows-2008": "    "}, [Part(0), Part(1, "windows-2003", None, "a tab"),
                                                     Part(1, "windows-2008", None, "4 spaces")]),
    ("", [Part(0, "", None, "empty")]),
    (True, [Part(0, "", "true")]),
    (44135, [Part(0, "", "44135")]),
    (("5.2.3790", "3790"), [Part(0, "", "5.2.3790, 3790")]),
    ({"windows-2003": ["\\Device\\NdisWanIp"], "windows-2008": []},
     [Part(0), Part(1, "windows-2003", "\\Device\\NdisWanIp"), Part(1, "windows-2008", None, "empty list")]),
    ("a\x07b", [Part(0, "", "a\\x07b", "other control characters shown as \\xNN")]),
])
def test_each_kind_of_value_is_laid_out_in_words_and_code(value, parts):
    assert layout(value) == parts


def test_the_page_shows_every_constant_whole(project):
    page = reference.fidelity_page([load_runbook(project, RUNBOOK)])
    constants = page.split("## Unconfirmed assumptions", 1)[1]
    values = re.findall(r"`([^`\n]*)`", constants)
    assert not [v for v in values if "\\r" in v or "\\n" in v or v.endswith("...'")]
    for name, value in vars(assumptions).items():
        if name.isupper() and isinstance(value, str):
            for line in value.replace("\r\n", "\n").strip("\n").split("\n"):
                assert line.strip() in constants, (name, line)        # no constant is cut short


def test_a_lab_gives_its_constants_not_their_reprs(project):
    _, rows = load_runbook(project, RUNBOOK).lab.fidelity()
    usage = next(row for row in rows if row.name == "IPCONFIG_USAGE")
    assert usage.value == assumptions.IPCONFIG_USAGE and len(usage.value) > 120
