"""The head's annual report (доклад главы, Указ № 607 п. 2; form of ПП № 1317):
the accepted values of the reporting year and the two before it, the plans for the
3 following years, by sphere, as DOCX and PDF."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from zemstvo.core.territory.models import Municipality
from zemstvo.effectiveness import selectors
from zemstvo.effectiveness.models import IndicatorValue, Level, Sphere

FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def font_path() -> Path:
    """A TTF font with Cyrillic for fpdf2 (Debian's fonts-dejavu-core)."""
    for path in FONT_PATHS:
        if path.exists():
            return path
    raise FileNotFoundError("DejaVuSans.ttf not found: install fonts-dejavu-core")


def _fmt(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.normalize():f}"


def report_data(municipality: Municipality, year: int) -> dict[str, Any]:
    """Sections by sphere: each row the indicator, its unit, the three years' actual
    values, the three plans and the comment of the reporting year."""
    indicators = selectors.leaf_indicators(municipality.region, level=Level.MUNICIPALITY)
    values = IndicatorValue.objects.filter(
        municipality=municipality, settlement__isnull=True, is_accepted=True,
        year__gte=year - 2, year__lte=year + 3,
    ).values_list("indicator_id", "year", "kind", "value", "comment")
    table: dict[tuple, tuple[Decimal, str]] = {(i, y, k): (v, c) for i, y, k, v, c in values}
    columns = [(year - 2, "actual"), (year - 1, "actual"), (year, "actual"),
               (year + 1, "plan"), (year + 2, "plan"), (year + 3, "plan")]
    sections = []
    for sphere in Sphere:
        rows = []
        for indicator in (i for i in indicators if i.sphere == sphere):
            cells = [_fmt(table.get((indicator.pk, y, k), (None, ""))[0]) for y, k in columns]
            comment = table.get((indicator.pk, year, "actual"), (None, ""))[1]
            rows.append([indicator.code, indicator.name, indicator.unit, *cells, comment])
        if rows:
            sections.append({"title": str(sphere.label), "rows": rows})
    title = (f"Доклад главы ({municipality.name}) о достигнутых значениях показателей для "
             f"оценки эффективности деятельности органов местного самоуправления за {year} год "
             f"и их планируемых значениях на 3-летний период")
    header = ["№", "Показатель", "Ед.", str(year - 2), str(year - 1), str(year),
              f"План {year + 1}", f"План {year + 2}", f"План {year + 3}", "Пояснение"]
    return {"title": title, "header": header, "sections": sections, "year": year,
            "municipality": municipality}


INTRO = ("Раздел I. Экономическое развитие и социальная сфера. Раздел II. Организация "
         "муниципального управления. Раздел III. Энергосбережение. Значения приведены по "
         "данным, принятым куратором региона.")


def as_docx(data: dict[str, Any]) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(data["title"], level=1)
    document.add_paragraph(INTRO)
    for section in data["sections"]:
        document.add_heading(section["title"], level=2)
        table = document.add_table(rows=1, cols=len(data["header"]))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, data["header"], strict=True):
            cell.text = text
        for row in section["rows"]:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = str(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf(data: dict[str, Any]) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="L")
    pdf.add_font("DejaVu", fname=str(font_path()))
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font("DejaVu", size=13)
    pdf.multi_cell(0, 7, data["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(0, 5, INTRO, new_x="LMARGIN", new_y="NEXT")
    widths = (12, 95, 18, 18, 18, 18, 18, 18, 18, 40)
    for section in data["sections"]:
        pdf.set_font("DejaVu", size=11)
        pdf.ln(3)
        pdf.multi_cell(0, 6, section["title"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=7)
        with pdf.table(col_widths=widths, text_align="LEFT",
                       headings_style=FontFace(emphasis="")) as table:
            table.row(data["header"])
            for row in section["rows"]:
                table.row([str(v) for v in row])
    return bytes(pdf.output())
