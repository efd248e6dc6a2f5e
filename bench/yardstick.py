"""The yardstick: a plain Flask app answering one static JSON document (``python -m
bench.yardstick PORT`` serves it with werkzeug's threaded server until killed)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

BODY = b'{"count": 1, "next": null, "previous": null, "results": [{"order_id": 1}]}'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def flask_server() -> Iterator[tuple[str, int]]:
    """The static Flask app in its own process; yields its root URL and its pid."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.yardstick", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.01)
        else:
            raise SystemExit("the Flask yardstick did not start")
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    from flask import Flask, Response

    app = Flask("yardstick")

    @app.route("/", defaults={"path": ""}, methods=["GET", "POST", "PUT"])
    @app.route("/<path:path>", methods=["GET", "POST", "PUT"])
    def answer(path: str) -> Response:
        return Response(BODY, mimetype="application/json")

    app.run("127.0.0.1", int(sys.argv[1]), threaded=True)


if __name__ == "__main__":
    main()
