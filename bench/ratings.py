"""Benchmark of the effectiveness ratings on PostgreSQL (issue 5).

    .venv/bin/python bench/ratings.py [--municipalities 2400] [--settlements 20000] [--years 10]

Without DATABASE_URL it runs itself under scripts/with_postgres.py (a throwaway
cluster), with the helpers of bench/pages.py. It generates a country-sized data set:
municipalities of the rated types with every leaf indicator of Указ № 607 (40 items
with their sub-indicators) over the years, and a settlement-level set (settlements
with 10 indicators over the years), then measures:

* the import of a filled template through the service (parse, checks, save) for a
  sample of municipalities, per report;
* the computation of a rating by each method over all municipalities (the aim: under
  1 s), split into reading the snapshot, computing (and the all-Decimal reference) and
  storing, each the median of 3 runs, wall and CPU time of this process; and that the
  stored rating recomputes to its results bit for bit;
* the scorecard page and an опорный населённый пункт page: time and number of
  queries, the same whatever the data size.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench.pages import _prepare_environment, _with_postgres  # noqa: E402

YEAR = 2024
IMPORT_SAMPLE = 20
SETTLEMENT_INDICATORS = 10
REPEAT = 3


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=2400)
    parser.add_argument("--settlements", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=10)
    return parser.parse_args(argv)


def _timed(label: str, results: list[tuple[str, str]], fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    seconds = time.perf_counter() - start
    results.append((label, f"{seconds:.3f} s"))
    print(f"  {label}: {seconds:.3f} s", flush=True)
    return value


def _generate(args, results):
    from zemstvo.core.accounts.models import Membership, User
    from zemstvo.core.territory.models import Municipality, Region, Settlement
    from zemstvo.effectiveness.catalogue import load_decree_607
    from zemstvo.effectiveness.models import Indicator, IndicatorValue
    from zemstvo.effectiveness.selectors import leaf_indicators

    rng = random.Random(2024)
    load_decree_607()
    region = Region.objects.create(name="Бенчмарк", slug="bench-eff", code="99")
    types = ("urban_okrug", "municipal_okrug", "municipal_district")
    municipalities = Municipality.objects.bulk_create([
        Municipality(region=region, name=f"МО {n}", type=types[n % 3], oktmo=f"99{n:09d}",
                     slug=f"bench-mo-{n}") for n in range(args.municipalities)])
    curator = User.objects.create(username="bench-curator")
    Membership.objects.create(user=curator, role="regional_curator", region=region)
    indicators = leaf_indicators(region)
    years = range(YEAR - args.years + 1, YEAR + 1)

    def rows():
        for m in municipalities:
            for indicator in indicators:
                value = rng.uniform(20, 80) if indicator.value_type == "number" else 1
                for year in years:
                    value = value * (1 + rng.gauss(0.01, 0.03)) if value > 2 else value
                    yield IndicatorValue(municipality=m, indicator=indicator, year=year,
                                         value=Decimal(f"{min(value, 99):.2f}"),
                                         is_accepted=True)

    def bulk(iterable, size=20_000):
        batch = []
        for row in iterable:
            batch.append(row)
            if len(batch) == size:
                IndicatorValue.objects.bulk_create(batch)
                batch = []
        IndicatorValue.objects.bulk_create(batch)

    _timed(f"generate {args.municipalities} MO × {len(indicators)} indicators × "
           f"{args.years} years (bulk insert)", results, bulk, rows())
    home = municipalities[0]
    settlements = Settlement.objects.bulk_create([
        Settlement(municipality=municipalities[n % len(municipalities)], name=f"НП {n}",
                   oktmo=f"98{n:09d}", is_support=True) for n in range(args.settlements)])
    living = [Indicator.objects.create(region=region, code=f"Р-{n}", sphere="living",
                                       name=f"Показатель среды {n}", level="settlement")
              for n in range(SETTLEMENT_INDICATORS)]

    def settlement_rows():
        for s in settlements:
            for indicator in living:
                for year in years:
                    yield IndicatorValue(municipality_id=s.municipality_id, settlement=s,
                                         indicator=indicator, year=year,
                                         value=Decimal(rng.randint(100, 200)), is_accepted=True)

    _timed(f"generate {args.settlements} settlements × {SETTLEMENT_INDICATORS} indicators × "
           f"{args.years} years (bulk insert)", results, bulk, settlement_rows())
    _timed("VACUUM ANALYZE and CHECKPOINT after the bulk inserts", results, _vacuum)
    return region, curator, home, settlements[0], indicators


def _vacuum() -> None:
    """A database in service is vacuumed, analysed and checkpointed; right after
    millions of inserts autovacuum and the checkpointer's writes would otherwise run
    during the measurements, on the same two cores and disk."""
    from django.db import DatabaseError, connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        try:
            cursor.execute("CHECKPOINT")
        except DatabaseError as exc:  # not a superuser (an outside DATABASE_URL)
            print(f"  no CHECKPOINT: {exc}", flush=True)


def _import(region, curator, indicators, results):
    from zemstvo.core.territory.models import Municipality
    from zemstvo.effectiveness import importing, services
    from zemstvo.effectiveness.models import Campaign

    campaign = Campaign.objects.create(region=region, year=YEAR + 1,
                                       deadline=f"{YEAR + 2}-05-01", rules={})
    sample = list(Municipality.objects.filter(region=region)[:IMPORT_SAMPLE])
    header = ";".join(importing.HEADERS)
    lines = [f"{i.code};;;;{YEAR + 1};факт;{'1' if i.value_type == 'yes_no' else '55'};"
             "бенчмарк;Росстат" for i in indicators]
    content = "\n".join([header, *lines]).encode()
    start = time.perf_counter()
    for m in sample:
        report = services.report_get_or_create(campaign, m)
        importing.values_import(actor=_operator(), report=report,
                                name="t.csv", content=content)
    per = (time.perf_counter() - start) / len(sample)
    results.append((f"import of one filled template ({len(indicators)} values), per report",
                    f"{per * 1000:.0f} ms"))
    print(f"  import per report: {per * 1000:.0f} ms", flush=True)


_OPERATOR = []


def _operator():
    from zemstvo.core.accounts.models import User

    if not _OPERATOR:
        _OPERATOR.append(User.objects.create(username="bench-op", is_superuser=True))
    return _OPERATOR[0]


def _repeat(label: str, results: list[tuple[str, str]], fn, *args, **kwargs):
    """Median wall and CPU (this process: Python's side, not the server's) of REPEAT
    runs: another benchmark may share the cores, and CPU time shows what is ours."""
    walls, cpus, value = [], [], None
    for _ in range(REPEAT):
        wall, cpu = time.perf_counter(), time.process_time()
        value = fn(*args, **kwargs)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    text = f"{wall:.3f} s (CPU {cpu:.3f} s)"
    results.append((label, text))
    print(f"  {label}: {text}; runs {', '.join(f'{w:.3f}' for w in walls)}", flush=True)
    return value, wall


def _ratings(region, curator, results):
    from zemstvo.effectiveness import ratings, scoring
    from zemstvo.effectiveness.models import Rating

    for method in ratings.standard_methods(actor=curator, region=region):
        kind = method.kind
        inputs, read = _repeat(f"{kind}: read the snapshot", results, ratings.rating_inputs,
                               region, YEAR)
        _, compute = _repeat(f"{kind}: compute", results, scoring.compute, inputs,
                             method.parameters)
        _repeat(f"{kind}: compute, all in Decimal (the reference)", results,
                scoring.compute_exact, inputs, method.parameters)
        rating, full = _repeat(f"{kind}: full rating (read, compute, store)", results,
                               ratings.rating_compute, actor=curator, method=method,
                               year=YEAR)
        results.append((f"{kind}: of which storing (full − read − compute)",
                        f"{max(full - read - compute, 0):.3f} s"))
        stored = Rating.objects.get(pk=rating.pk)
        same = ratings.rating_recompute(stored) == stored.results == scoring.compute_exact(
            stored.inputs, stored.parameters)
        results.append((f"{kind}: recomputed from the stored snapshot = stored results = "
                        "Decimal reference", "yes" if same else "NO"))
        print(f"  {kind}: recompute identical: {same}", flush=True)
        if not same:
            raise SystemExit("a stored rating does not recompute to its results")


def _pages(home, place, results):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for label, url in (("scorecard page", f"/effectiveness/m/{home.slug}/?year={YEAR}"),
                       ("опорный НП page", f"/effectiveness/support/{place.pk}/")):
        client.get(url)
        walls, cpus = [], []
        for _ in range(REPEAT):
            with CaptureQueriesContext(connection) as queries:
                start, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            assert response.status_code == 200, response.status_code
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        text = f"{wall * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms), {len(queries)} queries"
        results.append((label, text))
        print(f"  {label}: {text}", flush=True)


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="zemstvo-bench-eff-") as folder:
        _prepare_environment(Path(folder), 0)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0, interactive=False)
        results: list[tuple[str, str]] = []
        region, curator, home, place, indicators = _generate(args, results)
        _import(region, curator, indicators, results)
        _ratings(region, curator, results)
        _pages(home, place, results)
        version = connection.cursor().connection.info.server_version
    print()
    print(f"Machine: {os.cpu_count()} CPU cores, {platform.platform()}, "
          f"Python {platform.python_version()}, PostgreSQL {version // 10000}")
    print("| measurement | result |\n| --- | --- |")
    for label, value in results:
        print(f"| {label} | {value} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _arguments(argv)
    if not os.environ.get("DATABASE_URL"):
        return _with_postgres().main([sys.executable, str(Path(__file__).resolve()), *argv])
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
