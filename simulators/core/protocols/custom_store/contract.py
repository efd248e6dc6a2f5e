"""The Custom Store contract: one URL, the operation named by ``?action=``.

The OpenAPI file (specs/customstore/openapi.yaml) routes by method and path; a request is
``export`` or ``shipnotify`` only when its ``action`` says so too. A GET whose action is not
``export`` names no operation (connexion then refuses it as a bad parameter, in XML).
"""

from __future__ import annotations

from urllib.parse import parse_qs

from simulators.core.openapi import OpenApiContract
from simulators.core.protocol import Operation
from simulators.core.request import RequestInfo


class CustomStoreContract(OpenApiContract):
    """Method, path and ``?action=`` together name the operation."""

    def identify(self, request: RequestInfo) -> Operation | None:
        operation = super().identify(request)
        if operation is None:
            return None
        actions = parse_qs(request.query).get("action") or [""]
        return operation if actions[0] == operation.name else None
