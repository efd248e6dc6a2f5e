"""Which text an XML channel can store: XML 1.0's characters, found by field path."""

from __future__ import annotations

import pytest

from simulators.core.xml_chars import unwritable


@pytest.mark.parametrize("text", ["plain", "tab\tnewline\ncr\r", "é😀", "", "a&b<c>"])
def test_text_xml_can_carry_passes(text: str) -> None:
    assert unwritable({"notes": text, "lines": [{"name": text}]}) is None


@pytest.mark.parametrize("text", ["\x00", "\x07", "\x1f", "\ud800", "\ufffe", "\uffff"])
def test_the_first_text_xml_cannot_carry_is_named_by_its_path(text: str) -> None:
    found = unwritable({"ok": "fine", "lines": [{"name": "x"}, {"name": f"a{text}"}]})
    assert found is not None
    field, why = found
    assert field == "lines[1].name"
    assert "position 1" in why and "cannot be written in XML" in why
