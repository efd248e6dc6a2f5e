"""Handlers of the control plane's namespace operations (``specs/admin/openapi.yaml``).

Created and listed at the deployment's root ``/__sim`` (behind its control token, when it
has one); each namespace describes and deletes itself at ``/__ns/<id>/__sim/namespace``
(behind its own key), so one pipeline cannot delete another's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from connexion import request as current_request

from simulators.core.errors import AdminError
from simulators.core.namespaces import Namespace, NamespaceBook, NamespaceError

if TYPE_CHECKING:
    from simulators.core.context import SimContext

Reply = tuple[Any, int] | tuple[Any, int, dict[str, str]]
_AT_ROOT = "namespaces are created and listed at the deployment's root /__sim, not in a namespace"


def _json(body: Any, status: int = 200) -> Reply:
    return body, status, {"Content-Type": "application/json"}


class NamespaceHandlers:
    """Mixed into the control plane's handlers: ``ctx`` is the simulator, ``book`` the
    process's namespaces (default namespace only), ``namespace`` the one it serves (if any)."""

    ctx: SimContext
    book: NamespaceBook | None
    namespace: Namespace | None

    def _book(self) -> NamespaceBook:
        if self.book is None or self.namespace is not None:
            raise AdminError(404, _AT_ROOT)
        return self.book

    async def create_namespace(self, body: Mapping[str, Any] | None = None) -> Reply:
        book = self._book()
        try:
            book.check_room()
            # building apps and seeded data takes a while: off the event loop, so the other
            # namespaces' requests go on meanwhile; only registering touches live state
            built = await asyncio.to_thread(
                book.build_namespace, str((body or {}).get("label", ""))
            )
            namespace = book.register(built)
        except NamespaceError as exc:
            raise AdminError(exc.status, exc.detail) from exc
        url = current_request.url
        config = {}
        for name, shell in namespace.shells.items():
            port = book.ports.get(name, url.port)
            base = f"{url.scheme}://{url.hostname}:{port}{namespace.prefix}"
            config[name] = shell.ctx.channel.credentials(shell.ctx, base)
        return _json({**namespace.describe(), "key": namespace.key, "config": config}, 201)

    async def list_namespaces(self) -> Reply:
        book = self._book()
        return _json(
            {
                "namespaces": [n.describe(listed=True) for n in book.all()],
                "limits": {
                    "max_namespaces": book.limits.max_namespaces,
                    "max_orders": book.limits.max_orders,
                    "journal_size": book.limits.journal_size,
                    "idle_seconds": book.limits.idle_seconds,
                },
            }
        )

    async def get_namespace(self) -> Reply:
        if self.namespace is None:
            return _json({"id": "default", "label": "", "prefix": "", "channels": [self.ctx.name]})
        return _json(self.namespace.describe())

    async def delete_namespace(self) -> Reply:
        if self.namespace is None:
            raise AdminError(409, "the default namespace cannot be deleted (reset it instead)")
        if self.book is None or not self.book.delete(self.namespace.id):
            raise AdminError(404, f"namespace {self.namespace.id} is already gone")
        return None, 204

    def _check_room(self, adding: int) -> None:
        """Refuse a placement that would take a namespace's channel past its order cap."""
        if self.namespace is None:
            return
        held = len(self.ctx.backend.admin_orders())
        cap = self.namespace.max_orders
        if held + adding > cap:
            raise AdminError(
                413,
                f"a namespace holds at most {cap} orders per channel; {self.ctx.name} has "
                f"{held}, so {adding} more cannot be placed (reset the namespace first)",
            )
