"""Keep credentials out of every report: each secret (and each header built from one) is
replaced by ``****`` in any text before it is shown or written."""

from __future__ import annotations

import base64
from collections.abc import Iterable


class Redactor:
    """The secrets of one run, and the function that hides them."""

    #: Shorter values (a region code, a flag) are not secrets and would mangle text.
    MIN_LENGTH = 4

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str) -> None:
        """Hide ``secret`` and its base64 form (HTTP Basic carries it so)."""
        if len(secret) >= self.MIN_LENGTH:
            self._secrets.add(secret)
            self._secrets.add(base64.b64encode(secret.encode()).decode())

    def __call__(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, "****")
        return text
