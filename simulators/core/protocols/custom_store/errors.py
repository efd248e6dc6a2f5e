"""The Custom Store endpoint's refusals: an XML ``<Error>`` body, ``text/xml``.

ShipStation documents no error body; ShipStation's own Magento plugin answers a refused login
with 401, ``WWW-Authenticate: Basic realm=ShipStation`` and an XML body, which this follows
for every refusal: ``<Error><Code>…</Code><Message>…</Message></Error>``.
"""

from __future__ import annotations

from types import MappingProxyType

from lxml import etree

from simulators.core.errors import ChannelError
from simulators.core.request import HttpReply

XML = "text/xml"
_DEFAULTS = MappingProxyType(
    {
        400: ("bad-request", "Bad request"),
        401: ("unauthorized", "Invalid username or password"),
        403: ("forbidden", "Forbidden"),
        404: ("not-found", "Not found"),
        405: ("method-not-allowed", "Method not allowed"),
        413: ("payload-too-large", "Request body too large"),
        415: ("unsupported-media-type", "Send the ShipNotice as XML"),
        429: ("too-many-requests", "Too many requests"),
        500: ("server-error", "Internal server error"),
        502: ("bad-gateway", "Bad gateway"),
        503: ("service-unavailable", "Service unavailable"),
        504: ("gateway-timeout", "Gateway timeout"),
    }
)


def for_status(status: int, message: str | None = None) -> ChannelError:
    """The refusal with this HTTP status."""
    code, default = _DEFAULTS.get(status, ("error", "Error"))
    return ChannelError(status, code, message or default)


def bad_request(field: str, message: str) -> ChannelError:
    """400 naming the parameter (or ``body``) at fault."""
    return ChannelError(400, "bad-request", f"{field}: {message}", data={"field": field})


def unauthorized(realm: str, message: str = "Invalid username or password") -> ChannelError:
    """401 with the Basic challenge."""
    return ChannelError(
        401, "unauthorized", message, headers={"WWW-Authenticate": f'Basic realm="{realm}"'}
    )


def not_found(message: str) -> ChannelError:
    """404: no such order."""
    return ChannelError(404, "not-found", message)


def render(error: ChannelError) -> HttpReply:
    """``<Error><Code/><Message/></Error>`` with the error's headers."""
    root = etree.Element("Error")
    etree.SubElement(root, "Code").text = error.code
    etree.SubElement(root, "Message").text = error.message
    body = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    return HttpReply.of(error.status, body, XML, error.headers)
