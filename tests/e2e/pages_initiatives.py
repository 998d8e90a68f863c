"""Public pages of initiative projects for the axe-core check: the list, a project
under discussion (as a visitor and as a verified resident), a finished round with
its results, a completed project's page, the proposal form, the initiator's draft
page and the group invitation."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from tests.e2e.public_pages import PublicPage, World
from tests.factories import MembershipFactory, UserFactory, VerifiedResidentFactory
from tests.initiatives.factories import open_round, ready_draft
from tests.initiatives.helpers import after_comments, published
from zemstvo.core.workdays.services import calendar_load
from zemstvo.initiatives import implementation, rounds, scoring, services


def _finished_round(world: World, admin: Any, member: Any, initiator: Any) -> None:
    """Last year's round, selected, with one project carried out to completion."""
    municipality = world.municipality
    start = datetime.combine(datetime.now().date() - timedelta(days=400), time(9),
                             tzinfo=municipality.tz)
    round_ = open_round(municipality, admin, now=start, title="Народный бюджет прошлого года",
                        acceptance_from=start.date(),
                        acceptance_to=start.date() + timedelta(days=60),
                        scoring_until=start.date() + timedelta(days=80),
                        results_date=start.date() + timedelta(days=90))
    moment = start + timedelta(days=5)
    project = ready_draft(round_, initiator, title="Освещение аллеи в парке")
    project = services.project_submit(actor=initiator, project=project, now=moment)
    project = services.project_publish(actor=admin, project=project,
                                       now=moment + timedelta(days=1))
    services.project_decide(actor=admin, project=project, admit=True,
                            now=after_comments(project))
    rounds.round_close_acceptance(actor=admin, round_=round_)
    manual = round_.criteria.get(kind="scale").pk
    scoring.score_sheet_save(actor=member, project=project, points={manual: 9})
    scoring.round_rank(actor=admin, round_=round_)
    scoring.round_select(actor=admin, round_=round_)
    implementation.contract_set(actor=admin, project=project, number="7-ИБ",
                                signed_on=start.date() + timedelta(days=100),
                                contractor="ООО «Свет»", amount="990000")
    implementation.stage_save(actor=admin, project=project, title="Монтаж опор",
                              planned_start=start.date() + timedelta(days=110),
                              planned_end=start.date() + timedelta(days=140),
                              actual_start=start.date() + timedelta(days=110),
                              actual_end=start.date() + timedelta(days=138), progress=100)
    implementation.spending_set(actor=admin, project=project, source="local_budget",
                                planned="300000", actual="297000")
    implementation.project_accept(actor=admin, project=project, note="Акт № 3")
    world.records["initiatives_round_done"] = round_
    world.records["initiatives_completed"] = project


def build(world: World) -> None:
    calendar_load()
    municipality = world.municipality
    admin = UserFactory(username="initiatives_admin")
    MembershipFactory(user=admin, role="administrator", municipality=municipality)
    member = UserFactory(username="initiatives_commission")
    MembershipFactory(user=member, role="commission_member", municipality=municipality)
    initiator = VerifiedResidentFactory(username="initiatives_initiator",
                                        residence_municipality=municipality,
                                        residence_settlement=world.settlement)
    supporter = VerifiedResidentFactory(username="initiatives_verified",
                                        residence_municipality=municipality,
                                        residence_settlement=world.settlement)
    world.users["initiatives_initiator"] = initiator
    world.users["initiatives_verified"] = supporter
    _finished_round(world, admin, member, initiator)
    round_ = open_round(municipality, admin, title="Народный бюджет этого года")
    project = published(round_, initiator, admin, title="Детская площадка на Садовой")
    services.project_support(actor=supporter, project=project)
    world.records["initiatives_round"] = round_
    world.records["initiatives_project"] = project
    world.records["initiatives_draft"] = ready_draft(round_, initiator,
                                                     title="Сквер у библиотеки")


def _portal(world: World) -> dict[str, Any]:
    return {"municipality": world.municipality.slug}


def _record(name: str):
    def kwargs(world: World) -> dict[str, Any]:
        return {"municipality": world.municipality.slug, "pk": world.records[name].pk}

    return kwargs


def _join(world: World) -> dict[str, Any]:
    return {"municipality": world.municipality.slug,
            "code": world.records["initiatives_draft"].group_code}


PAGES: list[PublicPage] = [
    PublicPage("initiatives list", "initiatives:list", _portal,
               shows=lambda w: "Детская площадка на Садовой"),
    PublicPage("initiative project", "initiatives:detail", _record("initiatives_project"),
               shows=lambda w: "Предварительный расчёт стоимости"),
    PublicPage("initiative project, as a verified resident", "initiatives:detail",
               _record("initiatives_project"), shows=lambda w: "Отозвать поддержку",
               user="initiatives_verified"),
    PublicPage("initiative project, completed", "initiatives:detail",
               _record("initiatives_completed"), shows=lambda w: "Работы приняты"),
    PublicPage("initiatives round with results", "initiatives:round",
               _record("initiatives_round_done"), shows=lambda w: "Рейтинг проектов"),
    PublicPage("initiatives round open", "initiatives:round", _record("initiatives_round"),
               shows=lambda w: "Матрица оценки"),
    PublicPage("initiative proposal form", "initiatives:propose", _portal,
               shows=lambda w: "Шаг 2. Предварительный расчёт стоимости",
               user="initiatives_verified"),
    PublicPage("initiative draft of its initiator", "initiatives:own",
               _record("initiatives_draft"), shows=lambda w: "Ссылка-приглашение",
               user="initiatives_initiator"),
    PublicPage("initiative group invitation", "initiatives:join", _join,
               shows=lambda w: "Подтверждаю участие", user="initiatives_verified"),
]
