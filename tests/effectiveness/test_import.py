"""The upload template and its import: bad cells reported by sheet, row and column;
nothing saved until the whole file is clean."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.effectiveness.conftest import YEAR
from zemstvo.core.errors import NotAllowed
from zemstvo.effectiveness import importing
from zemstvo.effectiveness.models import IndicatorValue

pytestmark = pytest.mark.django_db


def _filled(report, changes: dict[int, dict[str, object]]) -> bytes:
    """The generated template with the given cells (row -> column letter -> value)."""
    book = load_workbook(io.BytesIO(importing.template_xlsx(report)))
    sheet = book[importing.SHEET]
    for row, cells in changes.items():
        for column, value in cells.items():
            sheet[f"{column}{row}"] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row_of(report, code: str, kind: str = "факт", year: int = YEAR) -> int:
    book = load_workbook(io.BytesIO(importing.template_xlsx(report)))
    for number, row in enumerate(book[importing.SHEET].iter_rows(values_only=True), start=1):
        if row[0] == code and row[5] == kind and row[4] == year:
            return number
    raise AssertionError(code)


def test_the_template_lists_every_leaf_indicator_with_actual_and_three_plans(report):
    book = load_workbook(io.BytesIO(importing.template_xlsx(report)))
    rows = list(book[importing.SHEET].iter_rows(values_only=True))
    assert rows[0] == importing.HEADERS
    codes = {r[0] for r in rows[1:]}
    assert "8.1" in codes and "8" not in codes and "12" not in codes
    assert sum(1 for r in rows if r[0] == "1") == 4


def test_every_bad_cell_is_reported_by_position_and_nothing_is_saved(report, analyst):
    row1, row2, row6 = _row_of(report, "1"), _row_of(report, "2"), _row_of(report, "6")
    content = _filled(report, {
        row1: {"G": 320},
        row2: {"G": 140},            # a share above 100 %
        row6: {"G": "пять", "F": "прогноз"},
    })
    with pytest.raises(importing.ImportRejected) as caught:
        importing.values_import(actor=analyst, report=report, name="f.xlsx", content=content)
    cells = {(c.sheet, c.row, c.column) for c in caught.value.cells}
    assert cells == {("Показатели", row2, "G"), ("Показатели", row6, "F")}
    assert not IndicatorValue.objects.exists()


def test_a_clean_file_saves_every_value_and_the_history_says_upload(report, analyst):
    content = _filled(report, {_row_of(report, "1"): {"G": 320, "H": "ФНС"},
                               _row_of(report, "1", "план", YEAR + 1): {"G": 330}})
    assert importing.values_import(actor=analyst, report=report, name="f.xlsx",
                                   content=content) == 2
    assert set(IndicatorValue.objects.values_list("year", "kind")) == {
        (YEAR, "actual"), (YEAR + 1, "plan")}
    assert IndicatorValue.objects.first().revisions.get().via == "upload"


def test_a_csv_file_with_a_bad_code_reports_column_a(report, analyst):
    text = ";".join(importing.HEADERS) + "\n" + f"99;x;;;{YEAR};факт;5;;\n" + \
        f"1;x;;;{YEAR};факт;5;;\n"
    with pytest.raises(importing.ImportRejected) as caught:
        importing.values_import(actor=analyst, report=report, name="f.csv",
                                content=text.encode())
    assert [(c.sheet, c.row, c.column) for c in caught.value.cells] == [("CSV", 2, "A")]
    assert "99" in caught.value.cells[0].message


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_russian(report, analyst):
    from zemstvo.core.errors import DomainError

    with pytest.raises(DomainError, match="не читается"):
        importing.values_import(actor=analyst, report=report, name="f.xlsx", content=b"junk")


def test_another_municipalitys_analyst_cannot_upload(report, other_analyst):
    with pytest.raises(NotAllowed):
        importing.values_import(actor=other_analyst, report=report, name="f.csv", content=b"")


def test_the_csv_template_round_trips(report, analyst):
    text = importing.template_csv(report).decode("utf-8-sig").splitlines()
    header, *rows = text
    first = rows[0].split(";")
    first[6] = "12"
    content = "\n".join([header, ";".join(first)]).encode("utf-8")
    assert importing.values_import(actor=analyst, report=report, name="t.csv",
                                   content=content) == 1
