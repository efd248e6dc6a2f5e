"""Run simulators on real loopback ports: one event loop in a background thread, one uvicorn
server per channel, sockets bound before anything starts (so a busy port fails at once and
port 0 gives a free one).
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Self

import uvicorn

from simulators.core.app import build_app
from simulators.core.clock import Clock
from simulators.core.context import SimContext
from simulators.core.middleware import ChannelShell
from simulators.core.namespaces import Namespace, NamespaceBook, NamespaceLimits
from simulators.core.registry import ChannelEntry
from simulators.core.uvicorn_server import PromptServer


def _new_loop() -> asyncio.AbstractEventLoop:
    """uvloop when installed (uvicorn's "standard" extra brings it), else asyncio's loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    loop: asyncio.AbstractEventLoop = uvloop.new_event_loop()
    return loop


class ServerError(RuntimeError):
    """A simulator could not start (port taken, unsupported protocol, start timeout)."""


@dataclass
class ChannelOptions:
    """How to start one channel: seed, starting state, clock view, port."""

    seed: int = 0
    state: str = "demo"
    state_params: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    timezone: str = "UTC"
    skew: timedelta | str = "PT0S"
    port: int | None = None
    journal_size: int = 5_000
    validate_responses: bool = False
    #: Generate data relative to this instant (default: the clock's now at start).
    epoch: datetime | None = None


@dataclass
class RunningChannel:
    """A started simulator: its context (state, journal, ...) and where it listens."""

    ctx: SimContext
    host: str
    port: int

    @property
    def base_url(self) -> str:
        """``http://host:port``."""
        return f"http://{self.host}:{self.port}"


def _bind(host: str, port: int, name: str) -> socket.socket:
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose proto says
    # TCP, and without it every response pays Nagle + delayed ACK (~40 ms).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServerError(f"{name}: cannot listen on {host}:{port} ({exc.strerror})") from exc
    sock.listen(128)
    sock.setblocking(False)
    return sock


class SimulatorGroup:
    """Several simulators served from one background thread; use as a context manager."""

    def __init__(
        self,
        entries: Iterable[ChannelEntry],
        *,
        clock: Clock | None = None,
        host: str = "127.0.0.1",
        options: Mapping[str, ChannelOptions] | None = None,
        default_port: bool = True,
        limits: NamespaceLimits | None = None,
        control_token: str | None = None,
    ) -> None:
        self.clock = clock or Clock()
        self.host = host
        self.channels: dict[str, RunningChannel] = {}
        self._servers: list[tuple[PromptServer, socket.socket]] = []
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        entries = list(entries)
        self._entries = {e.name: e for e in entries}
        self._options = dict(options or {})
        #: The process's namespaces (``namespaces.py``), reached through every channel's port.
        self.namespaces = NamespaceBook(
            [e.name for e in entries], self._namespace_shell, limits=limits, token=control_token
        )
        for entry in entries:
            opts = self._options.get(entry.name, ChannelOptions())
            ctx = self._context(entry, opts, self.clock, opts.journal_size)
            app = build_app(ctx, validate_responses=opts.validate_responses, book=self.namespaces)
            port = opts.port if opts.port is not None else (entry.port if default_port else 0)
            sock = _bind(host, port, entry.name)
            config = uvicorn.Config(
                app,
                lifespan="off",
                access_log=False,
                log_level="warning",
                http="httptools",
                # No channel speaks WebSocket: an upgrade request is answered as the plain
                # HTTP request it also is (through the shell, like any other), and uvicorn
                # need not load a WebSocket library at start-up (~20 ms).
                ws="none",
                timeout_keep_alive=30,
                server_header=False,  # a channel's own server header (e.g. a WAF's) stands alone
            )
            self._servers.append((PromptServer(config), sock))
            self.channels[entry.name] = RunningChannel(ctx, host, sock.getsockname()[1])
            self.namespaces.ports[entry.name] = sock.getsockname()[1]

    @staticmethod
    def _context(
        entry: ChannelEntry, opts: ChannelOptions, clock: Clock, journal_size: int
    ) -> SimContext:
        return SimContext(
            entry,
            clock=clock,
            seed=opts.seed,
            state=opts.state,
            state_params=opts.state_params,
            settings=opts.settings,
            timezone=opts.timezone,
            skew=opts.skew,
            journal_size=journal_size,
            epoch=opts.epoch,
        )

    def _namespace_shell(self, name: str, namespace: Namespace) -> ChannelShell:
        """The simulator of channel ``name`` in a new namespace: the same registry line and
        options as the default one, on the namespace's clock."""
        opts = self._options.get(name, ChannelOptions())
        ctx = self._context(self._entries[name], opts, namespace.clock, namespace.journal_size)
        return build_app(
            ctx,
            validate_responses=opts.validate_responses,
            book=self.namespaces,
            namespace=namespace,
        )

    def start(self, timeout: float = 10.0) -> Self:
        """Start serving; returns once every server accepts connections."""
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = _new_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)

            async def serve_all() -> None:
                tasks = [
                    asyncio.ensure_future(server.serve(sockets=[sock]))
                    for server, sock in self._servers
                ]
                while not all(server.started for server, _ in self._servers):
                    if any(t.done() for t in tasks):
                        break
                    await asyncio.sleep(0.005)
                ready.set()
                await asyncio.gather(*tasks)

            try:
                loop.run_until_complete(serve_all())
            except BaseException as exc:  # noqa: BLE001 - reported to the starting thread
                failure.append(exc)
                ready.set()
            finally:
                loop.close()

        self._thread = threading.Thread(target=run, name="chansim-simulators", daemon=True)
        self._thread.start()
        if not ready.wait(timeout) or failure:
            self.stop()
            raise ServerError(f"simulators did not start: {failure[0] if failure else 'timeout'}")
        if not all(server.started for server, _ in self._servers):
            self.stop()
            raise ServerError("a simulator stopped while starting (see the log above)")
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop every server and wait for the thread."""
        for server, _ in self._servers:
            server.should_exit = True
            server.wake()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        for _, sock in self._servers:
            sock.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
