"""Replies that are one whole number (``acknowledged``, ``accepted``) are written by Spyne once
per operation and number, then reused.

Such a reply depends on nothing but the operation and the number: the envelope, its
namespaces and encoding are the application's. Every request is still read, validated and run
by the service; only the writing of an envelope Spyne already wrote is skipped (Spyne leaves a
reply alone when ``ctx.out_string`` is set before it writes one).
"""

from __future__ import annotations

from typing import Any

#: Written replies kept per application (two operations, counts up to 100 each).
MAX_KEPT = 1024


class SimpleReplies:
    """Spyne's written replies by operation and number, for one application."""

    def __init__(self) -> None:
        self._written: dict[tuple[str, int], list[bytes]] = {}

    def install(self, app: Any) -> None:
        """Listen to ``app``'s events: reuse a reply after the service ran, keep one once
        Spyne has written it."""
        app.event_manager.add_listener("method_return_object", self.reuse)
        app.event_manager.add_listener("method_return_string", self.keep)

    def reuse(self, ctx: Any) -> None:
        """``method_return_object``: the reply, if Spyne already wrote this one."""
        key = _key(ctx)
        if key is not None and key in self._written:
            ctx.out_string = list(self._written[key])

    def keep(self, ctx: Any) -> None:
        """``method_return_string``: keep the reply Spyne just wrote."""
        key = _key(ctx)
        if key is not None and isinstance(ctx.out_string, list) and len(self._written) < MAX_KEPT:
            self._written[key] = list(ctx.out_string)


def _key(ctx: Any) -> tuple[str, int] | None:
    out = ctx.out_object
    if ctx.out_header is not None or len(out) != 1 or type(out[0]) is not int:
        return None
    return (str(ctx.method_request_string), out[0])
