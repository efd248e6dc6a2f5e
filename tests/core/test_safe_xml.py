"""XML from outside is parsed safely: no DTD, no entity, nothing fetched, nothing expanded."""

from __future__ import annotations

import time

import pytest

from simulators.core.safe_xml import XmlRefused, parse, pretty

BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]><lolz>&lol9;</lolz>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<ShipNotice>&xxe;</ShipNotice>"
)


@pytest.mark.parametrize("body", [BOMB, EXTERNAL], ids=["expansion", "external"])
def test_documents_with_entities_are_refused_at_once(body):
    started = time.perf_counter()
    with pytest.raises(XmlRefused, match="DOCTYPE"):
        parse(body)
    assert time.perf_counter() - started < 0.5
    assert pretty(body) is None


def test_a_well_formed_document_is_indented_for_reading():
    assert pretty(b"<a><b>1</b><c/></a>") == "<a>\n  <b>1</b>\n  <c/>\n</a>\n"


def test_broken_xml_is_refused_with_the_reason():
    with pytest.raises(XmlRefused, match="not well-formed"):
        parse(b"<a><b></a>")
