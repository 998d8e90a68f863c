"""Demo content: in the main demo municipality, 10 programs with three years of plan
and fact, control points (some late, with reasons), indicators, and a strategy with
four goals linked to the programs by the action plan. Goes through the services so
the audit log is filled; deterministic (ctx.rng) and skipped when already there."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from zemstvo.core.registry import DemoContext
from zemstvo.programs.models import Program

PROGRAMS = (
    ("01", "Развитие образования", "Управление образования"),
    ("02", "Развитие культуры", "Отдел культуры"),
    ("03", "Формирование современной городской среды", "Отдел благоустройства"),
    ("04", "Развитие транспортной системы и дорожного хозяйства", "Отдел ЖКХ и транспорта"),
    ("05", "Развитие физической культуры и спорта", "Отдел по делам молодёжи и спорта"),
    ("06", "Обеспечение безопасности населения", "Отдел ГО и ЧС"),
    ("07", "Поддержка малого и среднего предпринимательства", "Отдел экономики"),
    ("08", "Обеспечение жильём молодых семей", "Жилищный отдел"),
    ("09", "Энергосбережение и повышение энергетической эффективности", "Отдел ЖКХ"),
    ("10", "Управление муниципальными финансами", "Финансовое управление"),
)
ACTIVITIES = ("Проектирование и экспертиза", "Выполнение работ", "Приёмка и ввод в эксплуатацию")
GOALS = (
    ("Человеческий капитал", "Повысить качество образования и здоровья жителей", "01",
     "Доля детей, охваченных дополнительным образованием", "%", "62", ("66", "70", "75")),
    ("Комфортная среда", "Сделать общественные пространства удобными", "03",
     "Доля благоустроенных общественных территорий", "%", "40", ("50", "60", "70")),
    ("Инфраструктура", "Привести дороги в нормативное состояние", "04",
     "Доля дорог в нормативном состоянии", "%", "48", ("52", "57", "63")),
    ("Экономика", "Развивать предпринимательство", "07",
     "Число субъектов МСП на 10 тыс. жителей", "ед.", "310", ("318", "326", "335")),
)


def generate_demo(ctx: DemoContext) -> None:
    from zemstvo.programs import services

    if not ctx.municipalities:
        return
    municipality = ctx.municipalities[0]
    staff = ctx.staff.get(municipality.slug, {})
    actor = staff.get("administrator") or staff.get("analyst")
    if actor is None or Program.objects.filter(municipality=municipality).exists():
        return
    rng, today = ctx.rng, ctx.now.date()
    first = today.year - 2
    years = range(first, first + 3)
    programs = {}
    for code, title, unit in PROGRAMS:
        program = services.program_save(
            actor=actor, municipality=municipality, code=code, title=title,
            year_from=first, year_to=first + 4, responsible_unit=unit,
            description=f"Муниципальная программа «{title}» на {first}–{first + 4} годы.")
        programs[code] = program
        sub = None
        if code in ("03", "04"):
            national = ("Жильё и городская среда" if code == "03"
                        else "Безопасные качественные дороги")
            sub = services.subprogram_add(actor=actor, program=program, kind="project",
                                          title=f"Региональный проект «{national}»",
                                          national_project=national)
        for number, name in enumerate(ACTIVITIES):
            activity = services.activity_save(
                actor=actor, program=program, title=f"{name}: {title.lower()}",
                responsible_unit=unit, weight=number + 1, subprogram=sub)
            for year in years:
                for source in ("local", "regional"):
                    plan = Decimal(rng.randrange(200, 3000) * 1000)
                    share = Decimal(rng.randrange(60, 101)) / 100 if year < today.year else \
                        Decimal(rng.randrange(0, 60)) / 100
                    services.budget_set(actor=actor, activity=activity, year=year,
                                        source=source, plan=plan,
                                        fact=(plan * share).quantize(Decimal("0.01")))
            planned = today + timedelta(days=rng.randrange(-120, 120))
            reached = planned < today and rng.random() < 0.7
            services.milestone_save(
                actor=actor, activity=activity, title=f"Этап «{name.lower()}» завершён",
                planned_date=planned, actual_date=planned if reached else None,
                delay_reason="" if reached or planned >= today else
                "Подрядчик нарушил сроки поставки материалов; направлена претензия.")
            if reached:
                services.progress_post(actor=actor, activity=activity, progress=100,
                                       text="Работы выполнены и приняты по акту.")
            elif rng.random() < 0.5:
                services.progress_post(actor=actor, activity=activity,
                                       progress=rng.randrange(10, 90),
                                       text="Работы идут по графику.")
        indicator = services.indicator_add(
            actor=actor, program=program, title=f"Выполнение мероприятий: {title.lower()}",
            unit="%", baseline_value="50", baseline_year=first - 1)
        for year in years:
            services.indicator_value_set(
                actor=actor, indicator=indicator, year=year, plan=60 + 10 * (year - first),
                fact=(55 + rng.randrange(0, 25)) if year < today.year else None)
    strategy = services.strategy_save(
        actor=actor, municipality=municipality, year_from=first, year_to=first + 12,
        title=f"Стратегия социально-экономического развития до {first + 12} года")
    for order, (priority_title, goal_title, code, target, unit, base, values) in enumerate(GOALS):
        priority = services.priority_add(actor=actor, strategy=strategy, title=priority_title,
                                         order=order)
        goal = services.goal_add(actor=actor, priority=priority, title=goal_title)
        services.task_add(actor=actor, goal=goal, title=f"Реализовать программу {code}",
                          programs=[programs[code]])
        services.target_add(
            actor=actor, goal=goal, title=target, unit=unit, baseline_value=base,
            baseline_year=first - 1,
            values={first + i: (v, (Decimal(v) - rng.randrange(0, 4)) if first + i < today.year
                                else None) for i, v in enumerate(values)})
    ctx.log(f"Программы: {len(PROGRAMS)} программ и стратегия в «{municipality.name}».")
