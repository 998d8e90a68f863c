"""``zemstvo pb-export POLL_ID [-o FILE]``: a finished budget vote as a Pabulib file (.pb).

Options become projects (project_id is the option's number), ballots become votes with a
sequential voter_id in the ballots' random order (by receipt hash): nothing in the file
identifies a person. Paper protocols carry counts, not ballots, and are not exported.
Only a closed or published vote is exported: a running one would leak its results.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zemstvo.voting.models import Ballot, BallotChoice, BallotType, Poll, PollStatus
from zemstvo.voting.pb.pabulib import PBElection, PBVote, dump

VOTE_TYPES = {BallotType.BUDGET: "approval", BallotType.MULTIPLE: "approval",
              BallotType.SINGLE: "choose-1", BallotType.CUMULATIVE: "cumulative"}


def _number(value: Any) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def poll_as_pabulib(poll: Poll) -> PBElection:
    """The vote's options and electronic ballots as a Pabulib election."""
    if poll.status not in (PollStatus.CLOSED, PollStatus.PUBLISHED):
        raise CommandError("Выгрузить можно только завершённое голосование.")
    options = list(poll.options.all())
    if poll.budget is None or any(o.cost is None for o in options):
        raise CommandError("У голосования нет бюджета или у вариантов нет стоимости: "
                           "формат Pabulib их требует.")
    marks: dict[Any, list[tuple[int, int]]] = defaultdict(list)
    for ballot_id, option_id, points in (BallotChoice.objects.filter(poll=poll)
                                         .order_by("option_id")
                                         .values_list("ballot_id", "option_id", "points")):
        marks[ballot_id].append((option_id, points))
    ballot_ids = Ballot.objects.filter(poll=poll).order_by("receipt_hash").values_list(
        "id", flat=True)
    points = poll.ballot_type == BallotType.CUMULATIVE
    votes = [
        PBVote(str(n), [str(o) for o, _ in marks[b]], [p for _, p in marks[b]] if points else None)
        for n, b in enumerate(ballot_ids, start=1)
    ]
    counts: dict[str, int] = defaultdict(int)
    for vote in votes:
        for pid in vote.projects:
            counts[pid] += 1
    tz = poll.municipality.tz
    meta = {
        "description": poll.title, "country": "Russia", "unit": poll.municipality.name,
        "instance": str(timezone.localtime(poll.opens_at, tz).year),
        "num_projects": str(len(options)), "num_votes": str(len(votes)),
        "budget": _number(poll.budget), "vote_type": VOTE_TYPES[poll.ballot_type],
        "rule": "greedy",
        "date_begin": f"{timezone.localtime(poll.opens_at, tz):%d.%m.%Y}",
        "date_end": f"{timezone.localtime(poll.closes_at, tz):%d.%m.%Y}",
    }
    limit = poll.max_count if poll.ballot_type == BallotType.BUDGET else poll.max_choices
    if poll.ballot_type in (BallotType.BUDGET, BallotType.MULTIPLE) and limit:
        meta["max_length"] = str(limit)
    if points:
        meta["max_sum_points"] = str(poll.points_total)
    meta |= {"language": "ru", "currency": "RUB"}
    projects = [{"project_id": str(o.pk), "cost": _number(o.cost),
                 "votes": str(counts[str(o.pk)]), "name": o.title} for o in options]
    return PBElection(meta, projects, votes, ["project_id", "cost", "votes", "name"],
                      ["voter_id", "vote", "points"] if points else ["voter_id", "vote"])


class Command(BaseCommand):
    help = "Выгрузить завершённое бюджетное голосование в формате Pabulib (.pb)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("poll_id", type=int, help="номер голосования")
        parser.add_argument("-o", "--output", type=Path, default=None,
                            help="файл .pb (по умолчанию — стандартный вывод)")

    def handle(self, *args: Any, **options: Any) -> None:
        poll = Poll.objects.select_related("municipality").filter(pk=options["poll_id"]).first()
        if poll is None:
            raise CommandError(f"Голосование №{options['poll_id']} не найдено.")
        text = dump(poll_as_pabulib(poll))
        output: Path | None = options["output"]
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Не удалось записать файл {output}: {exc.strerror}") from None
        self.stdout.write(self.style.SUCCESS(f"Записано в {output}."))
