"""The effectiveness API (mounted at /api/v1/): the catalogue, accepted values, the
import of a filled template, ratings and a municipality's priority areas.

No ``from __future__ import annotations`` here: django-ninja reads the annotations."""

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from zemstvo.core.accounts.api_auth import TOKEN_OR_SESSION
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.permissions import can
from zemstvo.core.territory.models import Municipality
from zemstvo.effectiveness import importing, ratings, selectors, services
from zemstvo.effectiveness.models import Campaign, RatingMethod
from zemstvo.effectiveness.priorities import priority_areas

router = Router(tags=["Эффективность"])


class IndicatorOut(Schema):
    code: str
    name: str
    sphere: str
    unit: str
    direction: str
    value_type: str
    level: str
    bdpmo_code: str
    needs_confirmation: bool
    is_active: bool
    parent: str | None = None
    region: str | None = None

    @staticmethod
    def resolve_parent(obj: Any) -> str | None:
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_region(obj: Any) -> str | None:
        return None if obj.region_id is None else str(obj.region_id)


class ValueOut(Schema):
    indicator: str
    year: int
    kind: str
    value: Decimal
    settlement: str | None
    comment: str
    source: str


class ValueFilter(Schema):
    municipality: str = Field(..., description="Адрес портала (slug)")
    year: int = Field(..., ge=2000, le=2100)


class RatingIn(Schema):
    method: int = Field(..., description="Номер методики региона")
    year: int = Field(..., ge=2000, le=2100)
    group: str = Field("", description="Вид МО (группа) или пусто — все виды")


class RatingOut(Schema):
    id: int
    method: str
    method_kind: str
    parameters: dict
    year: int
    group: str
    results: dict


def _rating_out(rating: Any) -> dict[str, Any]:
    return {"id": rating.pk, "method": rating.method_name, "method_kind": rating.method_kind,
            "parameters": rating.parameters, "year": rating.year, "group": rating.group,
            "results": rating.results}


def _municipality(slug: str) -> Municipality:
    found = Municipality.objects.select_related("region").filter(slug=slug,
                                                                 is_active=True).first()
    if found is None:
        message = "Муниципальное образование с таким адресом не найдено."
        raise DomainError(message, field_errors={"municipality": [message]})
    return found


@router.get("/indicators", response=list[IndicatorOut], summary="Перечень показателей")
def indicators(request: HttpRequest, region: str = ""):
    from zemstvo.core.territory.models import Region

    found = Region.objects.filter(slug=region).first() if region else None
    return list(selectors.catalogue(found))


@router.get("/indicator-values", response=list[ValueOut], summary="Принятые значения")
def indicator_values(request: HttpRequest, filters: Query[ValueFilter]):
    municipality = _municipality(filters.municipality)
    rows = (selectors.accepted_values(municipalities=[municipality.pk], kind="actual")
            .filter(year=filters.year) | selectors.accepted_values(
                municipalities=[municipality.pk], kind="plan").filter(year=filters.year))
    return [{"indicator": v.indicator.code, "year": v.year, "kind": v.kind, "value": v.value,
             "settlement": v.settlement.oktmo if v.settlement else None,
             "comment": v.comment, "source": v.source}
            for v in rows.select_related("indicator", "settlement").order_by(
                "indicator__position", "kind")]


@router.post("/indicator-values/import", auth=TOKEN_OR_SESSION,
             summary="Загрузить заполненный шаблон (XLSX или CSV)")
def indicator_values_import(request: HttpRequest, municipality: Form[str],
                            year: Form[int], file: File[UploadedFile]):
    found = _municipality(municipality)
    campaign = Campaign.objects.filter(region_id=found.region_id, year=year).first()
    if campaign is None:
        message = "Кампания за этот год не открыта."
        raise DomainError(message, field_errors={"year": [message]})
    if not can(request.auth, "effectiveness.enter_values", found):
        raise NotAllowed("Недостаточно прав для этого действия.")
    report = services.report_get_or_create(campaign, found)
    try:
        saved = importing.values_import(actor=request.auth, report=report,
                                        name=file.name or "", content=file.read())
    except importing.ImportRejected as exc:
        return JsonResponse({"detail": exc.message, "errors": exc.field_errors,
                             "cells": [c.as_dict() for c in exc.cells]}, status=422)
    return {"saved": saved, "report": report.pk, "status": report.status}


@router.post("/ratings", response={201: RatingOut}, auth=TOKEN_OR_SESSION,
             summary="Рассчитать рейтинг")
def rating_create(request: HttpRequest, payload: RatingIn):
    method = RatingMethod.objects.select_related("region").filter(pk=payload.method).first()
    if method is None:
        message = "Методика не найдена."
        raise DomainError(message, field_errors={"method": [message]})
    rating = ratings.rating_compute(actor=request.auth, method=method, year=payload.year,
                                    group=payload.group)
    return 201, _rating_out(rating)


@router.get("/ratings/{int:rating_id}", response=RatingOut, summary="Рейтинг")
def rating_detail(request: HttpRequest, rating_id: int):
    return _rating_out(selectors.rating(rating_id))


@router.get("/municipalities/{slug}/priorities", summary="Приоритетные направления МО")
def priorities(request: HttpRequest, slug: str, year: int):
    municipality = get_object_or_404(Municipality.objects.select_related("region"),
                                     slug=slug, is_active=True)
    return {"municipality": slug, "year": year,
            "priorities": [p.as_dict() for p in priority_areas(municipality, year)]}
