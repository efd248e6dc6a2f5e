"""Credentials hidden wherever the journal shows a request: headers, query, JSON and XML bodies.

A channel names its secret headers (``authorization``) and its secret fields (a query
parameter, a JSON key or an XML element carrying a password or key, such as Custom Store's
``SS-Password`` or a SOAP ``accessKey``). The journal keeps what it received and masks on the
way out, keeping the last 4 characters so entries stay traceable.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode


def mask_secret(value: str) -> str:
    """Hide a credential but keep its scheme and last 4 characters, so entries stay traceable."""
    scheme, _, secret = value.rpartition(" ")
    tail = secret[-4:] if len(secret) > 8 else ""
    return f"{scheme + ' ' if scheme else ''}****{tail}"


def scrub_headers(
    headers: Iterable[tuple[str, str]], secret: frozenset[str] = frozenset({"authorization"})
) -> dict[str, str]:
    """Lower-case header names and mask the ``secret`` ones (lower-case names).

    Names and values are interned: a full journal repeats the same few headers thousands of
    times, and shared strings keep it small (interned strings are freed once unused).
    """
    return {
        sys.intern(name): sys.intern(mask_secret(value) if name in secret else value)
        for name, value in ((n.lower(), v) for n, v in headers)
    }


def mask_query(query: str, fields: frozenset[str]) -> str:
    """A query string with the values of ``fields`` masked."""
    if not fields or not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(name in fields for name, _ in pairs):
        return query
    return urlencode([(k, mask_secret(v) if k in fields else v) for k, v in pairs])


def mask_json(value: Any, fields: frozenset[str]) -> Any:
    """A parsed JSON value with the values of keys in ``fields`` masked, at any depth."""
    if isinstance(value, dict):
        return {
            k: mask_secret(str(v)) if k in fields and v is not None else mask_json(v, fields)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [mask_json(v, fields) for v in value]
    return value


def mask_text(text: str, fields: frozenset[str]) -> str:
    """XML or JSON as text (indented, or cut short) with the values of ``fields`` masked:
    ``<ns:accessKey>…</ns:accessKey>`` and ``"apiKey": "…"``."""
    for name in fields:
        quoted = re.escape(name)
        text = re.sub(
            rf"(<(?:[\w.-]+:)?{quoted}\b[^>]*>)([^<]*)",
            lambda m: m.group(1) + (mask_secret(m.group(2)) if m.group(2).strip() else ""),
            text,
        )
        text = re.sub(
            rf'("{quoted}"\s*:\s*")([^"]*)',
            lambda m: m.group(1) + mask_secret(m.group(2)),
            text,
        )
    return text
