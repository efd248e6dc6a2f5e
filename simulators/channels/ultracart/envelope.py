"""What UltraCart's gate reads from a request envelope: the ``credentials`` element."""

from __future__ import annotations

from dataclasses import dataclass

from simulators.channels.ultracart.errors import TNS
from simulators.core.protocols.soap import EnvelopeError, read_envelope

_FIELDS = ("merchantId", "accessKey", "distributionCenterCode")


@dataclass(frozen=True)
class SentCredentials:
    """The three connection fields as the request carries them ("" when missing)."""

    merchant_id: str
    access_key: str
    distribution_center_code: str


def credentials_in(body: bytes) -> SentCredentials | None:
    """The credentials of the body's operation element; None when the envelope is unreadable."""
    try:
        soap_body = read_envelope(body)
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
