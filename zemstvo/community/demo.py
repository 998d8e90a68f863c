"""Demo content through the services (audit log filled): in the first demo
municipality a completed сход with quorum that nominated a starosta; 5 ТОС and 3
starostas over the demo municipalities."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from zemstvo.community import services
from zemstvo.community.models import FoundingForm, QuestionKind, Tos
from zemstvo.core.errors import DomainError
from zemstvo.core.registry import DemoContext

SURNAMES = ("Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев",
            "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов")
NAMES = ("Иван", "Пётр", "Алексей", "Сергей", "Николай", "Андрей")
PATRONYMICS = ("Иванович", "Петрович", "Сергеевич", "Андреевич", "Николаевич", "Олегович")
TOS_NAMES = ("ТОС «Заречье»", "ТОС «Центральный»", "ТОС «Лесная улица»", "ТОС «Садовый»",
             "ТОС «Молодёжный»")
STREETS = ("ул. Лесная, д. 1–25", "ул. Садовая", "пер. Речной, д. 2, 4, 6",
           "ул. Центральная, д. 10–40")


def _roll_csv(ctx: DemoContext, size: int) -> str:
    lines = ["ФИО;Дата рождения;Адрес"]
    for n in range(size):
        # Surname × first name × patronymic: distinct people for rolls of up to 432.
        surname = SURNAMES[n % len(SURNAMES)]
        first = NAMES[(n // len(SURNAMES)) % len(NAMES)]
        patronymic = PATRONYMICS[(n // (len(SURNAMES) * len(NAMES))) % len(PATRONYMICS)]
        name = f"{surname} {first} {patronymic}"
        born = date(1950, 1, 1) + timedelta(days=ctx.rng.randint(0, 18000))
        lines.append(f"{name};{born:%d.%m.%Y};{STREETS[n % len(STREETS)]}")
    return "\n".join(lines)


def _gathering(ctx: DemoContext, actor: Any, municipality: Any, settlement: Any,
               today: date) -> list:
    """A two-stage сход: more than half of the roll attends; it nominates a starosta."""
    held = today - timedelta(days=40)
    roll = services.roll_import_csv(actor=actor, municipality=municipality,
                                    settlement=settlement, title=f"Список жителей: {settlement}",
                                    compiled_on=held - timedelta(days=10),
                                    content=_roll_csv(ctx, 24))
    gathering = services.gathering_create(
        actor=actor, roll=roll, title="Выдвижение кандидатуры старосты; благоустройство",
        called_by="Глава муниципального образования",
        stages=[(held, "Дом культуры"), (held + timedelta(days=7), "Здание школы")])
    entries = list(roll.entries.all())
    stages = list(gathering.stages.all())
    for index, entry in enumerate(entries[:15]):
        services.attendance_register(actor=actor, stage=stages[index % 2], entry=entry)
    ordinary = services.question_add(actor=actor, gathering=gathering,
                                     text="О ремонте колодца на ул. Лесной")
    services.question_record_votes(actor=actor, question=ordinary, votes_for=12,
                                   votes_against=2, votes_abstained=1)
    nomination = services.question_add(actor=actor, gathering=gathering,
                                       text="О выдвижении кандидатуры сельского старосты",
                                       kind=QuestionKind.NOMINATION, nominee=entries[0])
    services.question_record_votes(actor=actor, question=nomination, votes_for=13,
                                   votes_against=1, votes_abstained=1)
    services.gathering_close(actor=actor, gathering=gathering, protocol_number="1")
    return [nomination.nomination]


def generate_demo(ctx: DemoContext) -> None:
    tos_left, starostas_left = 5, 3
    for index, municipality in enumerate(ctx.municipalities):
        if Tos.objects.filter(municipality=municipality).exists():
            continue
        staff = ctx.staff.get(municipality.slug, {})
        actor = staff.get("clerk") or staff.get("administrator")
        settlements = list(municipality.settlements.all()[:3])
        if actor is None or not settlements:
            ctx.log(f"Сообщество: нет сотрудника или населённых пунктов в «{municipality.name}».")
            continue
        today = ctx.now.astimezone(municipality.tz).date()
        before = (tos_left, starostas_left)
        try:
            nominations = []
            for settlement in settlements[:starostas_left]:
                nominations += _gathering(ctx, actor, municipality, settlement, today)
            for nomination in nominations:
                services.starosta_appoint(
                    actor=actor, nomination=nomination, decision_number=f"{12 + index}-р",
                    decision_date=nomination.nominated_on + timedelta(days=14), term_years=5,
                    territory=str(nomination.settlement), phone="+7 900 000-00-00")
                starostas_left -= 1
            count = 3 if index == 0 else 2
            for n in range(min(count, tos_left)):
                name = TOS_NAMES[5 - tos_left]
                tos = services.tos_register(
                    actor=actor, municipality=municipality,
                    settlement=settlements[n % len(settlements)], name=name,
                    territory="\n".join(STREETS[: 2 + n % 2]),
                    founding_form=FoundingForm.MEETING if n % 2 == 0 else FoundingForm.CONFERENCE,
                    founded_on=today - timedelta(days=400 + 30 * n), eligible=90, present=61,
                    address="ул. Центральная, д. 1", phone="+7 900 000-00-0" + str(n))
                services.tos_charter_register(actor=actor, tos=tos, number=f"ТОС-{tos.pk}",
                                              registered_on=tos.founded_on + timedelta(days=20))
                services.tos_officer_add(actor=actor, tos=tos, office="Председатель",
                                         full_name=f"{SURNAMES[n]} {NAMES[n]} Петрович")
                services.tos_report_add(actor=actor, tos=tos, year=today.year - 1,
                                        text="Проведены субботники, отремонтирована детская "
                                             "площадка, организован праздник улицы.")
                tos_left -= 1
        except DomainError as exc:
            ctx.log(f"Сообщество: «{municipality.name}» — {exc.message}")
            continue
        ctx.log(f"Сообщество: ТОС — {before[0] - tos_left}, старост (со сходом) — "
                f"{before[1] - starostas_left} в «{municipality.name}».")
