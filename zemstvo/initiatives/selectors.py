"""Reads of initiative projects and rounds for pages, the API, the dashboard and
search. Each costs a fixed number of queries whatever the number of projects."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from zemstvo.core.errors import NotFound
from zemstvo.core.permissions import can
from zemstvo.core.registry import SearchDoc
from zemstvo.core.territory.models import Municipality
from zemstvo.initiatives.common import local_today
from zemstvo.initiatives.models import (
    PUBLIC_STATUSES,
    ZERO,
    FinancingSource,
    Project,
    ProjectStatus,
    ProjectSupport,
    RoundStatus,
    Score,
    SelectionRound,
    money_shares,
)

PAGE_SIZE = 20
OFFICE_PAGE_SIZE = 50


def _with_support_count(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.annotate(support_count=Count("supports", distinct=True))


def public_projects(municipality: Municipality | None = None, *, status: str = "",
                    round_id: Any = None) -> QuerySet[Project]:
    projects = Project.objects.filter(status__in=PUBLIC_STATUSES).select_related(
        "municipality", "settlement", "round")
    if municipality is not None:
        projects = projects.filter(municipality=municipality)
    if status in {s.value for s in PUBLIC_STATUSES}:
        projects = projects.filter(status=status)
    if str(round_id or "").isdigit():
        projects = projects.filter(round_id=int(round_id))
    return _with_support_count(projects).order_by("-published_at", "-id")


def public_page(municipality: Municipality, page: Any, *, status: str = "",
                round_id: Any = None) -> Page:
    return Paginator(public_projects(municipality, status=status, round_id=round_id),
                     PAGE_SIZE).get_page(page)


def public_rounds(municipality: Municipality) -> list[SelectionRound]:
    return list(SelectionRound.objects.filter(municipality=municipality).exclude(
        status=RoundStatus.DRAFT).order_by("-year", "-id"))


def project_detail(pk: int, municipality: Municipality | None = None) -> Project:
    """A public project with everything its page shows (fixed number of queries)."""
    projects = _with_support_count(
        Project.objects.filter(pk=pk, status__in=PUBLIC_STATUSES)
        .select_related("municipality__region", "settlement", "round", "contract")
        .prefetch_related("cost_items", "financing", "evidence__attachment", "events",
                          "stages", "spending", "photos__attachment")
    )
    if municipality is not None:
        projects = projects.filter(municipality=municipality)
    project = projects.first()
    if project is None:
        raise NotFound("Проект не найден.")
    return project


def own_project(user: Any, pk: int) -> Project:
    """A project for its initiator or for staff (drafts too)."""
    project = (Project.objects.select_related("municipality__region", "settlement", "round",
                                              "created_by", "initiator_document")
               .prefetch_related("cost_items", "financing", "evidence__attachment")
               .filter(pk=pk).first())
    if project is None or not (project.created_by_id == getattr(user, "pk", None)
                               or project.group_members.filter(user_id=getattr(user, "pk", None)
                                                               ).exists()
                               or can(user, "initiatives.view_office", project)):
        raise NotFound("Проект не найден.")
    return project


def user_supports(user: Any, project: Project) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return ProjectSupport.objects.filter(project=project, user=user).exists()


def financing_rows(project: Project) -> list[dict[str, Any]]:
    """The co-financing table: every source, with money, share, in-kind and labour."""
    rows = {r.source: r for r in project.financing.all()}
    shares = money_shares(list(rows.values()), project.cost_total)
    table = []
    for source in FinancingSource:
        row = rows.get(source.value)
        table.append({
            "code": source.value,
            "source": source.label,
            "money": row.money if row else ZERO,
            "share": shares.get(source.value, ZERO),
            "in_kind_description": row.in_kind_description if row else "",
            "in_kind_value": row.in_kind_value if row else ZERO,
            "labour_hours": row.labour_hours if row else 0,
        })
    return table


def financing_totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "money": sum((r["money"] for r in rows), ZERO),
        "share": sum((r["share"] for r in rows), ZERO),
        "in_kind_value": sum((r["in_kind_value"] for r in rows), ZERO),
        "labour_hours": sum(r["labour_hours"] for r in rows),
    }


def public_round(pk: int, municipality: Municipality) -> SelectionRound:
    round_ = (SelectionRound.objects.filter(pk=pk, municipality=municipality)
              .exclude(status=RoundStatus.DRAFT).select_related("municipality")
              .prefetch_related("criteria").first())
    if round_ is None:
        raise NotFound("Отбор не найден.")
    return round_


def round_ranking(round_: SelectionRound) -> list[Project]:
    return list(round_.projects.filter(rank__isnull=False).select_related("municipality")
                .order_by("rank", "id"))


def round_projects(round_: SelectionRound) -> list[Project]:
    return list(_with_support_count(round_.projects.filter(status__in=PUBLIC_STATUSES)
                                    .select_related("municipality")).order_by("title", "id"))


def office_rounds(municipality: Municipality) -> list[SelectionRound]:
    return list(SelectionRound.objects.filter(municipality=municipality)
                .annotate(project_count=Count("projects", filter=~Q(projects__status="draft")))
                .order_by("-year", "-id"))


def office_round(user: Any, pk: int, action: str = "initiatives.view_office") -> SelectionRound:
    round_ = (SelectionRound.objects.select_related("municipality__region")
              .prefetch_related("criteria").filter(pk=pk).first())
    if round_ is None or not can(user, action, round_):
        raise NotFound("Отбор не найден.")
    return round_


def _overdue_q(today: date) -> Q:
    return (Q(status=ProjectStatus.SUBMITTED, publication_due__lt=today)
            | Q(status__in=[ProjectStatus.SUBMITTED, ProjectStatus.PUBLISHED],
                decision_due__lt=today))


def office_queue(municipality: Municipality, status: str = "", *,
                 overdue_on: date | None = None) -> QuerySet[Project]:
    """Submitted and later projects, nearest decision first; ``overdue_on``: only those
    with a deadline missed by that local date."""
    projects = Project.objects.filter(municipality=municipality).exclude(
        status=ProjectStatus.DRAFT).select_related("municipality", "round")
    if status in ProjectStatus.values:
        projects = projects.filter(status=status)
    if overdue_on is not None:
        projects = projects.filter(_overdue_q(overdue_on))
    return _with_support_count(projects).order_by("decision_due", "id")


def office_project(user: Any, pk: int) -> Project:
    project = (Project.objects.select_related("municipality__region", "round", "contract",
                                              "settlement")
               .prefetch_related("cost_items", "financing", "evidence__attachment", "stages",
                                 "spending", "photos__attachment", "events")
               .filter(pk=pk).first())
    if project is None or not can(user, "initiatives.view_office", project):
        raise NotFound("Проект не найден.")
    return project


def overdue(project: Project, today: date) -> dict[str, bool]:
    return {
        "publication": project.status == ProjectStatus.SUBMITTED
        and project.publication_due is not None and today > project.publication_due,
        "decision": project.status in (ProjectStatus.SUBMITTED, ProjectStatus.PUBLISHED)
        and project.decision_due is not None and today > project.decision_due,
    }


def dashboard_counts(municipality_ids: list[int] | None, today: date) -> dict[str, int]:
    """Awaiting publication, awaiting a decision, and overdue (one query). ``today`` is
    the local date of the municipality (or the Moscow date for a regional view)."""
    projects = Project.objects.all()
    if municipality_ids is not None:
        projects = projects.filter(municipality_id__in=municipality_ids)
    return projects.aggregate(
        to_publish=Count("pk", filter=Q(status=ProjectStatus.SUBMITTED)),
        to_decide=Count("pk", filter=Q(status=ProjectStatus.PUBLISHED)),
        overdue=Count("pk", filter=_overdue_q(today)),
    )


def score_sheet(project: Project, member: Any) -> dict[int, Decimal]:
    return dict(Score.objects.filter(project=project, member=member)
                .values_list("criterion_id", "points"))


def scoring_queue(round_: SelectionRound, member: Any) -> list[Project]:
    """Admitted projects of the round, each with how many criteria the member scored."""
    return list(round_.projects.filter(status=ProjectStatus.ADMITTED)
                .annotate(scored=Count("scores", filter=Q(scores__member=member)))
                .select_related("municipality").order_by("title", "id"))


def home_projects(municipality: Municipality) -> list[Project]:
    return list(public_projects(municipality)[:5])


def today_in(municipality: Municipality) -> date:
    return local_today(municipality)


def search_doc(project: Project) -> SearchDoc:
    return SearchDoc(
        kind="initiatives", object_id=str(project.pk), title=project.title,
        body="\n\n".join([project.problem, project.expected_result, project.territory]),
        url=project.get_absolute_url(), municipality_id=project.municipality_id,
        published_at=project.published_at,
    )


def search_documents() -> Iterator[SearchDoc]:
    for project in Project.objects.filter(status__in=PUBLIC_STATUSES).select_related(
            "municipality").iterator(chunk_size=500):
        yield search_doc(project)

