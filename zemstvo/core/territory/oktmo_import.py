"""Rosstat's ОКТМО open-data file -> municipalities and settlements.

The file (rosstat.gov.ru/opendata/7708234640-oktmo) is text in windows-1251, one
record a line, fields separated by «;» and usually quoted, with a header line:

    TER;KOD1;KOD2;KOD3;KC;RAZDEL;NAME1;Centrum;NomDescr;NomAkt;Status;DateUtv;DateVved

``TER`` (2 digits), ``KOD1``, ``KOD2``, ``KOD3`` (3 digits each) make the code (see
:mod:`zemstvo.core.territory.oktmo`), ``KC`` is its check digit, ``RAZDEL`` 1 lists
municipalities and 2 населённые пункты, ``NAME1`` is the name, ``Centrum`` the
administrative centre («г Вологда»), the rest are the amendment's number and dates.
Grouping headings («Муниципальные районы Вологодской области», «Сельские поселения
…/», «Населенные пункты, входящие в состав …») are skipped.

Every line is checked first (encoding, number of fields, digits of the code, section,
a known region, a parent that exists in the file or in the database, a recognisable
kind of municipality); when any line is wrong nothing is loaded and every wrong line
is reported with its number. A second import of the same file changes nothing.

Records are matched by ОКТМО code: official names, kinds and parents of existing
municipalities are brought in line with the file; a new municipality takes its
parent's or its region's time zone (the operator corrects it in the admin where a
region spans several zones) and has no population (the file has none).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.territory import oktmo
from zemstvo.core.territory.loading import LoadReport, assign, by_oktmo, create_all, update_all
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region, Settlement
from zemstvo.core.territory.translit import SlugAllocator, slugify_ru

HEADER = (
    "TER", "KOD1", "KOD2", "KOD3", "KC", "RAZDEL", "NAME1", "Centrum", "NomDescr", "NomAkt",
    "Status", "DateUtv", "DateVved",
)
ENCODING = "cp1251"

T = MunicipalityType
_LEVEL_TWO = {T.URBAN_OKRUG, T.URBAN_OKRUG_WITH_DIVISION, T.MUNICIPAL_OKRUG,
              T.MUNICIPAL_DISTRICT, T.INTRA_CITY}
_LEVEL_THREE = {T.URBAN_SETTLEMENT, T.RURAL_SETTLEMENT, T.INTRA_CITY_DISTRICT,
                oktmo.INTER_SETTLEMENT}
# Which second-level kinds each third-level kind may belong to (131-ФЗ ст. 2).
_PARENT_KINDS = {
    T.URBAN_SETTLEMENT: {T.MUNICIPAL_DISTRICT},
    T.RURAL_SETTLEMENT: {T.MUNICIPAL_DISTRICT},
    oktmo.INTER_SETTLEMENT: {T.MUNICIPAL_DISTRICT},
    T.INTRA_CITY_DISTRICT: {T.URBAN_OKRUG_WITH_DIVISION, T.URBAN_OKRUG},
}
_URBAN_CENTRE_KINDS = {"г", "пгт", "рп", "кп", "дп", "гп"}

_GROUP_NAME = re.compile(
    r"^\s*(Муниципальные образования|Муниципальные районы|Муниципальные округа"
    r"|Городские округа|Городские поселения|Сельские поселения|Межселенные территории"
    r"|Внутригородские|Населенные пункты|Населённые пункты)",
    re.IGNORECASE,
)


class OktmoImportError(DomainError):
    """The file has wrong lines; ``errors`` lists each with its line number."""

    def __init__(self, errors: list[str]):
        super().__init__(
            f"Файл не загружен: ошибок — {len(errors)}. Ничего не записано.",
            field_errors={"file": errors},
        )
        self.errors = errors


@dataclass
class _Line:
    number: int
    code: oktmo.Code
    section: str
    name: str
    centre: str


@dataclass
class _MunicipalityRow:
    line: int
    oktmo: str
    type: str
    name: str
    centre: str
    region: Region
    parent: str | None


@dataclass
class _SettlementRow:
    line: int
    oktmo: str
    kind: str
    name: str
    municipality: str


@dataclass
class _Plan:
    municipalities: dict[str, _MunicipalityRow] = field(default_factory=dict)
    # межселенные территории: their code -> the district their settlements belong to
    inter_settlement: dict[str, str] = field(default_factory=dict)
    settlements: dict[str, _SettlementRow] = field(default_factory=dict)


def oktmo_import(source: str | Path | bytes, *, actor: Any = None) -> LoadReport:
    """Load an ОКТМО file (a path or its bytes). Raises OktmoImportError listing every
    wrong line, having written nothing; otherwise returns what was created and updated.
    ``actor`` is None on the command line (the operator at the server)."""
    if actor is not None:
        require(actor, "territory.manage")
    raw = source if isinstance(source, bytes) else _read_bytes(Path(source))
    errors: list[str] = []
    lines = _parse(raw, errors)
    plan = _plan(lines, errors)
    if errors:
        raise OktmoImportError(sorted(errors, key=_line_number))
    report = LoadReport()
    with transaction.atomic():
        municipalities, counted = _apply_municipalities(plan, report)
        settlements = _apply_settlements(plan, municipalities, report)
        _apply_centres(plan, municipalities, settlements, counted, report)
        if report.changed:
            audit_record(actor=actor, action="territory.import_oktmo", after=report.as_dict())
    return report


def _line_number(error: str) -> int:
    match = re.match(r"Строка (\d+):", error)
    return int(match.group(1)) if match else 0


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DomainError(f"Файл не найден: {path}.") from None
    except OSError as exc:
        raise DomainError(f"Не удалось прочитать файл {path}: {exc.strerror}.") from exc


def _decode(number: int, raw: bytes, errors: list[str]) -> str | None:
    if any(byte >= 0x80 for byte in raw):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            errors.append(
                f"Строка {number}: текст в кодировке UTF-8, а файл ОКТМО должен быть"
                " в кодировке windows-1251."
            )
            return None
    try:
        return raw.decode(ENCODING)
    except UnicodeDecodeError:
        errors.append(f"Строка {number}: символы не в кодировке windows-1251.")
        return None


def _fields(text: str) -> list[str]:
    return [value.strip() for value in next(csv.reader([text], delimiter=";", quotechar='"'))]


def _parse(raw: bytes, errors: list[str]) -> list[_Line]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    physical = raw.split(b"\n")
    if not any(line.strip() for line in physical):
        errors.append("Файл пуст.")
        return []
    header = _decode(1, physical[0].rstrip(b"\r"), errors)
    if header is not None and [f.lower() for f in _fields(header)] != [h.lower() for h in HEADER]:
        errors.append(f"Строка 1: ожидается заголовок «{';'.join(HEADER)}».")
    lines: list[_Line] = []
    for number, raw_line in enumerate(physical[1:], start=2):
        raw_line = raw_line.rstrip(b"\r")
        if not raw_line.strip():
            continue
        text = _decode(number, raw_line, errors)
        if text is None:
            continue
        line = _check_line(number, _fields(text), errors)
        if line is not None:
            lines.append(line)
    return lines


def _check_line(number: int, values: list[str], errors: list[str]) -> _Line | None:
    if len(values) != len(HEADER):
        errors.append(
            f"Строка {number}: ожидается {len(HEADER)} полей через «;», получено {len(values)}."
        )
        return None
    row = dict(zip(HEADER, values, strict=True))
    problems = []
    for name, width in (("TER", 2), ("KOD1", 3), ("KOD2", 3), ("KOD3", 3)):
        if not re.fullmatch(rf"\d{{{width}}}", row[name]):
            problems.append(f"поле {name} должно состоять из {width} цифр, получено «{row[name]}»")
    if not re.fullmatch(r"\d?", row["KC"]):
        problems.append(f"контрольное число KC — одна цифра, получено «{row['KC']}»")
    if row["RAZDEL"] not in {"1", "2"}:
        problems.append(f"раздел RAZDEL должен быть 1 или 2, получено «{row['RAZDEL']}»")
    if not row["NAME1"]:
        problems.append("пустое наименование NAME1")
    for name in ("DateUtv", "DateVved"):
        if row[name] and _date(row[name]) is None:
            problems.append(f"поле {name}: дата «{row[name]}» не в формате ДД.ММ.ГГГГ")
    if not problems and row["RAZDEL"] == "1" and row["KOD3"] != "000":
        problems.append("в разделе 1 (муниципальные образования) KOD3 должен быть 000")
    if problems:
        errors.append(f"Строка {number}: " + "; ".join(problems) + ".")
        return None
    code = oktmo.Code(row["TER"], row["KOD1"], row["KOD2"], row["KOD3"])
    return _Line(number, code, row["RAZDEL"], row["NAME1"], row["Centrum"])


def _date(value: str) -> datetime | None:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def _is_heading(line: _Line) -> bool:
    code = line.code
    if line.section == "2":
        return code.kod3 == "000"
    if code.kod1 == "000" or line.name.rstrip().endswith("/") or _GROUP_NAME.match(line.name):
        return True
    if code.kod2 == "000":
        return code.kod1.endswith("00")
    return code.kod2.endswith("00")


def _regions() -> dict[str, list[Region]]:
    found: dict[str, list[Region]] = {}
    for region in Region.objects.all():
        found.setdefault(region.code, []).append(region)
    return found


def _region_for(code: oktmo.Code, regions: dict[str, list[Region]]) -> Region | None:
    """The region of a code; autonomous okrugs inside a krai or oblast share its two
    digits and are told apart by the third one."""
    candidates = regions.get(code.ter, [])
    okrug = oktmo.AUTONOMOUS_OKRUGS.get((code.ter, code.kod1[0]))
    own = {name for (ter, _d), name in oktmo.AUTONOMOUS_OKRUGS.items() if ter == code.ter}
    for region in candidates:
        is_okrug = any(region.name.startswith(name) for name in own)
        if okrug is not None and region.name.startswith(okrug):
            return region
        if okrug is None and not is_okrug:
            return region
    return None


def _plan(lines: list[_Line], errors: list[str]) -> _Plan:
    plan = _Plan()
    regions = _regions()
    seen: dict[str, int] = {}
    objects = [line for line in lines if not _is_heading(line)]
    for line in objects:
        key = line.code.municipal if line.section == "1" else line.code.full
        if key in seen:
            errors.append(f"Строка {line.number}: код {key} уже был в строке {seen[key]}.")
            continue
        seen[key] = line.number
        if line.section == "1":
            _plan_municipality(line, regions, plan, errors)
    in_db = _existing_types(plan, objects)
    for line in objects:
        if line.section == "1" and line.code.municipal in plan.municipalities:
            _check_parent(plan.municipalities[line.code.municipal], plan, in_db, errors)
    for line in objects:
        if line.section == "2" and seen.get(line.code.full) == line.number:
            _plan_settlement(line, plan, in_db, errors)
    return plan


def _kind_of(line: _Line) -> str | None:
    """The kind of municipality: the code for внутригородские территории of federal
    cities (whose names say «муниципальный округ»), else the words of the name, else
    the code, else (for a поселение) the kind of its centre."""
    code = line.code
    if code.kod2 == "000":
        by_code = oktmo.okrug_level_type(code.ter, code.kod1)
        if by_code == T.INTRA_CITY:
            return by_code
    else:
        by_code = oktmo.settlement_level_type(code.kod2)
    by_name = oktmo.type_from_name(line.name)
    if by_name is not None:
        return by_name
    if by_code is not None:
        return by_code
    if code.kod2 != "000" and line.centre:
        centre_kind, _name = oktmo.split_settlement_name(line.centre)
        if centre_kind:
            return T.URBAN_SETTLEMENT if centre_kind in _URBAN_CENTRE_KINDS else T.RURAL_SETTLEMENT
    return None


def _plan_municipality(
    line: _Line, regions: dict[str, list[Region]], plan: _Plan, errors: list[str]
) -> None:
    code = line.code
    region = _region_for(code, regions)
    if region is None:
        errors.append(
            f"Строка {line.number}: субъект РФ с кодом {code.ter} не загружен"
            " (сначала выполните «zemstvo load-territory»)."
        )
        return
    kind = _kind_of(line)
    level_two = code.kod2 == "000"
    if kind is None:
        errors.append(
            f"Строка {line.number}: не удалось определить вид муниципального образования"
            f" «{line.name}» ни по названию, ни по коду {code.municipal}."
        )
        return
    if level_two and kind not in _LEVEL_TWO:
        errors.append(
            f"Строка {line.number}: «{line.name}» — {_label(kind)}, а код {code.municipal}"
            " — муниципального района или округа."
        )
        return
    if not level_two and kind not in _LEVEL_THREE:
        errors.append(
            f"Строка {line.number}: «{line.name}» — {_label(kind)}, а код {code.municipal}"
            " — поселения или внутригородского района."
        )
        return
    if kind == oktmo.INTER_SETTLEMENT:
        plan.inter_settlement[code.municipal] = code.okrug
        return
    plan.municipalities[code.municipal] = _MunicipalityRow(
        line=line.number, oktmo=code.municipal, type=kind,
        name=oktmo.display_name(line.name, kind)[:255], centre=line.centre, region=region,
        parent=None if level_two else code.okrug,
    )


def _label(kind: str) -> str:
    if kind == oktmo.INTER_SETTLEMENT:
        return "межселенная территория"
    return str(MunicipalityType(kind).label)


def _existing_types(plan: _Plan, objects: list[_Line]) -> dict[str, str]:
    """Types of the municipalities in the database the file's rows refer to."""
    wanted = {line.code.okrug for line in objects} | {
        line.code.municipal for line in objects if line.section == "2"
    }
    wanted -= set(plan.municipalities)
    return {code: m.type for code, m in by_oktmo(Municipality, wanted).items()}


