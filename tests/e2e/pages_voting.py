"""Public pages of the voting module for the axe-core test: the list, a running
budget vote (as a voter, with the ballot form), a published vote's results, its
ballot list and the receipt check."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.e2e.public_pages import PublicPage, World
from tests.factories import VerifiedResidentFactory
from tests.voting.factories import PollFactory, budget_poll
from zemstvo.voting.models import PaperResult, PollStatus
from zemstvo.voting.services import ballot_cast

RUNNING = "Благоустройство дворов 2026"
CLOSED = "Народное голосование 2025"


def build(world: World) -> None:
    municipality = world.municipality
    running = budget_poll(municipality, title=RUNNING, publish_ballots=True)
    closed = budget_poll(municipality, title=CLOSED, publish_ballots=True)
    voters = [VerifiedResidentFactory(residence_municipality=municipality,
                                      residence_settlement=world.settlement)
              for _ in range(4)]
    options = list(closed.options.order_by("position"))
    for voter, picks in zip(voters, ([0, 3], [1, 2, 3], [1, 2], [2, 3]), strict=True):
        ballot_cast(actor=voter, poll=closed, choices=[options[i].pk for i in picks])
    PaperResult.objects.create(poll=closed, point_name="Участок № 1", ballots_count=3,
                               counts={str(options[0].pk): 2, str(options[3].pk): 1})
    closed.status = PollStatus.PUBLISHED
    closed.closes_at = timezone.now() - timedelta(minutes=1)
    closed.eligible_count = 20
    closed.save()
    PollFactory(municipality=municipality, title="Опрос о часах работы МФЦ")
    world.users["voter"] = VerifiedResidentFactory(
        username="voter", residence_municipality=municipality,
        residence_settlement=world.settlement)
    world.records["poll_running"] = running
    world.records["poll_closed"] = closed


def _poll(name: str):
    def kwargs(world: World) -> dict[str, Any]:
        return {"municipality": world.municipality.slug, "pk": world.records[name].pk}

    return kwargs


PAGES: list[PublicPage] = [
    PublicPage("voting list", "voting:list",
               lambda w: {"municipality": w.municipality.slug}, shows=lambda w: RUNNING),
    PublicPage("voting: a running budget vote", "voting:detail", _poll("poll_running"),
               shows=lambda w: RUNNING),
    PublicPage("voting: a running budget vote, as a voter", "voting:detail",
               _poll("poll_running"), shows=lambda w: "Посчитать сумму", user="voter"),
    PublicPage("voting: results", "voting:results", _poll("poll_closed"),
               shows=lambda w: "Проекты-победители"),
    PublicPage("voting: ballot list", "voting:ballots", _poll("poll_closed"),
               shows=lambda w: "Список бюллетеней"),
    PublicPage("voting: receipt check", "voting:receipt", _poll("poll_closed"),
               shows=lambda w: "Код проверки"),
]
