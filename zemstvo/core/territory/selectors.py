"""Reads of the territory for pages, the API and open data (fixed query counts)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from zemstvo.core.accounts.roles import is_operator
from zemstvo.core.errors import DomainError
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region, Settlement
from zemstvo.core.territory.policies import curated_region_ids

T = MunicipalityType

# Headings of the groups on a region page, in the order of the municipal structure.
TYPE_GROUPS: tuple[tuple[str, Any], ...] = (
    (T.URBAN_OKRUG_WITH_DIVISION, _("Городские округа с внутригородским делением")),
    (T.URBAN_OKRUG, _("Городские округа")),
    (T.MUNICIPAL_OKRUG, _("Муниципальные округа")),
    (T.MUNICIPAL_DISTRICT, _("Муниципальные районы")),
    (T.URBAN_SETTLEMENT, _("Городские поселения")),
    (T.RURAL_SETTLEMENT, _("Сельские поселения")),
    (T.INTRA_CITY, _("Внутригородские муниципальные образования")),
    (T.INTRA_CITY_DISTRICT, _("Внутригородские районы")),
)


@dataclass
class TypeGroup:
    type: str
    title: Any
    municipalities: list[Municipality]


def portal_municipalities() -> QuerySet[Municipality]:
    """Active municipalities with what a portal page shows of them."""
    return Municipality.objects.filter(is_active=True).select_related("region", "parent", "centre")


def _settlement_stats(settlements: QuerySet[Settlement]) -> dict[str, int]:
    stats = settlements.aggregate(
        total=Count("id"),
        support=Count("id", filter=Q(is_support=True)),
        population=Sum("population"),
    )
    return {key: value or 0 for key, value in stats.items()}


def region_overview(region: Region) -> dict[str, Any]:
    """A region's municipalities grouped by kind, and its summary (two queries)."""
    municipalities = list(
        Municipality.objects.filter(region=region, is_active=True)
        .select_related("parent", "centre")
        .order_by("name")
    )
    groups = [
        TypeGroup(kind, title, [m for m in municipalities if m.type == kind])
        for kind, title in TYPE_GROUPS
    ]
    return {
        "region": region,
        "groups": [g for g in groups if g.municipalities],
        "summary": {
            "municipalities": len(municipalities),
            **{f"settlements_{k}": v for k, v in _settlement_stats(
                Settlement.objects.filter(municipality__region=region)).items()},
        },
    }


def settlements_in(municipality: Municipality) -> QuerySet[Settlement]:
    """The населённые пункты of a municipality and of its поселения."""
    return Settlement.objects.filter(
        Q(municipality=municipality) | Q(municipality__parent=municipality)
    )


def settlement_stats(municipality: Municipality) -> dict[str, int]:
    """How many населённые пункты (and опорные) a municipality has, with their
    population (one query)."""
    return _settlement_stats(settlements_in(municipality))


def municipality_overview(municipality: Municipality) -> dict[str, Any]:
    """What a portal's home page says of its municipality (two queries)."""
    children = list(
        municipality.children.filter(is_active=True).select_related("centre").order_by("name")
    )
    stats = settlement_stats(municipality)
    return {"municipality": municipality, "children": children, "settlement_stats": stats}


def settlements_page(municipality: Municipality) -> QuerySet[Settlement]:
    return (
        settlements_in(municipality)
        .select_related("municipality")
        .prefetch_related("adjacent")
        .order_by("name", "pk")
    )


def _text_filter(field: str, text: str) -> Q:
    # SQLite compares only ASCII letters without regard to case, so Cyrillic text is
    # also tried as typed, in lower case and capitalised; PostgreSQL needs only the first.
    variants = {text, text.lower(), text.capitalize(), text.upper()}
    query = Q(**{f"{field}__icontains": text})
    for variant in variants:
        query |= Q(**{f"{field}__contains": variant})
    return query


