"""Public API of the territory: regions and municipalities (no authentication).

No ``from __future__ import annotations`` here: django-ninja reads the parameter
annotations at import time.
"""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from zemstvo.core.territory import selectors
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region

router = Router(tags=["Территории"])

PAGE_SIZE = 20
MAX_PAGE_SIZE = 200


class RegionOut(Schema):
    slug: str
    name: str = Field(description="Название, как в источнике («Вологодская»)")
    full_name: str = Field(description="Название с видом субъекта («Вологодская область»)")
    kind: str
    code: str = Field(description="Первые две цифры кодов ОКТМО субъекта")
    federal_district: str
    time_zone: str
    municipalities_count: int


class SettlementBrief(Schema):
    oktmo: str
    kind: str
    name: str
    population: int | None


class MunicipalityOut(Schema):
    slug: str
    name: str
    type: MunicipalityType
    type_display: str
    oktmo: str
    region: str = Field(description="Адрес (slug) субъекта РФ")
    region_name: str
    parent: str | None = Field(description="Адрес муниципального района, куда входит поселение")
    population: int | None
    time_zone: str
    url: str = Field(description="Адрес портала муниципального образования")

    @staticmethod
    def resolve_type_display(obj: Municipality) -> str:
        return str(obj.get_type_display())

    @staticmethod
    def resolve_region(obj: Municipality) -> str:
        return obj.region.slug

    @staticmethod
    def resolve_region_name(obj: Municipality) -> str:
        return obj.region.full_name

    @staticmethod
    def resolve_parent(obj: Municipality) -> str | None:
        return obj.parent.slug if obj.parent_id else None

    @staticmethod
    def resolve_url(obj: Municipality) -> str:
        return reverse("territory:municipality", args=[obj.slug])


class MunicipalityDetailOut(MunicipalityOut):
    centre: SettlementBrief | None
    settlements_count: int
    support_settlements_count: int


class MunicipalityFilter(Schema):
    region: str | None = Field(None, max_length=100, description="Адрес (slug) субъекта РФ")
    type: MunicipalityType | None = Field(None, description="Вид муниципального образования")
    q: str | None = Field(None, max_length=100, description="Часть названия")


@router.get("/regions", response=list[RegionOut], summary="Субъекты РФ")
def list_regions(request: HttpRequest) -> list[Region]:
    return list(selectors.regions_for_api())


@router.get(
    "/municipalities", response=list[MunicipalityOut], summary="Муниципальные образования"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_municipalities(request: HttpRequest, filters: Query[MunicipalityFilter]):
    """Постранично (page, page_size); фильтры: субъект (region), вид (type), текст (q)."""
    return selectors.municipalities_for_api(
        region=filters.region, kind=filters.type, text=filters.q
    )


@router.get(
    "/municipalities/{slug}", response=MunicipalityDetailOut,
    summary="Муниципальное образование",
)
def get_municipality(request: HttpRequest, slug: str) -> Municipality:
    municipality = get_object_or_404(selectors.portal_municipalities(), slug=slug)
    stats = selectors.settlement_stats(municipality)
    municipality.settlements_count = stats["total"]  # type: ignore[attr-defined]
    municipality.support_settlements_count = stats["support"]  # type: ignore[attr-defined]
    return municipality
