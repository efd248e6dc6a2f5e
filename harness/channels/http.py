"""HTTP for adapters: one ``requests`` session, retries with backoff on the engine's clock.

A 429 or 5xx answer, a dropped connection or an unreadable body is retried: after the
``Retry-After`` the channel asked for when it gave one, else after an exponential backoff.
Waiting goes through the ``sleep`` the engine passes in, so in a scenario the virtual clock
moves instead of the test sleeping. What still fails after the last attempt is raised as
:class:`HttpFailure` for the adapter to explain in the channel's terms.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests

from harness.engine.errors import ChannelProblem

T = TypeVar("T")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Methods safe to send again after a success whose body could not be read.
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def session_for(url: str) -> requests.Session:
    """A session to talk to ``url``. For a simulator or engine on this machine (a loopback
    host) the environment's proxies and ``.netrc`` are not read: a proxy out of this
    machine would not reach it, and requests would otherwise read them again on every
    request (a fifth of what a short scenario's calls cost)."""
    session = requests.Session()
    session.trust_env = trusts_environment(url)
    return session


def trusts_environment(url: str) -> bool:
    """Whether a session to ``url`` reads the environment's proxies and ``.netrc`` (not for
    a loopback host: see :func:`session_for`)."""
    return not is_loopback(urlsplit(url).hostname or "")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine's loopback."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry: ``attempts`` in all, backoff doubling from ``base``
    seconds up to ``cap``; a ``Retry-After`` longer than ``longest_wait`` is not waited for."""

    attempts: int = 5
    base: float = 2.0
    cap: float = 60.0
    longest_wait: float = 300.0

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        return float(min(self.cap, self.base * 2 ** (attempt - 1)))


class HttpFailure(Exception):
    """The channel did not give a usable answer, even after retrying."""

    def __init__(
        self,
        kind: str,
        detail: str,
        *,
        status: int | None = None,
        body: str = "",
        headers: Mapping[str, str] | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(detail)
        #: ``status`` (an HTTP error answer), ``unreachable`` or ``unreadable``.
        self.kind = kind
        self.detail = detail
        self.status = status
        self.body = body
        self.headers = requests.structures.CaseInsensitiveDict(headers or {})
        self.attempts = attempts

    def unusable(
        self, channel: str, tries: str, *, next_step: str = "import", detail: str = ""
    ) -> ChannelProblem:
        """The problem of a channel that gave no usable answer (no answer, a body that cannot
        be read, a server error): the store waits, and the next ``next_step`` retries."""
        return ChannelProblem(
            "unreadable" if self.kind == "unreadable" else "unavailable",
            f"{channel} did not answer usably ({detail or self.detail}{tries}) — the next "
            f"{next_step} retries",
            status=self.status,
        )

    def json(self) -> Any:
        """The error body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


#: Called before each wait: (attempt that failed, seconds to wait, why).
RetryHook = Callable[[int, float, str], None]


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date (read against ``now``)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" and zone-less dates are UTC (RFC 9110: HTTP dates are GMT)
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class Http:
    """Sends requests for one adapter; retries what is worth retrying."""

    def __init__(
        self,
        *,
        sleep: Callable[[float], None],
        now: Callable[[], datetime],
        policy: RetryPolicy | None = None,
        session: requests.Session | None = None,
        timeout: float = 30.0,
        on_retry: RetryHook | None = None,
    ) -> None:
        self.sleep = sleep
        self.now = now
        self.policy = policy or RetryPolicy()
        self.session = session or requests.Session()
        self.timeout = timeout
        self.on_retry = on_retry

    def send(
        self,
        method: str,
        url: str,
        *,
        retry_when: Callable[[requests.Response], bool] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        """Send and return a 2xx response undecoded (XML, text, empty: the adapter decodes it);
        raise :class:`HttpFailure` for anything else, after the retries.

        ``retry_when(response)`` may veto retrying a 429/5xx answer that would fail the same
        way again (a SOAP fault the client caused comes with HTTP 500).
        """
        return self._retrying(
            lambda attempt: self._once(method, url, attempt, retry_when, **kwargs)
        )

    def read(
        self,
        method: str,
        url: str,
        decode: Callable[[requests.Response], T],
        *,
        retry_when: Callable[[requests.Response], bool] | None = None,
        **kwargs: Any,
    ) -> T:
        """Send and return ``decode(response)`` of the 2xx answer; ``decode`` raising
        ValueError means the body cannot be read, and the request is sent again like a dropped
        answer (only for requests the channel applies once however often they come)."""

        def attempt_read(attempt: int) -> T:
            response = self._once(method, url, attempt, retry_when, **kwargs)
            try:
                return decode(response)
            except ValueError as exc:
                failure = HttpFailure(
                    "unreadable",
                    f"HTTP {response.status_code} with a body that cannot be read ({exc})",
                    status=response.status_code,
                    body=response.text[:500],
                    attempts=attempt,
                )
                raise _Retryable(failure) from None

        return self._retrying(attempt_read)

    def json(self, method: str, url: str, **kwargs: Any) -> Any:
        """Send and return the JSON body of a 2xx answer; raise :class:`HttpFailure`.

        An unreadable body is retried like a dropped answer, except after a write (POST,
        PATCH) answered 2xx: it was applied, and sending it again would apply it twice, so
        None is returned and the adapter checks what happened.
        """

        def attempt_json(attempt: int) -> Any:
            response = self._once(method, url, attempt, None, **kwargs)
            try:
                return response.json()
            except ValueError:
                if method.upper() not in IDEMPOTENT:
                    return None
                detail = f"HTTP {response.status_code} with a body that is not JSON"
                failure = HttpFailure(
                    "unreadable",
                    detail,
                    status=response.status_code,
                    body=response.text[:500],
                    attempts=attempt,
                )
                raise _Retryable(failure) from None

        return self._retrying(attempt_json)

    def _retrying(self, once: Callable[[int], T]) -> T:
        attempt = 0
        while True:
            attempt += 1
            try:
                return once(attempt)
            except _Retryable as retry:
                failure = retry.failure
                wait = retry.wait if retry.wait is not None else self.policy.backoff(attempt)
                if attempt >= self.policy.attempts or wait > self.policy.longest_wait:
                    raise failure from None
                if self.on_retry is not None:
                    self.on_retry(attempt, wait, failure.detail)
                self.sleep(wait)

    def _once(
        self,
        method: str,
        url: str,
        attempt: int,
        retry_when: Callable[[requests.Response], bool] | None,
        **kwargs: Any,
    ) -> requests.Response:
        try:
            response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            # the path only: a host and port would make reports differ from run to run
            reason = f"{type(exc).__name__} on {urlsplit(url).path}"
            raise _Retryable(HttpFailure("unreachable", reason, attempts=attempt)) from None
        if response.status_code in RETRY_STATUSES or not response.ok:
            failure = HttpFailure(
                "status",
                f"HTTP {response.status_code}",
                status=response.status_code,
                body=response.text,
                headers=response.headers,
                attempts=attempt,
            )
            if response.status_code not in RETRY_STATUSES or (
                retry_when is not None and not retry_when(response)
            ):
                raise failure
            wait = retry_after_seconds(response.headers.get("Retry-After"), self.now())
            raise _Retryable(failure, wait)
        return response


class _Retryable(Exception):
    def __init__(self, failure: HttpFailure, wait: float | None = None) -> None:
        super().__init__(failure.detail)
        self.failure = failure
        self.wait = wait
