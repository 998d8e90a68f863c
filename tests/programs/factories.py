"""Records of the programs tests, made through the services (so the audit works as
in production)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from zemstvo.programs import services
from zemstvo.programs.models import Program


def hand_program(municipality: Any, actor: Any, today: date) -> Program:
    """The hand-computed program of test_metrics:

    A «Ремонт школы», weight 3, two milestones, one reached -> progress 50;
      budget 2025 local plan 1000 fact 900; 2026 regional plan 3000 fact 1500
    B «Парк», weight 1, done -> 100; budget 2026 local plan 1000 fact 1000
    C «Отменённое», weight 5, cancelled -> excluded
    D «Освещение», weight 1, no milestones, reported 20 -> 20; one milestone? none
    Program progress = (50*3 + 100*1 + 20*1) / 5 = 54.0
    Budget: 2025 plan 1000 fact 900 (90.0); 2026 plan 4000 fact 2500 (62.5);
      local plan 2000 fact 1900 (95.0); regional 3000/1500 (50.0); total 5000/3400 (68.0)
    Indicator «Доля освещённых улиц» (higher better) 2026 plan 80 fact 72 -> -10.0
    Indicator «Число ДТП» (lower better) 2026 plan 20 fact 15 -> +25.0
    Milestones of A: «Проект» planned today-10, reached; «Кровля» planned today-1,
      not reached -> late. Milestone of B? none. D has none.
    """
    program = services.program_save(
        actor=actor, municipality=municipality, code="05", title="Развитие инфраструктуры",
        year_from=2025, year_to=2027, responsible_unit="Отдел ЖКХ")
    a = services.activity_save(actor=actor, program=program, title="Ремонт школы",
                               responsible_unit="Управление образования", weight=3,
                               status="in_progress")
    b = services.activity_save(actor=actor, program=program, title="Парк",
                               responsible_unit="Отдел благоустройства", weight=1, status="done")
    services.activity_save(actor=actor, program=program, title="Отменённое",
                           responsible_unit="Отдел", weight=5, status="cancelled")
    d = services.activity_save(actor=actor, program=program, title="Освещение",
                               responsible_unit="Отдел ЖКХ", weight=1, status="in_progress")
    d.reported_progress = 20
    d.save()
    services.budget_set(actor=actor, activity=a, year=2025, source="local", plan="1000",
                        fact="900")
    services.budget_set(actor=actor, activity=a, year=2026, source="regional", plan="3000",
                        fact="1500")
    services.budget_set(actor=actor, activity=b, year=2026, source="local", plan="1000",
                        fact="1000")
    services.milestone_save(actor=actor, activity=a, title="Проект",
                            planned_date=today - timedelta(days=10),
                            actual_date=today - timedelta(days=12))
    services.milestone_save(actor=actor, activity=a, title="Кровля",
                            planned_date=today - timedelta(days=1),
                            delay_reason="Подрядчик сорвал поставку")
    light = services.indicator_add(actor=actor, program=program, title="Доля освещённых улиц",
                                   unit="%", baseline_value="60", baseline_year=2024)
    services.indicator_value_set(actor=actor, indicator=light, year=2026, plan="80", fact="72")
    crashes = services.indicator_add(actor=actor, program=program, title="Число ДТП", unit="ед.",
                                     baseline_value="30", baseline_year=2024,
                                     lower_is_better=True)
    services.indicator_value_set(actor=actor, indicator=crashes, year=2026, plan="20", fact="15")
    return program


def grow(program: Program, actor: Any, count: int) -> None:
    """Add ``count`` activities, each with a budget line and a milestone."""
    for number in range(count):
        activity = services.activity_save(actor=actor, program=program,
                                          title=f"Мероприятие {number}",
                                          responsible_unit="Отдел", weight=1)
        services.budget_set(actor=actor, activity=activity, year=2026, source="local",
                            plan="100", fact="50")
        services.milestone_save(actor=actor, activity=activity, title=f"Точка {number}",
                                planned_date=date(2026, 1, 1))
