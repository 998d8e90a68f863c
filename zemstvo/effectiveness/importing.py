"""The upload template (XLSX or CSV) and its import: every bad cell is reported with
its sheet, row and column, and nothing is saved until the whole file is clean."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from zemstvo.core.errors import DomainError
from zemstvo.core.territory.models import Settlement
from zemstvo.effectiveness import selectors, services
from zemstvo.effectiveness.checks import PLAN_YEARS, Entry
from zemstvo.effectiveness.models import Indicator, Level, Report, ValueKind

SHEET = "Показатели"
HEADERS = ("Код показателя", "Показатель", "Единица измерения", "ОКТМО населённого пункта",
           "Год", "Вид (факт/план)", "Значение", "Комментарий", "Источник")
COL_CODE, COL_SETTLEMENT, COL_YEAR, COL_KIND, COL_VALUE, COL_COMMENT, COL_SOURCE = (
    0, 3, 4, 5, 6, 7, 8)
KINDS = {"факт": ValueKind.ACTUAL, "план": ValueKind.PLAN,
         "actual": ValueKind.ACTUAL, "plan": ValueKind.PLAN}
MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message}

    def __str__(self) -> str:
        return f"Лист «{self.sheet}», строка {self.row}, столбец {self.column}: {self.message}"


class ImportRejected(DomainError):
    """A file with bad cells: nothing was saved."""

    def __init__(self, cells: list[CellError]):
        self.cells = cells
        super().__init__(
            f"В файле {len(cells)} ошибок: исправьте их и загрузите файл снова. "
            "Ничего не сохранено.",
            field_errors={"cells": [str(cell) for cell in cells]},
        )


def template_rows(report: Report) -> list[list[Any]]:
    """One row per value the report expects: the year's actual value and the plans."""
    year = report.campaign.year
    rows: list[list[Any]] = []
    support = selectors.support_settlements(report.municipality)
    for indicator in selectors.leaf_indicators(report.campaign.region):
        targets = support if indicator.level == Level.SETTLEMENT else [None]
        for settlement in targets:
            oktmo = settlement.oktmo if settlement else ""
            rows.append([indicator.code, indicator.name, indicator.unit, oktmo, year, "факт",
                         None, "", ""])
            for plan_year in range(year + 1, year + 1 + PLAN_YEARS):
                rows.append([indicator.code, indicator.name, indicator.unit, oktmo, plan_year,
                             "план", None, "", ""])
    _fill_current(report, rows)
    return rows


def _fill_current(report: Report, rows: list[list[Any]]) -> None:
    current = selectors.report_value_map(report)
    for row in rows:
        found = current.get((row[0], row[3], int(row[4]), KINDS[row[5]]))
        if found is not None:
            row[COL_VALUE], row[COL_COMMENT], row[COL_SOURCE] = (
                found.value.normalize(), found.comment, found.source)


def template_xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(HEADERS))
    for row in template_rows(report):
        sheet.append([float(v) if hasattr(v, "is_finite") else v for v in row])
    for index, width in enumerate((10, 60, 16, 16, 8, 14, 14, 40, 30), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    for row in template_rows(report):
        writer.writerow(["" if v is None else v for v in row])
    # A BOM so that spreadsheet programs read the Cyrillic as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _read(name: str, content: bytes) -> tuple[str, list[tuple[int, list[Any]]]]:
    """(sheet name, [(row number, cells)]) of the data rows, header skipped."""
    if len(content) > MAX_BYTES:
        raise DomainError("Файл больше 5 МБ.")
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DomainError("Файл CSV должен быть в кодировке UTF-8.") from None
        dialect = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") \
            else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=dialect))
        return "CSV", [(n, r) for n, r in enumerate(rows[1:], start=2)]
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError, IndexError) as exc:
        raise DomainError("Файл не читается: загрузите XLSX или CSV по шаблону.") from exc
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = [(n, list(r)) for n, r in enumerate(sheet.iter_rows(min_row=2, values_only=True),
                                                start=2)]
    return sheet.title, rows


