"""The commission's protocol of a selection round: one function builds its content,
two writers render it as DOCX (python-docx) and PDF (fpdf2 with a Cyrillic TTF)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from zemstvo.initiatives.models import ProjectStatus, Score, SelectionRound

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
HEADERS = ("Место", "Проект", "Балл", "Средства бюджета, руб.", "Итог")


@dataclass
class ProtocolContent:
    title: str
    subtitle: str
    paragraphs: list[str]
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)


def build_protocol(round_: SelectionRound) -> ProtocolContent:
    """The content of the protocol: the round, its budget, the method, the ranking and
    the selection (what every writer renders)."""
    municipality = round_.municipality
    projects = list(round_.projects.filter(rank__isnull=False).order_by("rank", "id"))
    members = Score.objects.filter(project__round=round_).values("member_id").distinct().count()
    selected_sum = sum(p.budget_request for p in projects
                       if p.status in (ProjectStatus.SELECTED, ProjectStatus.IMPLEMENTATION,
                                       ProjectStatus.COMPLETED))
    paragraphs = [
        f"Муниципальное образование: {municipality.name}.",
        f"Бюджет отбора: {round_.budget_total} руб., в том числе субсидия из бюджета "
        f"субъекта {round_.budget_regional} руб., средства местного бюджета "
        f"{round_.budget_local} руб.",
        f"Приём проектов: с {round_.acceptance_from:%d.%m.%Y} по {round_.acceptance_to:%d.%m.%Y}.",
        f"Проектов в рейтинге: {len(projects)}. Оценки выставили членов комиссии: {members}.",
        "Порядок оценки: каждый член комиссии оценивает проект по всем критериям; "
        "взвешенная сумма члена комиссии — сумма произведений веса критерия на балл; "
        "итоговый балл проекта — среднее арифметическое взвешенных сумм членов комиссии. "
        "Проекты отбираются в порядке рейтинга, пока их заявки помещаются в остаток "
        "бюджета; проект, который не помещается, пропускается.",
    ]
    criteria = list(round_.criteria.all())
    if criteria:
        paragraphs.append("Критерии: " + "; ".join(
            f"{c.title} (вес {c.weight.normalize()})" for c in criteria) + ".")
    rows = [
        (str(p.rank), p.title, str(p.score_total), str(p.budget_request),
         p.selection_note or p.get_status_display())
        for p in projects
    ]
    closing = [f"Отобрано проектов на сумму {selected_sum} руб.; остаток бюджета "
               f"{round_.budget_total - selected_sum} руб."]
    moment = round_.results_published_at or timezone.now()
    closing.append(f"Дата протокола: {timezone.localtime(moment, municipality.tz):%d.%m.%Y}.")
    closing.append("Председатель комиссии ____________    Секретарь комиссии ____________")
    return ProtocolContent(
        title="Протокол заседания конкурсной комиссии",
        subtitle=f"{round_.title} ({round_.year} год)",
        paragraphs=paragraphs, headers=HEADERS, rows=rows, closing=closing,
    )


def render_docx(content: ProtocolContent) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(content.title, level=1)
    document.add_paragraph(content.subtitle)
    for paragraph in content.paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=len(content.headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, content.headers, strict=True):
        cell.text = header
    for row in content.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for paragraph in content.closing:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cyrillic_font() -> Path:
    """The TTF used for PDF text (Debian's fonts-dejavu-core)."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return Path(candidate)
    raise FileNotFoundError("Нет шрифта DejaVuSans.ttf: установите пакет fonts-dejavu-core.")


def render_pdf(content: ProtocolContent) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(cyrillic_font()))
    pdf.add_page()
    pdf.set_font("DejaVu", size=14)
    pdf.multi_cell(0, 8, content.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 6, content.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", size=10)
    for paragraph in content.paragraphs:
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    # One regular face only: the headings are set apart by their fill, not by bold.
    headings = FontFace(emphasis="", fill_color=(225, 225, 225))
    with pdf.table(col_widths=(12, 80, 20, 35, 43), text_align="LEFT",
                   headings_style=headings) as table:
        table.row(content.headers)
        for row in content.rows:
            table.row(row)
    pdf.ln(3)
    for paragraph in content.closing:
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
