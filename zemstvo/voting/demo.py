"""Demo votes in the main demo municipality: a budget vote that is running now (the
demo «resident» account has not voted yet, so one can try it) and a closed budget
vote with its results and ballot list published, with a paper protocol; and a
published survey of satisfaction with the local authorities, which the effectiveness
demo links as the survey of Указ № 607 item 37. Ballots are
cast by the demo verified residents through the service, at moments inside each
window. Safe to run again: a municipality that already has votes gets nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from zemstvo.core.errors import DomainError
from zemstvo.core.registry import DemoContext

RUNNING_PROJECTS = [
    ("Освещение сквера у Дома культуры", "12 светодиодных опор, кабель в земле.", 640_000),
    ("Детская площадка во дворе ул. Гагарина, 14", "Игровой комплекс, качели, резиновое "
     "покрытие.", 1_150_000),
    ("Ремонт тротуара по ул. Советской", "420 м асфальта и бордюр от школы до рынка.",
     1_480_000),
    ("Скамейки и урны в городском парке", "30 скамеек и 30 урн вдоль аллей.", 310_000),
    ("Пешеходный переход у поликлиники", "Искусственная неровность, знаки, подсветка.",
     420_000),
    ("Спортивная площадка у школы № 2", "Воркаут, тренажёры, ограждение.", 1_900_000),
]
CLOSED_PROJECTS = [
    ("Ремонт крыши библиотеки", "Замена кровли и водостоков.", 980_000),
    ("Остановочный павильон на ул. Мира", "Павильон с навесом и расписанием.", 360_000),
    ("Благоустройство родника", "Каптаж, лестница, площадка и навес.", 540_000),
    ("Новогодняя иллюминация центральной площади", "Гирлянды и световые фигуры.", 700_000),
    ("Велопарковки у школ и магазинов", "Десять велопарковок на 8 мест.", 180_000),
]
POPULARITY = [0.55, 0.45, 0.35, 0.3, 0.25, 0.15]
# The answers of the satisfaction survey and how often the demo residents give them.
SURVEY_ANSWERS = [("Удовлетворён", 0.3), ("Скорее удовлетворён", 0.3),
                  ("Скорее не удовлетворён", 0.2), ("Не удовлетворён", 0.12),
                  ("Затрудняюсь ответить", 0.08)]
PAPER_POINT = "Участок № 1 (Дом культуры)"


def _create(ctx: DemoContext, municipality: Any, admin: Any, *, title: str, description: str,
            opens_at: datetime, closes_at: datetime, budget: int, projects: list,
            publish_ballots: bool) -> Any:
    from zemstvo.voting import services

    data = services.PollInput(
        title=title, description=description, kind="popular", ballot_type="budget",
        opens_at=opens_at, closes_at=closes_at, budget=Decimal(budget), compute_mes=True,
        publish_ballots=publish_ballots, results_live=False,
    )
    poll = services.poll_create(actor=admin, municipality=municipality, data=data)
    for name, text, cost in projects:
        services.option_add(actor=admin, poll=poll, title=name, description=text, cost=cost)
    return services.poll_open(actor=admin, poll=poll, now=opens_at)


def _ballot(ctx: DemoContext, poll: Any, options: list[Any]) -> list[int]:
    """A plausible ballot: projects ticked by their popularity while they fit."""
    chosen, spent = [], Decimal(0)
    for option, weight in zip(options, POPULARITY, strict=False):
        if ctx.rng.random() < weight and spent + option.cost <= poll.budget:
            chosen.append(option.pk)
            spent += option.cost
    return chosen or [options[-1].pk]


def _cast_many(ctx: DemoContext, poll: Any, voters: list[Any], start: datetime,
               end: datetime) -> int:
    from zemstvo.voting import services

    options = list(poll.options.all())
    cast = 0
    span = (end - start).total_seconds()
    for voter in voters:
        moment = start + timedelta(seconds=ctx.rng.uniform(0, span))
        try:
            services.ballot_cast(actor=voter, poll=poll, choices=_ballot(ctx, poll, options),
                                 now=moment)
            cast += 1
        except DomainError as exc:  # e.g. a resident too young by the rule in force
            ctx.log(f"Голосования: бюллетень не принят ({exc.message})")
    return cast


def _paper_roll(ctx: DemoContext, poll: Any, clerk: Any, residents: list[Any],
                moment: datetime) -> None:
    """Paper ballots issued by the roll at the demo's polling point (the check beside
    its protocol)."""
    from zemstvo.voting.paper_roll import paper_ballot_issue

    for resident in residents:
        try:
            paper_ballot_issue(actor=clerk, poll=poll, resident=resident,
                               point=PAPER_POINT, now=moment)
        except DomainError as exc:
            ctx.log(f"Голосования: бумажный бюллетень не выдан ({exc.message})")


def _survey(ctx: DemoContext, municipality: Any, admin: Any, voters: list[Any]) -> int:
    """A published single-choice survey (опрос граждан) held in the autumn of last year,
    the year the effectiveness reports are made for: whether the residents are
    satisfied with the local authorities' work. Returns the answers cast."""
    from zemstvo.voting import services

    now = ctx.now
    data = services.PollInput(
        title="Опрос: удовлетворённость деятельностью органов местного самоуправления",
        description=("Оцените работу администрации и Думы за год. Итоги учитываются в "
                     "оценке эффективности органов местного самоуправления."),
        kind="survey", ballot_type="single",
        opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=390),
    )
    poll = services.poll_create(actor=admin, municipality=municipality, data=data)
    for title, _share in SURVEY_ANSWERS:
        services.option_add(actor=admin, poll=poll, title=title)
    poll = services.poll_open(actor=admin, poll=poll, now=data.opens_at)
    options = list(poll.options.all())
    shares = [share for _title, share in SURVEY_ANSWERS]
    span = (data.closes_at - data.opens_at).total_seconds()
    answered = 0
    for voter in voters:
        choice = ctx.rng.choices(options, weights=shares)[0]
        moment = data.opens_at + timedelta(seconds=ctx.rng.uniform(0, span))
        try:
            services.ballot_cast(actor=voter, poll=poll, choices=[choice.pk], now=moment)
            answered += 1
        except DomainError as exc:
            ctx.log(f"Голосования: ответ на опрос не принят ({exc.message})")
    poll = services.poll_close(actor=admin, poll=poll, now=data.closes_at)
    services.poll_publish(actor=admin, poll=poll)
    return answered