def parse(report: Report, name: str, content: bytes) -> list[Entry]:
    """Entries of the file; raises ImportRejected with every bad cell."""
    sheet, rows = _read(name, content)
    if len(rows) > MAX_ROWS:
        raise DomainError(f"В файле больше {MAX_ROWS} строк.")
    indicators = {i.code: i for i in selectors.leaf_indicators(report.campaign.region,
                                                               with_inactive=True)}
    settlements = {s.oktmo: s for s in Settlement.objects.filter(
        municipality=report.municipality)}
    cells: list[CellError] = []
    entries: list[Entry] = []
    positions: list[int] = []
    for number, row in rows:
        row = list(row) + [None] * (len(HEADERS) - len(row))
        if _blank(row[COL_VALUE]):
            continue  # a row left empty is not reported
        entry = _entry(sheet, number, row, indicators, settlements, cells)
        if entry is not None:
            entries.append(entry)
            positions.append(number)
    if entries:
        for index, messages in services.entry_errors(report, entries).items():
            cells.extend(CellError(sheet, positions[index], _column_of(m), m)
                         for m in messages)
    if cells:
        raise ImportRejected(sorted(cells, key=lambda c: (c.row, c.column)))
    if not entries:
        raise DomainError("В файле нет ни одного значения.")
    return entries


_COLUMN_BY_MESSAGE = (
    ("Год", COL_YEAR), ("Вид значения", COL_KIND), ("Укажите населённый", COL_SETTLEMENT),
    ("Населённый пункт", COL_SETTLEMENT), ("Показатель заполняется", COL_SETTLEMENT),
    ("Показатель исключён", COL_CODE), ("Значение вводится", COL_CODE),
    ("Изменение к прошлому", COL_COMMENT),
)


def _column_of(message: str) -> str:
    """The column a check's message is about (the value's column by default)."""
    for prefix, column in _COLUMN_BY_MESSAGE:
        if message.startswith(prefix):
            return get_column_letter(column + 1)
    return get_column_letter(COL_VALUE + 1)


def _blank(value: Any) -> bool:
    return value is None or str(value).strip() == ""


def _entry(sheet: str, number: int, row: list[Any], indicators: dict[str, Indicator],
           settlements: dict[str, Settlement], cells: list[CellError]) -> Entry | None:
    def bad(column: int, message: str) -> None:
        cells.append(CellError(sheet, number, get_column_letter(column + 1), message))

    code = str(row[COL_CODE] or "").strip()
    if code.endswith(".0"):
        code = code[:-2]
    indicator = indicators.get(code)
    if indicator is None:
        bad(COL_CODE, f"Показателя с кодом «{code}» нет в перечне." if code
            else "Укажите код показателя.")
    oktmo = str(row[COL_SETTLEMENT] or "").strip()
    settlement = settlements.get(oktmo) if oktmo else None
    if oktmo and settlement is None:
        bad(COL_SETTLEMENT, "Населённого пункта с таким кодом ОКТМО нет в этом МО.")
    try:
        year = int(str(row[COL_YEAR]).strip().split(".")[0])
    except ValueError:
        year = None
        bad(COL_YEAR, "Укажите год числом.")
    kind = KINDS.get(str(row[COL_KIND] or "").strip().lower())
    if kind is None:
        bad(COL_KIND, "Укажите «факт» или «план».")
    if indicator is None or year is None or kind is None or (oktmo and settlement is None):
        return None
    return Entry(indicator=indicator, year=year, kind=kind, raw=row[COL_VALUE],
                 comment=str(row[COL_COMMENT] or ""), source=str(row[COL_SOURCE] or ""),
                 settlement=settlement)


def values_import(*, actor: Any, report: Report, name: str, content: bytes) -> int:
    """Check the whole file, then save it in one transaction (or nothing)."""
    services._require_editable(actor, report)
    entries = parse(report, name, content)
    return services.values_save(actor=actor, report=report, entries=entries, via="upload")
