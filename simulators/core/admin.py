"""Handlers of the control plane (``specs/admin/openapi.yaml``), the same for every channel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from connexion import request as current_request

from simulators.core.admin_namespaces import NamespaceHandlers
from simulators.core.clock import ChannelClock, Clock, ClockError, parse_duration, parse_instant
from simulators.core.context import SimContext
from simulators.core.errors import AdminError, ChannelError
from simulators.core.faults import FaultRuleError
from simulators.core.quota import Quota
from simulators.core.tokens import Token

if TYPE_CHECKING:
    from simulators.core.namespaces import Namespace, NamespaceBook

Reply = tuple[Any, int] | tuple[Any, int, dict[str, str]]


def _ok(body: Any, status: int = 200) -> Reply:
    """A JSON reply. The admin spec declares JSON and problem JSON answers, so each reply
    names its type (in a fresh dict: connexion may add to the headers it is given)."""
    return body, status, {"Content-Type": "application/json"}


def base_url() -> str:
    """The scheme, host and port the current request was sent to."""
    return str(current_request.base_url).rstrip("/")


class AdminHandlers(NamespaceHandlers):
    """One method per operationId of the admin spec, bound to one simulator (of the default
    namespace, holding the process's ``book`` of namespaces, or of ``namespace``).

    The methods are coroutines so they run on the server's event loop, never in a worker
    thread beside the channel handlers: one thread touches a simulator's state.
    """

    def __init__(
        self,
        ctx: SimContext,
        *,
        book: NamespaceBook | None = None,
        namespace: Namespace | None = None,
    ) -> None:
        self.ctx = ctx
        self.book = book
        self.namespace = namespace

    def _refused(self, exc: ChannelError) -> AdminError:
        """A channel refusal as a problem document, in the channel's own words."""
        return AdminError(exc.status, self.ctx.channel.explain(exc))

    # -- reset and seed -------------------------------------------------------------------
    async def reset(self, body: Mapping[str, Any] | None = None) -> Reply:
        body = body or {}
        try:
            self.ctx.reset(
                seed=body.get("seed"),
                state=body.get("state"),
                state_params=body.get("params"),
                settings=body.get("settings"),
                rebase=bool(body.get("rebase", False)),
            )
        except ChannelError as exc:
            raise self._refused(exc) from exc
        except (KeyError, ValueError) as exc:
            raise AdminError(400, str(exc).strip("'\"")) from exc
        return _ok(self.ctx.describe())

    async def seed(self, body: Mapping[str, Any]) -> Reply:
        return await self.reset({"seed": body["seed"]})

    async def get_state(self) -> Reply:
        return _ok(self.ctx.describe())

    async def get_credentials(self) -> Reply:
        return _ok(self.ctx.channel.credentials(self.ctx, base_url()))

    # -- clock ----------------------------------------------------------------------------
    async def get_clock(self) -> Reply:
        return _ok(self.ctx.clock.describe())

    async def set_clock(self, body: Mapping[str, Any]) -> Reply:
        """Apply freeze, set, advance, unfreeze, then timezone/skew, in that order.

        Everything is checked first: a refused request leaves the clock as it was.
        """
        clock = self.ctx.base_clock
        try:
            target = parse_instant(body["set"]) if "set" in body else None
            step = parse_duration(body["advance"]) if "advance" in body else None
            probe = Clock(target or clock.now(), frozen=True)
            if step is not None:
                probe.advance(step)
            view = ChannelClock(probe, timezone=self.ctx.clock.timezone)
            view.configure(timezone=body.get("timezone"), skew=body.get("skew"))
        except ClockError as exc:
            raise AdminError(400, str(exc)) from exc
        if body.get("freeze") is True:
            clock.freeze()
        if target is not None:
            clock.set(target)
        if step is not None:
            clock.advance(step)
        if body.get("freeze") is False:
            clock.unfreeze()
        if "timezone" in body or "skew" in body:
            self.ctx.clock.configure(timezone=body.get("timezone"), skew=body.get("skew"))
        return _ok(self.ctx.clock.describe())

    # -- orders ---------------------------------------------------------------------------
    async def list_orders(self) -> Reply:
        return _ok(self.ctx.backend.admin_orders())

    async def place_orders(self, body: Mapping[str, Any]) -> Reply:
        backend = self.ctx.backend
        try:
            if "generate" in body:
                count = body["generate"]
                if not isinstance(count, int) or not 1 <= count <= 10_000:
                    raise AdminError(400, "'generate' must be an integer from 1 to 10000")
                self._check_room(count)
                options = {k: v for k, v in body.items() if k != "generate"}
                return _ok(backend.generate_orders(count, options), 201)
            orders = body.get("orders", [body])
            if not isinstance(orders, list) or not all(isinstance(o, dict) for o in orders):
                raise AdminError(400, "'orders' must be a list of orders")
            self._check_room(len(orders))
            return _ok(backend.place_orders(orders), 201)
        except ChannelError as exc:
            raise self._refused(exc) from exc

    async def get_order(self, order_ref: str) -> Reply:
        try:
            return _ok(self.ctx.backend.admin_order(order_ref))
        except ChannelError as exc:
            raise self._refused(exc) from exc

    async def edit_order(self, order_ref: str, body: Mapping[str, Any]) -> Reply:
        try:
            return _ok(self.ctx.backend.edit_order(order_ref, body))
        except ChannelError as exc:
            raise self._refused(exc) from exc

    # -- faults ---------------------------------------------------------------------------
    async def list_faults(self) -> Reply:
        return _ok([r.to_json() for r in self.ctx.faults.rules()])

    async def add_faults(self, body: Any) -> Reply:
        specs = body if isinstance(body, list) else [body]
        added = []
        try:
            for spec in specs:
                added.append(self.ctx.faults.add(spec).to_json())
        except FaultRuleError as exc:
            for rule in added:
                self.ctx.faults.remove(rule["id"])
            raise AdminError(400, str(exc)) from exc
        return _ok(added, 201)

    async def clear_faults(self) -> Reply:
        self.ctx.faults.clear()
        return None, 204

    async def remove_fault(self, fault_id: str) -> Reply:
        if not self.ctx.faults.remove(fault_id):
            raise AdminError(404, f"no fault rule with id {fault_id!r}")
        return None, 204

    # -- tokens ---------------------------------------------------------------------------
    async def list_tokens(self) -> Reply:
        now = self.ctx.now()
        return _ok([t.to_json(now) for t in self.ctx.tokens.all()])

    def _expiry(self, body: Mapping[str, Any]) -> Any:
        try:
            if body.get("expires_in"):
                return self.ctx.now() + parse_duration(body["expires_in"])
            if body.get("expires_at"):
                return parse_instant(body["expires_at"])
        except ClockError as exc:
            raise AdminError(400, str(exc)) from exc
        return None

    async def issue_token(self, body: Mapping[str, Any]) -> Reply:
        value = body.get("token") or f"{self.ctx.random.getrandbits(128):032x}"
        try:
            quota = Quota.from_json(body["quota"]).to_json() if "quota" in body else None
        except ValueError as exc:
            raise AdminError(400, str(exc)) from exc
        token = Token(value, body.get("label", ""), self._expiry(body), quota=quota)
        self.ctx.tokens.issue(token)
        return _ok(token.to_json(self.ctx.now()), 201)

    def _known(self, token: str) -> None:
        if self.ctx.tokens.get(token) is None:
            raise AdminError(404, f"no credential {token!r}")

    async def revoke_token(self, token: str) -> Reply:
        self._known(token)
        return _ok(self.ctx.tokens.revoke(token).to_json(self.ctx.now()))

    async def expire_token(self, token: str) -> Reply:
        self._known(token)
        return _ok(self.ctx.tokens.expire(token, self.ctx.now()).to_json(self.ctx.now()))

    async def renew_token(self, token: str, body: Mapping[str, Any] | None = None) -> Reply:
        self._known(token)
        renewed = self.ctx.tokens.renew(token, self._expiry(body or {}))
        return _ok(renewed.to_json(self.ctx.now()))

    # -- journal --------------------------------------------------------------------------
    async def query_journal(
        self,
        operation: str | None = None,
        method: str | None = None,
        path: str | None = None,
        status: int | None = None,
        since: int = 0,
        limit: int | None = None,
    ) -> Reply:
        journal = self.ctx.journal
        entries = journal.query(
            operation=operation, method=method, path=path, status=status, since=since, limit=limit
        )
        return _ok(
            {
                "entries": [e.to_json() for e in entries],
                "last_seq": journal.last_seq,
                "dropped": journal.dropped,
            }
        )

    async def clear_journal(self) -> Reply:
        self.ctx.journal.clear()
        return None, 204
