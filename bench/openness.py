"""Benchmark of the program page and the council session page on PostgreSQL (issue 6).

    .venv/bin/python bench/openness.py [--rounds 3] [--duration 8] [--concurrency 16]

Without DATABASE_URL it runs itself under scripts/with_postgres.py (a throwaway
cluster), with the helpers of bench/pages.py (gunicorn, the load client of
bench/load.py, the bare view of bench/urls_bench.py). It generates with bulk_create:

* a large municipality: a strategy, 50 programs with 2,000 activities (budget lines
  for five years from two sources, three milestones each), indicators; a council of
  25 deputies with 10 years of monthly sessions (120), each with 5 agenda items, a
  decision and a roll-call vote of every deputy on each item;
* a small municipality: 1 program with 2 activities, 1 session with 1 item.

Then (1) it counts the queries of one program page and one session page at both
sizes through the test client and fails (exit 1) when the counts differ; (2) it
serves the project with gunicorn, the anonymous page cache off, and measures at 16
concurrent clients the requests per second and latency of the bare view, the program
pages and the session pages, each as a ratio to the bare view.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench.pages import (  # noqa: E402
    Summary,
    _check_pages,
    _load,
    _prepare_environment,
    _table,
    _with_postgres,
    serve,
)

REGION_SLUG = "bench-openness"
LARGE_SLUG = "openness-large"
SMALL_SLUG = "openness-small"
SEED = 2026
AIM = 0.5


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=8.0,
                        help="seconds of measurement per page in each round (default 8)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--page-cache", type=int, default=0, metavar="SECONDS",
                        help="ZEMSTVO_PAGE_CACHE_SECONDS for the server (default 0: every "
                             "page rendered afresh)")
    return parser.parse_args(argv)


# --- data -----------------------------------------------------------------------------

def _programs(rng: random.Random, municipality, *, programs: int, activities: int,
              years: range, sources: list[str], milestones: int) -> list[int]:
    """Programs with activities, budget lines, milestones, subprograms, indicators."""
    from zemstvo.programs.models import (
        Activity,
        ActivityStatus,
        BudgetLine,
        IndicatorValue,
        Milestone,
        Program,
        ProgramIndicator,
        Subprogram,
    )

    made = Program.objects.bulk_create([
        Program(municipality=municipality, code=f"МП-{n:02d}",
                title=f"Муниципальная программа № {n}", description="Описание программы.",
                year_from=years.start, year_to=years.stop - 1,
                responsible_unit="Отдел экономики")
        for n in range(1, programs + 1)
    ])
    subprograms = Subprogram.objects.bulk_create([
        Subprogram(program=p, title=f"Подпрограмма {k} программы {p.code}")
        for p in made for k in (1, 2)
    ])
    per_program = activities // programs
    statuses = [ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS, ActivityStatus.DONE]
    made_activities = Activity.objects.bulk_create([
        Activity(program=p, subprogram=subprograms[2 * i + k % 2],
                 title=f"Мероприятие {k + 1} программы {p.code}",
                 responsible_unit="Управление ЖКХ", status=rng.choice(statuses),
                 weight=rng.randrange(1, 4), reported_progress=rng.randrange(0, 101))
        for i, p in enumerate(made) for k in range(per_program)
    ], batch_size=2_000)
    BudgetLine.objects.bulk_create([
        BudgetLine(activity=a, year=y, source=s,
                   plan=Decimal(rng.randrange(100_000, 5_000_000)),
                   fact=Decimal(rng.randrange(0, 100_000)))
        for a in made_activities for y in years for s in sources
    ], batch_size=5_000)
    start = date(years.start, 3, 1)
    Milestone.objects.bulk_create([
        Milestone(activity=a, title=f"Контрольная точка {k + 1}",
                  planned_date=start + timedelta(days=rng.randrange(0, 365 * len(years))),
                  actual_date=None if rng.random() < 0.5 else start,
                  delay_reason="" if rng.random() < 0.7 else "Сорван срок поставки")
        for a in made_activities for k in range(milestones)
    ], batch_size=5_000)
    indicators = ProgramIndicator.objects.bulk_create([
        ProgramIndicator(program=p, title=f"Показатель {k + 1}", unit="%",
                         baseline_value=Decimal(50), baseline_year=years.start - 1)
        for p in made for k in range(2)
    ])
    IndicatorValue.objects.bulk_create([
        IndicatorValue(indicator=i, year=y, plan=Decimal(60), fact=Decimal(55))
        for i in indicators for y in years
    ])
    return [p.pk for p in made]


def _strategy(municipality, program_ids: list[int], years: range) -> None:
    from zemstvo.programs.models import (
        ActionPlanItem,
        Goal,
        Priority,
        Strategy,
        TargetIndicator,
        TargetValue,
        Task,
    )

    strategy = Strategy.objects.create(
        municipality=municipality, title="Стратегия социально-экономического развития",
        year_from=years.start, year_to=years.stop + 9)
    priorities = Priority.objects.bulk_create(
        [Priority(strategy=strategy, title=f"Приоритет {n}", order=n) for n in range(1, 4)])
    goals = Goal.objects.bulk_create(
        [Goal(priority=p, title=f"Цель {p.order}.{n}", order=n)
         for p in priorities for n in (1, 2)])
    tasks = Task.objects.bulk_create(
        [Task(goal=g, title=f"Задача {g.title} — {n}", order=n) for g in goals for n in (1, 2)])
    ActionPlanItem.objects.bulk_create(
        [ActionPlanItem(task=tasks[n % len(tasks)], program_id=pk)
         for n, pk in enumerate(program_ids)], ignore_conflicts=True)
    targets = TargetIndicator.objects.bulk_create(
        [TargetIndicator(goal=g, title=f"Целевой показатель {g.title}", unit="%",
                         baseline_value=Decimal(40), baseline_year=years.start - 1)
         for g in goals])
    TargetValue.objects.bulk_create(
        [TargetValue(indicator=t, year=y, target=Decimal(60), fact=Decimal(50))
         for t in targets for y in years])


def _council(rng: random.Random, municipality, *, deputies: int, sessions: int,
             items: int, author) -> list[int]:
    """A council with monthly sessions back from now, each item decided by roll call."""
    from zemstvo.council.models import (
        AgendaItem,
        BodyKind,
        Decision,
        Deputy,
        Faction,
        QuestionStatus,
        RepresentativeBody,
        ResidentQuestion,
        RollCallVote,
        Session,
        SessionStatus,
        VoteEvent,
        VoteOption,
        VoteResult,
    )

    body = RepresentativeBody.objects.create(
        municipality=municipality, kind=BodyKind.COUNCIL, name="Совет депутатов",
        seats=deputies)
    factions = Faction.objects.bulk_create(
        [Faction(body=body, name=f"Фракция {n}") for n in range(1, 4)])
    members = Deputy.objects.bulk_create([
        Deputy(body=body, full_name=f"Депутатов Депутат {n:02d}", district=f"Округ № {n}",
               faction=factions[n % len(factions)], term_from=date(2016, 9, 18),
               is_chair=n == 1, contacts="sovet@example.org")
        for n in range(1, deputies + 1)
    ])
    now = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    made = Session.objects.bulk_create([
        Session(body=body, number=n + 1, title=f"Заседание № {n + 1}",
                starts_at=now - timedelta(days=30 * (sessions - n)),
                place="Зал заседаний", status=SessionStatus.HELD,
                recording_url="https://video.example.org/zapis.mp4",
                minutes="Протокол заседания.")
        for n in range(sessions)
    ])
    agenda = AgendaItem.objects.bulk_create([
        AgendaItem(session=s, order=k, title=f"О вопросе {k} заседания {s.number}",
                   rapporteur="Председатель")
        for s in made for k in range(1, items + 1)
    ], batch_size=2_000)
    Decision.objects.bulk_create([
        Decision(agenda_item=a, number=f"{a.session.number}/{a.order}",
                 adopted_on=a.session.starts_at.date(), title=f"Решение по вопросу {a.title}",
                 published_on=a.session.starts_at.date() + timedelta(days=5),
                 publication_source="Официальный вестник", text="Текст решения.")
        for a in agenda
    ], batch_size=2_000)
    events = VoteEvent.objects.bulk_create([
        VoteEvent(agenda_item=a, motion=f"Принять решение «{a.title}»",
                  result=VoteResult.PASSED)
        for a in agenda
    ], batch_size=2_000)
    options = [VoteOption.YES] * 7 + [VoteOption.NO, VoteOption.ABSTAIN, VoteOption.ABSENT]
    RollCallVote.objects.bulk_create([
        RollCallVote(vote_event=e, deputy=d, option=rng.choice(options))
        for e in events for d in members
    ], batch_size=5_000)
    ResidentQuestion.objects.bulk_create([
        ResidentQuestion(agenda_item=a, author=author, text="Когда начнутся работы?",
                         status=QuestionStatus.APPROVED)
        for a in agenda if a.order == 1
    ])
    return [s.pk for s in made]


def ensure_data(log) -> dict:
    """Both municipalities (generated unless an earlier run left them) and their pages."""
    from django.db import connection, transaction

    from zemstvo.core.accounts.models import User
    from zemstvo.core.territory.models import Municipality, MunicipalityType, Region
    from zemstvo.council.models import Session
    from zemstvo.programs.models import Program

    if not Region.objects.filter(slug=REGION_SLUG).exists():
        if Municipality.objects.exists():
            raise SystemExit("В базе уже есть другие данные: запустите бенчмарк на пустой базе.")
        rng = random.Random(SEED)
        started = time.monotonic()
        log("Создаю данные: 50 программ, 2000 мероприятий, 120 заседаний…")
        this_year = date.today().year
        with transaction.atomic():
            region = Region.objects.create(name="Открытая", kind="обл", slug=REGION_SLUG,
                                           code="98")
            author = User.objects.create(username="openness-bench", password="!unusable",
                                         first_name="Житель", last_name="Бенчмарков")
            for n, (slug, large) in enumerate([(LARGE_SLUG, True), (SMALL_SLUG, False)]):
                municipality = Municipality.objects.create(
                    region=region, name=f"Муниципальное образование {slug}", slug=slug,
                    type=MunicipalityType.MUNICIPAL_OKRUG, oktmo=f"98{n:06d}")
                years = range(this_year - 2, this_year + 3) if large else range(this_year,
                                                                                this_year + 1)
                ids = _programs(rng, municipality, programs=50 if large else 1,
                                activities=2_000 if large else 2, years=years,
                                sources=["local", "regional"] if large else ["local"],
                                milestones=3 if large else 1)
                _strategy(municipality, ids, years)
                _council(rng, municipality, deputies=25 if large else 2,
                         sessions=120 if large else 1, items=5 if large else 1, author=author)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        log(f"  данные готовы за {time.monotonic() - started:.0f} с")
    pages = {}
    for slug in (LARGE_SLUG, SMALL_SLUG):
        programs = Program.objects.filter(municipality__slug=slug).order_by("pk")
        sessions = Session.objects.filter(body__municipality__slug=slug).order_by("pk")
        pages[slug] = {
            "program": [f"/m/{slug}/programs/{pk}/" for pk in programs.values_list("pk",
                                                                                   flat=True)],
            "session": [f"/m/{slug}/council/sessions/{pk}/"
                        for pk in sessions.values_list("pk", flat=True)],
        }
    return pages


def _data_summary() -> str:
    from zemstvo.council.models import AgendaItem, Deputy, RollCallVote, Session
    from zemstvo.programs.models import Activity, BudgetLine, Milestone, Program

    large = {"program__municipality__slug": LARGE_SLUG}
    council = {"body__municipality__slug": LARGE_SLUG}
    return (
        f"large municipality: {Program.objects.filter(municipality__slug=LARGE_SLUG).count()} "
        f"programs, {Activity.objects.filter(**large).count()} activities, "
        f"{BudgetLine.objects.filter(activity__program__municipality__slug=LARGE_SLUG).count()}"
        f" budget lines, "
        f"{Milestone.objects.filter(activity__program__municipality__slug=LARGE_SLUG).count()}"
        f" milestones; {Deputy.objects.filter(**council).count()} deputies, "
        f"{Session.objects.filter(**council).count()} sessions, "
        f"{AgendaItem.objects.filter(session__body__municipality__slug=LARGE_SLUG).count()} "
        f"agenda items, {RollCallVote.objects.count()} roll-call votes (both municipalities)"
    )


# --- query counts ---------------------------------------------------------------------

def count_queries(path: str) -> int:
    """Queries of one anonymous GET, after one unmeasured GET (process-wide caches)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="localhost")
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} ответил {response.status_code}")
    return len(captured)


