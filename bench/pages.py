"""Benchmark of the public pages on PostgreSQL with gunicorn.

    .venv/bin/python bench/pages.py [--rounds 3] [--duration 10] [--concurrency 16] [--workers 4]

Without DATABASE_URL it runs itself under scripts/with_postgres.py (a throwaway
PostgreSQL cluster, removed afterwards). With DATABASE_URL it uses that database,
which must be empty or hold the data of an earlier run of this benchmark.

It generates a region (100 municipalities, 10,000 news items in the search index,
50,000 residents), serves the project with gunicorn (DEBUG off), and measures at 16
concurrent clients the requests per second and latency of a bare Django view, of the
municipality home page and of a search, all from the same server in the same run.
Each page's throughput is printed as a ratio to the bare view's.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
# The aim for each page's throughput relative to the bare view's.
AIM = 0.5
BIN_DIR = Path(sys.executable).parent


def _with_postgres():
    """scripts/with_postgres.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "with_postgres", PROJECT_DIR / "scripts" / "with_postgres.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0,
                        help="seconds of measurement per page in each round (default 10)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds over all pages; medians are reported (default 3)")
    parser.add_argument("--warmup", type=float, default=3.0,
                        help="seconds of unmeasured load per page first (default 3)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per worker (more than 1 selects the gthread worker)")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto",
                        help="load generator: wrk (installed from Debian when root) or "
                             "the Python one; auto prefers wrk")
    parser.add_argument("--page-cache", type=int, default=None, metavar="SECONDS",
                        help="ZEMSTVO_PAGE_CACHE_SECONDS for the server (the anonymous page "
                             "cache); 0 measures every request rendered afresh")
    return parser.parse_args(argv)


