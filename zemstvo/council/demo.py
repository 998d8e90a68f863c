"""Demo council of the main demo municipality: 25 deputies in three factions and
three committees, two years of monthly sessions with agendas, roll-call votes and
decisions, an upcoming session with a broadcast, and meetings with residents.
Everything goes through the services, so the audit log is filled. Safe to run
again: a municipality that has a body already gets nothing more."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from zemstvo.core.errors import DomainError
from zemstvo.core.registry import DemoContext
from zemstvo.council.models import (
    BodyKind,
    MeetingKind,
    RepresentativeBody,
    SessionKind,
    SessionStatus,
    VoteOption,
)

DEPUTIES = 25
MONTHS = 24
FIRST_NAMES = ("Александр", "Елена", "Сергей", "Ольга", "Дмитрий", "Наталья", "Андрей",
               "Татьяна", "Михаил", "Ирина", "Николай", "Светлана", "Владимир")
PATRONYMICS_M = ("Петрович", "Иванович", "Сергеевич", "Алексеевич", "Николаевич")
PATRONYMICS_F = ("Петровна", "Ивановна", "Сергеевна", "Алексеевна", "Николаевна")
SURNAMES = ("Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
            "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров")
FACTIONS = ("Фракция «Единство»", "Фракция «Развитие»", "Депутатская группа «Город»")
COMMITTEES = ("Комиссия по бюджету и налогам", "Комиссия по городскому хозяйству",
              "Комиссия по социальной политике")
TOPICS = (
    "О внесении изменений в бюджет на текущий год",
    "Об утверждении правил благоустройства территории",
    "Об отчёте главы о результатах деятельности",
    "О присвоении звания «Почётный гражданин»",
    "Об утверждении положения о публичных слушаниях",
    "О порядке предоставления муниципального имущества в аренду",
    "Об установлении земельного налога",
    "О программе комплексного развития транспортной инфраструктуры",
)


def _name(rng: Any) -> str:
    first = rng.choice(FIRST_NAMES)
    female = first.endswith("а")
    surname = rng.choice(SURNAMES) + ("а" if female else "")
    patronymic = rng.choice(PATRONYMICS_F if female else PATRONYMICS_M)
    return f"{surname} {first} {patronymic}"


def generate_demo(ctx: DemoContext) -> None:
    from zemstvo.council import services

    if not ctx.municipalities:
        return
    municipality = ctx.municipalities[0]
    if RepresentativeBody.objects.filter(municipality=municipality).exists():
        return
    staff = ctx.staff.get(municipality.slug, {})
    actor = staff.get("clerk") or staff.get("administrator")
    if actor is None:
        ctx.log("Совет депутатов: нет делопроизводителя, пропускаю.")
        return
    rng, tz = ctx.rng, municipality.tz
    today = ctx.now.astimezone(tz).date()
    term_from = today - timedelta(days=MONTHS * 31 + 30)
    body = services.body_save(actor=actor, municipality=municipality, kind=BodyKind.DUMA,
                              name=f"Дума: {municipality.name}", seats=DEPUTIES)
    factions = [services.faction_create(actor=actor, body=body, name=n) for n in FACTIONS]
    deputies = []
    for number in range(1, DEPUTIES + 1):
        deputies.append(services.deputy_save(
            actor=actor, body=body, full_name=_name(rng), term_from=term_from,
            district=f"Избирательный округ № {number}",
            faction=factions[number % len(factions)] if number % 7 else None,
            contacts="Приёмная думы: +7 (8172) 00-00-00", is_chair=number == 1,
            reception_hours=f"{('понедельник', 'среда', 'пятница')[number % 3]}, 16:00–18:00"))
    committees = [services.committee_create(actor=actor, body=body, name=name,
                                            members=rng.sample(deputies, 7))
                  for name in COMMITTEES]
    for month in range(MONTHS, 0, -1):
        day = today - timedelta(days=month * 30)
        starts = _local(day, time(10, 0), tz)
        session = services.session_create(
            actor=actor, body=body, kind=SessionKind.REGULAR, number=MONTHS - month + 1,
            title=f"Заседание думы № {MONTHS - month + 1}", starts_at=starts,
            place="Зал заседаний, ул. Ленина, 2")
        for order, topic in enumerate(rng.sample(TOPICS, 3), start=1):
            item = services.agenda_item_add(actor=actor, session=session, title=topic,
                                            rapporteur=deputies[rng.randrange(DEPUTIES)]
                                            .full_name)
            votes = {d.pk: _option(rng) for d in deputies}
            event = services.vote_record(actor=actor, agenda_item=item,
                                         motion="За основу и в целом", votes=votes)
            if event.result == "pass":
                services.decision_add(
                    actor=actor, agenda_item=item, number=f"{MONTHS - month + 1}/{order}",
                    adopted_on=day, title=topic, published_on=day + timedelta(days=7),
                    publication_source="Газета «Городские ведомости»",
                    text=f"Дума решила: {topic.lower()}.")
        services.session_set_status(actor=actor, session=session, status=SessionStatus.HELD,
                                    minutes="Протокол заседания размещён в приложении.")
        if month % 6 == 0:
            services.session_create(
                actor=actor, body=body, kind=SessionKind.COMMITTEE,
                committee=committees[month % 3], title=f"Заседание: {committees[month % 3]}",
                starts_at=starts - timedelta(days=7), place="Кабинет 12")
    upcoming = services.session_create(
        actor=actor, body=body, kind=SessionKind.REGULAR, number=MONTHS + 1,
        title=f"Заседание думы № {MONTHS + 1}",
        starts_at=_local(today + timedelta(days=10), time(10, 0), tz),
        place="Зал заседаний, ул. Ленина, 2",
        broadcast_url="https://video.example.ru/embed/duma-live")
    item = services.agenda_item_add(actor=actor, session=upcoming, title=TOPICS[0],
                                    rapporteur=deputies[0].full_name)
    if ctx.residents:
        try:
            services.question_ask(actor=ctx.residents[0], agenda_item=item,
                                  text="Какие расходы на ремонт дорог добавятся в бюджет?")
        except DomainError as exc:
            ctx.log(f"Совет депутатов: вопрос не добавлен ({exc.message})")
    past = services.meeting_create(
        actor=actor, body=body, kind=MeetingKind.MEETING, title="Встреча с жителями округа № 3",
        starts_at=_local(today - timedelta(days=20), time(18, 0), tz),
        place="Школа № 5, актовый зал", topics="Дороги и освещение", deputies=deputies[2:4])
    question = services.meeting_question_add(
        actor=actor, meeting=past, text="Когда починят освещение во дворах?",
        answer="Заявка направлена в управление городского хозяйства.")
    services.task_add(actor=actor, meeting=past, question=question,
                      title="Восстановить освещение во дворах ул. Мира",
                      responsible="Управление городского хозяйства",
                      deadline=today + timedelta(days=30))
    services.meeting_create(
        actor=actor, body=body, kind=MeetingKind.FIELD, title="Выездное мероприятие в парк",
        starts_at=_local(today + timedelta(days=5), time(11, 0), tz), place="Парк Победы",
        topics="Благоустройство парка", capacity=30, deputies=deputies[:2])
    ctx.log(f"Совет депутатов: {DEPUTIES} депутатов, {MONTHS} заседаний в «{municipality.name}».")


def _option(rng: Any) -> str:
    roll = rng.random()
    if roll < 0.72:
        return VoteOption.YES
    if roll < 0.84:
        return VoteOption.NO
    if roll < 0.92:
        return VoteOption.ABSTAIN
    return VoteOption.ABSENT


def _local(day, at, tz):
    from datetime import datetime

    return datetime.combine(day, at, tzinfo=tz)
