"""The Custom Store contract: one URL, the operation named by ``?action=``.

The OpenAPI file (specs/customstore/openapi.yaml) routes by method and path; a request is
``export`` or ``shipnotify`` only when its ``action`` says so too. A GET whose action is not
``export`` names no operation (connexion then refuses it as a bad parameter, in XML).
"""

from __future__ import annotations

from urllib.parse import unquote

from simulators.core.openapi import OpenApiContract
from simulators.core.protocol import Operation
from simulators.core.request import RequestInfo


class CustomStoreContract(OpenApiContract):
    """Method, path and ``?action=`` together name the operation."""

    def identify(self, request: RequestInfo) -> Operation | None:
        operation = super().identify(request)
        if operation is None:
            return None
        return operation if first_value(request.query, "action") == operation.name else None


def first_value(query: str, name: str) -> str | None:
    """The first non-blank value of ``name`` in ``query``, as ``parse_qs(query)[name][0]``
    reads it, without decoding every other pair (None when it has none)."""
    for pair in query.split("&"):
        key, equals, value = pair.partition("=")
        if equals and value and unquote(key.replace("+", " ")) == name:
            return unquote(value.replace("+", " "))
    return None
