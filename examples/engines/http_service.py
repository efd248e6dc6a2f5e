"""A small engine service speaking chansim's engine protocol (``specs/engine/openapi.yaml``).

It serves any Python engine factory over HTTP, with the standard library only::

    python -m examples.engines.http_service examples.engines.naive:factory --port 8300
    chansim run --engine-url http://127.0.0.1:8300 scenarios/

A team writing its engine in another language implements the same few routes. Time: each
call brings the virtual ``now``; the engine reads it, and waits by calling ``clock_url``
(``POST {"sleep": seconds}``), so it runs every scenario (capability ``virtual_clock``).
"""

from __future__ import annotations

import argparse
import json
import re
import threading
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import requests
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from harness.engines.interface import (
    ConnectionForm,
    EngineFactory,
    EngineRefused,
    PlatformEngine,
)
from harness.engines.loading import load_factory

SPEC = Path(__file__).resolve().parents[2] / "specs" / "engine" / "openapi.yaml"

_ACTIONS = "/connect|/connection|/reconnect|/refresh"
_ROUTE = re.compile(rf"^/sessions/([^/]+)(?:/stores/([^/]+)({_ACTIONS})?)?$")
_ORDER = re.compile(r"^/sessions/([^/]+)/stores/([^/]+)/orders/([^/]+)/(ship|edit)$")


def _body_checkers() -> dict[str, Draft202012Validator]:
    """A validator of each POST body, by the route's last segment, from the protocol's spec."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    checkers = {}
    for path, item in spec["paths"].items():
        if "post" in item:
            schema = item["post"]["requestBody"]["content"]["application/json"]["schema"]
            root = {"allOf": [schema], "components": spec["components"]}
            checkers[path.rsplit("/", 1)[-1]] = Draft202012Validator(
                root, format_checker=FormatChecker()
            )
    return checkers


def _is_instant(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


class CallClock:
    """The engine's clock inside one call: the call's ``now``; sleeping asks chansim."""

    def __init__(self) -> None:
        self.current = datetime.fromisoformat("2000-01-01T00:00:00+00:00")
        self.url: str | None = None

    def start_call(self, body: dict[str, Any]) -> None:
        """A new call: its ``now`` and clock URL."""
        self.current = datetime.fromisoformat(body["now"])
        self.url = body.get("clock_url")

    def now(self) -> datetime:
        """The virtual now."""
        return self.current

    def sleep(self, seconds: float) -> None:
        """Let ``seconds`` pass on chansim's clock."""
        if self.url is None:
            raise RuntimeError("this call brought no clock_url to wait on")
        answer = requests.post(self.url, json={"sleep": seconds}, timeout=30)
        answer.raise_for_status()
        self.current = datetime.fromisoformat(answer.json()["now"])


class Sessions:
    """One engine per session (one scenario of one run), each on its own clock."""

    def __init__(self, factory: EngineFactory) -> None:
        self.factory = factory
        self.engines: dict[str, tuple[PlatformEngine, CallClock]] = {}
        self.lock = threading.Lock()
        self.count = 0

    def open(self) -> str:
        """A new session's id."""
        with self.lock:
            self.count += 1
            ident = f"s{self.count}"
            clock = CallClock()
            self.engines[ident] = (self.factory(clock), clock)
        return ident

    def close(self, ident: str) -> None:
        """Forget a session."""
        engine, _ = self.engines.pop(ident)
        engine.close()


def _call(engine: PlatformEngine, store: str, action: str, body: dict[str, Any]) -> Any:
    """One store call on the engine; what to answer (None: 204)."""
    if action == "/connect":
        engine.connect(store, ConnectionForm(**body["form"]))
        return None
    if action == "/connection":
        engine.edit_connection(store, body["changes"])
        return None
    if action == "/reconnect":
        engine.reconnect(store, body["credentials"])
        return None
    done = engine.refresh(store)
    return {
        "new": list(done.new),
        "updated": list(done.updated),
        "skipped": list(done.skipped),
        "problem": done.problem,
    }


def _act(
    engine: PlatformEngine,
    clock: CallClock,
    body: dict[str, Any],
    order: re.Match[str] | None,
    route: re.Match[str] | None,
) -> tuple[int, Any]:
    """A POST on a store or an order: the status and body to answer."""
    clock.start_call(body)
    if order is not None:
        store, number = unquote(order[2]), unquote(order[3])
        if order[4] == "ship":
            return 200, {"accepted": engine.ship(store, number, body["shipment"])}
        engine.edit(store, number, body["changes"])
        return 204, None
    assert route is not None
    answer = _call(engine, unquote(route[2]), route[3], body)
    return (204, None) if answer is None else (200, answer)


