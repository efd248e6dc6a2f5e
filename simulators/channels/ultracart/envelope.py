"""What UltraCart's gate reads from a request envelope: the ``credentials`` element."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from simulators.channels.ultracart.errors import TNS
from simulators.core.protocols.soap import EnvelopeError, envelope_of
from simulators.core.request import RequestInfo

_FIELDS = ("merchantId", "accessKey", "distributionCenterCode")


@dataclass(frozen=True)
class SentCredentials:
    """The three connection fields as the request carries them ("" when missing)."""

    merchant_id: str
    access_key: str
    distribution_center_code: str


def credentials_in(request: RequestInfo) -> SentCredentials | None:
    """The credentials of the body's operation element; None when the envelope is unreadable.
    Read once per request (the shell asks for the credential, then the gate checks it)."""
    if _READING not in request.readings:
        request.readings[_READING] = _read(request)
    sent: SentCredentials | None = request.readings[_READING]
    return sent


_READING = "ultracart.credentials"
_CREDENTIALS = f"{{{TNS}}}credentials"
_TAGS = tuple(f"{{{TNS}}}{name}" for name in _FIELDS)


def _read(request: RequestInfo) -> SentCredentials | None:
    try:
        soap_body = envelope_of(request)
    except EnvelopeError:
        return None
    # ``find("*/{TNS}credentials")`` by direct child lookups (twice as fast): the first
    # ``credentials`` child of a child element of the Body, in document order
    found = None
    for child in soap_body.iterchildren(etree.Element):
        found = next(child.iterchildren(_CREDENTIALS), None)
        if found is not None:
            break
    if found is None:
        return SentCredentials("", "", "")
    return SentCredentials(*(_text(found, tag) for tag in _TAGS))


def _text(credentials: etree._Element, tag: str) -> str:
    """The first ``tag`` child's text, stripped ("" when missing or empty)."""
    node = next(credentials.iterchildren(tag), None)
    return node.text.strip() if node is not None and node.text else ""
