"""Custom Store endpoints: the OpenAPI checks of the REST checker (parameters, statuses,
content types, invalid input refused), then the documents: every export page validated against
``export.xsd``, every refusal an XML ``<Error>``, and ship notices (valid against
``shipnotice.xsd``, then invalid ones) that must be taken and refused as the spec says.

The endpoint is one URL (``…/api/shipstation`` or wherever the store serves it): the spec's one
path is re-rooted there.
"""

from __future__ import annotations

import time
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml import etree

from harness.contract import rest
from harness.contract.redact import Redactor
from harness.contract.results import OperationResult, SpecResult
from harness.contract.soap import PARSER
from harness.contract.target import Target, origin

#: The widest window a store must accept (``MM/dd/yyyy HH:mm``).
WINDOW = MappingProxyType({"start_date": "01/01/2000 00:00", "end_date": "12/31/2099 23:59"})
#: Export pages read at most (100 orders each).
PAGES = 3


def _schema(folder: Path, name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(folder / name), PARSER))


def _notice(number: str, tracking: str = "CHANSIM-CONTRACT-1") -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><ShipNotice>"
        f"<OrderNumber>{number}</OrderNumber><Carrier>UPS</Carrier><Service>Ground</Service>"
        f"<TrackingNumber>{tracking}</TrackingNumber><ShippingCost>1.00</ShippingCost>"
        "</ShipNotice>"
    ).encode()


def check(
    target: Target, *, max_examples: int, deadline: float | None, writes: bool, redact: Redactor
) -> SpecResult:
    """The generated requests of the OpenAPI, then the XML documents (module docstring)."""
    import requests

    raw: dict[str, Any] = yaml.safe_load(target.spec_file.read_text(encoding="utf-8"))
    endpoint = urlsplit(target.base_url).path or "/"
    raw["paths"] = {endpoint: next(iter(raw["paths"].values()))}
    result = rest.check(target, max_examples=max_examples, deadline=deadline, writes=writes,
                        redact=redact, spec=raw, base_url=origin(target.base_url))  # fmt: skip
    result.protocol = "custom-store"
    ops = {op.name: op for op in result.operations}
    folder = target.spec_file.parent
    session = requests.Session()
    session.auth = (target.credentials.get("username", ""), target.credentials.get("password", ""))
    started = time.monotonic()
    numbers = _exports(session, target.base_url, _schema(folder, "export.xsd"), ops["export"])
    if writes and "shipnotify" in ops:
        _notices(session, target.base_url, _schema(folder, "shipnotice.xsd"), ops["shipnotify"],
                 numbers[:1])  # fmt: skip
    for op in ops.values():
        op.failures = [redact(f) for f in op.failures]
    result.seconds += time.monotonic() - started
    return result


def _error_problem(reply: Any, expected: int) -> str | None:
    if reply.status_code != expected:
        return f"HTTP {reply.status_code}, expected {expected}: {reply.text[:160]}"
    try:
        root = etree.fromstring(reply.content, PARSER)
    except etree.XMLSyntaxError as exc:
        return f"the refusal is not XML ({exc}): {reply.content[:120]!r}"
    return None if root.tag == "Error" else f"the refusal is <{root.tag}>, not <Error>"


def _exports(session: Any, url: str, schema: etree.XMLSchema, op: OperationResult) -> list[str]:
    """Read export pages; each must validate. The order numbers seen, for a ship notice."""
    numbers: list[str] = []
    page, pages = 1, 1
    while page <= min(pages, PAGES):
        op.examples += 1
        reply = session.get(url, params={"action": "export", **WINDOW, "page": page}, timeout=30)
        where = f"export page {page} (HTTP {reply.status_code})"
        try:
            document = etree.fromstring(reply.content, PARSER)
        except etree.XMLSyntaxError as exc:
            op.fail(f"{where}: not XML ({exc}): {reply.content[:120]!r}", "export not XML")
            return numbers
        if reply.status_code != 200 or not schema.validate(document):
            last = str(schema.error_log).strip().splitlines()[-1:] or [reply.text[:160]]
            op.fail(f"{where}: does not validate against export.xsd: {last[0]}", "export.xsd")
            return numbers
        numbers += [str(n.text) for n in document.iterfind("Order/OrderNumber")]
        pages, page = int(document.get("pages") or 0), page + 1
    op.examples += 1
    reply = session.get(url, params={"action": "export", "start_date": "not a date",
                                     "end_date": WINDOW["end_date"]}, timeout=30)  # fmt: skip
    problem = _error_problem(reply, 400)
    if problem:
        op.fail(f"export with start_date 'not a date': {problem}", "export refusal")
    return numbers


def _notices(
    session: Any, url: str, schema: etree.XMLSchema, op: OperationResult, numbers: list[str]
) -> None:
    """A valid notice (checked against shipnotice.xsd before it is sent) must be taken; a
    notice without OrderNumber, a DOCTYPE and a non-XML body must be refused with an <Error>."""
    headers = {"Content-Type": "application/xml; charset=utf-8"}
    if not numbers:  # an unknown order number is a 404 before the body is read
        op.skipped = "no exported order to send ship notices for"
        return
    number = numbers[0]
    notice = _notice(number)
    assert schema.validate(etree.fromstring(notice, PARSER)), schema.error_log
    doctype = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aa">]>'
        b"<ShipNotice><OrderNumber>&a;</OrderNumber></ShipNotice>"
    )
    cases = [
        ("valid ShipNotice", notice, 200),
        ("without OrderNumber", b"<ShipNotice><Carrier>UPS</Carrier></ShipNotice>", 400),
        ("with a DOCTYPE", doctype, 400),
        ("not XML", b"<ShipNotice", 400),
    ]
    for label, body, expected in cases:
        op.examples += 1
        params = {"action": "shipnotify", "order_number": number,
                  "carrier": "UPS", "tracking_number": "CHANSIM-CONTRACT-1"}  # fmt: skip
        reply = session.post(url, params=params, data=body, headers=headers, timeout=30)
        if expected == 200:
            if reply.status_code != 200:
                op.fail(f"a {label}: HTTP {reply.status_code}: {reply.text[:160]}", label)
            continue
        problem = _error_problem(reply, expected)
        if problem:
            op.fail(f"a notice {label}: {problem}", label)
