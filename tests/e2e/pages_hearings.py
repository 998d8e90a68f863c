"""Public pages of the hearings module for the axe-core test: the list and archive,
a closed procedure with its proposals and documents, a procedure taking proposals,
the printable notice and the proposal form (as a signed-in resident)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from tests.e2e.public_pages import PublicPage, World
from tests.factories import MembershipFactory, UserFactory
from tests.hearings.factories import advance_to, in_window, procedure
from zemstvo.core.workdays.services import calendar_load
from zemstvo.hearings import services
from zemstvo.hearings.models import LocalBasis, Status
from zemstvo.hearings.participants import Identity

CLOSED = "Изменения в генеральный план Примерограда"
RUNNING = "Правила благоустройства Примерограда"


def build(world: World) -> None:
    calendar_load()
    municipality = world.municipality
    organiser = UserFactory(username="hearings-clerk")
    MembershipFactory(user=organiser, role="clerk", municipality=municipality)
    closed = advance_to(organiser, procedure(organiser, municipality, title=CLOSED,
                                             settlements=[world.settlement]), Status.EXPOSITION)
    person = services.participant_register(
        actor=organiser, procedure=closed, basis=LocalBasis.RESIDENT,
        identity=Identity(full_name="Жителева Анна Сергеевна", birth_date=date(1980, 1, 1),
                          address="ул. Садовая, 1"))
    services.proposal_enter(actor=organiser, procedure=closed, participant=person,
                            channel="written", text="Сохранить сквер у реки.",
                            received_at=in_window(closed))
    closed = advance_to(organiser, closed, Status.CONCLUSION)
    for proposal in closed.proposals.all():
        services.proposal_recommend(actor=organiser, proposal=proposal,
                                    recommendation="accept", reason="Не противоречит генплану.")
    services.conclusion_set_summary(actor=organiser, procedure=closed,
                                    summary="Проект рекомендуется к утверждению.")
    closed = services.procedure_advance(actor=organiser, procedure=closed)
    today = timezone.now().astimezone(municipality.tz).date()
    running = advance_to(organiser, procedure(organiser, municipality, kind="improvement",
                                              title=RUNNING,
                                              notice_date=today - timedelta(days=9)),
                         Status.EXPOSITION)
    world.records["hearing_closed"] = closed
    world.records["hearing_running"] = running


def _record(name: str):
    def kwargs(world: World) -> dict[str, Any]:
        return {"municipality": world.municipality.slug, "pk": world.records[name].pk}

    return kwargs


PAGES: list[PublicPage] = [
    PublicPage("hearings list", "hearings:list", lambda w: {"municipality": w.municipality.slug},
               shows=lambda w: CLOSED),
    PublicPage("hearings archive with a settlement", "hearings:list",
               lambda w: {"municipality": w.municipality.slug},
               query=lambda w: f"?status=closed&settlement={w.settlement.pk}",
               shows=lambda w: CLOSED, user="resident"),
    PublicPage("hearings: a closed procedure", "hearings:detail", _record("hearing_closed"),
               shows=lambda w: "Сохранить сквер у реки."),
    PublicPage("hearings: taking proposals", "hearings:detail", _record("hearing_running"),
               shows=lambda w: "Направить предложение"),
    PublicPage("hearings: printable notice", "hearings:notice", _record("hearing_running"),
               shows=lambda w: RUNNING),
    PublicPage("hearings: proposal form", "hearings:propose", _record("hearing_running"),
               shows=lambda w: "Фамилия, имя, отчество", user="resident"),
]
