"""Public pages of the community module for the axe-core test: the ТОС registry with
сходы and starostas, a ТОС's page, the starostas' list."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from tests.e2e.public_pages import PublicPage, World
from tests.factories import MembershipFactory, UserFactory
from zemstvo.community import services
from zemstvo.community.models import FoundingForm, QuestionKind

TOS_NAME = "ТОС «Примерная улица»"
STAROSTA_NAME = "Старостина Мария Петровна"


def build(world: World) -> None:
    municipality = world.municipality
    clerk = UserFactory(username="community-clerk")
    MembershipFactory(user=clerk, role="clerk", municipality=municipality)
    today = timezone.now().astimezone(municipality.tz).date()
    held = today - timedelta(days=30)
    lines = ["ФИО;Дата рождения;Адрес", f"{STAROSTA_NAME};01.01.1970;ул. Лесная"]
    lines += [f"Житель {n};01.01.1980;ул. Лесная" for n in range(2, 6)]
    roll = services.roll_import_csv(actor=clerk, municipality=municipality,
                                    settlement=world.settlement, title="Список",
                                    compiled_on=held, content="\n".join(lines))
    gathering = services.gathering_create(actor=clerk, roll=roll, title="Выдвижение старосты",
                                          called_by="Глава", stages=[(held, "Клуб")])
    stage = gathering.stages.get()
    for entry in roll.entries.all()[:4]:
        services.attendance_register(actor=clerk, stage=stage, entry=entry)
    question = services.question_add(actor=clerk, gathering=gathering,
                                     text="О выдвижении кандидатуры старосты",
                                     kind=QuestionKind.NOMINATION, nominee=roll.entries.first())
    services.question_record_votes(actor=clerk, question=question, votes_for=4,
                                   votes_against=0, votes_abstained=0)
    services.gathering_close(actor=clerk, gathering=gathering, protocol_number="1")
    services.starosta_appoint(actor=clerk, nomination=question.nomination,
                              decision_number="3-р", decision_date=held + timedelta(days=7),
                              term_years=5, phone="+7 900 000-00-00")
    tos = services.tos_register(actor=clerk, municipality=municipality,
                                settlement=world.settlement, name=TOS_NAME,
                                territory="ул. Примерная, д. 1–15\nпер. Тихий",
                                founding_form=FoundingForm.MEETING,
                                founded_on=date(today.year - 2, 5, 1), eligible=60, present=25)
    services.tos_charter_register(actor=clerk, tos=tos, number="5",
                                  registered_on=date(today.year - 2, 6, 1))
    services.tos_officer_add(actor=clerk, tos=tos, office="Председатель", full_name="Иванов И. И.")
    services.tos_report_add(actor=clerk, tos=tos, year=today.year - 1, text="Субботники.")
    world.records["community_tos"] = tos


def _portal(world: World) -> dict[str, Any]:
    return {"municipality": world.municipality.slug}


PAGES: list[PublicPage] = [
    PublicPage("community: ТОС, старосты, сходы", "community:index", _portal,
               shows=lambda w: TOS_NAME),
    PublicPage("community: a ТОС", "community:tos",
               lambda w: {"municipality": w.municipality.slug,
                          "pk": w.records["community_tos"].pk},
               shows=lambda w: "пер. Тихий"),
    PublicPage("community: starostas", "community:starostas", _portal,
               shows=lambda w: STAROSTA_NAME),
]
