"""The gate's reading of the credentials (``envelope.py``) finds what the path
``*/{TNS}credentials`` and each field's first element find, by direct child lookups."""

from __future__ import annotations

import pytest

from simulators.channels.ultracart.envelope import SentCredentials, credentials_in
from simulators.core.protocols.soap import read_envelope
from simulators.core.request import RequestInfo
from tests.ultracart.conftest import SOAP_ENV, TNS

_FIELDS = ("merchantId", "accessKey", "distributionCenterCode")


def _by_path(body: bytes) -> SentCredentials:
    found = read_envelope(body).find(f"*/{{{TNS}}}credentials")
    values = dict.fromkeys(_FIELDS, "")
    if found is not None:
        for name in _FIELDS:
            node = found.find(f"{{{TNS}}}{name}")
            if node is not None and node.text:
                values[name] = node.text.strip()
    return SentCredentials(*(values[n] for n in _FIELDS))


def _request(body: bytes) -> RequestInfo:
    return RequestInfo("POST", "/", "", {}, [], body, None)


@pytest.mark.parametrize(
    "inside",
    [
        (
            "<dc:op><dc:credentials><dc:merchantId> M </dc:merchantId><dc:accessKey>K"
            "</dc:accessKey><dc:distributionCenterCode>D</dc:distributionCenterCode>"
            "</dc:credentials></dc:op>"
        ),
        (
            "<!-- c --><dc:op/><dc:op2><x:credentials xmlns:x='urn:x'/><dc:credentials>"
            "<dc:accessKey/><dc:accessKey>2</dc:accessKey><dc:merchantId>1</dc:merchantId>"
            "<dc:merchantId>9</dc:merchantId></dc:credentials><dc:credentials><dc:accessKey>3"
            "</dc:accessKey></dc:credentials></dc:op2>"
        ),
        (
            "<dc:op><dc:wrapper><dc:credentials><dc:accessKey>deep</dc:accessKey>"
            "</dc:credentials></dc:wrapper></dc:op>"
        ),
        "<dc:credentials><dc:accessKey>top</dc:accessKey></dc:credentials>",
        (
            "<dc:op><dc:credentials><!-- c --><dc:accessKey>a<!-- c -->b</dc:accessKey>"
            "<dc:merchantId>   </dc:merchantId></dc:credentials></dc:op>"
        ),
        "",
    ],
)
def test_the_credentials_are_those_the_path_finds(inside):
    body = (
        f'<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:dc="{TNS}"><soap:Body>{inside}'
        "</soap:Body></soap:Envelope>"
    ).encode()
    assert credentials_in(_request(body)) == _by_path(body)


def test_an_unreadable_envelope_has_no_credentials():
    assert credentials_in(_request(b"<soap:Envelope")) is None
