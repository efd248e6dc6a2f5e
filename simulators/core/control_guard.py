"""Who may use a control plane: the deployment's token, or a namespace's key.

Checked by the shell before the control app sees the request, so a refusal (401 without a
credential, 403 with the wrong one) is a problem document and changes nothing.
"""

from __future__ import annotations

import hmac

import orjson

from simulators.core.protocol import Scope, Send


def bearer(scope: Scope) -> str | None:
    """The ``Authorization: Bearer`` value of a request, if any."""
    for key, value in scope["headers"]:
        if key.lower() == b"authorization":
            kind, _, given = value.decode("latin-1").partition(" ")
            return given.strip() if kind.lower() == "bearer" else ""
    return None


def refusal(scope: Scope, secret: str, what: str) -> tuple[int, str] | None:
    """None when the request carries ``secret``; else (status, detail) naming ``what`` needs
    it (``what`` e.g. "this deployment's control plane needs its control token")."""
    given = bearer(scope)
    if given is None:
        return 401, f"{what}: send it as 'Authorization: Bearer <value>'"
    if not hmac.compare_digest(given.encode(), secret.encode()):
        return 403, f"{what}; the credential sent is not it"
    return None


async def send_problem(send: Send, status: int, detail: str) -> None:
    """An RFC 7807 problem document, straight on the ASGI connection."""
    body = orjson.dumps({"type": "about:blank", "status": status, "detail": detail})
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode("ascii")),
    ]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="chansim control"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