def _check_parent(
    row: _MunicipalityRow, plan: _Plan, in_db: dict[str, str], errors: list[str]
) -> None:
    if row.parent is None:
        return
    parent_type = (
        plan.municipalities[row.parent].type if row.parent in plan.municipalities
        else in_db.get(row.parent)
    )
    if parent_type is None:
        errors.append(
            f"Строка {row.line}: нет муниципального образования с кодом {row.parent},"
            f" в которое входит «{row.name}», ни в файле, ни в базе."
        )
    elif parent_type not in _PARENT_KINDS[row.type]:
        errors.append(
            f"Строка {row.line}: {_label(row.type)} «{row.name}» не может входить"
            f" в {_label(parent_type)} с кодом {row.parent}."
        )


def _plan_settlement(line: _Line, plan: _Plan, in_db: dict[str, str], errors: list[str]) -> None:
    code = line.code
    owner = plan.inter_settlement.get(code.municipal, code.municipal)
    if owner not in plan.municipalities and owner not in in_db:
        errors.append(
            f"Строка {line.number}: нет муниципального образования с кодом {owner},"
            f" в которое входит «{line.name}», ни в файле, ни в базе."
        )
        return
    kind, name = oktmo.split_settlement_name(line.name)
    plan.settlements[code.full] = _SettlementRow(
        line=line.number, oktmo=code.full, kind=kind, name=name[:255], municipality=owner
    )


