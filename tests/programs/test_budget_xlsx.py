"""XLSX import of the budget: the platform's template comes back in; a bad file is
rejected whole, every error with its sheet, row and column, and nothing is saved."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.programs import budget_xlsx
from zemstvo.programs.models import BudgetLine, Program

pytestmark = pytest.mark.django_db


def _upload(book: Workbook) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("budget.xlsx", buffer.getvalue())


def _template(program) -> Workbook:
    program = Program.objects.prefetch_related("activities__budget").get(pk=program.pk)
    return load_workbook(io.BytesIO(budget_xlsx.template(program)))


def _state():
    return (list(BudgetLine.objects.order_by("pk").values_list("plan", "fact")),
            AuditEvent.objects.count())


def test_template_lists_every_activity_year_and_source_with_current_values(program):
    sheet = _template(program)[budget_xlsx.SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == budget_xlsx.HEADERS
    assert len(rows) == 1 + 4 * 3 * 4  # 4 activities, 3 years, 4 sources
    park = next(r for r in rows[1:] if r[1] == "Парк" and r[2] == 2026
                and r[3] == "местный бюджет")
    assert Decimal(str(park[4])) == Decimal("1000")


def test_filled_template_is_imported(program, analyst):
    book = _template(program)
    sheet = book[budget_xlsx.SHEET]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "Освещение" and row[2].value == 2027 and row[3].value == \
                "федеральный бюджет":
            row[4].value, row[5].value = 5000, "1 250,25"
    count = budget_xlsx.budget_import(actor=analyst, program=program, file=_upload(book))
    assert count == 4  # the three existing lines and the new one
    line = BudgetLine.objects.get(activity__title="Освещение", year=2027, source="federal")
    assert (line.plan, line.fact) == (Decimal("5000.00"), Decimal("1250.25"))


def test_bad_file_is_rejected_whole_with_positions(program, analyst):
    book = _template(program)
    sheet = book[budget_xlsx.SHEET]
    rows = list(sheet.iter_rows(min_row=2))
    for row in rows[:6]:
        row[4].value = 100  # every line filled
    rows[0][4].value = 777  # a good change that must not be saved
    rows[1][4].value = -5  # row 3, column E
    rows[2][2].value = 2040  # row 4, column C
    rows[3][3].value = "бюджет мечты"  # row 5, column D
    rows[4][0].value = 99999  # row 6, column A
    rows[5][5].value = "много"  # row 7, column F
    before = _state()
    with pytest.raises(DomainError) as exc:
        budget_xlsx.budget_import(actor=analyst, program=program, file=_upload(book))
    messages = exc.value.field_errors["file"]
    assert [m.split(":")[0] for m in messages] == [
        "Лист «Бюджет», строка 3, столбец E", "Лист «Бюджет», строка 4, столбец C",
        "Лист «Бюджет», строка 5, столбец D", "Лист «Бюджет», строка 6, столбец A",
        "Лист «Бюджет», строка 7, столбец F",
    ]
    assert "отрицательной" in messages[0]
    assert _state() == before


def test_duplicate_rows_are_errors(program, analyst):
    book = _template(program)
    sheet = book[budget_xlsx.SHEET]
    cells = next(sheet.iter_rows(min_row=2, max_row=2))
    cells[4].value = 5
    first = [c.value for c in cells]
    first[4] = 10
    sheet.append(first)
    with pytest.raises(DomainError) as exc:
        budget_xlsx.budget_import(actor=analyst, program=program, file=_upload(book))
    assert exc.value.field_errors["file"] == [
        f"Лист «Бюджет», строка {sheet.max_row}, столбец A: Повтор строки 2."]


def test_not_an_xlsx_and_missing_sheet(program, analyst):
    before = _state()
    with pytest.raises(DomainError) as exc:
        budget_xlsx.budget_import(actor=analyst, program=program,
                                  file=SimpleUploadedFile("b.xlsx", b"not a workbook"))
    assert "XLSX" in exc.value.message
    with pytest.raises(DomainError) as exc:
        budget_xlsx.budget_import(actor=analyst, program=program, file=_upload(Workbook()))
    assert "нет листа" in exc.value.message
    assert _state() == before


def test_clerk_may_not_import(program, clerk):
    with pytest.raises(NotAllowed):
        budget_xlsx.budget_import(actor=clerk, program=program, file=_upload(_template(program)))
