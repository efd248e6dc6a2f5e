"""What every benchmark shares: a served simulator, its control plane, RSS and the load generator.

The load generator is ``wrk`` when installed (one thread, keep-alive connections; a Lua script
cycles over the given requests), else a small Python keep-alive client that shares the cores
with the server and so measures less.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLOCK = "2026-03-10T12:00:00Z"

#: One request: method, path with query, body.
Request = tuple[str, str, bytes | None]


@dataclass(frozen=True)
class Served:
    """A ``chansim serve`` process: its pid, cold start and each channel's server and config."""

    proc: subprocess.Popen[bytes]
    cold_s: float
    config: dict[str, Any]

    def root(self, channel: str) -> str:
        """The channel's server (scheme, host, port), where ``/__sim`` lives too."""
        return "/".join(self.config[channel]["url"].split("/")[:3])

    def rss_mb(self) -> float:
        return rss_mb(self.proc.pid)


@contextmanager
def served(*only: str) -> Iterator[Served]:
    """``chansim serve`` (every channel, or ``--only`` one) until the block ends."""
    chansim = Path(sys.executable).with_name("chansim")
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.json"
        args = [str(chansim), "serve", "--random-ports", "--config-out", str(config)]
        args += ["--clock", CLOCK, *(a for name in only for a in ("--only", name))]
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not config.exists() or not config.read_text():
                if proc.poll() is not None:
                    raise SystemExit("chansim serve exited before it was ready")
                time.sleep(0.002)
            cold = time.perf_counter() - started
            yield Served(proc, cold, json.loads(config.read_text()))
        finally:
            proc.terminate()
            proc.wait(10)


def rss_mb(pid: int) -> float:
    """The process's resident set, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def call(root: str, method: str, path: str, body: bytes | None = None, **headers: str) -> bytes:
    """One request on a new connection; the body of a 2xx answer, else the benchmark stops."""
    host, port = root.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=300)
    conn.request(method, path, body, headers)
    reply = conn.getresponse()
    data = reply.read()
    conn.close()
    if reply.status >= 300:
        raise SystemExit(f"{method} {path}: {reply.status} {data[:300]!r}")
    return data


def admin(root: str, method: str, path: str, body: Any = None) -> Any:
    """A control-plane call (``/__sim``), JSON both ways, with ``$CHANSIM_CONTROL_TOKEN`` when
    set (``chansim serve`` then requires it)."""
    payload = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    if os.environ.get("CHANSIM_CONTROL_TOKEN"):
        headers["Authorization"] = f"Bearer {os.environ['CHANSIM_CONTROL_TOKEN']}"
    data = call(root, method, "/__sim" + path, payload, **headers)
    return json.loads(data) if data else None


@dataclass(frozen=True)
class Figures:
    """Requests/s and latency percentiles (ms) of one load run."""

    rps: float
    p50: float
    p99: float
    errors: int
    total: int
    #: The server process's CPU time per request (user + system), in microseconds: what a
    #: request costs whatever else shares the machine (NaN when the server was not named).
    cpu_us: float = float("nan")

    def __str__(self) -> str:
        bad = f"  non-2xx {self.errors}/{self.total}" if self.errors else ""
        cpu = f"  cpu {self.cpu_us:5.0f} us" if self.cpu_us == self.cpu_us else ""
        return f"{self.rps:8.0f} req/s  p50 {self.p50:6.2f} ms  p99 {self.p99:6.2f} ms{cpu}{bad}"


def generator() -> str:
    """Which load generator :func:`load` uses."""
    return "wrk -t1" if shutil.which("wrk") else "python http.client threads"


def cpu_seconds(pid: int) -> float:
    """The process's CPU time so far (user + system, every thread), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(
    root: str,
    requests: Sequence[Request],
    headers: dict[str, str],
    seconds: int,
    conns: int,
    server_pid: int | None = None,
) -> Figures:
    """Drive ``requests`` in turn (cycling) over ``conns`` keep-alive connections; with the
    server's pid, its CPU time per request too."""
    before = cpu_seconds(server_pid) if server_pid else 0.0
    if shutil.which("wrk"):
        figures = _wrk(root, requests, headers, seconds, conns)
    else:
        figures = _python(root, requests, headers, seconds, conns)
    if server_pid and figures.total:
        used = cpu_seconds(server_pid) - before
        figures = replace(figures, cpu_us=used * 1e6 / figures.total)
    return figures


def _lua_text(text: str) -> str:
    return f"[==[{text}]==]"


def _wrk(
    root: str, requests: Sequence[Request], headers: dict[str, str], seconds: int, conns: int
) -> Figures:
    rows = ",\n".join(
        f"{{{_lua_text(m)}, {_lua_text(p)}, {_lua_text((b or b'').decode())}}}"
        for m, p, b in requests
    )
    table = ", ".join(f"[ {_lua_text(k)} ] = {_lua_text(v)}" for k, v in headers.items())
    script = (
        f"local rows = {{\n{rows}\n}}\nlocal headers = {{{table}}}\nlocal n = 0\n"
        "request = function()\n  n = n % #rows + 1\n  local r = rows[n]\n"
        '  local body = nil\n  if r[3] ~= "" then body = r[3] end\n'
        "  return wrk.format(r[1], r[2], headers, body)\nend\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    try:
        args = ["wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "--latency", "-s", lua.name, root]
        done = subprocess.run(args, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"wrk failed: {done.stdout}{done.stderr}")
        out = done.stdout
    finally:
        os.unlink(lua.name)

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\b", out, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    def number(pattern: str) -> float:
        match = re.search(pattern, out)
        return float(match[1]) if match else 0.0

    return Figures(
        rps=number(r"Requests/sec:\s+([\d.]+)"),
        p50=latency("50"),
        p99=latency("99"),
        errors=int(number(r"Non-2xx or 3xx responses: (\d+)")),
        total=int(number(r"(\d+) requests in")),
    )


def _python(
    root: str, requests: Sequence[Request], headers: dict[str, str], seconds: int, conns: int
) -> Figures:
    host, port = root.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**12))

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(host, int(port))
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < deadline:
            method, path, body = requests[next(counter) % len(requests)]
            t0 = time.perf_counter()
            conn.request(method, path, body, headers)
            reply = conn.getresponse()
            reply.read()
            mine.append((time.perf_counter() - t0) * 1000)
            bad += reply.status >= 300
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker) for _ in range(conns)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    elapsed = time.perf_counter() - started
    return Figures(len(latencies) / elapsed, cuts[49], cuts[98], errors, len(latencies))


def timed(root: str, requests: Sequence[Request], headers: dict[str, str]) -> float:
    """Send ``requests`` one after the other on one connection; the mean ms per request."""
    host, port = root.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=300)
    started = time.perf_counter()
    for method, path, body in requests:
        conn.request(method, path, body, headers)
        reply = conn.getresponse()
        reply.read()
        if reply.status >= 300:
            raise SystemExit(f"{method} {path}: {reply.status}")
    conn.close()
    return (time.perf_counter() - started) * 1000 / max(len(requests), 1)
