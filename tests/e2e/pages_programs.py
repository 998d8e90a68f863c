"""Public pages of programs for the axe-core check: the programs list (with a
strategy), a program page (chart, tables, late point, comments), an activity with a
progress update, and the strategy's goals tree."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.e2e.public_pages import PublicPage, World
from tests.factories import MembershipFactory, UserFactory
from tests.programs.factories import hand_program
from zemstvo.programs import services


def build(world: World) -> None:
    municipality = world.municipality
    analyst = UserFactory(username="programs_analyst")
    MembershipFactory(user=analyst, role="analyst", municipality=municipality)
    program = hand_program(municipality, analyst, date.today())
    activity = program.activities.get(title="Освещение")
    services.progress_post(actor=analyst, activity=activity, progress=40,
                           text="Установлены первые 12 опор освещения.")
    strategy = services.strategy_save(actor=analyst, municipality=municipality,
                                      title="Стратегия развития до 2036 года",
                                      year_from=2025, year_to=2036)
    priority = services.priority_add(actor=analyst, strategy=strategy,
                                     title="Комфортная среда")
    goal = services.goal_add(actor=analyst, priority=priority, title="Светлые улицы")
    services.task_add(actor=analyst, goal=goal, title="Осветить улицы", programs=[program])
    services.target_add(actor=analyst, goal=goal, title="Доля освещённых улиц", unit="%",
                        baseline_value="60", baseline_year=2024,
                        values={2025: ("70", "68"), 2026: ("80", None)})
    world.records.update(programs_program=program, programs_activity=activity,
                         programs_strategy=strategy)


def _record(name: str) -> Any:
    return lambda world: {"municipality": world.municipality.slug,
                          "pk": world.records[name].pk}


PAGES: list[PublicPage] = [
    PublicPage("programs list", "programs:list",
               lambda w: {"municipality": w.municipality.slug},
               shows=lambda w: "Развитие инфраструктуры"),
    PublicPage("programs: program page", "programs:detail", _record("programs_program"),
               shows=lambda w: "Подрядчик сорвал поставку"),
    PublicPage("programs: activity", "programs:activity", _record("programs_activity"),
               shows=lambda w: "Установлены первые 12 опор освещения."),
    PublicPage("programs: strategy", "programs:strategy", _record("programs_strategy"),
               shows=lambda w: "Светлые улицы"),
]
