"""Load generators: ``wrk`` (Debian's package, written in C, so it takes little CPU
from the server on a small machine) and a Python fallback (threads, each with its own
keep-alive ``http.client`` connection) for machines where wrk cannot be installed.

Both keep ``concurrency`` requests in flight for ``duration`` seconds, cycle through
the given paths, and report requests per second and latency percentiles."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Measurement:
    name: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    # Connection errors, timeouts and answers other than 200.
    errors: int
    tool: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def find_wrk(install: bool = True) -> str | None:
    """The wrk binary; as root on Debian, install it from the distribution first."""
    found = shutil.which("wrk")
    if found or not install:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        installed = subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        if installed.returncode != 0:  # the package lists may be missing: update once
            subprocess.run(["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return shutil.which("wrk")


# Cycles through the paths; prints one machine-readable line at the end.
_WRK_SCRIPT = """
local paths = {%(paths)s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(95)))
end
"""


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(
    wrk: str, name: str, base_url: str, paths: list[str], *, concurrency: int, duration: float,
    threads: int = 2,
) -> Measurement:
    script = _WRK_SCRIPT % {"paths": ", ".join(_lua_string(p) for p in paths)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        completed = subprocess.run(
            [wrk, f"-t{threads}", f"-c{concurrency}", f"-d{max(1, round(duration))}s",
             "--timeout", "10s", "-s", handle.name, base_url],
            capture_output=True, text=True, check=True,
        )
    finally:
        os.unlink(handle.name)
    line = next(x for x in completed.stdout.splitlines() if x.startswith("BENCH "))
    requests, duration_us, errors, p50_us, p95_us = (int(v) for v in line.split()[1:])
    return Measurement(name, requests, duration_us / 1e6, p50_us / 1000, p95_us / 1000,
                       errors, "wrk")


def _percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def run_python(
    name: str, base_url: str, paths: list[str], *, concurrency: int, duration: float
) -> Measurement:
    parts = urlsplit(base_url)
    deadline = time.perf_counter() + duration
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency

    def client(slot: int) -> None:
        # http.client reopens the connection by itself when the server closes it.
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        n = slot
        while time.perf_counter() < deadline:
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            latencies[slot].append(time.perf_counter() - started)
            if not ok:
                errors[slot] += 1
        connection.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    values = sorted(v for per_client in latencies for v in per_client)
    return Measurement(name, len(values), elapsed, _percentile(values, 0.5) * 1000,
                       _percentile(values, 0.95) * 1000, sum(errors), "python")
