"""The adapters' HTTP client: Retry-After read as seconds or an HTTP date, and a channel it
cannot reach named by its path, never its host and port."""

from __future__ import annotations

import http.server
import threading
from datetime import UTC, datetime
from typing import Any

import pytest

from harness.channels.http import (
    Http,
    HttpFailure,
    RetryPolicy,
    retry_after_seconds,
    session_for,
)
from harness.engine.engine import Engine
from harness.runner.worlds.control import ChannelControl
from tests.harness.conftest import connect

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("30", 30.0),
        (" 30 ", 30.0),
        ("Tue, 10 Mar 2026 12:00:45 -0000", 45.0),
        ("Tue, 10 Mar 2026 12:01:00 GMT", 60.0),
        ("Tue, 10 Mar 2026 13:00:00 +0100", 0.0),  # 12:00 UTC: now
        ("Tue, 10 Mar 2026 12:00:30", 30.0),  # no zone: UTC
        ("Tue, 10 Mar 2026 11:00:00 GMT", 0.0),  # past: no wait
        ("²", None),
        ("soon", None),
        ("Tue, 10", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_seconds_or_an_http_date_read_as_utc_and_garbage_is_none(
    value: str | None, seconds: float | None
) -> None:
    assert retry_after_seconds(value, NOW) == seconds


def test_an_unreachable_channel_is_named_by_its_path_never_its_host_and_port() -> None:
    http = Http(sleep=lambda _s: None, now=lambda: NOW, policy=RetryPolicy(attempts=1))
    try:
        with pytest.raises(HttpFailure) as raised:
            http.json("GET", "http://127.0.0.1:9/ws/orders?page=2")
    finally:
        http.session.close()

    failure = raised.value
    assert failure.kind == "unreachable"
    assert failure.attempts == 1
    assert "/ws/orders" in failure.detail
    assert "127.0.0.1" not in failure.detail and ":9" not in failure.detail
    assert "page=2" not in failure.detail


def test_environment_proxies_do_not_divert_calls_to_a_local_simulator(
    bm_sim: ChannelControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    local = ChannelControl("backmarket", bm_sim.base_url)
    assert local.clock()["now"]  # reached directly, not through the proxy
    assert not session_for("http://[::1]:8000/").trust_env
    assert not session_for("http://localhost:8000/").trust_env
    assert session_for("https://api.backmarket.fr/ws/orders").trust_env  # the outside: as set


def test_a_store_moved_to_an_outside_host_goes_through_the_environment_s_proxy(
    engine: Engine, bm_sim: ChannelControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    class Proxy(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # a forward proxy is asked for the full URL
            seen.append(self.path)
            self.send_response(502)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return None

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.server_address[1]}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        store = connect(engine, bm_sim)
        engine.refresh(store)  # the local simulator, directly
        assert seen == []
        engine.edit_connection(store, base_url="http://backmarket.example.invalid")
        engine.refresh(store)
        assert seen and seen[0].startswith("http://backmarket.example.invalid/")
    finally:
        proxy.shutdown()
        proxy.server_close()
