"""SOAP channels: every operation of the WSDL through zeep, with valid and invalid inputs;
every reply and every fault validated against the WSDL's schema (the SOAP 1.1 envelope of
``soap-envelope.xsd`` beside the WSDL, with the types the WSDL imports for its contents).

Valid inputs are built from the operation's input type: required elements only, then every
element; credentials fill the elements whose names are theirs (``merchantId`` is the credential
``merchant_id``). Invalid inputs: wrong credentials, the operation element without its first
child, a broken envelope. A valid input may be refused with a fault (an unknown order id) except
on a read-only (``wsdlx:safe``) operation; an invalid one must be.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from harness.contract.redact import Redactor
from harness.contract.results import OperationResult, SpecResult
from harness.contract.target import Target

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
XS = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def envelope_schema(wsdl: Path) -> etree.XMLSchema:
    """The SOAP envelope schema beside the WSDL, with every schema the WSDL's types import."""
    root = etree.parse(str(wsdl), PARSER).getroot()
    imports = [(SOAP_ENV, wsdl.parent / "soap-envelope.xsd")] + [
        (node.get("namespace", ""), wsdl.parent / node.get("schemaLocation", ""))
        for node in root.iterfind(f"{{{WSDL}}}types/{{{XS}}}schema/{{{XS}}}import")
    ]
    wrapper = f'<xs:schema xmlns:xs="{XS}">' + "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{path}"/>' for ns, path in imports
    ) + "</xs:schema>"  # fmt: skip
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), PARSER, base_url=str(wsdl)))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def _sample(type_name: str | None) -> Any:
    return {"decimal": Decimal("1.00"), "integer": 1, "int": 1, "long": 1,
            "boolean": True}.get(type_name or "", "CHANSIM-1")  # fmt: skip


def _value(element: Any, credentials: Mapping[str, str], full: bool) -> Any:
    children = getattr(element.type, "elements", None)
    if children:
        value = {
            name: _value(child, credentials, full)
            for name, child in children
            if full or child.min_occurs > 0
        }
    else:
        value = credentials.get(_snake(element.name), _sample(element.type.name))
    return [value] if element.max_occurs == "unbounded" or element.max_occurs > 1 else value


def inputs(body: Any, credentials: Mapping[str, str]) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(label, zeep arguments, valid) for one operation's input element."""
    wrong = {k: f"wrong-{k}" for k in credentials}
    for label, creds, full, valid in (
        ("required elements", credentials, False, True),
        ("every element", credentials, True, True),
        ("wrong credentials", wrong, False, False),
    ):
        args = {name: _value(child, creds, full) for name, child in body.type.elements
                if full or child.min_occurs > 0}  # fmt: skip
        yield label, args, valid


def check(
    target: Target, *, max_examples: int, deadline: float | None, writes: bool, redact: Redactor
) -> SpecResult:
    """Every operation of the target's WSDL (see the module docstring)."""
    import requests
    import zeep

    from simulators.core.protocols.soap import SoapContract

    started = time.monotonic()
    schema = envelope_schema(target.spec_file)
    safe = SoapContract(target.spec_file).safe
    settings = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True,
                             forbid_external=True)  # fmt: skip
    client = zeep.Client(str(target.spec_file), settings=settings)  # type: ignore[no-untyped-call]
    binding = client.service._binding
    result = SpecResult(target.spec, target.base_url, "soap")
    session = requests.Session()
    for name, operation in binding._operations.items():
        op = OperationResult(name)
        result.operations.append(op)
        if not writes and name not in safe:
            op.skipped = "writes (read-only against a real server; --allow-writes to send)"
            continue
        op_started = time.monotonic()
        cases = list(_cases(client, name, operation, dict(target.credentials)))
        for label, body, valid in cases:
            if deadline is not None and time.monotonic() > deadline:
                op.skipped = "time bound reached"
                break
            op.examples += 1
            headers = {"Content-Type": "text/xml; charset=utf-8",
                       "SOAPAction": f'"{operation.soapaction}"'}  # fmt: skip
            try:
                reply = session.post(target.base_url, data=body, headers=headers, timeout=30)
            except requests.RequestException as exc:
                op.fail(redact(f"{label}: {type(exc).__name__}: {exc}"), type(exc).__name__)
                continue
            problem = _judge(reply, schema, operation, valid, read_only=name in safe)
            if problem is None and valid and reply.status_code == 200:
                problem = _zeep_reads(binding, client, operation, reply)
            if problem:
                op.fail(redact(f"{label} (HTTP {reply.status_code}): {problem}"), problem[:60])
        op.seconds = time.monotonic() - op_started
    result.seconds = time.monotonic() - started
    return result


def _cases(
    client: Any, name: str, operation: Any, credentials: dict[str, str]
) -> Iterator[tuple[str, bytes, bool]]:
    for label, args, valid in inputs(operation.input.body, credentials):
        message = client.create_message(client.service, name, **args)
        yield label, etree.tostring(message, encoding="utf-8"), valid
    message = client.create_message(
        client.service, name, **next(inputs(operation.input.body, credentials))[1]
    )
    element = message.find(f"{{{SOAP_ENV}}}Body")[0]
    element.remove(element[0])
    yield (
        f"without <{etree.QName(element[0] if len(element) else element).localname}>",
        etree.tostring(message),
        False,
    )
    yield "a broken envelope", f'<soap:Envelope xmlns:soap="{SOAP_ENV}"><soap:Body>'.encode(), False


def _judge(
    reply: Any, schema: etree.XMLSchema, operation: Any, valid: bool, *, read_only: bool
) -> str | None:
    """What is wrong with a reply (None when nothing)."""
    if not reply.headers.get("content-type", "").startswith("text/xml"):
        return f"content type {reply.headers.get('content-type')!r}, not text/xml"
    try:
        document = etree.fromstring(reply.content, PARSER)
    except etree.XMLSyntaxError as exc:
        return f"the reply is not XML ({exc}): {reply.content[:120]!r}"
    if not schema.validate(document):
        last = str(schema.error_log).strip().splitlines()[-1]
        return f"the reply does not validate against the WSDL's schema: {last}"
    body = document.find(f"{{{SOAP_ENV}}}Body")
    first = body[0] if body is not None and len(body) else None
    if first is not None and first.tag == f"{{{SOAP_ENV}}}Fault":
        if reply.status_code < 400:
            return f"a fault with HTTP {reply.status_code} (SOAP 1.1 faults are 4xx/5xx)"
        if valid and read_only:
            reason = first.findtext("faultstring")
            return f"a valid request to a read-only operation was refused: {reason}"
        return None
    if not valid:
        return "an invalid request was accepted (expected a SOAP fault)"
    expected = operation.output.body.qname
    if first is None or etree.QName(first) != etree.QName(expected):
        held = etree.QName(first).localname if first is not None else "nothing"
        return f"the reply holds {held}, not {etree.QName(expected).localname}"
    return None


def _zeep_reads(binding: Any, client: Any, operation: Any, reply: Any) -> str | None:
    from zeep.exceptions import Error as ZeepError

    try:
        binding.process_reply(client, operation, reply)
    except (ZeepError, etree.XMLSyntaxError) as exc:
        return f"zeep cannot read the reply: {exc}"
    return None
