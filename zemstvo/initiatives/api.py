"""Initiative projects in the API: GET /api/v1/initiatives (public projects, paged,
by municipality and status), GET /api/v1/initiatives/{id}, and POST / DELETE
/api/v1/initiatives/{id}/support (a verified resident: 201 / 200; 401 without
credentials, 403 with the reason, 409 when already supported or not supported,
422 outside the discussion).

No ``from __future__ import annotations``: django-ninja reads the annotations."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from zemstvo.core.accounts.api_auth import TOKEN_OR_SESSION
from zemstvo.core.api import error_response
from zemstvo.core.errors import DomainError
from zemstvo.core.territory.models import Municipality
from zemstvo.initiatives import selectors, services
from zemstvo.initiatives.models import PUBLIC_STATUSES, Project, ProjectSupport

router = Router(tags=["Инициативные проекты"])


class ProjectSummaryOut(Schema):
    id: int
    municipality: str = Field(description="Адрес портала (slug)")
    round_id: int
    title: str
    status: str
    status_display: str
    territory: str
    cost_total: Decimal
    budget_request: Decimal = Field(description="Средства местного бюджета, руб.")
    support_count: int
    published_at: datetime | None
    url: str

    @staticmethod
    def resolve_municipality(project: Project) -> str:
        return project.municipality.slug

    @staticmethod
    def resolve_status_display(project: Project) -> str:
        return str(project.get_status_display())

    @staticmethod
    def resolve_url(project: Project) -> str:
        return settings.ZEMSTVO_SITE_URL.rstrip("/") + project.get_absolute_url()


class CostItemOut(Schema):
    name: str
    quantity: Decimal
    unit_price: Decimal
    total: Decimal


class FinancingOut(Schema):
    source: str = Field(description="residents | businesses | local_budget | regional_subsidy")
    source_display: str
    money: Decimal
    share: Decimal = Field(description="Доля в стоимости проекта, %")
    in_kind_description: str
    in_kind_value: Decimal
    labour_hours: int


class ProjectOut(ProjectSummaryOut):
    problem: str
    justification: str
    expected_result: str
    timeline: str
    participation: str
    beneficiaries: int
    territory_population: int
    initiator_kind: str
    publication_due: date | None
    comments_until: date | None
    decision_due: date | None
    refusal_ground: str
    decision_reason: str
    score_total: Decimal | None
    rank: int | None
    progress: int
    cost_items: list[CostItemOut]
    financing: list[FinancingOut]

    @staticmethod
    def resolve_cost_items(project: Project) -> list:
        return list(project.cost_items.all())

    @staticmethod
    def resolve_financing(project: Project) -> list:
        return [{**row, "source": row["code"], "source_display": str(row["source"])}
                for row in selectors.financing_rows(project)]


class ProjectFilter(Schema):
    municipality: str = Field("", description="Адрес портала (slug); пусто — все порталы")
    status: str = Field("", description="Состояние проекта; пусто — все опубликованные")


class SupportOut(Schema):
    supported: bool
    support_count: int


def _municipality(slug: str) -> Municipality | None:
    if not slug:
        return None
    found = Municipality.objects.filter(slug=slug, is_active=True).first()
    if found is None:
        message = "Муниципальное образование с таким адресом не найдено."
        raise DomainError(message, field_errors={"municipality": [message]})
    return found


@router.get("", response=list[ProjectSummaryOut], summary="Инициативные проекты")
@paginate(LimitOffsetPagination)
def project_list(request: HttpRequest, filters: Query[ProjectFilter]):
    municipality = _municipality(filters.municipality)
    if filters.status and filters.status not in {s.value for s in PUBLIC_STATUSES}:
        message = "Неизвестное состояние: " + ", ".join(s.value for s in PUBLIC_STATUSES) + "."
        raise DomainError(message, field_errors={"status": [message]})
    return selectors.public_projects(municipality, status=filters.status)


@router.get("/{int:project_id}", response=ProjectOut, summary="Инициативный проект")
def project_detail(request: HttpRequest, project_id: int):
    return selectors.project_detail(project_id)


def _count(project: Project) -> int:
    return ProjectSupport.objects.filter(project=project).count()


@router.post("/{int:project_id}/support", response={201: SupportOut}, auth=TOKEN_OR_SESSION,
             summary="Поддержать проект")
def support(request: HttpRequest, project_id: int):
    project = selectors.project_detail(project_id)
    try:
        services.project_support(actor=request.auth, project=project)
    except services.AlreadyDone as exc:
        return error_response(request, 409, exc.message)
    return 201, {"supported": True, "support_count": _count(project)}


@router.delete("/{int:project_id}/support", response=SupportOut, auth=TOKEN_OR_SESSION,
               summary="Отозвать поддержку")
def withdraw(request: HttpRequest, project_id: int):
    project = selectors.project_detail(project_id)
    try:
        services.project_withdraw_support(actor=request.auth, project=project)
    except services.AlreadyDone as exc:
        return error_response(request, 409, exc.message)
    return {"supported": False, "support_count": _count(project)}
