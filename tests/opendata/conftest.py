"""A registered test module with one open-data set whose rows the tests control."""

from __future__ import annotations

from datetime import date

import pytest

from zemstvo.core import registry
from zemstvo.core.registry import DataField, ModuleManifest, OpenDataSet

ROWS: list[dict] = []


def _rows(municipality):
    for row in ROWS:
        if municipality is None or row["municipality_id"] == municipality.pk:
            # "secret" is not declared: it must never reach an export.
            yield {**row, "secret": "не для публикации"}


TEST_SET = OpenDataSet(
    identifier="playgrounds",
    title="Детские площадки",
    description="Перечень детских площадок муниципального образования.",
    fields=(
        DataField("id", "Номер", "integer"),
        DataField("name", "Название"),
        DataField("opened", "Дата открытия", "date"),
        DataField("area", "Площадь, кв. м", "number"),
    ),
    rows=_rows,
    keywords=("площадки", "благоустройство"),
    periodicity="ежемесячно",
    created=date(2026, 1, 15),
)


@pytest.fixture
def test_set(monkeypatch, municipality, other_municipality):
    ROWS.clear()
    ROWS.extend([
        {"id": 1, "name": "Площадка «Радуга», ул. Ленина", "opened": date(2025, 6, 1),
         "area": 320.5, "municipality_id": municipality.pk},
        {"id": 2, "name": 'Сквер "Юность"', "opened": None, "area": 150,
         "municipality_id": municipality.pk},
        {"id": 3, "name": "Площадка в Другом", "opened": date(2024, 5, 9), "area": 99,
         "municipality_id": other_municipality.pk},
    ])
    manifest = ModuleManifest(label="playgrounds", title="Площадки", opendata_sets=(TEST_SET,))
    monkeypatch.setattr(registry, "_modules", [*registry.modules(), manifest])
    yield TEST_SET
    ROWS.clear()


@pytest.fixture
def publisher(municipality):
    municipality.inn = "3525000001"
    municipality.save(update_fields=["inn"])
    return municipality
