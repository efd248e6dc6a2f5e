"""The UltraCart simulator as the shared machinery sees it: the gate, faults, credentials."""

from __future__ import annotations

from typing import Any

from simulators.channels.ultracart import errors
from simulators.channels.ultracart.backend import UltraCartBackend
from simulators.channels.ultracart.envelope import credentials_in
from simulators.channels.ultracart.starting_states import STATES
from simulators.core.channel import SimServices
from simulators.core.errors import ChannelError
from simulators.core.protocols.soap import (
    SOAP_ENV,
    EnvelopeError,
    SoapChannel,
    SoapContract,
    is_wsdl_request,
    read_envelope,
)
from simulators.core.request import HttpReply, RequestInfo
from simulators.core.tokens import TokenStatus
from simulators.core.wsgi import WsgiApp


class UltraCartChannel(SoapChannel):
    """UltraCart's distribution-center transport (SOAP 1.1, credentials in the body)."""

    name = "ultracart"
    states = STATES
    #: No header carries a credential (the access key travels in the envelope).
    secret_headers = frozenset()
    secret_fields = frozenset({"accessKey"})

    def build_backend(self, ctx: SimServices) -> UltraCartBackend:
        return UltraCartBackend(ctx)

    def wsgi_application(self, ctx: SimServices) -> WsgiApp:
        from simulators.channels.ultracart.service import wsgi_application

        app: WsgiApp = wsgi_application(ctx)
        return app

    def credential_of(self, request: RequestInfo) -> str | None:
        sent = credentials_in(request) if request.method == "POST" else None
        return sent.access_key or None if sent else None

    def gate(self, ctx: SimServices, request: RequestInfo) -> ChannelError | None:
        """The envelope first (readable, a known operation, a matching SOAPAction), then the
        merchant id, the distribution center and its access key, in that order.

        An access key belongs to the DC its token's label names (a key issued through the
        control plane under another label belongs to the first DC)."""
        contract = ctx.contract
        assert isinstance(contract, SoapContract)
        problem = contract.problem(request)
        if problem is not None:
            return self.envelope_error(problem)
        if is_wsdl_request(request):
            return None
        sent = credentials_in(request)
        backend = ctx.backend
        assert sent is not None and isinstance(backend, UltraCartBackend)
        if sent.merchant_id != backend.merchant_id:
            return errors.authentication(
                "merchantId",
                f"merchantId {sent.merchant_id!r} is not a merchant of this service; use the "
                "Merchant ID shown in UltraCart",
            )
        if sent.distribution_center_code not in backend.centers:
            return errors.authentication(
                "distributionCenterCode",
                f"distributionCenterCode {sent.distribution_center_code!r} is not a distribution "
                f"center of merchant {backend.merchant_id} with the Web Service (SOAP) "
                "transmission mechanism",
            )
        status, token = ctx.tokens.check(sent.access_key or None, ctx.now())
        if status is not TokenStatus.VALID or token is None:
            return self._key_refused(status)
        # A key issued through the control plane under another label is the new key the
        # merchant set on the first distribution center.
        owner = token.label if token.label in backend.centers else backend.default_dc
        if owner != sent.distribution_center_code:
            return errors.authentication(
                "accessKey",
                f"accessKey is not the access key of distribution center "
                f"{sent.distribution_center_code}",
            )
        request.principal = {"id": sent.distribution_center_code}
        return None

    @staticmethod
    def _key_refused(status: TokenStatus) -> ChannelError:
        why = {
            TokenStatus.UNKNOWN: "is not the access key of this distribution center",
            TokenStatus.EXPIRED: "is no longer valid (it was changed in the distribution "
            "center's settings)",
            TokenStatus.REVOKED: "was removed from the distribution center's settings",
        }[status]
        return errors.authentication("accessKey", f"accessKey {why}")

    def envelope_error(self, message: str) -> ChannelError:
        return errors.soap_error(message)

    def normalise(self, reply: HttpReply) -> HttpReply:
        """Spyne's own faults (schema validation) in the channel's fault shape."""
        if reply.status < 400 or b"dcFault" in reply.body:
            return reply
        code, message = "Server.InternalError", "Internal error"
        try:
            fault = read_envelope(reply.body).find(f"{{{SOAP_ENV}}}Fault")
        except EnvelopeError:
            fault = None
        if fault is not None:
            code = (fault.findtext("faultcode") or code).split(":")[-1]
            message = fault.findtext("faultstring") or message
        if code == "Client.SchemaValidationError":
            code = "Client.InvalidRequest"
        return self.render_error(ChannelError(reply.status, code, message))

    def render_error(self, error: ChannelError) -> HttpReply:
        return errors.render(error)

    def error_for_status(self, status: int, message: str | None = None) -> ChannelError:
        return errors.for_status(status, message)

    def expired_token_error(self) -> ChannelError:
        return self._key_refused(TokenStatus.EXPIRED)

    def rate_limit_error(self, retry_after: int) -> ChannelError:
        return errors.rate_limited(retry_after)

    def credentials(self, ctx: SimServices, base_url: str) -> dict[str, Any]:
        now = ctx.now()
        backend = ctx.backend
        assert isinstance(backend, UltraCartBackend)
        token = next((t for t in ctx.tokens.all() if t.status(now) is TokenStatus.VALID), None)
        return {
            "url": base_url.rstrip("/") + "/",
            "credentials": {
                "merchant_id": backend.merchant_id,
                "access_key": token.value if token else None,
                "distribution_center_code": token.label if token else backend.default_dc,
            },
        }

    def explain(self, error: ChannelError) -> str:
        field = (error.data or {}).get("field")
        return f"{error.code}: {error.message}" + (f" (field {field})" if field else "")