def query_table(pages: dict) -> tuple[str, bool]:
    sizes = {
        "program page": ("2 activities", "40 activities of 2,000 (5 years × 2 sources of "
                         "budget, 3 milestones each)"),
        "session page": ("1 item, 2 deputies", "5 items × 25 roll-call votes (of 120 sessions)"),
    }
    lines = ["| page | small data | queries | generated data | queries | fixed |",
             "| --- | --- | ---: | --- | ---: | --- |"]
    fixed = True
    for key, name in (("program", "program page"), ("session", "session page")):
        small = count_queries(pages[SMALL_SLUG][key][0])
        large = count_queries(pages[LARGE_SLUG][key][-1])
        fixed &= small == large
        lines.append(f"| {name} | {sizes[name][0]} | {small} | {sizes[name][1]} | {large} | "
                     f"{'yes' if small == large else 'NO'} |")
    return "\n".join(lines), fixed


# --- run --------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="zemstvo-bench-") as folder:
        _prepare_environment(Path(folder), args.page_cache)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from bench import load

        print("Миграции…", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        pages = ensure_data(log=lambda m: print(m, flush=True))
        summary = _data_summary()
        queries, fixed = query_table(pages)
        print("\nQueries per page (Django test client, in process):\n" + queries, flush=True)
        if not fixed:
            print("Число запросов зависит от объёма данных.", file=sys.stderr)
            return 1
        server_version = connection.cursor().connection.info.server_version
        connection.close()  # the server's workers open their own connections

        wrk = load.find_wrk() if args.client != "python" else None
        targets = {
            "bare Django view": ["/bench/bare"],
            "program page /m/<slug>/programs/<pk>/": pages[LARGE_SLUG]["program"],
            "session page /m/<slug>/council/sessions/<pk>/": pages[LARGE_SLUG]["session"],
        }
        rounds: dict[str, list[load.Measurement]] = {name: [] for name in targets}
        log_file = Path(folder) / "gunicorn.log"
        with serve(args.workers, args.threads, log_file) as url:
            _check_pages(url, targets)
            for name, paths in targets.items():
                _load(wrk, url, name, paths, args, args.warmup)
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
    print(f"Data: {summary}")
    print("Anonymous page cache: "
          + (f"{cache_seconds} s" if cache_seconds > 0 else "off (every page rendered afresh)"))
    print()
    print(queries)
    print()
    print(_table(summaries))
    below = [s.name for s in summaries[1:] if s.rps < AIM * summaries[0].rps]
    print(f"\nKernel aim (bench/pages.py): every page at least {AIM:.2f} of the bare view's "
          "req/s: " + (f"not met by {', '.join(below)}" if below else "met"))
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
