"""Public pages of the council module for the axe-core test: the body, the schedule
and the archive, a held session (votes, decisions, recording), a live session
(player), a deputy, meetings and a meeting, and the question form (signed in)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from tests.e2e.public_pages import PublicPage, World
from tests.factories import MembershipFactory, UserFactory
from zemstvo.council import services

DEPUTY = "Иванова Мария Петровна"
TOPIC = "О внесении изменений в бюджет Примерограда"


def build(world: World) -> None:
    municipality = world.municipality
    clerk = UserFactory(username="council-clerk")
    MembershipFactory(user=clerk, role="clerk", municipality=municipality)
    body = services.body_save(actor=clerk, municipality=municipality, kind="duma",
                              name="Дума Примерограда", seats=3)
    faction = services.faction_create(actor=clerk, body=body, name="Фракция «Развитие»")
    deputies = [services.deputy_save(actor=clerk, body=body, full_name=name,
                                     term_from=date(2021, 9, 20), district=f"Округ № {n}",
                                     faction=faction if n % 2 else None,
                                     reception_hours="Среда, 16:00–18:00")
                for n, name in enumerate((DEPUTY, "Петров Олег Иванович",
                                          "Сидоров Иван Андреевич"), start=1)]
    services.committee_create(actor=clerk, body=body, name="Комиссия по бюджету",
                              members=deputies[1:], chair=deputies[0])
    today = timezone.now().astimezone(municipality.tz).date()
    held = services.session_create(
        actor=clerk, body=body, kind="regular", title="Заседание думы № 1", place="Зал",
        starts_at=datetime.combine(today - timedelta(days=10), time(10), municipality.tz))
    item = services.agenda_item_add(actor=clerk, session=held, title=TOPIC,
                                    rapporteur=DEPUTY)
    services.vote_record(actor=clerk, agenda_item=item, motion="В целом",
                         votes=dict(zip([d.pk for d in deputies], ["yes", "yes", "no"],
                                        strict=True)))
    services.decision_add(actor=clerk, agenda_item=item, number="1/1", title=TOPIC,
                          adopted_on=today - timedelta(days=10),
                          published_on=today - timedelta(days=5),
                          publication_source="Газета «Вестник»")
    services.session_set_status(actor=clerk, session=held, status="held",
                                recording_url="https://media.example.ru/duma/1.mp4",
                                minutes="Протокол заседания.")
    live = services.session_create(
        actor=clerk, body=body, kind="regular", title="Заседание думы № 2", place="Зал",
        starts_at=timezone.now(), broadcast_url="https://video.example.ru/embed/live")
    services.agenda_item_add(actor=clerk, session=live, title="О благоустройстве")
    services.session_set_status(actor=clerk, session=live, status="live")
    planned = services.session_create(
        actor=clerk, body=body, kind="regular", title="Заседание думы № 3", place="Зал",
        starts_at=datetime.combine(today + timedelta(days=10), time(10), municipality.tz))
    question_item = services.agenda_item_add(actor=clerk, session=planned,
                                             title="Об отчёте главы")
    meeting = services.meeting_create(
        actor=clerk, body=body, kind="field", title="Выездная встреча в Заречье",
        starts_at=datetime.combine(today + timedelta(days=3), time(18), municipality.tz),
        place="Клуб, Заречье", topics="Дороги", capacity=20, deputies=deputies[:1])
    services.meeting_question_add(actor=clerk, meeting=meeting, text="Когда будет автобус?",
                                  answer="С января.")
    services.task_add(actor=clerk, meeting=meeting, title="Согласовать маршрут",
                      responsible="Отдел транспорта", deadline=today + timedelta(days=40))
    world.records |= {"council_held": held, "council_live": live, "council_deputy": deputies[0],
                      "council_meeting": meeting, "council_item": question_item}


def _record(name: str):
    def kwargs(world: World) -> dict[str, Any]:
        return {"municipality": world.municipality.slug, "pk": world.records[name].pk}

    return kwargs


def _portal(world: World) -> dict[str, Any]:
    return {"municipality": world.municipality.slug}


PAGES: list[PublicPage] = [
    PublicPage("council: body", "council:body", _portal, shows=lambda w: DEPUTY),
    PublicPage("council: schedule", "council:schedule", _portal,
               shows=lambda w: "Заседание думы № 3"),
    PublicPage("council: archive", "council:schedule", _portal, query=lambda w: "?past=1",
               shows=lambda w: "Заседание думы № 1"),
    PublicPage("council: held session", "council:session", _record("council_held"),
               shows=lambda w: "Поимённое голосование"),
    PublicPage("council: live session", "council:session", _record("council_live"),
               shows=lambda w: "Прямая трансляция"),
    PublicPage("council: deputy", "council:deputy", _record("council_deputy"),
               shows=lambda w: "Последние голосования"),
    PublicPage("council: meetings", "council:meetings", _portal,
               shows=lambda w: "Выездная встреча в Заречье"),
    PublicPage("council: meeting", "council:meeting", _record("council_meeting"),
               shows=lambda w: "Согласовать маршрут", user="resident"),
    PublicPage("council: question form", "council:ask", _record("council_item"),
               shows=lambda w: "Отправить вопрос", user="resident"),
]
