"""Adapters that speak XML: ``Http.send`` returns the 2xx response undecoded, with the same
retries as ``Http.json``, and a failure explained in the channel's terms."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harness.channels.http import Http, HttpFailure

XML = b"<?xml version='1.0'?><Orders pages='1'/>"


class _Answers(BaseHTTPRequestHandler):
    #: (status, body) answered in turn; the last one repeats.
    script: list[tuple[int, bytes]] = []
    seen: list[str] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        status, body = self.script[min(len(self.seen), len(self.script)) - 1]
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[_Answers]]]:
    handler = type("Answers", (_Answers,), {"script": [], "seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    httpd.shutdown()
    httpd.server_close()


def _http(waits: list[float]) -> Http:
    return Http(sleep=waits.append, now=lambda: datetime(2026, 3, 10, tzinfo=UTC))


def test_send_returns_an_xml_answer_undecoded(server):
    url, handler = server
    handler.script = [(200, XML)]
    response = _http([]).send("GET", url + "/export")
    assert response.content == XML
    assert response.headers["Content-Type"] == "text/xml"


def test_send_retries_a_503_like_json_does_then_returns_the_answer(server):
    url, handler = server
    handler.script = [(503, b"<error/>"), (200, XML)]
    waits: list[float] = []
    assert _http(waits).send("GET", url + "/export").content == XML
    assert waits == [2.0]
    assert len(handler.seen) == 2


def test_send_raises_the_failure_with_the_body_for_the_adapter_to_explain(server):
    url, handler = server
    handler.script = [(401, b"<error>bad credentials</error>")]
    with pytest.raises(HttpFailure) as failure:
        _http([]).send("GET", url + "/export")
    assert failure.value.status == 401
    assert failure.value.body == "<error>bad credentials</error>"
    assert failure.value.json() is None


def test_json_still_retries_a_read_whose_body_is_not_json(server):
    url, handler = server
    handler.script = [(200, XML), (200, b'{"ok": true}')]
    assert _http([]).json("GET", url + "/orders") == {"ok": True}
