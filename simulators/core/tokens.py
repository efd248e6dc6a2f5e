"""Credentials with a lifecycle on the virtual clock: issue, expire, renew, revoke.

A channel decides what a credential *is* (a Back Market token, an API user and key, a merchant
id and access key) and how a refusal looks; this store only knows whether a credential is known,
expired or revoked at a given instant.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any


class TokenStatus(Enum):
    """The verdict on a credential at an instant."""

    VALID = "valid"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass
class Token:
    """A credential the simulator accepts, with optional expiry and request quota."""

    value: str
    label: str = ""
    expires_at: datetime | None = None
    revoked: bool = False
    quota: dict[str, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def status(self, now: datetime) -> TokenStatus:
        """Valid, expired or revoked at ``now``."""
        if self.revoked:
            return TokenStatus.REVOKED
        if self.expires_at is not None and now >= self.expires_at:
            return TokenStatus.EXPIRED
        return TokenStatus.VALID

    def to_json(self, now: datetime) -> dict[str, Any]:
        """A JSON-able view for the admin API."""
        return {
            "token": self.value,
            "label": self.label,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "revoked": self.revoked,
            "status": self.status(now).value,
            "quota": self.quota,
            **self.extra,
        }


class TokenStore:
    """The credentials of one simulator."""

    def __init__(self) -> None:
        self._tokens: dict[str, Token] = {}
        self._lock = threading.Lock()

    def issue(self, token: Token) -> Token:
        """Add or replace a credential."""
        with self._lock:
            self._tokens[token.value] = token
        return token

    def get(self, value: str) -> Token | None:
        """The credential with this value, if known."""
        return self._tokens.get(value)

    def check(self, value: str | None, now: datetime) -> tuple[TokenStatus, Token | None]:
        """The verdict on ``value`` at ``now``, and the token when it is known."""
        token = self._tokens.get(value) if value else None
        if token is None:
            return TokenStatus.UNKNOWN, None
        return token.status(now), token

    def expire(self, value: str, now: datetime) -> Token:
        """Make a credential expire at ``now``; KeyError when unknown."""
        with self._lock:
            token = self._tokens[value]
            token.expires_at = now
        return token

    def renew(self, value: str, expires_at: datetime | None) -> Token:
        """Give a credential a new expiry (None: never) and lift a revocation."""
        with self._lock:
            token = self._tokens[value]
            token.expires_at = expires_at
            token.revoked = False
        return token

    def revoke(self, value: str) -> Token:
        """Revoke a credential for good (it stays known, so refusals can say why)."""
        with self._lock:
            token = self._tokens[value]
            token.revoked = True
        return token

    def all(self) -> list[Token]:
        """Every credential, in the order issued."""
        return list(self._tokens.values())
