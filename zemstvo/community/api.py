"""Community registries in the API: GET /api/v1/tos?municipality=SLUG and
GET /api/v1/starostas?municipality=SLUG. Public: office-holders and contacts only,
never ТОС members or a сход's roll.

No ``from __future__ import annotations`` here: django-ninja reads the annotations."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from zemstvo.community.models import Starosta, Tos
from zemstvo.core.errors import NotFound
from zemstvo.core.territory.models import Municipality

tos_router = Router(tags=["ТОС"])
starosta_router = Router(tags=["Сельские старосты"])


class MunicipalityFilter(Schema):
    municipality: str = Field(..., description="Адрес портала (slug)")


class OfficerOut(Schema):
    office: str
    full_name: str


class TosOut(Schema):
    id: int
    name: str
    settlement: str
    territory: list[str]
    status: str
    founding_form: str
    founded_on: date
    charter_number: str
    charter_registered_on: date | None
    officers: list[OfficerOut]
    address: str
    phone: str
    email: str

    @staticmethod
    def resolve_settlement(t: Tos) -> str:
        return str(t.settlement)

    @staticmethod
    def resolve_territory(t: Tos) -> list[str]:
        return t.territory_lines

    @staticmethod
    def resolve_officers(t: Tos) -> list:
        return list(t.officers.all())


class StarostaOut(Schema):
    id: int
    full_name: str
    settlement: str
    decision_number: str
    decision_date: date
    term_years: int
    term_ends_on: date
    territory: str
    phone: str
    email: str

    @staticmethod
    def resolve_settlement(s: Starosta) -> str:
        return str(s.settlement)


def _municipality(slug: str) -> Municipality:
    municipality = Municipality.objects.filter(slug=slug, is_active=True).first()
    if municipality is None:
        raise NotFound("Муниципальное образование не найдено.")
    return municipality


@tos_router.get("", response=list[TosOut], summary="Реестр ТОС муниципального образования")
def tos_list(request: HttpRequest, filters: Query[MunicipalityFilter]):
    from zemstvo.community.selectors import public_tos_list

    return public_tos_list(_municipality(filters.municipality))


@starosta_router.get("", response=list[StarostaOut], summary="Сельские старосты")
def starosta_list(request: HttpRequest, filters: Query[MunicipalityFilter]):
    from zemstvo.community.selectors import public_starostas

    return public_starostas(_municipality(filters.municipality))
