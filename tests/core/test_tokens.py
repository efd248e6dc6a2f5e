"""Tokens on the virtual clock: valid, expired, revoked, unknown, and their lifecycle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulators.core.tokens import Token, TokenStatus, TokenStore

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def test_token_status_at_instants() -> None:
    token = Token("t", expires_at=T0 + timedelta(hours=1))
    assert token.status(T0) is TokenStatus.VALID
    assert token.status(T0 + timedelta(minutes=59, seconds=59)) is TokenStatus.VALID
    assert token.status(T0 + timedelta(hours=1)) is TokenStatus.EXPIRED
    assert token.status(T0 + timedelta(days=3)) is TokenStatus.EXPIRED
    assert Token("forever").status(T0 + timedelta(days=10_000)) is TokenStatus.VALID


def test_revoked_wins_over_expiry() -> None:
    token = Token("t", expires_at=T0, revoked=True)
    assert token.status(T0 - timedelta(days=1)) is TokenStatus.REVOKED
    assert token.status(T0 + timedelta(days=1)) is TokenStatus.REVOKED


def test_store_check_known_and_unknown() -> None:
    store = TokenStore()
    store.issue(Token("good", label="ShipStation"))
    status, token = store.check("good", T0)
    assert status is TokenStatus.VALID
    assert token is not None
    assert token.label == "ShipStation"
    assert store.check("bad", T0) == (TokenStatus.UNKNOWN, None)
    assert store.check(None, T0) == (TokenStatus.UNKNOWN, None)
    assert store.check("", T0) == (TokenStatus.UNKNOWN, None)


def test_store_issue_replaces_a_token_with_the_same_value() -> None:
    store = TokenStore()
    store.issue(Token("t", label="old"))
    store.issue(Token("t", label="new"))
    assert [t.label for t in store.all()] == ["new"]


def test_store_lists_tokens_in_the_order_issued() -> None:
    store = TokenStore()
    for value in ("c", "a", "b"):
        store.issue(Token(value))
    assert [t.value for t in store.all()] == ["c", "a", "b"]


def test_expire_makes_a_token_expired_from_now() -> None:
    store = TokenStore()
    store.issue(Token("t"))
    store.expire("t", T0)
    assert store.check("t", T0 - timedelta(seconds=1))[0] is TokenStatus.VALID
    assert store.check("t", T0)[0] is TokenStatus.EXPIRED


def test_renew_gives_a_new_expiry_and_lifts_revocation() -> None:
    store = TokenStore()
    store.issue(Token("t", expires_at=T0))
    store.revoke("t")
    assert store.check("t", T0 - timedelta(hours=1))[0] is TokenStatus.REVOKED
    store.renew("t", T0 + timedelta(days=1))
    assert store.check("t", T0 + timedelta(hours=23))[0] is TokenStatus.VALID
    assert store.check("t", T0 + timedelta(days=1))[0] is TokenStatus.EXPIRED
    store.renew("t", None)
    assert store.check("t", T0 + timedelta(days=365))[0] is TokenStatus.VALID


def test_revoke_keeps_the_token_known() -> None:
    store = TokenStore()
    store.issue(Token("t"))
    store.revoke("t")
    status, token = store.check("t", T0)
    assert status is TokenStatus.REVOKED
    assert token is not None


@pytest.mark.parametrize("action", ["expire", "renew", "revoke"])
def test_lifecycle_of_an_unknown_token_raises_key_error(action: str) -> None:
    store = TokenStore()
    with pytest.raises(KeyError):
        if action == "expire":
            store.expire("ghost", T0)
        elif action == "renew":
            store.renew("ghost", None)
        else:
            store.revoke("ghost")


def test_token_json() -> None:
    token = Token("t", "label", T0, quota={"limit": 5.0}, extra={"region": "Europe"})
    assert token.to_json(T0 - timedelta(seconds=1)) == {
        "token": "t",
        "label": "label",
        "expires_at": "2026-03-10T12:00:00+00:00",
        "revoked": False,
        "status": "valid",
        "quota": {"limit": 5.0},
        "region": "Europe",
    }
    assert token.to_json(T0)["status"] == "expired"