def _apply_municipalities(
    plan: _Plan, report: LoadReport
) -> tuple[dict[str, Municipality], set[str]]:
    """Municipalities by code (those of the file and those it refers to), and the codes
    counted as created or updated."""
    rows = plan.municipalities
    counted: set[str] = set()
    wanted = set(rows) | {r.parent for r in rows.values() if r.parent} | {
        s.municipality for s in plan.settlements.values()
    }
    existing = by_oktmo(Municipality, wanted)
    slugs = SlugAllocator(Municipality.objects.values_list("slug", flat=True))
    result: dict[str, Municipality] = dict(existing)
    for second_level in (True, False):
        new: list[Municipality] = []
        changed: list[Municipality] = []
        for code, row in rows.items():
            if (row.parent is None) != second_level:
                continue
            parent = result[row.parent] if row.parent else None
            # Compared by id: reading the related objects would cost a query each.
            values = {"name": row.name, "type": row.type,
                      "parent_id": parent.pk if parent else None, "region_id": row.region.pk}
            municipality = existing.get(code)
            if municipality is None:
                municipality = Municipality(
                    oktmo=code,
                    slug=slugs.allocate(
                        oktmo.slug_stem(row.name, row.type), slugify_ru(row.region.name)
                    ),
                    time_zone=parent.time_zone if parent else row.region.time_zone,
                    **values,
                )
                new.append(municipality)
            elif assign(municipality, values):
                changed.append(municipality)
            else:
                report.municipalities.unchanged += 1
            result[code] = municipality
        create_all(Municipality, new)
        update_all(Municipality, changed, ["name", "type", "parent", "region"])
        report.municipalities.created += len(new)
        report.municipalities.updated += len(changed)
        counted.update(m.oktmo for m in new + changed)
    return result, counted