def municipalities_for_api(
    *, region: str | None = None, kind: str | None = None, text: str | None = None
) -> QuerySet[Municipality]:
    """Active municipalities, filtered; an unknown region slug is a DomainError."""
    queryset = Municipality.objects.filter(is_active=True).select_related(
        "region", "parent", "centre"
    )
    if region:
        region_id = Region.objects.filter(slug=region).values_list("pk", flat=True).first()
        if region_id is None:
            raise DomainError(
                "Проверьте введённые данные.",
                field_errors={"region": [f"Нет субъекта РФ с адресом «{region}»."]},
            )
        queryset = queryset.filter(region_id=region_id)
    if kind:
        queryset = queryset.filter(type=kind)
    if text and text.strip():
        queryset = queryset.filter(_text_filter("name", text.strip()))
    return queryset.order_by("region__name", "name", "pk")


def regions_for_api() -> QuerySet[Region]:
    return Region.objects.annotate(
        municipalities_count=Count("municipalities", filter=Q(municipalities__is_active=True))
    ).order_by("name")


def municipality_rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    """Open-data rows of municipalities: all of them, or one and its поселения."""
    queryset = Municipality.objects.filter(is_active=True)
    if municipality is not None:
        queryset = queryset.filter(Q(pk=municipality.pk) | Q(parent=municipality))
    labels = dict(MunicipalityType.choices)
    rows: Iterable[dict[str, Any]] = queryset.order_by("oktmo").values(
        "oktmo", "name", "type", "region__name", "region__kind", "parent__oktmo",
        "population", "time_zone",
    ).iterator(chunk_size=2000)
    for row in rows:
        region = Region(name=row["region__name"], kind=row["region__kind"])
        yield {
            "oktmo": row["oktmo"],
            "name": row["name"],
            "type": str(labels.get(row["type"], row["type"])),
            "region": region.full_name,
            "parent_oktmo": row["parent__oktmo"] or "",
            "population": row["population"],
            "time_zone": row["time_zone"],
        }


def settlement_rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    """Open-data rows of населённые пункты: all of them, or those of one municipality."""
    queryset = Settlement.objects.all() if municipality is None else settlements_in(municipality)
    rows = queryset.order_by("oktmo").values(
        "oktmo", "kind", "name", "municipality__oktmo", "municipality__name", "population",
        "latitude", "longitude", "is_support",
    ).iterator(chunk_size=2000)
    for row in rows:
        yield {
            "oktmo": row["oktmo"],
            "kind": row["kind"],
            "name": row["name"],
            "municipality_oktmo": row["municipality__oktmo"],
            "municipality": row["municipality__name"],
            "population": row["population"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "is_support": row["is_support"],
        }


def regions_for_curator(user: Any) -> QuerySet[Region]:
    """The regions whose опорные населённые пункты the user keeps: a regional curator's
    own, every region for the operator."""
    if is_operator(user):
        return Region.objects.order_by("name")
    return Region.objects.filter(pk__in=curated_region_ids(user)).order_by("name")


SUPPORT_LIST_LIMIT = 300
FOUND_LIMIT = 50


def support_settlements(regions: QuerySet[Region]) -> list[Settlement]:
    """The опорные населённые пункты of the regions with their прилегающие (two queries)."""
    return list(
        Settlement.objects.filter(is_support=True, municipality__region__in=regions)
        .select_related("municipality__region")
        .prefetch_related("adjacent")
        .order_by("municipality__region__name", "name", "pk")[:SUPPORT_LIST_LIMIT]
    )


def find_settlements(regions: QuerySet[Region], text: str) -> list[Settlement]:
    return list(
        Settlement.objects.filter(municipality__region__in=regions)
        .filter(_text_filter("name", text.strip()))
        .select_related("municipality__region")
        .order_by("name", "pk")[:FOUND_LIMIT]
    )


def settlement_for_office(pk: int) -> Settlement | None:
    return (
        Settlement.objects.select_related("municipality__region", "municipality__parent")
        .filter(pk=pk)
        .first()
    )


def adjacent_candidates(settlement: Settlement) -> QuerySet[Settlement]:
    """Settlements that may be прилегающие to this one: those of the same municipal
    district or okrug."""
    municipality = settlement.municipality
    root = municipality.parent_id or municipality.pk
    return (
        Settlement.objects.filter(Q(municipality_id=root) | Q(municipality__parent_id=root))
        .exclude(pk=settlement.pk)
        .order_by("name", "pk")
    )
