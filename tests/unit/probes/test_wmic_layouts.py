"""wmic's two output layouts, read directly."""

from __future__ import annotations

import pytest

from winprobes.base import Unreadable, split_lines
from winprobes.wmic import parse_table, parse_values, parse_wmic


def _values(text: str) -> list[dict]:
    return [i.values for i in parse_wmic(split_lines(text))]


def test_value_layout_splits_on_the_first_equals_sign() -> None:
    assert _values("\r\r\n\r\r\nDescription=a=b\r\r\nIndex=7\r\r\n\r\r\n") == [{"description": "a=b", "index": "7"}]


def test_value_layout_starts_a_new_instance_when_a_property_repeats() -> None:
    assert _values("Index=1\nIndex=2\n") == [{"index": "1"}, {"index": "2"}]


def test_empty_values_are_none() -> None:
    assert _values("\n\nCSDVersion=\nVersion=5.2.3790\n\n") == [{"csdversion": None, "version": "5.2.3790"}]


def test_table_layout_keeps_spaces_inside_values() -> None:
    text = ("Caption                                                  Version   \r\r\n"
            "Microsoft(R) Windows(R) Server 2003, Enterprise Edition  5.2.3790  \r\r\n\r\r\n")
    assert _values(text) == [{"caption": "Microsoft(R) Windows(R) Server 2003, Enterprise Edition",
                              "version": "5.2.3790"}]


def test_table_row_that_does_not_line_up_is_refused() -> None:
    with pytest.raises(Unreadable) as info:
        parse_table(["Index  NetConnectionID  ", "12345678Public"])
    assert info.value.line_no == 2


def test_value_line_without_equals_is_refused() -> None:
    with pytest.raises(Unreadable):
        parse_values(["Index=1", "garbage"])


def test_nothing_printed_is_no_instances() -> None:
    assert _values("") == [] and _values("\r\r\n\r\r\n") == []
