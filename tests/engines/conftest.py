"""Fixtures for engines under test: the example HTTP engine service, served in this process."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from examples.engines.http_service import serve
from examples.engines.naive import factory as naive_factory


@pytest.fixture(scope="module")
def naive_service() -> Iterator[str]:
    """The example HTTP engine (the naive engine over the engine protocol); its URL."""
    server = serve(naive_factory, "naive", "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