def _apply_settlements(
    plan: _Plan, municipalities: dict[str, Municipality], report: LoadReport
) -> dict[str, Settlement]:
    existing = by_oktmo(Settlement, plan.settlements)
    new: list[Settlement] = []
    changed: list[Settlement] = []
    result: dict[str, Settlement] = {}
    for code, row in plan.settlements.items():
        values = {"name": row.name, "kind": row.kind,
                  "municipality_id": municipalities[row.municipality].pk}
        settlement = existing.get(code)
        if settlement is None:
            settlement = Settlement(oktmo=code, **values)
            new.append(settlement)
        elif assign(settlement, values):
            changed.append(settlement)
        else:
            report.settlements.unchanged += 1
        result[code] = settlement
    create_all(Settlement, new)
    update_all(Settlement, changed, ["name", "kind", "municipality"])
    report.settlements.created += len(new)
    report.settlements.updated += len(changed)
    return result


def _apply_centres(
    plan: _Plan,
    municipalities: dict[str, Municipality],
    settlements: dict[str, Settlement],
    counted: set[str],
    report: LoadReport,
) -> None:
    """Point each municipality at the settlement its Centrum names («г Вологда»),
    looked up among the settlements of the file in it or in its поселения."""
    by_owner: dict[str, list[Settlement]] = {}
    for code, settlement in settlements.items():
        owner = plan.settlements[code].municipality
        by_owner.setdefault(owner, []).append(settlement)
        parent = plan.municipalities.get(owner)
        if parent is not None and parent.parent:
            by_owner.setdefault(parent.parent, []).append(settlement)
    changed: list[Municipality] = []
    for code, row in plan.municipalities.items():
        if not row.centre:
            continue
        kind, name = oktmo.split_settlement_name(row.centre)
        match = next(
            (s for s in by_owner.get(code, []) if s.name == name and (not kind or s.kind == kind)),
            None,
        )
        municipality = municipalities[code]
        if match is not None and municipality.centre_id != match.pk:
            municipality.centre = match
            changed.append(municipality)
            if code not in counted:
                report.municipalities.unchanged -= 1
                report.municipalities.updated += 1
    update_all(Municipality, changed, ["centre"])
