"""``zemstvo pb-import FILE.pb --municipality SLUG``: a participatory-budgeting election in
the open Pabulib format becomes a closed budget vote of the municipality, with its
projects as options and its votes as ballots.

Pabulib voters are anonymous, so the ballots come in as they are cast on the platform:
no voter, no register row, the day only, a random receipt hash (no code is issued). The
vote is imported closed (status «голосование завершено») and says where it came from in
its description. Vote types: approval and choose-1 become a budget ballot; cumulative
and scoring a ballot of points; ordinal a budget ballot of the ranked projects (the order
is not kept: the platform's rules count votes, see zemstvo.voting.pb.rules).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from zemstvo.core.accounts.models import User
from zemstvo.core.audit.services import audit_record
from zemstvo.core.territory.models import Municipality
from zemstvo.voting.models import (
    Ballot,
    BallotChoice,
    BallotType,
    Poll,
    PollKind,
    PollOption,
    PollStatus,
)
from zemstvo.voting.pb.pabulib import POINT_TYPES, PabulibError, PBElection, load

TITLE_MAX = 200
CHUNK = 2000


def _day(text: str) -> date | None:
    """Pabulib dates: DD.MM.YYYY or a bare year (then the year's first day)."""
    text = (text or "").strip()
    for layout in ("%d.%m.%Y", "%Y-%m-%d", "%Y"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None


def _window(election: PBElection, municipality: Municipality) -> tuple[datetime, datetime]:
    tz = municipality.tz
    begin, end = _day(election.meta.get("date_begin", "")), _day(election.meta.get("date_end", ""))
    if begin is None or end is None or end < begin:
        closes = timezone.now()
        return closes - timedelta(days=1), closes
    opens = timezone.make_aware(datetime.combine(begin, time.min), tz)
    closes = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    return opens, closes


def _option_title(row: dict[str, str]) -> str:
    # Pabulib names repeat (three projects of one name in Budapest); the id keeps them apart.
    name = row.get("name") or "Проект"
    return f"{row['project_id']}. {name}"[:TITLE_MAX]


def _option_description(row: dict[str, str]) -> str:
    skip = {"project_id", "cost", "name", "votes", "score", "selected"}
    return "\n".join(f"{key}: {value}" for key, value in row.items() if key not in skip and value)


def _poll(election: PBElection, municipality: Municipality, source: str, actor: Any) -> Poll:
    meta = election.meta
    points = election.vote_type in POINT_TYPES
    max_length = int(meta["max_length"]) if meta.get("max_length") else None
    if election.vote_type == "choose-1":
        max_length = 1
    points_total = None
    if points:
        points_total = int(meta.get("max_sum_points") or 0) or max(
            (sum(v.points or []) for v in election.votes), default=1)
    opens_at, closes_at = _window(election, municipality)
    title = meta.get("description") or Path(source).stem
    return Poll(
        municipality=municipality, kind=PollKind.POPULAR, title=title[:TITLE_MAX],
        description=(f"Импортировано из файла Pabulib «{source}» (vote_type: "
                     f"{election.vote_type}, rule: {meta.get('rule', '—')})."),
        opens_at=opens_at, closes_at=closes_at,
        ballot_type=BallotType.CUMULATIVE if points else BallotType.BUDGET,
        min_choices=1, max_choices=max(1, max_length or len(election.projects)),
        budget=election.budget, max_count=max_length, points_total=points_total,
        compute_mes=True, status=PollStatus.CLOSED, created_by=actor,
    )


def poll_import_pabulib(*, actor: Any, municipality: Municipality, election: PBElection,
                        source: str) -> Poll:
    """Create the closed vote with its options and anonymous ballots, in one transaction."""
    if election.budget <= 0:
        raise PabulibError("Бюджет (budget) должен быть больше нуля.")
    for row in election.projects:
        if Decimal(row["cost"]) <= 0:
            raise PabulibError(f"Проект {row['project_id']}: стоимость должна быть больше нуля.")
    with transaction.atomic():
        poll = _poll(election, municipality, source, actor)
        poll.save()
        options = PollOption.objects.bulk_create(
            PollOption(poll=poll, title=_option_title(row), description=_option_description(row),
                       cost=row["cost"], position=index)
            for index, row in enumerate(election.projects)
        )
        by_id = {row["project_id"]: o for row, o in zip(election.projects, options, strict=True)}
        day = timezone.localtime(poll.closes_at - timedelta(seconds=1), municipality.tz).date()
        for start in range(0, len(election.votes), CHUNK):
            votes = election.votes[start:start + CHUNK]
            ballots = Ballot.objects.bulk_create(
                Ballot(poll=poll, cast_on=day,
                       receipt_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest())
                for _ in votes
            )
            BallotChoice.objects.bulk_create(
                BallotChoice(ballot=ballot, poll=poll, option=by_id[pid],
                             points=(vote.points[i] if vote.points else 1))
                for ballot, vote in zip(ballots, votes, strict=True)
                for i, pid in enumerate(vote.projects)
                if not vote.points or vote.points[i] > 0
            )
        audit_record(actor=actor, action="voting.import", obj=poll, municipality=municipality,
                     after={"source": source, "projects": len(options),
                            "ballots": len(election.votes)})
    return poll


class Command(BaseCommand):
    help = ("Загрузить голосование из файла Pabulib (.pb): проекты становятся вариантами, "
            "голоса — анонимными бюллетенями; голосование загружается завершённым.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="файл .pb")
        parser.add_argument("--municipality", required=True,
                            help="адрес портала (slug) муниципального образования")
        parser.add_argument("--actor", default="",
                            help="логин сотрудника, который загружает файл (пишется в журнал)")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Муниципальное образование «{options['municipality']}» не найдено.")
        actor = None
        if options["actor"]:
            actor = User.objects.filter(username=options["actor"], is_active=True).first()
            if actor is None:
                raise CommandError(f"Пользователь «{options['actor']}» не найден.")
        path: Path = options["file"]
        try:
            election = load(path)
            poll = poll_import_pabulib(actor=actor, municipality=municipality,
                                       election=election, source=path.name)
        except OSError as exc:
            raise CommandError(f"Не удалось прочитать файл {path}: {exc.strerror}") from None
        except PabulibError as exc:
            raise CommandError(f"Файл не загружен. {exc}") from None
        self.stdout.write(self.style.SUCCESS(
            f"Загружено голосование №{poll.pk} «{poll.title}»: проектов — "
            f"{len(election.projects)}, бюллетеней — {len(election.votes)}."
        ))
