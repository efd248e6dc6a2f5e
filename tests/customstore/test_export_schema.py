"""Every export document the simulators write validates against specs/customstore/export.xsd,
and so do ShipStation's published examples (the extension breaks none of them)."""

from __future__ import annotations

import pytest
from lxml import etree

from simulators.core.protocols.custom_store.export_xml import ExportStyle
from tests.customstore.conftest import FIXTURES, StoreClient, schema

EXPORT = schema("export.xsd")
PUBLISHED = etree.XMLSchema(etree.parse(str(FIXTURES / "shipstation-export-orders.xsd")))


@pytest.mark.parametrize(
    "sample", ["shipstation-export-orders.xml", "shipstation-export-orders-legacy-2012-guide.xml"]
)
def test_published_export_samples_validate(sample):
    document = etree.parse(str(FIXTURES / sample))
    assert EXPORT.validate(document), EXPORT.error_log


def test_the_extension_adds_what_the_published_schema_lacks():
    document = etree.parse(str(FIXTURES / "shipstation-export-orders.xml"))
    assert not PUBLISHED.validate(document)  # CurrencyCode and UPC, as the reference notes
    assert EXPORT.validate(document)


def test_published_ship_notice_validates():
    document = etree.parse(str(FIXTURES / "shipstation-shipnotice.xml"))
    notices = schema("shipnotice.xsd")
    assert notices.validate(document), notices.error_log


def test_seeds_cover_both_date_styles_and_both_element_styles():
    styles = {ExportStyle.draw(seed) for seed in range(8)}
    assert {s.twelve_hour for s in styles} == {True, False}
    assert {s.empty_elements for s in styles} == {True, False}


@pytest.mark.parametrize("channel", ["wsm", "spark"])
@pytest.mark.parametrize("seed", range(6))
def test_every_export_page_validates(channel, seed, request):
    client: StoreClient = request.getfixturevalue(channel)
    client.use_state("orders", seed=seed, count=130)
    client.place(
        {"number": "RICH-1", "coupon": "SPRING10", "gift": True, "gift_message": "<b>&</b>",
         "customer_notes": "]]> tricky ]]>", "internal_notes": "Ünïcödé \u2013 日本"}
    )  # fmt: skip
    pages = None
    page = 1
    while pages is None or page <= pages:
        reply = client.export(page=str(page))
        assert reply.status_code == 200, reply.text
        assert reply.headers["content-type"].startswith("text/xml")
        document = etree.fromstring(reply.content).getroottree()
        assert EXPORT.validate(document), (page, EXPORT.error_log)
        pages = int(str(document.getroot().get("pages")))
        page += 1
    assert pages >= 1


def test_free_text_is_in_cdata_and_survives_markup(wsm):
    wsm.place({"number": "WSM-CDATA", "customer_notes": "a ]]> b <c> & d"})
    reply = wsm.export()
    assert b"<![CDATA[WSM-CDATA]]>" in reply.content
    notes = etree.fromstring(reply.content).findtext("Order/CustomerNotes")
    assert notes == "a ]]> b <c> & d"


def test_an_order_without_a_shipping_address_still_validates(wsm: StoreClient):
    wsm.place({"number": "NO-SHIP", "ship_to": None})
    document = etree.fromstring(wsm.export().content).getroottree()
    assert EXPORT.validate(document), EXPORT.error_log
    ship_to = document.getroot().find("Order/Customer/ShipTo")
    assert ship_to is not None
    assert ship_to.findtext("Address1") == "" and ship_to.findtext("City") == ""


@pytest.mark.parametrize("text", ["bell\x07", "nul\x00", "\ufffe"])
def test_text_the_export_could_not_write_is_refused_when_placed_or_edited(
    wsm: StoreClient, text: str
):
    wsm.use_state("empty")
    refused = wsm.admin("POST", "/orders", {"orders": [{"number": "N1", "internal_notes": text}]})
    assert refused.status_code == 400
    assert "internal_notes" in refused.text and "cannot be written in XML" in refused.text
    wsm.place({"number": "N2"})
    edit = wsm.admin("PATCH", "/orders/N2", {"ship_to": {"city": f"Paris{text}"}})
    assert edit.status_code == 400 and "ship_to.city" in edit.text
    assert wsm.export().status_code == 200  # the export still writes every stored order
    assert [o["number"] for o in wsm.admin("GET", "/orders").json()] == ["N2"]
