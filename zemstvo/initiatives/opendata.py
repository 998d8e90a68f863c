"""The open data set of initiative projects (131-ФЗ ст. 26.1 ч. 7: a project is
published; the results of the selection are public): every published project with its
round, territory, status, cost, co-financing by source, support, dates, score and the
result of the selection.

No personal data (152-ФЗ): the initiative group's members and the resident who brought
the project are not in it; the initiator is given by kind, and by name only when it is
an organisation (a ТОС body). A rural starosta is a person, so his name is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import DataField, OpenDataSet
from zemstvo.core.territory.models import Municipality
from zemstvo.initiatives.common import local_today
from zemstvo.initiatives.models import (
    PUBLIC_STATUSES,
    ZERO,
    FinancingSource,
    InitiatorKind,
    Project,
    ProjectStatus,
    RoundStatus,
)

SELECTED = (ProjectStatus.SELECTED, ProjectStatus.IMPLEMENTATION, ProjectStatus.COMPLETED)

FIELDS = (
    DataField("id", _("Номер проекта"), "integer"),
    DataField("municipality", _("Муниципальное образование")),
    DataField("oktmo", _("Код ОКТМО")),
    DataField("round", _("Конкурсный отбор")),
    DataField("round_year", _("Год отбора"), "integer"),
    DataField("settlement", _("Населённый пункт")),
    DataField("territory", _("Территория реализации")),
    DataField("title", _("Название проекта")),
    DataField("status", _("Состояние")),
    DataField("initiator_kind", _("Инициатор")),
    DataField("initiator_organisation", _("Орган ТОС — инициатор")),
    DataField("cost_total", _("Стоимость проекта, руб."), "number"),
    DataField("budget_request", _("Средства местного бюджета, руб."), "number"),
    DataField("money_residents", _("Софинансирование жителей, руб."), "number"),
    DataField("money_businesses", _("Софинансирование организаций и предпринимателей, руб."),
              "number"),
    DataField("money_local_budget", _("Местный бюджет, руб."), "number"),
    DataField("money_regional_subsidy", _("Субсидия из бюджета субъекта, руб."), "number"),
    DataField("in_kind_value", _("Имущественное участие, руб."), "number"),
    DataField("labour_hours", _("Трудовое участие, чел.-часов"), "integer"),
    DataField("support_count", _("Поддержали на портале"), "integer"),
    DataField("submitted_on", _("Дата внесения"), "date"),
    DataField("published_on", _("Дата опубликования"), "date"),
    DataField("decided_on", _("Дата решения администрации"), "date"),
    DataField("score_total", _("Итоговый балл комиссии"), "number"),
    DataField("rank", _("Место в рейтинге"), "integer"),
    DataField("selection_result", _("Итог конкурсного отбора")),
    DataField("progress", _("Готовность, %"), "integer"),
    DataField("url", _("Ссылка")),
)


def _day(moment: datetime | None, municipality: Municipality) -> date | None:
    return local_today(municipality, moment) if moment else None


def selection_result(project: Project) -> str:
    """The outcome of the selection in words; empty while it is not known."""
    if project.status in SELECTED:
        return str(ProjectStatus.SELECTED.label)
    if project.status == ProjectStatus.NOT_SELECTED:
        return str(ProjectStatus.NOT_SELECTED.label)
    if project.status == ProjectStatus.REFUSED:
        return str(ProjectStatus.REFUSED.label)
    return ""


def _money(rows: list[Any], source: str) -> Decimal:
    return next((row.money for row in rows if row.source == source), ZERO)


def opendata_rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    """Published projects (never drafts, submitted-but-unpublished ones, or projects of
    a round still in preparation), oldest first; three queries whatever their number."""
    projects = (
        Project.objects.filter(status__in=PUBLIC_STATUSES)
        .exclude(round__status=RoundStatus.DRAFT)
        .select_related("municipality", "settlement", "round")
        .prefetch_related("financing")
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("pk")
    )
    if municipality is not None:
        projects = projects.filter(municipality=municipality)
    site = settings.ZEMSTVO_SITE_URL.rstrip("/")
    for project in projects:
        place = project.municipality
        financing = list(project.financing.all())
        organisation = (project.initiator_name if project.initiator_kind == InitiatorKind.TOS
                        else "")
        yield {
            "id": project.pk, "municipality": place.name, "oktmo": place.oktmo,
            "round": project.round.title, "round_year": project.round.year,
            "settlement": str(project.settlement) if project.settlement else "",
            "territory": project.territory, "title": project.title,
            "status": project.get_status_display(),
            "initiator_kind": project.get_initiator_kind_display(),
            "initiator_organisation": organisation,
            "cost_total": project.cost_total, "budget_request": project.budget_request,
            "money_residents": _money(financing, FinancingSource.RESIDENTS),
            "money_businesses": _money(financing, FinancingSource.BUSINESSES),
            "money_local_budget": _money(financing, FinancingSource.LOCAL_BUDGET),
            "money_regional_subsidy": _money(financing, FinancingSource.REGIONAL_SUBSIDY),
            "in_kind_value": sum((row.in_kind_value for row in financing), ZERO),
            "labour_hours": sum(row.labour_hours for row in financing),
            "support_count": project.support_count,
            "submitted_on": _day(project.submitted_at, place),
            "published_on": _day(project.published_at, place),
            "decided_on": _day(project.decided_at, place),
            "score_total": project.score_total, "rank": project.rank,
            "selection_result": selection_result(project),
            "progress": project.progress,
            "url": site + project.get_absolute_url(),
        }


PROJECTS_DATASET = OpenDataSet(
    identifier="initiative-projects",
    title=_("Инициативные проекты"),
    description=_("Опубликованные инициативные проекты и итоги конкурсного отбора: "
                  "территория, стоимость, софинансирование по источникам, число "
                  "поддержавших, даты, баллы комиссии и результат отбора. Сведений о "
                  "членах инициативных групп и жителях-инициаторах нет."),
    fields=FIELDS,
    rows=opendata_rows,
    keywords=(_("инициативные проекты"), _("инициативное бюджетирование"),
              _("конкурсный отбор")),
    created=date(2026, 12, 1),
)
