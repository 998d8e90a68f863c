"""Budget plan and fact of a program from an XLSX workbook.

The platform generates the template (one sheet «Бюджет», a row per activity, year and
source). An uploaded file is checked whole: every error is reported with its sheet,
row and column, and nothing is saved unless the whole file is correct.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.programs import services
from zemstvo.programs.models import Activity, FundingSource, Program

SHEET = "Бюджет"
HEADERS = ("Номер мероприятия", "Мероприятие", "Год", "Источник", "План, руб.", "Факт, руб.")
SOURCES_BY_TITLE = {str(label).lower(): value for value, label in FundingSource.choices}
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Лист «{self.sheet}», строка {self.row}, столбец {self.column}: {self.message}"


def template(program: Program) -> bytes:
    """A workbook to fill: a row for each activity, year of the program and source."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    lines = {(b.activity_id, b.year, b.source): b
             for a in program.activities.all() for b in a.budget.all()}
    for activity in program.activities.all():
        for year in range(program.year_from, program.year_to + 1):
            for source, label in FundingSource.choices:
                line = lines.get((activity.pk, year, source))
                sheet.append([activity.pk, activity.title, year, str(label),
                              line.plan if line else None, line.fact if line else None])
    for index, width in enumerate((18, 60, 8, 28, 18, 18), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _read(file: Any) -> Any:
    data = file.read()
    if len(data) > MAX_BYTES:
        raise DomainError("Файл больше 5 МБ.", field_errors={"file": ["Файл больше 5 МБ."]})
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        message = "Это не файл Excel (XLSX). Скачайте шаблон и заполните его."
        raise DomainError(message, field_errors={"file": [message]}) from exc
    if SHEET not in book.sheetnames:
        message = f"В файле нет листа «{SHEET}»."
        raise DomainError(message, field_errors={"file": [message]})
    return book[SHEET]


def _blank(value: Any) -> bool:
    return value is None or str(value).strip() == ""


def parse(program: Program, file: Any) -> tuple[list[tuple], list[CellError]]:
    """Rows (activity, year, source, plan, fact) and every error with its position."""
    sheet = _read(file)
    activities = {a.pk: a for a in Activity.objects.filter(program=program)}
    rows: list[tuple] = []
    errors: list[CellError] = []
    seen: dict[tuple, int] = {}
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number == 1:
            continue
        values = tuple(values or ()) + (None,) * 6
        if all(_blank(v) for v in values[:6]):
            continue
        if number > MAX_ROWS + 1:
            errors.append(CellError(SHEET, number, "A", f"Больше {MAX_ROWS} строк."))
            break

        def error(col: str, message: str, number: int = number) -> None:
            errors.append(CellError(SHEET, number, col, message))

        activity_id, _title, year, source_title, plan, fact = values[:6]
        if _blank(plan) and _blank(fact):
            continue  # a line of the template left empty: nothing planned there
        try:
            activity = activities.get(int(activity_id))
        except (TypeError, ValueError):
            activity = None
        if activity is None:
            error("A", "Нет такого мероприятия в этой программе.")
        try:
            year = int(year)
        except (TypeError, ValueError):
            year = None
        if year is None or not program.year_from <= year <= program.year_to:
            error("C", f"Год должен быть в периоде программы "
                       f"({program.year_from}–{program.year_to}).")
        source = SOURCES_BY_TITLE.get(str(source_title or "").strip().lower())
        if source is None and str(source_title or "").strip() in FundingSource.values:
            source = str(source_title).strip()
        if source is None:
            error("D", "Неизвестный источник финансирования.")
        cell_errors: dict[str, list[str]] = {}
        plan_value = services.decimal_value(plan, "plan", cell_errors, money=True)
        fact_value = services.decimal_value(fact, "fact", cell_errors, money=True,
                                            required=False)
        for field, col in (("plan", "E"), ("fact", "F")):
            for message in cell_errors.get(field, []):
                error(col, message)
        key = (getattr(activity, "pk", None), year, source)
        if None not in key:
            if key in seen:
                error("A", f"Повтор строки {seen[key]}.")
            seen[key] = number
        if activity and year and source and not cell_errors:
            rows.append((activity, year, source, plan_value, fact_value or 0))
    return rows, errors


def budget_import(*, actor: Any, program: Program, file: Any) -> int:
    """Replace the plan and fact of the lines in the file; all or nothing. Returns the
    number of lines saved."""
    require(actor, "programs.manage", program)
    rows, errors = parse(program, file)
    if errors:
        messages = [str(e) for e in errors]
        raise DomainError("Файл не принят: исправьте ошибки и загрузите его снова.",
                          field_errors={"file": messages})
    if not rows:
        message = "В файле нет строк с данными."
        raise DomainError(message, field_errors={"file": [message]})
    with transaction.atomic():
        for activity, year, source, plan, fact in rows:
            services.budget_set(actor=actor, activity=activity, year=year, source=source,
                                plan=plan, fact=fact)
        audit_record(actor=actor, action="programs.budget_import", obj=program,
                     after={"lines": len(rows)}, municipality=program.municipality)
    return len(rows)