def handler(sessions: Sessions, name: str) -> type[BaseHTTPRequestHandler]:
    """The request handler of a service over ``sessions``."""
    checkers = _body_checkers()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: every answer has a Content-Length
        disable_nagle_algorithm = True  # headers and body are written apart

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

        def _answer(self, status: int, body: Any = None) -> None:
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            if body is not None:
                kind = "application/problem+json" if status >= 400 else "application/json"
                self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _problem(self, status: int, detail: str) -> None:
            self._answer(status, {"title": "refused", "status": status, "detail": detail})

        def _engine(self, ident: str) -> tuple[PlatformEngine, CallClock] | None:
            found = sessions.engines.get(unquote(ident))
            if found is None:
                self._problem(404, f"no session {unquote(ident)!r} (open one: POST /sessions)")
            return found

        def _drain(self) -> None:
            """Read a body no route takes, so the kept-alive connection stays in step."""
            try:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
            except ValueError:
                self.close_connection = True

        def _not_allowed(self) -> None:
            self._drain()
            self._problem(405, f"{self.command} is not a method of the engine protocol")

        def __getattr__(self, name: str) -> Any:
            """Any other method (PUT, TRACE, QUERY...) is refused with a 405 problem."""
            if name.startswith("do_"):
                return self._not_allowed
            raise AttributeError(name)

        def do_GET(self) -> None:
            self._drain()
            if self.path == "/engine":
                self._answer(200, {"name": name, "capabilities": ["virtual_clock"]})
                return
            route = _ROUTE.match(self.path)
            if route is None or route[2] is None or route[3] is not None:
                self._problem(404, f"no route GET {self.path}")
                return
            found = self._engine(route[1])
            if found is not None:
                self._guard(lambda: self._answer(200, found[0].view(unquote(route[2])).plain()))

        def do_DELETE(self) -> None:
            self._drain()
            route = _ROUTE.match(self.path)
            if route is None or route[2] is not None:
                self._problem(404, f"no route DELETE {self.path}")
                return
            if self._engine(route[1]) is not None:
                sessions.close(unquote(route[1]))
                self._answer(204)

        def do_POST(self) -> None:
            try:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
            except ValueError:
                self.close_connection = True
                self._problem(400, "the body is not JSON")
                return
            checker = checkers.get(self.path.rsplit("/", 1)[-1])
            if checker is None:
                self._problem(404, f"no route POST {self.path}")
                return
            error = next(iter(checker.iter_errors(body)), None)
            if error is not None:
                where = "/".join(map(str, error.absolute_path)) or "the body"
                self._problem(400, f"{where}: {error.message}")
                return
            if not _is_instant(body["now"]):
                self._problem(400, f"now: not an ISO 8601 instant with an offset: {body['now']!r}")
                return
            if self.path == "/sessions":
                self._answer(201, {"id": sessions.open()})
                return
            order, route = _ORDER.match(self.path), _ROUTE.match(self.path)
            if order is None and (route is None or route[3] is None):
                self._problem(404, f"no route POST {self.path}")
                return
            found = self._engine(order[1] if order else route[1])  # type: ignore[index]
            if found is not None:
                self._guard(lambda: self._answer(*_act(*found, body, order, route)))

        def _guard(self, act: Callable[[], Any]) -> None:
            """Run ``act``; a refusal is a 422 problem, a malformed body a 400."""
            try:
                act()
            except EngineRefused as exc:
                self._problem(422, str(exc))
            except (KeyError, TypeError, ValueError) as exc:
                self._problem(400, f"malformed request: {type(exc).__name__}: {exc}")

    return Handler


def serve(factory: EngineFactory, name: str, host: str, port: int) -> ThreadingHTTPServer:
    """A server (not yet serving) of the engine from ``factory``."""
    return ThreadingHTTPServer((host, port), handler(Sessions(factory), name))


def main(argv: list[str] | None = None) -> None:
    """``python -m examples.engines.http_service MODULE:FACTORY [--host H] [--port P]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factory", help="package.module:factory of the engine to serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8300)
    args = parser.parse_args(argv)
    server = serve(load_factory(args.factory), args.factory, args.host, args.port)
    host, port = server.server_address[:2]
    print(f"engine {args.factory} at http://{host!s}:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
