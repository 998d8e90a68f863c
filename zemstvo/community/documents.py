"""The protocol of a сход (131-ФЗ ст. 25.1) as DOCX and PDF. It carries the counts (roll,
participants per stage, quorum, votes) and decisions; the roll itself (personal data)
is not in it."""

from __future__ import annotations

import io
from pathlib import Path

from zemstvo.community.models import Gathering
from zemstvo.community.services import gathering_quorum

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def font_path() -> Path:
    """The TTF font with Cyrillic for PDF (Debian's fonts-dejavu-core)."""
    for candidate in FONT_CANDIDATES:
        if candidate.exists():
            return candidate
    raise RuntimeError("Не найден шрифт DejaVuSans.ttf: установите пакет fonts-dejavu-core.")


def protocol_blocks(gathering: Gathering) -> list[tuple[str, object]]:
    """("title"|"heading"|"para", text) or ("table", rows)."""
    quorum = gathering_quorum(gathering)
    stages = list(gathering.stages.all())
    blocks: list[tuple[str, object]] = [
        ("title", f"Протокол схода граждан № {gathering.protocol_number or 'б/н'}"),
        ("para", f"Населённый пункт: {gathering.settlement}. "
                 f"Муниципальное образование: {gathering.municipality.name}."),
        ("para", f"Повестка: {gathering.title}."),
        ("para", f"Сход созван: {gathering.called_by}."),
        ("para", f"Число жителей, обладающих избирательным правом, по списку: "
                 f"{quorum.roll_size}."),
        ("heading", "Этапы схода"),
        ("table", [["Этап", "Дата", "Место", "Зарегистрировано участников"]]
         + [[str(s.number), f"{s.held_on:%d.%m.%Y}", s.place,
             str(s.attendances.count())] for s in stages]),
        ("para", f"Всего приняло участие: {quorum.present}. Для правомочности необходимо "
                 f"более {quorum.share} списка — не менее {quorum.needed}. Сход "
                 f"{'правомочен' if quorum.reached else 'неправомочен'} "
                 f"({gathering.rules['community.gathering_quorum']['source']})."),
        ("heading", "Рассмотренные вопросы и решения"),
    ]
    rows = [["№", "Вопрос", "За", "Против", "Воздержались", "Решение"]]
    for q in gathering.questions.all():
        rows.append([str(q.number), q.text, str(q.votes_for), str(q.votes_against),
                     str(q.votes_abstained), q.get_decision_display()])
    blocks.append(("table", rows))
    decision = gathering.rules["community.gathering_decision"]
    blocks.append(("para", f"Решение считается принятым, если за него проголосовало более "
                           f"{decision['value']} участников схода ({decision['source']})."))
    return blocks


def to_docx(blocks: list[tuple[str, object]]) -> bytes:
    from docx import Document

    docx = Document()
    for kind, content in blocks:
        if kind == "title":
            docx.add_heading(str(content), level=0)
        elif kind == "heading":
            docx.add_heading(str(content), level=2)
        elif kind == "para":
            docx.add_paragraph(str(content))
        else:
            rows = list(content)  # type: ignore[call-overload]
            table = docx.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def to_pdf(blocks: list[tuple[str, object]]) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.add_page()
    for kind, content in blocks:
        if kind in ("title", "heading"):
            pdf.set_font("DejaVu", size=14 if kind == "title" else 12)
            pdf.multi_cell(0, 7, str(content), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "para":
            pdf.set_font("DejaVu", size=10)
            pdf.multi_cell(0, 5, str(content), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("DejaVu", size=8)
            with pdf.table(headings_style=FontFace(emphasis="")) as table:
                for row in content:  # type: ignore[attr-defined]
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(3)
    return bytes(pdf.output())
