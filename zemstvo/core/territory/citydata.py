"""Regions, municipalities and their centres from the city data shipped with the project.

Source: «Города России», HFLabs (github.com/hflabs/city), CC BY-SA 4.0 — 1,117 cities,
one row each, with the region, the district, the city's ОКТМО code, time zone,
coordinates and population (zemstvo/data/cities/SOURCE.md).

How a row becomes records (the ОКТМО code decides, the text fills in names):

- the субъект РФ (Region) by the region's name; its code is the first two digits of
  the ОКТМО code, its time zone that of its capital;
- a city whose code has ``000`` in the поселение block (``19701000001``) belongs
  directly to a second-level municipality with the first 8 digits of its code: a
  городской округ (third digit 7; «городской округ город Вологда»), a муниципальный
  округ (5) or, rarely, a район;
- otherwise (``19628101001``) the city is an urban settlement (городское поселение,
  8 digits ``19628101``) inside a муниципальный район (``19628000``) created for it
  and named after the row's district («Кирилловский муниципальный район»);
- each city is a Settlement with its full code, the centre of its municipality.

Federal cities (Москва, Санкт-Петербург, Севастополь) are regions whose city is the
region itself; their municipalities are внутригородские муниципальные образования,
which this data does not list, so they are loaded as regions only (``zemstvo
import-oktmo`` adds their municipalities). A municipality's population is the sum of
its cities' (the only figure the data has); a район created for an area has none.

Loading is idempotent: records are matched by ОКТМО code (regions by name); names,
kinds and slugs are set when a record is created, so the official names that
``import-oktmo`` writes are kept; populations, coordinates and time zones follow the
file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.territory import oktmo
from zemstvo.core.territory.loading import (
    LoadReport,
    assign,
    by_oktmo,
    create_all,
    update_all,
)
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region, Settlement
from zemstvo.core.territory.translit import SlugAllocator, slugify_ru

CITY_DATA = Path(settings.ZEMSTVO_DATA_DIR) / "cities" / "city.csv"

REQUIRED_COLUMNS = (
    "federal_district", "region_type", "region", "area_type", "area", "city_type", "city",
    "settlement_type", "settlement", "capital_marker", "oktmo", "timezone", "geo_lat",
    "geo_lon", "population",
)

# Regions whose deadlines follow a regional production calendar besides the federal one.
REGION_CALENDARS = {"Татарстан": "ru-tatar"}

# capital_marker: 1 — centre of a district, 2 — of a region, 3 — of both.
_DISTRICT_CENTRE = {"1", "3"}
_REGION_CENTRE = {"2", "3"}

T = MunicipalityType


@dataclass
class _City:
    line: int
    name: str
    kind: str
    code: oktmo.Code
    oktmo: str
    population: int | None
    latitude: float | None
    longitude: float | None
    time_zone: str
    capital: str
    area: str
    area_type: str


@dataclass
class _RegionPlan:
    name: str
    kind: str
    code: str
    federal_district: str
    zones: list[tuple[str, str]] = field(default_factory=list)  # (capital marker, zone)

    @property
    def time_zone(self) -> str:
        for capital, zone in self.zones:
            if capital in _REGION_CENTRE:
                return zone
        counts: dict[str, int] = {}
        for _capital, zone in self.zones:
            counts[zone] = counts.get(zone, 0) + 1
        return max(counts, key=lambda z: counts[z]) if counts else "Europe/Moscow"


@dataclass
class _MunicipalityPlan:
    oktmo: str
    type: str
    region: str
    parent: str | None = None
    cities: list[_City] = field(default_factory=list)  # its own
    member_cities: list[_City] = field(default_factory=list)  # of its поселения
    area: str = ""
    area_type: str = ""

    @property
    def centre(self) -> _City | None:
        if self.cities:
            return min(self.cities, key=lambda c: (c.code.kod3, c.line))
        for city in self.member_cities:
            if city.capital in _DISTRICT_CENTRE:
                return city
        return None

    @property
    def population(self) -> int | None:
        known = [c.population for c in self.cities if c.population is not None]
        return sum(known) if known else None

    @property
    def _anchor(self) -> _City | None:
        """The city that names the municipality: its centre, else its first city."""
        return self.centre or (self.member_cities[0] if self.member_cities else None)

    def time_zone(self, region_zone: str) -> str:
        anchor = self._anchor
        return anchor.time_zone if anchor else region_zone

    def _centre_label(self) -> str:
        anchor = self._anchor
        if anchor is None:
            return self.oktmo
        return f"город {anchor.name}" if anchor.kind == "г" else f"{anchor.kind} {anchor.name}"

    def name(self) -> str:
        area = self.area if self.area_type in {"р-н", "у"} else ""
        centre = self._centre_label()
        if self.type == T.URBAN_OKRUG:
            return f"городской округ {centre}"
        if self.type == T.URBAN_OKRUG_WITH_DIVISION:
            return f"городской округ {centre} с внутригородским делением"
        if self.type == T.MUNICIPAL_OKRUG:
            return f"{area} муниципальный округ" if area else f"муниципальный округ ({centre})"
        if self.type == T.MUNICIPAL_DISTRICT:
            return f"{area} муниципальный район" if area else f"муниципальный район ({centre})"
        if self.type == T.URBAN_SETTLEMENT:
            return f"городское поселение {centre}"
        if self.type == T.RURAL_SETTLEMENT:
            return f"сельское поселение {centre}"
        return f"{MunicipalityType(self.type).label} {centre}"

    def slug_base(self) -> str:
        anchor = self._anchor
        centre_name = anchor.name if anchor else self.oktmo
        area = self.area if self.area_type in {"р-н", "у"} else ""
        if self.type == T.MUNICIPAL_DISTRICT:
            return f"{slugify_ru(area or centre_name)}-rn"
        if self.type == T.MUNICIPAL_OKRUG:
            return f"{slugify_ru(area or centre_name)}-mo"
        if self.type == T.RURAL_SETTLEMENT:
            return f"{slugify_ru(centre_name)}-sp"
        return slugify_ru(centre_name)


def _region_identity(region_type: str, region: str) -> tuple[str, str]:
    """The name and kind of a region as the data gives them, tidied: «Саха /Якутия/»
    -> «Саха (Якутия)»; «Чувашская Республика» of kind «Чувашия» -> «Чувашская», «Респ»."""
    name = re.sub(r"\s*/([^/]+)/", r" (\1)", region).strip()
    if region_type == "Чувашия":
        return name.replace(" Республика", "").strip(), "Респ"
    return name, region_type


def _int(value: str) -> int | None:
    value = (value or "").strip().replace(" ", "")
    return int(value) if value.isdigit() else None


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _read(path: Path, report: LoadReport) -> tuple[dict[str, _RegionPlan], list[_City],
                                                   dict[str, str]]:
    """Regions, the cities of non-federal regions, and each city's region name."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise DomainError(f"Файл не найден: {path}.") from None
    except OSError as exc:
        raise DomainError(f"Не удалось прочитать файл {path}: {exc.strerror}.") from exc
    regions: dict[str, _RegionPlan] = {}
    cities: list[_City] = []
    city_region: dict[str, str] = {}
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DomainError(f"В файле {path.name} нет столбцов: {', '.join(missing)}.")
        for line, row in enumerate(reader, start=2):
            code_text = (row["oktmo"] or "").strip()
            try:
                code = oktmo.Code.parse(code_text)
            except ValueError:
                report.warnings.append(f"Строка {line}: некорректный код ОКТМО «{code_text}».")
                continue
            try:
                zone = oktmo.iana_zone(row["timezone"])
            except ValueError as exc:
                report.warnings.append(f"Строка {line}: {exc}; принят московский.")
                zone = "Europe/Moscow"
            name, kind = _region_identity(row["region_type"].strip(), row["region"].strip())
            plan = regions.setdefault(
                name, _RegionPlan(name, kind, code.ter, row["federal_district"].strip())
            )
            plan.zones.append((row["capital_marker"].strip(), zone))
            if kind == "г":
                continue  # a federal city: the region is the city itself
            city = _city(line, row, code, code_text, zone)
            cities.append(city)
            city_region[city.oktmo] = name
    return regions, cities, city_region


