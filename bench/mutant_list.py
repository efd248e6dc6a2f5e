"""The curated one-line mutants of the reference engine (``bench/mutants.py`` runs them).

Each breaks one rule the README states for the engine. ``original`` is the line's text
(stripped; ``occurrence`` picks among equal lines), ``mutated`` what replaces it (the
original's indentation kept), ``survives`` why a mutant no scenario can kill is equivalent.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    """One line of the reference engine, changed."""

    ident: str
    file: str
    original: str
    mutated: str
    rule: str
    survives: str = ""
    occurrence: int = 1


_IMP = "harness/engine/importing.py"
_NOT = "harness/engine/notifying.py"
_ENG = "harness/engine/engine.py"
_STO = "harness/engine/store.py"
_ERR = "harness/engine/errors.py"
_CON = "harness/engine/connection.py"
_BM = "harness/channels/backmarket.py"
_BP = "harness/channels/bluepark.py"
_UC = "harness/channels/ultracart.py"
_CS = "harness/channels/custom_store.py"
_SINCE = "since = store.watermark - conn.overlap if store.watermark else now - conn.first_import"

MUTANTS = (
    Mutant("window-overlap", _IMP, _SINCE,
           "since = store.watermark if store.watermark else now - conn.first_import",
           "each window re-reads the overlap"),
    Mutant("first-import", _IMP, _SINCE,
           "since = store.watermark - conn.overlap if store.watermark else now - conn.overlap",
           "the first import reaches back first_import (30 days)"),
    Mutant("watermark-platform-time", _IMP,
           "store.watermark = max(newest, store.watermark) if store.watermark else newest",
           "store.watermark = now",
           "the watermark is in the channel's time"),
    Mutant("watermark-future", _IMP, "newest = min(newest, now)", "newest = newest",
           "an order dated in the future does not push the window past now"),
    Mutant("watermark-backwards", _IMP,
           "store.watermark = max(newest, store.watermark) if store.watermark else newest",
           "store.watermark = newest",
           "the watermark never moves back",
           survives="equivalent while the channel keeps listing the order that set the "
           "watermark: the overlap re-reads it, so the newest change seen is never older "
           "(every simulated channel keeps its orders listed)"),
    Mutant("failed-run-moves-window", _IMP, "return result", "pass",
           "a run stopped by a failure leaves the window where it was"),
    Mutant("import-failure-status", _IMP, "store.fail(problem)", "pass",
           "a failure that stops an import is the store's status"),
    Mutant("no-recover", _IMP, "store.recover()", "pass",
           "a complete run makes the store connected again"),
    Mutant("no-ack-retry", _IMP, "retry_acknowledgements(record, adapter)", "pass",
           "a refused acknowledgement is retried by every later import"),
    Mutant("ack-store-wide", _IMP, "if problem.store_wide:", "if False:",
           "a store-wide problem while acknowledging stops the run"),
    Mutant("ack-forgotten", _IMP, "store.unacknowledged[key] = attempts", "pass",
           "a refused acknowledgement is kept for the next try"),
    Mutant("ack-kept", _IMP, "store.unacknowledged.pop(key, None)", "pass",
           "an accepted acknowledgement is not retried again"),
    Mutant("unmapped-imported", _IMP, "if status is None:", "if False:",
           "an order in a status the map does not list is skipped"),
    Mutant("no-ship-to-imported", _IMP, "elif order.ship_to is None:", "elif False:",
           "an order without a ship-to address is skipped"),
    Mutant("skip-kept", _IMP, "store.skipped.pop(order.key, None)", "pass",
           "a skipped order imported later leaves the skipped list"),
    Mutant("no-dedup", _IMP, "held = store.orders.get(order.key)", "held = None",
           "an order seen again is updated, never duplicated, and keeps the merchant's edits"),
    Mutant("no-update", _IMP, "held.imported, held.updated_at = order, now", "pass",
           "an order seen again is updated"),
    Mutant("unmapped-status-kept", _IMP,
           "order = replace(order, status=status or (held.imported.status if held else None))",
           "order = replace(order, status=status)",
           "an imported order whose channel status leaves the map keeps its platform status"),
    Mutant("ack-twice", _IMP, "if order.key not in store.unacknowledged:", "if True:",
           "an acknowledgement refused this run is not asked again in the same run"),
    Mutant("timezone-ignored", _CON, "return ZoneInfo(self.timezone)", 'return ZoneInfo("UTC")',
           "the store's timezone reads the channel's local times"),
    Mutant("edits-lost", _STO,
           "order = replace(self.imported, **self.edits) if self.edits else self.imported",
           "order = self.imported",
           "the merchant's edits show on the order and go out with the notification"),
    Mutant("shipped-status", _STO, "order = replace(order, status=PlatformStatus.SHIPPED)",
           "order = order", "an order shipped in the platform shows as shipped"),
    Mutant("unavailable-not-store-wide", _ERR,
           '{"token_expired", "token_revoked", "unauthorized", "forbidden", "unavailable",',
           '{"token_expired", "token_revoked", "unauthorized", "forbidden",',
           "a channel down is the store's status (unavailable)"),
    Mutant("rate-limit-not-store-wide", _ERR,
           '"rate_limited", "unreadable", "wrong_url"}', '"unreadable", "wrong_url"}',
           "rate limited past the retries, unreadable answers, a wrong URL: the store's status"),
    Mutant("outbox-kept", _NOT, "del store.outbox[held.imported.key]", "pass",
           "an accepted notification leaves the outbox", occurrence=2),
    Mutant("final-retried", _NOT, "if problem.final:", "if False:",
           "a notification the channel can never accept is dropped with its error"),
    Mutant("notify-failure-status", _NOT, "elif problem.store_wide:", "elif False:",
           "a store-wide failure while notifying is the store's status"),
    Mutant("flush-goes-on", _NOT, "if problem is not None and problem.store_wide:", "if False:",
           "the outbox stops at a store-wide failure"),
    Mutant("not-marked-notified", _NOT, "held.notified = True", "pass",
           "a second shipment of a notified order sends nothing"),
    Mutant("attempts-uncounted", _NOT, "pending.attempts += 1", "pass",
           "the outbox counts attempts",
           survives="equivalent: the attempt count is shown nowhere (no view, no message, "
           "no decision reads it)"),
    Mutant("policy-carrier-always", _NOT,
           "carrier=shipment.carrier if policy.carrier else None,",
           "carrier=shipment.carrier,", "a channel receives only the fields its policy carries",
           survives="equivalent: the only channel whose policy leaves the carrier out "
           "(Bluepark) builds its update from the tracking number alone"),
    Mutant("policy-items-always", _NOT,
           "items=tuple(shipped) if policy.item_info else None,", "items=tuple(shipped),",
           "a channel receives only the fields its policy carries",
           survives="equivalent: no adapter whose policy leaves item info out reads items"),
    Mutant("refresh-no-resend", _ENG, "if result.problem is None:", "if False:",
           "a refresh resends the notifications still pending"),
    Mutant("resend-notified", _ENG, "if held.notified:", "if False:",
           "a second shipment of a notified order sends nothing"),
    Mutant("ship-without-ack", _ENG, "if held.imported.key in store.unacknowledged:",
           "if False:", "an order whose acknowledgement was refused is acknowledged before "
           "it ships"),
    Mutant("reconnect-ignored", _ENG, "store.connection = changed", "pass",
           "new credentials typed in the form are used"),
    Mutant("bm-no-imei", _BM, "item_info=True,", "item_info=False,",
           "Back Market's policy: the IMEI or serial number goes with the shipment"),
    Mutant("bm-no-carrier", _BM, "carrier=True,", "carrier=False,",
           "Back Market's policy: the carrier goes as shipper"),
    Mutant("bp-carrier", _BP, "carrier=False,", "carrier=True,",
           "Bluepark's policy: status and tracking number only",
           survives="equivalent: the Bluepark client sends status and tracking number "
           "whatever the notification holds"),
    Mutant("uc-no-carrier", _UC, "carrier=True,", "carrier=False,",
           "UltraCart's policy: the carrier goes with the shipment"),
    Mutant("uc-no-fee", _UC, "carrier_fee=True,", "carrier_fee=False,",
           "UltraCart's policy: the carrier fee goes as shippingCost"),
    Mutant("platform-clock-window", _IMP, "if adapter.window_on_platform_clock:", "if False:",
           "Custom Store windows chain on the platform's clock (where the last one ended)"),
    Mutant("map-change-not-reread", _ENG,
           "if watermark is not None and changed.status_map != old.status_map:", "if False:",
           "a new status map makes the next import read again the orders it skipped"),
    Mutant("timezone-change-not-reread", _ENG,
           "if watermark is not None and changed.timezone != old.timezone:", "if False:",
           "a new store timezone makes the next import read again the hours it missed"),
    Mutant("partial-rest-not-sent", _ENG, "held.notified = False", "pass",
           "the rest of a partly shipped order is notified too",
           survives="equivalent: the rest is sent right after whatever the flag says, and "
           "the flag is set again by the send; were the send refused, a shipment of the same "
           "lines still finds them missing from notified_lines"),
    Mutant("cs-no-items", _CS, "item_info=True,", "item_info=False,",
           "Custom Store's policy: the lines shipped go in the ship notice"),
    Mutant("cs-no-service", _CS, "service=True,", "service=False,",
           "Custom Store's policy: the service goes in the ship notice"),
    Mutant("cs-no-fee", _CS, "carrier_fee=True,", "carrier_fee=False,",
           "Custom Store's policy: the carrier fee goes as ShippingCost"),
    Mutant("cs-no-notes", _CS, "notes_to_buyer=True,", "notes_to_buyer=False,",
           "Custom Store's policy: notes to the buyer go as NotesToCustomer"),
)  # fmt: skip
