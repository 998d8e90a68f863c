"""Benchmark of casting ballots through the API on PostgreSQL with gunicorn.

    .venv/bin/python bench/voting.py [--voters 20000] [--duplicates 2000] [--concurrency 64]
                                     [--workers 4]

Without DATABASE_URL it runs itself under scripts/with_postgres.py (a throwaway cluster),
like bench/pages.py, whose environment, migration and gunicorn helpers it reuses.

1. It creates a municipality, 20,000 verified adult residents (bulk), an API token for
   each (ApiToken rows as zemstvo.core.accounts.token_services writes them: the SHA-256
   of the secret) and an open budget vote.
2. 64 concurrent clients POST /api/v1/polls/{id}/ballots, each resident once, plus 2,000
   second attempts of residents who already voted: ballots/s, p50/p95, and the check that
   exactly 20,000 ballots and register rows exist and every second attempt got 409. The
   clients are wrk's connections (bench/cast.lua sends each prepared ballot once), so the
   load generator takes little of the two cores the server and the database share.
3. In the same run, the raw rate of writing the same rows (register row, ballot, its
   mark, one transaction per ballot) with psycopg from 8 connections; the ratio.
4. The same casting into a second vote while a gunicorn worker is killed with SIGKILL
   every second (gunicorn starts a new one): a client whose connection breaks sends the
   ballot again, as a real one would (Python threads here: wrk cannot resend a
   request). Every ballot answered 201 must be counted, none twice:
   ballots = register rows = residents, and every 201 has its register row.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import pages  # noqa: E402 - the path above makes `bench` importable as a script

AIM = 500  # ballots per second on the 2-core machine (issue 3)
SEED = 2027
RAW_CONNECTIONS = 8


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=20_000)
    parser.add_argument("--duplicates", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker")
    parser.add_argument("--preload", action=argparse.BooleanOptionalAction, default=True,
                        help="load the application in gunicorn's master (workers restart "
                             "at once after SIGKILL)")
    parser.add_argument("--client-threads", type=int, default=1,
                        help="wrk threads that carry the concurrent connections")
    parser.add_argument("--kill-every", type=float, default=1.0,
                        help="seconds between SIGKILLs of a worker in the second part")
    return parser.parse_args(argv)


# --- data ------------------------------------------------------------------------------


@dataclass
class World:
    municipality: object
    users: list = field(default_factory=list)  # user ids, in token order
    secrets: list[str] = field(default_factory=list)


def _world(voters: int) -> World:
    from django.db import transaction
    from django.utils import timezone

    from zemstvo.core.accounts.models import (
        ApiToken,
        User,
        VerificationDocument,
        VerificationLevel,
    )
    from zemstvo.core.accounts.token_services import SECRET_PREFIX, key_hash
    from zemstvo.core.territory.models import Municipality, MunicipalityType, Region, Settlement

    rng = random.Random(SEED)
    now = timezone.now()
    with transaction.atomic():
        region = Region.objects.create(name="Бенчмарковская", kind="обл", code="99",
                                       slug="bench-voting")
        municipality = Municipality.objects.create(
            region=region, name="Городской округ Голосовальск", slug="golosovalsk",
            oktmo="99701000", type=MunicipalityType.URBAN_OKRUG)
        settlement = Settlement.objects.create(municipality=municipality, name="Голосовальск",
                                               kind="г", oktmo="99701000001")
        users = User.objects.bulk_create([
            User(username=f"voter-{n:05d}", password="!bench-unusable", first_name="Житель",
                 last_name=f"Голосов-{n}", email=f"voter-{n}@example.org",
                 birth_date=date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50)),
                 residence_municipality=municipality, residence_settlement=settlement,
                 verification_level=VerificationLevel.VERIFIED, verified_at=now,
                 verification_document=VerificationDocument.ROLL_IMPORT)
            for n in range(1, voters + 1)
        ], batch_size=2000)
        world = World(municipality)
        tokens = []
        for user in users:
            secret = SECRET_PREFIX + f"{rng.getrandbits(192):048x}"
            world.users.append(user.pk)
            world.secrets.append(secret)
            tokens.append(ApiToken(user=user, name="bench", key_hash=key_hash(secret),
                                   prefix=secret[:10], expires=now + timedelta(days=30)))
        ApiToken.objects.bulk_create(tokens, batch_size=2000)
    return world


def _poll(world: World, title: str):
    from django.utils import timezone

    from zemstvo.voting.models import BallotType, Poll, PollKind, PollOption, PollStatus

    now = timezone.now()
    poll = Poll.objects.create(
        municipality=world.municipality, title=title, kind=PollKind.POPULAR,
        ballot_type=BallotType.BUDGET, budget=1_000_000, max_count=2, max_choices=2,
        opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=1),
        status=PollStatus.OPEN, min_age=18,
        rules={"voting.min_age_voting_rights": {"value": 18, "source": "131-ФЗ ст. 31",
                                                "effective_from": "2003-10-06"}},
    )
    options = PollOption.objects.bulk_create(
        PollOption(poll=poll, title=f"Проект {n}", cost=cost, position=n)
        for n, cost in enumerate((400_000, 300_000, 250_000, 200_000, 100_000))
    )
    return poll, [o.pk for o in options]


# --- load ------------------------------------------------------------------------------


@dataclass
class Outcome:
    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    created_by_voter: Counter = field(default_factory=Counter)
    rejected_by_voter: Counter = field(default_factory=Counter)
    retries: int = 0
    elapsed: float = 0.0
    percentiles_ms: dict[float, float] = field(default_factory=dict)  # wrk's, when it ran
    cpu_ms: dict[str, float] = field(default_factory=dict)  # CPU per request, by program
    lock: threading.Lock = field(default_factory=threading.Lock)

    def p(self, fraction: float) -> float:
        if fraction in self.percentiles_ms:
            return self.percentiles_ms[fraction]
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def _post(host: str, port: int, path: str, body: bytes, secret: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.request("POST", path, body=body, headers={
            "Authorization": f"Bearer {secret}", "Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _cast_all(url: str, poll_id: int, options: list[int], world: World, order: list[int],
              concurrency: int) -> Outcome:
    """Send one request per entry of `order` (an index of a voter); a broken connection
    is retried, since the client cannot know whether its ballot was written."""
    parts = urlsplit(url)
    path = f"/api/v1/polls/{poll_id}/ballots"
    rng = random.Random(SEED + poll_id)
    bodies = [json.dumps({"choices": rng.sample(options, rng.choice((1, 2)))}).encode()
              for _ in order]
    outcome = Outcome()

    def send(slot: int) -> None:
        voter = order[slot]
        while True:
            started = time.perf_counter()
            try:
                status, _ = _post(parts.hostname, parts.port, path, bodies[slot],
                                  world.secrets[voter])
            except (ConnectionError, http.client.HTTPException, TimeoutError, OSError):
                with outcome.lock:
                    outcome.retries += 1
                time.sleep(0.05)
                continue
            if status >= 500:  # a worker killed after it answered nothing useful
                with outcome.lock:
                    outcome.retries += 1
                continue
            with outcome.lock:
                outcome.statuses[status] += 1
                outcome.latencies.append(time.perf_counter() - started)
                if status == 201:
                    outcome.created_by_voter[voter] += 1
                elif status == 409:
                    outcome.rejected_by_voter[voter] += 1
            return

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(send, range(len(order))))
    outcome.elapsed = time.perf_counter() - started
    return outcome


def _processes() -> Iterator[tuple[int, str, list[str]]]:
    """Every live process: pid, program name and the fields of /proc/<pid>/stat after
    the name (fields[1] is the parent's pid, [11] and [12] user and system ticks)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                head, tail = stat.read().rsplit(")", 1)
        except OSError:
            continue
        yield int(entry), head.split("(", 1)[1], tail.split()


def _cpu_by_program() -> Counter:
    """CPU seconds used so far by the live processes of each program (gunicorn,
    postgres, wrk, python...), user and system time apart ("gunicorn (system)")."""
    ticks = os.sysconf("SC_CLK_TCK")
    used: Counter = Counter()
    for _pid, name, fields in _processes():
        used[name] += int(fields[11]) / ticks
        used[f"{name} (system)"] += int(fields[12]) / ticks
    return used


def _cast_with_wrk(url: str, poll_id: int, options: list[int], world: World, order: list[int],
                   concurrency: int, threads: int, folder: Path) -> Outcome:
    """Send one request per entry of `order` through wrk and bench/cast.lua; the run
    ends when every thread has all its answers (its marker file appears)."""
    rng = random.Random(SEED + poll_id)
    ballots = folder / f"ballots-{poll_id}.tsv"
    markers = folder / f"answered-{poll_id}"
    markers.mkdir()
    with ballots.open("w") as out:
        for voter in order:
            body = json.dumps({"choices": rng.sample(options, rng.choice((1, 2)))})
            out.write(f"{world.secrets[voter]}\t{body}\n")
    threads = max(1, min(threads, len(order)))
    command = ["wrk", "-t", str(threads), "-c", str(max(concurrency, threads)), "-d", "3600",
               "--timeout", "60", "-s", str(Path(__file__).with_name("cast.lua")), url, "--",
               str(ballots), str(threads), f"/api/v1/polls/{poll_id}/ballots", str(markers)]
    cpu_before = _cpu_by_program()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    while len(list(markers.iterdir())) < threads:
        if process.poll() is not None or time.perf_counter() - started > 900:
            process.kill()
            raise RuntimeError("wrk не получил ответы на все бюллетени: "
                               + process.communicate()[0][-2000:])
        time.sleep(0.02)
    outcome = Outcome(elapsed=time.perf_counter() - started)
    cpu = _cpu_by_program()
    cpu.subtract(cpu_before)
    outcome.cpu_ms = {name: seconds * 1000 / len(order) for name, seconds in cpu.items()
                      if seconds * 1000 / len(order) >= 0.01}
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=60)
    for line in output.splitlines():
        name, *numbers = line.split()
        if name == "status":
            outcome.statuses[int(numbers[0])] = int(numbers[1])
        elif name == "latency":
            outcome.percentiles_ms = {0.5: int(numbers[0]) / 1000, 0.95: int(numbers[1]) / 1000}
        elif name == "errors" and any(int(n) for n in numbers):
            outcome.retries = sum(int(n) for n in numbers)
    return outcome


