"""Reads for the open-data catalogue: which sets exist (from every module's manifest),
who publishes them, and their passports (Методические рекомендации по публикации
открытых данных государственными органами и органами местного самоуправления,
версия 3.0: identifier «<ИНН>-<код>», meta.csv, structure, list.csv)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q

from zemstvo.core import registry
from zemstvo.core.errors import NotFound
from zemstvo.core.opendata.models import DataSetRevision
from zemstvo.core.territory.models import Municipality

STANDARD_VERSION = "http://opendata.gosmonitor.ru/standard/3.0"
_IDENTIFIER_RE = re.compile(r"^(?P<publisher>\d{8,12})-(?P<code>[A-Za-z0-9_\-]+)$")
# Дата актуальности: the last check plus the set's update period.
_PERIODS = {
    "ежедневно": timedelta(days=1),
    "еженедельно": timedelta(days=7),
    "ежемесячно": timedelta(days=31),
    "ежеквартально": timedelta(days=92),
    "раз в полгода": timedelta(days=183),
    "ежегодно": timedelta(days=366),
}


@dataclass(frozen=True)
class Publisher:
    """Who publishes a set: a municipality (under its administration's INN, or its
    ОКТМО code while the INN is not filled in) or the platform operator."""

    prefix: str
    name: str
    municipality: Municipality | None


@dataclass(frozen=True)
class PublishedSet:
    dataset: registry.OpenDataSet
    publisher: Publisher

    @property
    def identifier(self) -> str:
        return f"{self.publisher.prefix}-{self.dataset.identifier}"

    @property
    def municipality(self) -> Municipality | None:
        return self.publisher.municipality

    @property
    def structure_version(self) -> str:
        return self.dataset.created.strftime("%Y%m%d")


@dataclass(frozen=True)
class Passport:
    """The passport of one set: the fields of meta.csv, in the methodology's order."""

    published: PublishedSet
    modified: datetime
    provenance: str
    valid: date
    row_count: int

    def meta_rows(self, urls: dict[str, str]) -> list[tuple[str, str]]:
        s = self.published
        modified = self.modified.strftime("%Y%m%d")
        return [
            ("standardversion", STANDARD_VERSION),
            ("identifier", s.identifier),
            ("title", str(s.dataset.title)),
            ("description", str(s.dataset.description)),
            ("creator", s.publisher.name),
            ("created", s.dataset.created.strftime("%Y%m%d")),
            ("modified", modified),
            ("subject", ", ".join(str(k) for k in s.dataset.keywords)),
            ("format", "csv"),
            (f"data-{modified}-structure-{s.structure_version}", urls["data_csv"]),
            (f"structure-{s.structure_version}", urls["structure_csv"]),
            ("provenance", self.provenance),
            ("valid", self.valid.strftime("%Y%m%d")),
            ("publishername", settings.ZEMSTVO_OPENDATA_PUBLISHER),
            ("publisherphone", settings.ZEMSTVO_OPENDATA_PHONE),
            ("publishermbox", settings.ZEMSTVO_OPENDATA_MBOX),
            ("periodicity", str(s.dataset.periodicity)),
            ("license", settings.ZEMSTVO_OPENDATA_LICENSE_URL),
        ]


def platform_publisher() -> Publisher:
    return Publisher(
        prefix=settings.ZEMSTVO_OPENDATA_INN,
        name=settings.ZEMSTVO_OPENDATA_PUBLISHER,
        municipality=None,
    )


def municipality_publisher(municipality: Municipality) -> Publisher:
    return Publisher(
        prefix=municipality.inn or municipality.oktmo,
        name=municipality.name,
        municipality=municipality,
    )


def all_sets() -> list[registry.OpenDataSet]:
    """Every data set every module declares, in registry order."""
    return [s for m in registry.modules() for s in m.opendata_sets]


def catalogue(municipality: Municipality | None = None) -> list[PublishedSet]:
    """The sets of one municipality, or the platform-wide sets (no queries)."""
    publisher = (
        municipality_publisher(municipality) if municipality is not None else platform_publisher()
    )
    return [PublishedSet(dataset=s, publisher=publisher) for s in all_sets()]


def find_set(identifier: str) -> PublishedSet:
    """The set named by a full identifier «<ИНН или ОКТМО>-<код>» (one query at most);
    NotFound when there is no such publisher or set."""
    match = _IDENTIFIER_RE.match(identifier)
    if match is None:
        raise NotFound("Набор открытых данных не найден.")
    prefix, code = match["publisher"], match["code"]
    dataset = next((s for s in all_sets() if s.identifier == code), None)
    if dataset is None:
        raise NotFound("Набор открытых данных не найден.")
    if prefix == settings.ZEMSTVO_OPENDATA_INN:
        return PublishedSet(dataset=dataset, publisher=platform_publisher())
    candidates = list(
        Municipality.objects.filter(Q(inn=prefix) | Q(oktmo=prefix), is_active=True).order_by("pk")
    )
    # An INN is preferred; the ОКТМО code only names a municipality that has no INN.
    for municipality in candidates:
        if municipality.inn == prefix or (not municipality.inn and municipality.oktmo == prefix):
            return PublishedSet(dataset=dataset, publisher=municipality_publisher(municipality))
    raise NotFound("Набор открытых данных не найден.")


def valid_until(checked: datetime, periodicity: str) -> date:
    period = _PERIODS.get(str(periodicity).strip().lower(), timedelta(0))
    return (checked + period).date()


def passport(published: PublishedSet, revision: DataSetRevision) -> Passport:
    return Passport(
        published=published,
        modified=revision.modified_at,
        provenance=revision.provenance,
        valid=valid_until(revision.checked_at, str(published.dataset.periodicity)),
        row_count=revision.row_count,
    )


def declared_row(dataset: registry.OpenDataSet, row: Any) -> dict[str, Any]:
    """Only the declared fields of a row, in declared order: whatever else a module's
    rows carry never reaches an export."""
    return {f.name: row.get(f.name) for f in dataset.fields}