def generate_demo(ctx: DemoContext) -> None:
    from zemstvo.voting import services
    from zemstvo.voting.models import Poll

    if not ctx.municipalities:
        return
    main = ctx.municipalities[0]
    if Poll.objects.filter(municipality=main).exists():
        return
    admin = ctx.staff.get(main.slug, {}).get("administrator")
    if admin is None:
        ctx.log(f"Голосования: нет администратора в «{main.name}», пропускаю.")
        return
    voters = [r for r in ctx.residents if r.is_verified and r.username != "resident"
              and r.residence_municipality_id == main.pk]
    now = ctx.now
    closed = _create(
        ctx, main, admin, title="Народное голосование: благоустройство 2025 года",
        description="Жители выбрали проекты благоустройства в пределах 2 млн рублей.",
        opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=45),
        budget=2_000_000, projects=CLOSED_PROJECTS, publish_ballots=True,
    )
    n_closed = _cast_many(ctx, closed, voters[: len(voters) * 3 // 4],
                          closed.opens_at, closed.closes_at)
    options = list(closed.options.all())
    clerk = ctx.staff.get(main.slug, {}).get("clerk") or admin
    on_paper = voters[len(voters) * 3 // 4:][:12]
    _paper_roll(ctx, closed, clerk, on_paper, closed.opens_at + timedelta(days=1))
    services.paper_result_save(
        actor=admin, poll=closed, point_name=PAPER_POINT, ballots_count=12,
        counts={options[0].pk: 7, options[1].pk: 5, options[2].pk: 6, options[4].pk: 3},
    )
    closed = services.poll_close(actor=admin, poll=closed, now=now)
    services.poll_publish(actor=admin, poll=closed)

    running = _create(
        ctx, main, admin, title="Народное голосование: благоустройство 2026 года",
        description=("Выберите проекты, которые город выполнит в следующем году. Бюджет — "
                     "3,5 млн рублей; побеждают проекты с наибольшим числом голосов, "
                     "пока они помещаются в бюджет."),
        opens_at=now - timedelta(days=3), closes_at=now + timedelta(days=11),
        budget=3_500_000, projects=RUNNING_PROJECTS, publish_ballots=True,
    )
    n_running = _cast_many(ctx, running, voters[: len(voters) // 3], running.opens_at, now)
    _paper_roll(ctx, running, clerk, voters[len(voters) // 3:][:2], now)
    n_survey = _survey(ctx, main, admin, voters)
    ctx.log(f"Голосования: завершённое ({n_closed} бюллетеней), идущее ({n_running}) и "
            f"опрос (ответов: {n_survey}) в «{main.name}».")
