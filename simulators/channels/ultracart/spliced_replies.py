"""Replies whose orders were written ahead: the forms spliced into Spyne's envelope, and that
envelope written by Spyne once per operation, then reused.

:class:`~simulators.channels.ultracart.direct_xml.DirectXml` leaves a placeholder in the reply
tree for each run of written forms; once Spyne has written the envelope to bytes,
:meth:`SplicedReplies.splice` puts the forms in the placeholders' places.

A reply that is one run of forms (every ``getOrders`` with orders: each order's form was
written ahead) depends on nothing but its operation and the forms: the envelope around the run
(the application's namespaces, the response element) is the same bytes every time. The first
such reply Spyne writes is kept as the bytes before and after its placeholder; after that the
service still runs on every request, and only Spyne's writing of that same envelope is skipped
(Spyne leaves a reply alone when ``ctx.out_string`` is set before it writes one). A reply with
a form lxml must write from the built order (``None``) is written by Spyne as always.
"""

from __future__ import annotations

from typing import Any, cast

from simulators.channels.ultracart.direct_xml import PLACEHOLDER_BYTES, Prewritten


class SplicedReplies:
    """The splice of written forms into Spyne's replies, and the envelopes kept for one
    application, by operation."""

    def __init__(self) -> None:
        self._envelopes: dict[str, tuple[bytes, bytes]] = {}

    def install(self, app: Any) -> None:
        """Listen to ``app``'s events: reuse an envelope after the service ran, splice the
        forms (and keep the envelope) once Spyne has written a reply."""
        app.event_manager.add_listener("method_return_object", self.reuse)
        app.event_manager.add_listener("method_return_string", self.splice)

    def reuse(self, ctx: Any) -> None:
        """``method_return_object``: a reply of one run of forms in its kept envelope."""
        run = _one_run(ctx)
        if run is None:
            return
        kept = self._envelopes.get(str(ctx.method_request_string))
        if kept is None:
            return
        forms = run.forms.serialised_all(run.items)
        if None not in forms:
            ctx.out_string = [kept[0], *cast("list[bytes]", forms), kept[1]]

    def splice(self, ctx: Any) -> None:
        """``method_return_string``: the reply's placeholders become the forms; the envelope
        of a reply of one run is kept."""
        runs = ctx.udc
        if not runs:
            return
        parts = b"".join(ctx.out_string).split(PLACEHOLDER_BYTES)
        if len(parts) != len(runs) + 1:
            raise AssertionError(f"{len(parts) - 1} placeholders for {len(runs)} runs of forms")
        if len(runs) == 1 and _one_run(ctx) is not None:
            self._envelopes.setdefault(str(ctx.method_request_string), (parts[0], parts[1]))
        out = [parts[0]]
        for run, part in zip(runs, parts[1:], strict=True):
            out += run
            out.append(part)
        ctx.out_string = out


def _one_run(ctx: Any) -> Prewritten | None:
    """The service's answer when it is one :class:`Prewritten` run and nothing else."""
    out = ctx.out_object
    if ctx.out_header is not None or out is None or len(out) != 1:
        return None
    value = out[0]
    if type(value) is not list or len(value) != 1 or type(value[0]) is not Prewritten:
        return None
    return value[0]
