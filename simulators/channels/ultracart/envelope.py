"""What UltraCart's gate reads from a request envelope: the ``credentials`` element."""

from __future__ import annotations

from dataclasses import dataclass

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


def _read(request: RequestInfo) -> SentCredentials | None:
    try:
        soap_body = envelope_of(request)
    except EnvelopeError:
        return None
    found = soap_body.find(f"*/{{{TNS}}}credentials")
    values = dict.fromkeys(_FIELDS, "")
    if found is not None:
        for name in _FIELDS:
            node = found.find(f"{{{TNS}}}{name}")
            if node is not None and node.text:
                values[name] = node.text.strip()
    return SentCredentials(*(values[n] for n in _FIELDS))