def _order(voters: int, duplicates: int) -> list[int]:
    """Every voter once, in random order; each duplicate comes in the second half and
    repeats a voter of the first half, so their first ballot is long committed."""
    rng = random.Random(SEED)
    order = list(range(voters))
    rng.shuffle(order)
    half = voters // 2
    for voter in rng.sample(order[:half], duplicates):
        order.insert(rng.randrange(half + duplicates, len(order) + 1), voter)
    return order


def _counted(poll_id: int) -> tuple[int, int, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM voting_ballot WHERE poll_id = %s", [poll_id])
        ballots = cursor.fetchone()[0]
        cursor.execute("SELECT count(*), count(DISTINCT user_id) FROM voting_voterregister "
                       "WHERE poll_id = %s", [poll_id])
        register, distinct = cursor.fetchone()
    return ballots, register, distinct


def _registered(poll_id: int) -> set[int]:
    from zemstvo.voting.models import VoterRegister

    return set(VoterRegister.objects.filter(poll_id=poll_id).values_list("user_id", flat=True))


# --- raw inserts -----------------------------------------------------------------------


def _raw_inserts(poll_id: int, option_id: int, users: list[int]) -> float:
    """Ballots/s of writing the rows of a ballot with psycopg, one transaction each."""
    import uuid

    import psycopg

    dsn = os.environ["DATABASE_URL"]
    today = date.today()
    chunks = [users[i::RAW_CONNECTIONS] for i in range(RAW_CONNECTIONS)]

    def write(chunk: list[int]) -> None:
        with psycopg.connect(dsn) as connection:
            for user_id in chunk:
                with connection.transaction(), connection.cursor() as cursor:
                    cursor.execute("INSERT INTO voting_voterregister (poll_id, user_id, voted_on) "
                                   "VALUES (%s, %s, %s)", (poll_id, user_id, today))
                    ballot = uuid.uuid4()
                    cursor.execute("INSERT INTO voting_ballot (id, poll_id, receipt_hash, "
                                   "cast_on, free_text) VALUES (%s, %s, %s, %s, '')",
                                   (ballot, poll_id, uuid.uuid4().hex * 2, today))
                    cursor.execute("INSERT INTO voting_ballotchoice (id, ballot_id, poll_id, "
                                   "option_id, points) VALUES (%s, %s, %s, %s, 1)",
                                   (uuid.uuid4(), ballot, poll_id, option_id))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=RAW_CONNECTIONS) as pool:
        list(pool.map(write, chunks))
    return len(users) / (time.perf_counter() - started)