def _city(line: int, row: dict[str, str], code: oktmo.Code, code_text: str, zone: str) -> _City:
    # Cities that head a Moscow-oblast городской округ come with an empty `city` and
    # their name in `area` (area_type «г»); a few in `settlement`.
    name = (row["city"] or row["settlement"] or "").strip()
    kind = (row["city_type"] or row["settlement_type"] or "").strip()
    if not name and row["area_type"].strip() == "г":
        name, kind = row["area"].strip(), "г"
    return _City(
        line=line, name=name, kind=kind, code=code, oktmo=code_text,
        population=_int(row["population"]), latitude=_float(row["geo_lat"]),
        longitude=_float(row["geo_lon"]), time_zone=zone, capital=row["capital_marker"].strip(),
        area=row["area"].strip(), area_type=row["area_type"].strip(),
    )


def _plan(
    cities: list[_City], city_region: dict[str, str], report: LoadReport
) -> tuple[dict[str, _MunicipalityPlan], dict[str, _City]]:
    """Municipalities (parents before their поселения) and settlements by code."""
    municipalities: dict[str, _MunicipalityPlan] = {}
    settlements: dict[str, _City] = {}
    for city in cities:
        earlier = settlements.get(city.oktmo)
        if earlier is not None:
            report.warnings.append(
                f"Строка {city.line}: код ОКТМО {city.oktmo} уже есть у «{earlier.name}»"
                f" (строка {earlier.line}); «{city.name}» пропущен."
            )
            continue
        region = city_region[city.oktmo]
        code = city.code
        okrug_type = oktmo.okrug_level_type(code.ter, code.kod1)
        if code.kod2 == "000":
            if okrug_type is None:
                report.warnings.append(
                    f"Строка {city.line}: вид муниципального образования по коду {city.oktmo}"
                    " не определён; принят городской округ."
                )
            plan = municipalities.setdefault(
                code.okrug, _MunicipalityPlan(code.okrug, okrug_type or T.URBAN_OKRUG, region)
            )
        else:
            level = oktmo.settlement_level_type(code.kod2)
            if level not in {T.URBAN_SETTLEMENT, T.RURAL_SETTLEMENT, T.INTRA_CITY_DISTRICT}:
                report.warnings.append(
                    f"Строка {city.line}: код {city.oktmo} не указывает на поселение;"
                    f" «{city.name}» пропущен."
                )
                continue
            parent_type = (
                T.URBAN_OKRUG_WITH_DIVISION if level == T.INTRA_CITY_DISTRICT
                else okrug_type or T.MUNICIPAL_DISTRICT
            )
            parent = municipalities.setdefault(
                code.okrug, _MunicipalityPlan(code.okrug, parent_type, region)
            )
            parent.member_cities.append(city)
            _note_area(parent, city)
            plan = municipalities.setdefault(
                code.municipal,
                _MunicipalityPlan(code.municipal, str(level), region, parent=code.okrug),
            )
        plan.cities.append(city)
        _note_area(plan, city)
        settlements[city.oktmo] = city
    return municipalities, settlements