def _prepare_environment(var_dir: Path, page_cache: int | None) -> None:
    if page_cache is not None:
        os.environ["ZEMSTVO_PAGE_CACHE_SECONDS"] = str(page_cache)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "ZEMSTVO_PROFILE": "embedded",
        "ZEMSTVO_DEBUG": "0",
        "ZEMSTVO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ZEMSTVO_VAR_DIR": str(var_dir),
        "ZEMSTVO_LOG_LEVEL": "ERROR",
        "PYTHONPATH": os.pathsep.join(
            p for p in [str(PROJECT_DIR), os.environ.get("PYTHONPATH", "")] if p
        ),
    })
    if str(PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(PROJECT_DIR))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn завершился с кодом {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError("gunicorn не ответил за отведённое время")


@contextlib.contextmanager
def serve(workers: int, threads: int, log_file: Path, preload: bool = False) -> Iterator[str]:
    """gunicorn with the project (bench settings) on a free local port; ``preload``
    loads the application in the master, so a worker that dies restarts at once."""
    port = _free_port()
    command = [
        str(BIN_DIR / "gunicorn"), "zemstvo.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "gthread" if threads > 1 else "sync", "--threads", str(threads),
        "--backlog", "2048", "--log-level", "warning", "--error-logfile", str(log_file),
        "--chdir", str(PROJECT_DIR), *(["--preload"] if preload else []),
        # The workers' heartbeat files in memory, not on disk (gunicorn's advice).
        *(["--worker-tmp-dir", "/dev/shm"] if Path("/dev/shm").is_dir() else []),
    ]
    process = subprocess.Popen(command, env=os.environ.copy())
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _check_pages(url: str, targets: dict[str, list[str]]) -> None:
    """Every page answers 200 before it is measured: a fast error page is no result."""
    for name, paths in targets.items():
        for path in {paths[0], paths[-1]}:
            try:
                with urllib.request.urlopen(url + path, timeout=30) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            if status != 200:
                raise RuntimeError(f"{name}: {path} ответил {status}")


@dataclass(frozen=True)
class Summary:
    """One page over the rounds: the median of each figure, the sums of the counts."""

    name: str
    rps: float
    p50_ms: float
    p95_ms: float
    requests: int
    errors: int
    rounds_rps: tuple[float, ...]

    @classmethod
    def of(cls, name: str, measured: list) -> Summary:
        return cls(
            name=name,
            rps=statistics.median(m.rps for m in measured),
            p50_ms=statistics.median(m.p50_ms for m in measured),
            p95_ms=statistics.median(m.p95_ms for m in measured),
            requests=sum(m.requests for m in measured),
            errors=sum(m.errors for m in measured),
            rounds_rps=tuple(m.rps for m in measured),
        )


def _table(summaries: list[Summary]) -> str:
    bare = summaries[0].rps
    lines = [
        "| page | req/s | ratio to bare | p50, ms | p95, ms | req/s by round | requests | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        by_round = " / ".join(f"{r:.0f}" for r in s.rounds_rps)
        lines.append(
            f"| {s.name} | {s.rps:.0f} | {s.rps / bare:.2f} | {s.p50_ms:.1f} | {s.p95_ms:.1f} | "
            f"{by_round} | {s.requests} | {s.errors} |"
        )
    return "\n".join(lines)


def _load(wrk: str | None, url: str, name: str, paths: list[str],
          args: argparse.Namespace, duration: float):
    from bench import load

    if wrk:
        return load.run_wrk(wrk, name, url, paths, concurrency=args.concurrency,
                            duration=duration)
    return load.run_python(name, url, paths, concurrency=args.concurrency, duration=duration)


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="zemstvo-bench-") as folder:
        _prepare_environment(Path(folder), args.page_cache)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from bench import generate, load

        print("Миграции…", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        data = generate.ensure_data(log=lambda m: print(m, flush=True))
        server_version = connection.cursor().connection.info.server_version
        connection.close()  # the server's workers open their own connections

        wrk = load.find_wrk() if args.client != "python" else None
        if args.client == "wrk" and not wrk:
            print("wrk не найден и не установлен", file=sys.stderr)
            return 2
        targets = {
            "bare Django view": ["/bench/bare"],
            "municipality home /m/<slug>/": [f"/m/{slug}/" for slug in data.slugs],
            "search /search/?q=…": data.search_paths,
        }
        rounds: dict[str, list[load.Measurement]] = {name: [] for name in targets}
        log_file = Path(folder) / "gunicorn.log"
        with serve(args.workers, args.threads, log_file) as url:
            _check_pages(url, targets)
            for name, paths in targets.items():
                _load(wrk, url, name, paths, args, args.warmup)
            # Rounds interleave the pages, so a burst of other work on the machine
            # touches every page alike instead of skewing one page's figure.
            for number in range(1, args.rounds + 1):
                for name, paths in targets.items():
                    result = _load(wrk, url, name, paths, args, args.duration)
                    rounds[name].append(result)
                    print(f"  round {number}, {name}: {result.rps:.0f} req/s, "
                          f"p95 {result.p95_ms:.1f} ms", flush=True)
        errors = log_file.read_text() if log_file.exists() else ""

    summaries = [Summary.of(name, measured) for name, measured in rounds.items()]
    from django.conf import settings

    cache_seconds = settings.ZEMSTVO_PAGE_CACHE_SECONDS
    worker = f"gthread ×{args.threads}" if args.threads > 1 else "sync"
    tool = "wrk" if wrk else "Python client (bench/load.py)"
    print()
    print(f"Machine: {os.cpu_count()} CPU cores, {platform.platform()}, "
          f"Python {platform.python_version()}, PostgreSQL {server_version // 10000}")
    print(f"Server: gunicorn, {args.workers} workers ({worker}), DEBUG off; load: {tool}, "
          f"{args.concurrency} concurrent clients; {args.rounds} rounds of "
          f"{args.duration:.0f} s per page after {args.warmup:.0f} s of warm-up")
    print(f"Data: {data.summary}")
    print("Anonymous page cache: "
          + (f"{cache_seconds} s" if cache_seconds > 0 else "off (every page rendered afresh)"))
    print()
    print(_table(summaries))
    below = [s.name for s in summaries[1:] if s.rps < AIM * summaries[0].rps]
    print(f"\nAim: every page at least {AIM:.2f} of the bare view's req/s: "
          + (f"not met by {', '.join(below)}" if below else "met"))
    if errors.strip():
        print("\ngunicorn:\n" + errors[-3000:], file=sys.stderr)
    failed = [s for s in summaries if s.errors]
    if failed:
        print("Ошибки при нагрузке: " + ", ".join(f"{s.name} ({s.errors})" for s in failed),
              file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _arguments(argv)
    if not os.environ.get("DATABASE_URL"):
        # Run this very script again inside a throwaway PostgreSQL cluster.
        return _with_postgres().main([sys.executable, str(Path(__file__).resolve()), *argv])
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
