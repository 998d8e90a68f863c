"""The effectiveness module declares itself to the platform: pages, API, rules,
dashboard card, open data, policies and demo data."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zemstvo.core.accounts.roles import is_operator, staff_municipality_ids, staff_region_ids
from zemstvo.core.registry import (
    CardLine,
    DashboardCard,
    DataField,
    ModuleManifest,
    NavItem,
    OpenDataSet,
    RuleDefault,
)
from zemstvo.effectiveness import selectors
from zemstvo.effectiveness.demo import generate_demo
from zemstvo.effectiveness.policies import RULES


def _card_lines(user: Any, municipality: Any) -> list[CardLine]:
    if municipality is not None:
        ids: list[int] | None = [municipality.pk]
        regions: list[int] | None = [municipality.region_id]
        query = f"?m={municipality.slug}"
    elif is_operator(user):
        ids = regions = None
        query = ""
    else:
        ids, regions, query = sorted(staff_municipality_ids(user)), sorted(
            staff_region_ids(user)), ""
    overdue = selectors.overdue_measures(ids, timezone.localdate())
    waiting = selectors.reports_waiting(regions)
    return [
        CardLine(_("Просроченные мероприятия плана"), overdue,
                 reverse("office_effectiveness:plan") + query, alert=overdue > 0),
        CardLine(_("Отчёты ждут проверки"), waiting, reverse("office_effectiveness:home")),
    ]


VALUES_DATASET = OpenDataSet(
    identifier="effectiveness-values",
    title=_("Показатели эффективности деятельности органов местного самоуправления"),
    description=_(
        "Принятые значения показателей Указа Президента № 607 и показателей субъекта РФ: "
        "фактические и плановые, по муниципальным образованиям и населённым пунктам."
    ),
    fields=(
        DataField("municipality", _("Муниципальное образование")),
        DataField("oktmo", _("Код ОКТМО муниципального образования")),
        DataField("settlement_oktmo", _("Код ОКТМО населённого пункта")),
        DataField("indicator", _("Номер показателя")),
        DataField("indicator_name", _("Наименование показателя")),
        DataField("unit", _("Единица измерения")),
        DataField("year", _("Год"), "integer"),
        DataField("kind", _("Вид значения (actual — факт, plan — план)")),
        DataField("value", _("Значение"), "number"),
        DataField("source", _("Источник")),
    ),
    rows=selectors.opendata_rows,
    keywords=("Указ 607", "эффективность", "показатели", "рейтинг"),
    periodicity="ежегодно",
    created=date(2026, 11, 28),
)

RULE_DEFAULTS = (
    RuleDefault(
        key="effectiveness.report_deadline", title=_("Срок доклада главы (день.месяц)"),
        value="01.05", effective_from=date(2008, 4, 28),
        source="Указ Президента РФ № 607 от 28.04.2008, п. 2", kind="str",
        description=_("Доклад о значениях за прошлый год и планах на 3 года — до 1 мая."),
    ),
    RuleDefault(
        key="effectiveness.jump_threshold", title=_("Порог изменения к прошлому году, %"),
        value="50", effective_from=date(2012, 12, 17),
        source="ПП РФ № 1317 от 17.12.2012 (пояснения к изменениям значений)",
        kind="decimal",
        description=_("Изменение больше порога требует пояснения в комментарии."),
    ),
    RuleDefault(
        key="effectiveness.plan_gap", title=_("Отставание от плана для приоритетов, %"),
        value="10", effective_from=date(2012, 12, 17),
        source="ПП РФ № 1317 от 17.12.2012 (комплекс мероприятий)", kind="decimal",
    ),
    RuleDefault(
        key="effectiveness.support_base_year",
        title=_("Базовый год мониторинга опорных населённых пунктов"), value=2022,
        effective_from=date(2022, 12, 23),
        source="Распоряжение Правительства РФ № 4132-р от 23.12.2022", kind="int",
    ),
    RuleDefault(
        key="effectiveness.support_target_2030",
        title=_("Рост качества среды в опорных НП к 2030 году, %"), value="30",
        effective_from=date(2022, 12, 23),
        source="Распоряжение Правительства РФ № 4132-р от 23.12.2022", kind="decimal",
    ),
    RuleDefault(
        key="effectiveness.support_target_2036",
        title=_("Рост качества среды в опорных НП к 2036 году, %"), value="60",
        effective_from=date(2022, 12, 23),
        source="Распоряжение Правительства РФ № 4132-р от 23.12.2022", kind="decimal",
    ),
)

manifest = ModuleManifest(
    label="effectiveness",
    title=_("Эффективность"),
    public_nav=(NavItem(_("Эффективность"), "effectiveness:scorecard"),),
    office_nav=(NavItem(_("Эффективность"), "office_effectiveness:home", scope="office",
                        action="effectiveness.view_office"),),
    site_urls="zemstvo.effectiveness.urls",
    office_urls="zemstvo.effectiveness.office_urls",
    api_routers=(("", "zemstvo.effectiveness.api:router"),),
    dashboard_cards=(DashboardCard(title=_("Эффективность"), lines=_card_lines,
                                   action="effectiveness.view_office"),),
    opendata_sets=(VALUES_DATASET,),
    policies=RULES,
    rule_defaults=RULE_DEFAULTS,
    demo=generate_demo,
    demo_order=60,
)
