"""The programs module declares itself to the platform: pages, API, dashboard card,
open data, policies, the rule of «at risk» control points and demo content."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zemstvo.core.accounts.roles import card_municipality_ids
from zemstvo.core.registry import (
    CardLine,
    DashboardCard,
    DataField,
    ModuleManifest,
    NavItem,
    OpenDataSet,
    RuleDefault,
    SearchProvider,
)
from zemstvo.programs import selectors
from zemstvo.programs.demo import generate_demo
from zemstvo.programs.policies import RULES


def _card_lines(user: Any, municipality: Any) -> list[CardLine]:
    ids = card_municipality_ids(user, municipality)
    if municipality is not None:
        today = selectors.today_in(municipality)
        query = f"?m={municipality.slug}"
    else:
        today = timezone.localdate()
        query = ""
    late = selectors.late_milestones(ids, today).count()
    return [CardLine(_("Просроченные контрольные точки"), late,
                     reverse("office_programs:list") + query, alert=late > 0)]


def _dataset(identifier: str, title: Any, description: Any, fields: tuple[DataField, ...],
             rows: Any) -> OpenDataSet:
    return OpenDataSet(identifier=identifier, title=title, description=description,
                       fields=fields, rows=rows,
                       keywords=(_("муниципальные программы"), _("бюджет")),
                       periodicity="ежедневно", created=date(2026, 11, 27))


OPENDATA = (
    _dataset("programs", _("Муниципальные программы"),
             _("Программы: код, название, период, ответственный исполнитель."),
             (DataField("id", _("Номер"), "integer"),
              DataField("municipality", _("Муниципальное образование")),
              DataField("oktmo", _("Код ОКТМО")), DataField("code", _("Код программы")),
              DataField("title", _("Название")),
              DataField("year_from", _("Начало периода"), "integer"),
              DataField("year_to", _("Конец периода"), "integer"),
              DataField("responsible_unit", _("Ответственный исполнитель"))),
             selectors.opendata_programs),
    _dataset("program-activities", _("Мероприятия муниципальных программ"),
             _("Мероприятия программ с исполнителем, состоянием, весом и готовностью."),
             (DataField("id", _("Номер"), "integer"),
              DataField("program_code", _("Код программы")), DataField("title", _("Название")),
              DataField("responsible_unit", _("Исполнитель")),
              DataField("status", _("Состояние")), DataField("weight", _("Вес"), "integer"),
              DataField("progress", _("Готовность, %"), "number")),
             selectors.opendata_activities),
    _dataset("program-budget", _("Финансирование муниципальных программ: план и факт"),
             _("План и факт финансирования мероприятий по годам и источникам, руб."),
             (DataField("activity_id", _("Номер мероприятия"), "integer"),
              DataField("program_code", _("Код программы")),
              DataField("year", _("Год"), "integer"), DataField("source", _("Источник")),
              DataField("plan", _("План, руб."), "number"),
              DataField("fact", _("Факт, руб."), "number")),
             selectors.opendata_budget),
    _dataset("program-indicators", _("Показатели муниципальных программ"),
             _("Плановые и фактические значения показателей по годам и отклонение от плана."),
             (DataField("program_code", _("Код программы")),
              DataField("indicator", _("Показатель")), DataField("unit", _("Единица")),
              DataField("year", _("Год"), "integer"), DataField("plan", _("План"), "number"),
              DataField("fact", _("Факт"), "number"),
              DataField("deviation", _("Отклонение от плана, %"), "number")),
             selectors.opendata_indicators),
)

manifest = ModuleManifest(
    label="programs",
    title=_("Программы"),
    public_nav=(NavItem(_("Программы"), "programs:list"),),
    office_nav=(NavItem(_("Программы"), "office_programs:list", scope="office",
                        action="programs.view_office"),),
    public_urls="zemstvo.programs.urls",
    office_urls="zemstvo.programs.office_urls",
    api_routers=(("programs", "zemstvo.programs.api:router"),),
    dashboard_cards=(DashboardCard(title=_("Программы"), lines=_card_lines,
                                   action="programs.view_office"),),
    search_providers=(SearchProvider(kind="programs", title=_("Муниципальные программы"),
                                     documents=selectors.search_documents),),
    opendata_sets=OPENDATA,
    policies=RULES,
    rule_defaults=(
        RuleDefault(
            key=selectors.RISK_RULE,
            title=_("За сколько дней до срока контрольная точка считается под угрозой"),
            value=14, effective_from=date(2014, 6, 28), kind="days",
            source="172-ФЗ ст. 40; порядок реализации муниципальных программ "
                   "(муниципальный правовой акт)",
        ),
    ),
    demo=generate_demo,
    demo_order=20,
)
