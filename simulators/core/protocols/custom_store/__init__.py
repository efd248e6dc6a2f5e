"""The ShipStation Custom Store protocol: XML over one URL, ``?action=export|shipnotify``.

Served on the REST machinery: the contract is an OpenAPI file (specs/customstore/), so
connexion checks the query (the action, the required window, ``order_number``) and routes to
two handlers that read and write XML with lxml. That reuses the parameter validation, the
response validation in tests and the error translation every REST channel has, where a
separate ASGI app would have repeated them; the protocol adds only the ``?action=`` rule
(``contract.py``) and its XML. The shared store (backend, export document, ship notice) is
in this package; a channel is a :class:`~.flavour.Flavour` (``simulators/channels/wsm/``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from simulators.core.channel import SimServices
from simulators.core.openapi import load_spec
from simulators.core.protocol import ASGIApp
from simulators.core.protocols.custom_store.contract import CustomStoreContract
from simulators.core.protocols.rest import RestProtocol


class CustomStoreProtocol(RestProtocol):
    """OpenAPI routing plus ``?action=``; XML bodies."""

    name = "custom-store"

    def contract(self, spec: Path) -> CustomStoreContract:
        return CustomStoreContract(load_spec(spec))

    def build_app(self, ctx: SimServices, *, validate_responses: bool = False) -> ASGIApp:
        # The ship notice may come as application/xml or text/xml; connexion warns on every
        # such request that it validates against the first (it validates no XML at all).
        logging.getLogger("connexion.operations.openapi3").setLevel(logging.ERROR)
        return super().build_app(ctx, validate_responses=validate_responses)

    def malform(self, body: bytes) -> bytes:
        """XML cut in the middle of an element, then bytes no XML parser takes."""
        return body[: max(1, len(body) // 2)] + b"\x00</Orders"


PROTOCOL = CustomStoreProtocol()