def _note_area(plan: _MunicipalityPlan, city: _City) -> None:
    if not plan.area and city.area:
        plan.area, plan.area_type = city.area, city.area_type


def load_city_dataset(path: str | Path | None = None, *, actor: Any = None) -> LoadReport:
    """Create or update regions, municipalities and their centres from the city data
    (the shipped file unless ``path`` is given). ``actor`` is None on the command line
    (the platform operator at the server); otherwise the policy is checked."""
    if actor is not None:
        require(actor, "territory.manage")
    report = LoadReport()
    region_plans, cities, city_region = _read(Path(path) if path else CITY_DATA, report)
    municipality_plans, settlement_plans = _plan(cities, city_region, report)
    with transaction.atomic():
        regions = _apply_regions(region_plans, report)
        municipalities, counted = _apply_municipalities(municipality_plans, regions, report)
        settlements = _apply_settlements(settlement_plans, municipalities, report)
        _apply_centres(municipality_plans, municipalities, settlements, counted, report)
        if report.changed:
            audit_record(
                actor=actor, action="territory.load_city_dataset", after=report.as_dict()
            )
    return report


def _apply_regions(plans: dict[str, _RegionPlan], report: LoadReport) -> dict[str, Region]:
    existing = {r.name: r for r in Region.objects.filter(name__in=list(plans))}
    slugs = SlugAllocator(Region.objects.values_list("slug", flat=True), max_length=100)
    result: dict[str, Region] = {}
    for name, plan in plans.items():
        values = {"kind": plan.kind, "code": plan.code, "federal_district": plan.federal_district,
                  "time_zone": plan.time_zone}
        region = existing.get(name)
        if region is None:
            region = Region(name=name, **values)
            region.slug = slugs.allocate(slugify_ru(region.full_name))
            region.work_calendar = REGION_CALENDARS.get(name, "ru")
            region.save()
            report.regions.created += 1
        elif assign(region, values):
            region.save(update_fields=list(values))
            report.regions.updated += 1
        else:
            report.regions.unchanged += 1
        result[name] = region
    return result


