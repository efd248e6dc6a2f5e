"""The control plane (``/__sim``, ``specs/admin/openapi.yaml``) as an app of its own.

The shell (``middleware.py``) hands it every request under ``/__sim``, whatever the channel's
protocol: it is never journaled, faulted or gated. Its refusals are RFC 7807 problem documents.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException

from simulators.core.admin import AdminHandlers
from simulators.core.connexion_app import add_api, api_options, bind, new_app, problem
from simulators.core.errors import AdminError, ChannelError
from simulators.core.protocol import ASGIApp
from simulators.core.registry import SPECS_DIR
from simulators.core.specification import specification_file

if TYPE_CHECKING:
    from simulators.core.context import SimContext
    from simulators.core.namespaces import Namespace, NamespaceBook

ADMIN_PREFIX = "/__sim"
#: Namespaces' channels and control planes: ``/__ns/<id>/<channel path>``, ``/__ns/<id>/__sim``.
NAMESPACE_PREFIX = "/__ns/"
ADMIN_SPEC = SPECS_DIR / "admin" / "openapi.yaml"
_log = logging.getLogger("chansim")


def build_control_app(
    ctx: SimContext, *, book: NamespaceBook | None = None, namespace: Namespace | None = None
) -> ASGIApp:
    """The ``/__sim`` app of one simulator: of the default namespace (which holds the
    ``book`` of namespaces) or of ``namespace``."""
    app = new_app(f"chansim.{ctx.name}.control")
    add_api(
        app,
        specification_file(ADMIN_SPEC),
        resolver=bind(AdminHandlers(ctx, book=book, namespace=namespace)),
        **api_options(validate_responses=False),
    )

    def on_admin_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, AdminError)
        return problem(exc.status, exc.detail)

    def on_channel_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, ChannelError)
        return problem(exc.status, ctx.channel.explain(exc))

    def on_http_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, HTTPException)
        return problem(exc.status_code, str(exc.detail))

    def on_crash(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        _log.exception("control plane of %s crashed on %s", ctx.name, request.url, exc_info=exc)
        return problem(500, f"{type(exc).__name__}: {exc}")

    app.add_error_handler(AdminError, on_admin_error)
    app.add_error_handler(ChannelError, on_channel_error)
    app.add_error_handler(HTTPException, on_http_error)
    app.add_error_handler(ProblemException, on_http_error)
    app.add_error_handler(Exception, on_crash)
    asgi: ASGIApp = app
    return asgi