# --- killing workers -------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    return [child for child, _name, fields in _processes() if int(fields[1]) == pid]


def _gunicorn_master() -> int:
    for pid in _children(os.getpid()):
        try:
            if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except OSError:
            continue
    raise RuntimeError("gunicorn не найден среди дочерних процессов")


def _killer(stop: threading.Event, every: float, killed: list[int]) -> None:
    """SIGKILL one of the server's workers every `every` seconds (only our own gunicorn's
    workers, found by their parent's pid)."""
    master = _gunicorn_master()
    rng = random.Random(SEED)
    while not stop.wait(every):
        workers = _children(master)
        if workers:
            victim = rng.choice(workers)
            try:
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)
            except ProcessLookupError:
                pass


# --- run -------------------------------------------------------------------------------


def _report_table_activity() -> None:
    """What PostgreSQL did to the tables a ballot touches: updates (HOT ones need no
    index change), sequential scans with the rows they read (a foreign-key check
    planned while a table was nearly empty scans it whole), autovacuum and autoanalyze
    runs so far."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, seq_scan, seq_tup_read, "
            "autovacuum_count, autoanalyze_count FROM pg_stat_user_tables "
            "WHERE relname = ANY(%s) ORDER BY 1",
            [["accounts_apitoken", "audit_auditevent", "voting_ballot", "voting_ballotchoice",
              "voting_voterregister", "voting_poll"]])
        rows = cursor.fetchall()
    connection.close()
    print("  tables (inserts, updates, HOT updates, sequential scans, rows they read, "
          "autovacuums, autoanalyzes): " + "; ".join(
              f"{name} {'/'.join(str(n) for n in numbers)}" for name, *numbers in rows),
          flush=True)


def _report_cast(name: str, outcome: Outcome) -> None:
    created = outcome.statuses[201]
    print(f"{name}: {created} ballots in {outcome.elapsed:.1f} s = "
          f"{created / outcome.elapsed:.0f} ballots/s; all requests "
          f"{sum(outcome.statuses.values()) / outcome.elapsed:.0f}/s; p50 "
          f"{outcome.p(0.5):.0f} ms, p95 {outcome.p(0.95):.0f} ms; statuses "
          f"{dict(sorted(outcome.statuses.items()))}; retried after a broken connection: "
          f"{outcome.retries}", flush=True)
    if outcome.cpu_ms:
        print("  CPU per request, ms: " + ", ".join(
            f"{name} {ms:.2f}" for name, ms in sorted(outcome.cpu_ms.items(),
                                                      key=lambda item: -item[1])), flush=True)


def run(args: argparse.Namespace) -> int:
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="zemstvo-bench-voting-") as folder:
        pages._prepare_environment(Path(folder), None)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        print("Миграции…", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        started = time.monotonic()
        world = _world(args.voters)
        poll, options = _poll(world, "Бюджетное голосование (бенчмарк)")
        killed_poll, killed_options = _poll(world, "Голосование под SIGKILL (бенчмарк)")
        raw_poll, raw_options = _poll(world, "Запись строк через psycopg (бенчмарк)")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"Данные: {args.voters} жителей с токенами, 3 голосования — за "
              f"{time.monotonic() - started:.0f} с", flush=True)
        server_version = connection.cursor().connection.info.server_version
        connection.close()

        order = _order(args.voters, args.duplicates)
        log_file = Path(folder) / "gunicorn.log"
        with pages.serve(args.workers, args.threads, log_file, preload=args.preload) as url:
            normal = _cast_with_wrk(url, poll.pk, options, world, order, args.concurrency,
                                    args.client_threads, Path(folder))
            _report_cast(f"HTTP, {args.concurrency} clients (wrk)", normal)
            _report_table_activity()
            raw_rate = _raw_inserts(raw_poll.pk, raw_options[0], world.users)
            print(f"psycopg, {RAW_CONNECTIONS} connections: {raw_rate:.0f} ballots/s", flush=True)

            stop, killed = threading.Event(), []
            killer = threading.Thread(target=_killer, args=(stop, args.kill_every, killed))
            killer.start()
            try:
                chaos = _cast_all(url, killed_poll.pk, killed_options, world,
                                  list(range(args.voters)), args.concurrency)
            finally:
                stop.set()
                killer.join()
            _report_cast(f"HTTP with a worker SIGKILLed every {args.kill_every:g} s "
                         f"({len(killed)} killed)", chaos)

        ballots, register, distinct = _counted(poll.pk)
        if not (ballots == register == distinct == args.voters):
            failures.append(f"normal run: {ballots} ballots, {register} register rows")
        # As many 201 as residents, and as many register rows of distinct residents: so
        # every resident got exactly one 201 (each 201 commits its own register row).
        if normal.statuses[201] != args.voters:
            failures.append(f"normal run: {normal.statuses[201]} answers 201, not one per "
                            "resident")
        if normal.retries:
            failures.append(f"normal run: {normal.retries} connection errors")
        if normal.statuses[409] != args.duplicates:
            failures.append(f"normal run: {normal.statuses[409]} of {args.duplicates} "
                            "second attempts answered 409")
        ballots2, register2, distinct2 = _counted(killed_poll.pk)
        registered = _registered(killed_poll.pk)
        answered = {world.users[v] for v in chaos.created_by_voter}
        if not answered <= registered:
            failures.append("SIGKILL run: a ballot answered 201 is not counted")
        if not (ballots2 == register2 == distinct2 == args.voters):
            failures.append(f"SIGKILL run: {ballots2} ballots, {register2} register rows, "
                            f"{distinct2} residents")
        if max(chaos.created_by_voter.values(), default=1) > 1:
            failures.append("SIGKILL run: a resident got 201 twice")
        print(f"Counted: {ballots} ballots = {register} register rows (normal run); "
              f"{ballots2} ballots = {register2} register rows (SIGKILL run; "
              f"{len(answered)} answered 201, the other {args.voters - len(answered)} "
              "were written before their connection broke and got 409 when sent again)")

    rate = normal.statuses[201] / normal.elapsed
    print()
    print(f"Machine: {os.cpu_count()} CPU cores, {platform.platform()}, Python "
          f"{platform.python_version()}, PostgreSQL {server_version // 10000}; gunicorn "
          f"{args.workers} workers{' (preloaded)' if args.preload else ''}; "
          f"{args.concurrency} concurrent clients (wrk, "
          f"{args.client_threads} thread(s); Python threads in the SIGKILL part)")
    print(f"Ratio HTTP / raw psycopg: {rate / raw_rate:.2f} ({rate:.0f} / {raw_rate:.0f})")
    print(f"Aim {AIM} ballots/s: " + ("met" if rate >= AIM else f"not met ({rate:.0f})"))
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    print("Integrity: every check passed")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _arguments(argv)
    if not os.environ.get("DATABASE_URL"):
        return pages._with_postgres().main([sys.executable, str(Path(__file__).resolve()),
                                            *argv])
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