def _apply_municipalities(
    plans: dict[str, _MunicipalityPlan], regions: dict[str, Region], report: LoadReport
) -> tuple[dict[str, Municipality], set[str]]:
    """The municipalities by code, and the codes already counted as created or updated."""
    existing = by_oktmo(Municipality, plans)
    counted: set[str] = set()
    slugs = SlugAllocator(Municipality.objects.values_list("slug", flat=True))
    result: dict[str, Municipality] = {}
    for level_is_parent in (True, False):
        new: list[Municipality] = []
        changed: list[Municipality] = []
        for code, plan in plans.items():
            if (plan.parent is None) != level_is_parent:
                continue
            region = regions[plan.region]
            values = {"population": plan.population,
                      "time_zone": plan.time_zone(region.time_zone)}
            municipality = existing.get(code)
            if municipality is None:
                municipality = Municipality(
                    oktmo=code, region=region, type=plan.type, name=plan.name()[:255],
                    parent=result.get(plan.parent) if plan.parent else None,
                    slug=slugs.allocate(plan.slug_base(), slugify_ru(region.name)),
                    **values,
                )
                new.append(municipality)
            elif assign(municipality, values):
                changed.append(municipality)
            else:
                report.municipalities.unchanged += 1
            result[code] = municipality
        create_all(Municipality, new)
        update_all(Municipality, changed, ["population", "time_zone"])
        report.municipalities.created += len(new)
        report.municipalities.updated += len(changed)
        counted.update(m.oktmo for m in new + changed)
    return result, counted


def _apply_settlements(
    plans: dict[str, _City], municipalities: dict[str, Municipality], report: LoadReport
) -> dict[str, Settlement]:
    existing = by_oktmo(Settlement, plans)
    fields = ["name", "kind", "population", "latitude", "longitude"]
    new: list[Settlement] = []
    changed: list[Settlement] = []
    result: dict[str, Settlement] = {}
    for code, city in plans.items():
        values = {"name": city.name, "kind": city.kind, "population": city.population,
                  "latitude": city.latitude, "longitude": city.longitude}
        settlement = existing.get(code)
        if settlement is None:
            settlement = Settlement(
                oktmo=code, municipality=municipalities[city.code.municipal], **values
            )
            new.append(settlement)
        elif assign(settlement, values):
            changed.append(settlement)
        else:
            report.settlements.unchanged += 1
        result[code] = settlement
    create_all(Settlement, new)
    update_all(Settlement, changed, fields)
    report.settlements.created += len(new)
    report.settlements.updated += len(changed)
    return result


def _apply_centres(
    plans: dict[str, _MunicipalityPlan],
    municipalities: dict[str, Municipality],
    settlements: dict[str, Settlement],
    counted: set[str],
    report: LoadReport,
) -> None:
    """Give each municipality without a centre the one the data names. A centre set
    before (by an ОКТМО import or by hand) is kept."""
    changed: list[Municipality] = []
    for code, plan in plans.items():
        municipality = municipalities[code]
        centre = plan.centre
        if municipality.centre_id is not None or centre is None:
            continue
        settlement = settlements.get(centre.oktmo)
        if settlement is None:
            continue
        municipality.centre = settlement
        changed.append(municipality)
        if code not in counted:
            report.municipalities.unchanged -= 1
            report.municipalities.updated += 1
    update_all(Municipality, changed, ["centre"])
