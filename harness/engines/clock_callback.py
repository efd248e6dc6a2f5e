"""The clock an engine service calls back: ``GET`` reads the virtual now, ``POST {"sleep": s}``
lets ``s`` seconds pass on it (a retry's wait), answering the new now.

chansim serves one on a loopback port for each scenario it runs through ``--engine-url`` and
hands its URL to the engine in every call (``clock_url``).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from harness.engine.clock import EngineClock

#: The longest wait one callback may ask for (a day): more is a bug in the engine.
MAX_SLEEP = 86_400.0


class ClockCallback:
    """A running clock endpoint for ``clock``; ``url`` while started."""

    def __init__(self, clock: EngineClock, host: str = "127.0.0.1") -> None:
        self.clock = clock
        self.server = ThreadingHTTPServer((host, 0), _handler(clock))
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()

    @property
    def url(self) -> str:
        """Where the engine calls back."""
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/clock"

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _handler(clock: EngineClock) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: every answer has a Content-Length
        disable_nagle_algorithm = True  # headers and body are written apart

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the run's report is the output."""

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path != "/clock":
                self._answer(404, {"detail": "the clock is at /clock"})
                return
            self._answer(200, {"now": clock.now().isoformat()})

        def do_POST(self) -> None:
            if self.path != "/clock":
                self._answer(404, {"detail": "the clock is at /clock"})
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                wait = body["sleep"]
                if isinstance(wait, bool) or not isinstance(wait, int | float):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                self._answer(400, {"detail": 'expected {"sleep": seconds} (a number)'})
                return
            if not 0 <= wait <= MAX_SLEEP:
                self._answer(400, {"detail": f"sleep: from 0 to {MAX_SLEEP:g} seconds"})
                return
            clock.sleep(float(wait))
            self._answer(200, {"now": clock.now().isoformat()})

    return Handler
