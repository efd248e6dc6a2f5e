"""UltraCart's refusals as SOAP 1.1 faults (our design: UltraCart publishes no fault shapes).

Every refusal is a SOAP 1.1 ``Fault`` in an envelope, sent with HTTP 500 as SOAP 1.1 requires
(429 and 503 keep their status so clients can see throttling and outages). ``faultcode`` is
``soap:Client.<Reason>`` when the request is at fault and ``soap:Server.<Reason>`` otherwise;
``faultstring`` says what is wrong in words; ``detail`` holds a ``dcFault`` element (our
schema) with the same code, the field at fault and the message.
"""

from __future__ import annotations

from types import MappingProxyType

from lxml import etree

from simulators.core.errors import ChannelError
from simulators.core.request import HttpReply

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
#: Our schema's namespace (specs/ultracart/dc-transport.xsd).
TNS = "http://www.ultracart.com/schemas/dc-transport/v1"
CONTENT_TYPE = "text/xml; charset=utf-8"

_BY_STATUS = MappingProxyType(
    {
        400: ("Client.InvalidRequest", "The request is not a valid SOAP request"),
        401: ("Client.AuthenticationFailed", "Authentication failed"),
        403: ("Client.AccessDenied", "Access denied"),
        404: ("Client.ResourceNotFound", "No such service"),
        405: ("Client.InvalidRequest", "Use POST for SOAP requests"),
        413: ("Client.RequestTooLarge", "Request body too large"),
        429: ("Server.Throttled", "Too many requests; slow down"),
        500: ("Server.InternalError", "Internal error"),
        502: ("Server.Unavailable", "Bad gateway"),
        503: ("Server.Unavailable", "The distribution center service is temporarily unavailable"),
        504: ("Server.Unavailable", "Gateway timeout"),
    }
)


def fault(code: str, message: str, *, field: str = "", status: int = 500) -> ChannelError:
    """A SOAP fault with ``faultcode`` ``code`` (``Client.…`` or ``Server.…``)."""
    return ChannelError(status, code, message, data={"field": field} if field else None)


def for_status(status: int, message: str | None = None) -> ChannelError:
    """The fault the service gives with this HTTP status."""
    code, default = _BY_STATUS.get(
        status, ("Client.InvalidRequest" if status < 500 else "Server.InternalError", "Error")
    )
    return ChannelError(status, code, message or default)


def authentication(field: str, message: str) -> ChannelError:
    """A credential refused; ``field`` is the request element at fault."""
    return fault("Client.AuthenticationFailed", message, field=field)


def too_many(field: str, noun: str) -> ChannelError:
    """More than 100 records in one call (the REST v2 successor's documented wording)."""
    return fault(
        "Client.TooManyRecords",
        f"{noun} can not contain more than 100 records at a time",
        field=field,
    )


def invalid(field: str, message: str) -> ChannelError:
    """A request element with a value the service cannot use."""
    return fault("Client.InvalidRequest", message, field=field)


def soap_error(message: str) -> ChannelError:
    """An envelope that cannot be read (not XML, not SOAP 1.1, a DTD, ...)."""
    return fault("Client.SoapError", message)


def rate_limited(retry_after: int) -> ChannelError:
    """429 with ``Retry-After``."""
    return ChannelError(
        429,
        "Server.Throttled",
        f"Too many requests; retry after {retry_after} seconds",
        headers={"Retry-After": str(retry_after)},
    )


def render(error: ChannelError) -> HttpReply:
    """The error as a SOAP 1.1 fault envelope."""
    status = error.status if error.status in (429, 503) else 500
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soap": SOAP_ENV, "dc": TNS})
    body = etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body")
    node = etree.SubElement(body, f"{{{SOAP_ENV}}}Fault")
    code = error.code if "." in error.code or error.code in ("Client", "Server") else "Server"
    etree.SubElement(node, "faultcode").text = f"soap:{code}"
    etree.SubElement(node, "faultstring").text = error.message
    detail = etree.SubElement(etree.SubElement(node, "detail"), f"{{{TNS}}}dcFault")
    etree.SubElement(detail, f"{{{TNS}}}code").text = code
    field = (error.data or {}).get("field")
    if field:
        etree.SubElement(detail, f"{{{TNS}}}field").text = str(field)
    etree.SubElement(detail, f"{{{TNS}}}message").text = error.message
    payload = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
    headers = dict(error.headers.items())
    return HttpReply.of(status, payload, CONTENT_TYPE, headers)
