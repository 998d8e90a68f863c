"""What the territory loaders share: the report they return and bulk writes that cost a
few queries whatever the size of the data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

_CHUNK = 500


@dataclass
class KindCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated


@dataclass
class LoadReport:
    """What a load did, kind by kind, and what it had to skip or guess."""

    regions: KindCounts = field(default_factory=KindCounts)
    municipalities: KindCounts = field(default_factory=KindCounts)
    settlements: KindCounts = field(default_factory=KindCounts)
    warnings: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return self.regions.created + self.municipalities.created + self.settlements.created

    @property
    def changed(self) -> int:
        return self.regions.changed + self.municipalities.changed + self.settlements.changed

    def as_dict(self) -> dict[str, Any]:
        return {
            kind: {"created": c.created, "updated": c.updated, "unchanged": c.unchanged}
            for kind, c in (
                ("regions", self.regions),
                ("municipalities", self.municipalities),
                ("settlements", self.settlements),
            )
        }

    def summary_lines(self) -> list[str]:
        titles = (
            ("Субъекты РФ", self.regions),
            ("Муниципальные образования", self.municipalities),
            ("Населённые пункты", self.settlements),
        )
        return [
            f"{title}: создано {c.created}, обновлено {c.updated}, без изменений {c.unchanged}"
            for title, c in titles
            if c.changed or c.unchanged
        ] or ["Ничего не загружено."]


def by_oktmo(model: type[models.Model], codes: Iterable[str]) -> dict[str, Any]:
    """Existing rows keyed by their ОКТМО code, read in chunks (SQLite limits the
    number of query parameters)."""
    codes = sorted(set(codes))
    found: dict[str, Any] = {}
    for start in range(0, len(codes), _CHUNK):
        chunk = codes[start : start + _CHUNK]
        for obj in model._default_manager.filter(oktmo__in=chunk):
            found[obj.oktmo] = obj
    return found


def create_all(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert ``objs`` and make sure each has its primary key afterwards."""
    if not objs:
        return
    model._default_manager.bulk_create(objs, batch_size=_CHUNK)
    missing = [obj for obj in objs if obj.pk is None]
    if missing:
        # Backends that cannot return ids from a bulk insert: read them back.
        codes = [obj.oktmo for obj in missing]  # type: ignore[attr-defined]
        ids = dict(_values_by_oktmo(model, codes))
        for obj, code in zip(missing, codes, strict=True):
            obj.pk = ids[code]


def _values_by_oktmo(model: type[models.Model], codes: list[str]) -> list[tuple[str, int]]:
    rows: list[tuple[str, int]] = []
    for start in range(0, len(codes), _CHUNK):
        chunk = codes[start : start + _CHUNK]
        rows.extend(model._default_manager.filter(oktmo__in=chunk).values_list("oktmo", "pk"))
    return rows


def update_all(model: type[models.Model], objs: list[models.Model], fields: list[str]) -> None:
    if objs and fields:
        model._default_manager.bulk_update(objs, fields, batch_size=_CHUNK)


def assign(obj: models.Model, values: dict[str, Any]) -> bool:
    """Set ``values`` on ``obj``; whether anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed
