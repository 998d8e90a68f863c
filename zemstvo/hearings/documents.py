"""The protocol (ГрК РФ ст. 5.1 ч. 18–20) and the conclusion (ч. 22) as DOCX and PDF.

One function builds each document's content as a list of blocks; two writers turn
the blocks into DOCX (python-docx) and PDF (fpdf2 with a Cyrillic TTF font). The
public variant of the protocol leaves out its annex, the list of participants with
their identification data (personal data, ч. 20); the organiser's variant has it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from zemstvo.hearings import selectors
from zemstvo.hearings.models import Participant, Procedure, Proposal, Recommendation

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


@dataclass
class Block:
    kind: str  # "title" | "heading" | "para" | "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Document:
    filename: str
    blocks: list[Block]


GENITIVE = {"hearing": "публичных слушаний", "discussion": "общественных обсуждений"}


def _local(moment, tz) -> str:
    return f"{timezone.localtime(moment, tz):%d.%m.%Y}" if moment else "—"


def _proposal_rows(proposals: list[Proposal], with_recommendation: bool) -> list[list[str]]:
    header = ["№", "Предложение или замечание", "Способ"]
    if with_recommendation:
        header += ["Рекомендация организатора", "Аргументация"]
    rows = [header]
    for p in proposals:
        row = [str(p.number), p.text, p.get_channel_display()]
        if with_recommendation:
            row += [p.get_recommendation_display() or "—", p.reason or "—"]
        rows.append(row)
    if len(rows) == 1:
        rows.append(["—", "Предложений и замечаний не поступило.", ""]
                    + (["", ""] if with_recommendation else []))
    return rows


def _split_blocks(procedure: Procedure, with_recommendation: bool) -> list[Block]:
    local, others = selectors.split(selectors.public_proposals(procedure))
    return [
        Block("heading", "Предложения и замечания граждан, постоянно проживающих на "
                         "территории, в пределах которой проводятся "
                         f"{procedure.get_form_display()}, и правообладателей "
                         "земельных участков и объектов на ней"),
        Block("table", rows=_proposal_rows(local, with_recommendation)),
        Block("heading", "Предложения и замечания иных участников"),
        Block("table", rows=_proposal_rows(others, with_recommendation)),
    ]


def _territory(procedure: Procedure) -> str:
    names = ", ".join(str(s) for s in procedure.settlements.all())
    text = names or f"вся территория: {procedure.municipality.name}"
    return f"{text}. {procedure.territory_note}".strip() if procedure.territory_note else text


def _period(procedure: Procedure) -> str:
    exposition = next(s for s in procedure.stages.all() if s.kind == "exposition")
    return f"с {exposition.starts_on:%d.%m.%Y} по {exposition.ends_on:%d.%m.%Y}"


def protocol(procedure: Procedure, participants: list[Participant] | None = None) -> Document:
    """The protocol. ``participants`` given (organiser's variant): with the annex."""
    tz = procedure.municipality.tz
    blocks = [
        Block("title", f"Протокол {GENITIVE[procedure.form]} № "
                       f"{procedure.protocol_number or 'б/н'}"),
        Block("para", f"Дата оформления протокола: {_local(procedure.protocol_signed_at, tz)}."),
        Block("para", f"Проект: {procedure.title} ({procedure.get_kind_display()})."),
        Block("para", f"Организатор: {procedure.organiser}."),
        Block("para", "Оповещение: опубликовано на официальном портале муниципального "
                      f"образования {_local(procedure.notice_published_at, tz)}; размещено на "
                      f"информационных стендах; официальный сайт: {procedure.site_url}."),
        Block("para", f"Срок, в течение которого принимались предложения и замечания: "
                      f"{_period(procedure)}."),
        Block("para", f"Территория, в пределах которой проводятся "
                      f"{procedure.get_form_display()}: {_territory(procedure)}."),
    ]
    blocks += _split_blocks(procedure, with_recommendation=False)
    if participants is not None:
        rows = [["№", "Участник", "Дата рождения / ОГРН", "Адрес", "Связь с территорией"]]
        for p in participants:
            detail = f"{p.birth_date:%d.%m.%Y}" if p.birth_date else p.ogrn
            rows.append([str(p.number), p.display_name, detail, p.address,
                         p.get_basis_display()])
        blocks += [Block("heading", "Приложение. Перечень принявших участие в "
                                    "рассмотрении проекта участников"),
                   Block("table", rows=rows)]
    return Document(f"protokol-{procedure.pk}", blocks)


def conclusion(procedure: Procedure) -> Document:
    """The conclusion on the results (ч. 22): published, so without personal data."""
    tz = procedure.municipality.tz
    participants = procedure.participants.count()
    blocks = [
        Block("title", f"Заключение о результатах {GENITIVE[procedure.form]}"),
        Block("para", "Дата оформления заключения: "
                      f"{_local(procedure.conclusion_published_at or timezone.now(), tz)}."),
        Block("para", f"Проект: {procedure.title} ({procedure.get_kind_display()})."),
        Block("para", f"Организатор: {procedure.organiser}."),
        Block("para", f"Количество участников, которые приняли участие: {participants}."),
        Block("para", f"Протокол № {procedure.protocol_number or 'б/н'} от "
                      f"{_local(procedure.protocol_signed_at, tz)}, на основании которого "
                      "подготовлено заключение."),
    ]
    blocks += _split_blocks(procedure, with_recommendation=True)
    accepted = procedure.proposals.filter(recommendation=Recommendation.ACCEPT).count()
    blocks += [
        Block("heading", "Выводы по результатам"),
        Block("para", f"Рекомендовано учесть предложений: {accepted}."),
        Block("para", procedure.conclusion_summary or "—"),
    ]
    return Document(f"zaklyuchenie-{procedure.pk}", blocks)


def to_docx(document: Document) -> bytes:
    from docx import Document as Docx

    docx = Docx()
    for block in document.blocks:
        if block.kind == "title":
            docx.add_heading(block.text, level=0)
        elif block.kind == "heading":
            docx.add_heading(block.text, level=2)
        elif block.kind == "para":
            docx.add_paragraph(block.text)
        else:
            table = docx.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def to_pdf(document: Document) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.add_page()
    for block in document.blocks:
        if block.kind in ("title", "heading"):
            pdf.set_font("DejaVu", size=14 if block.kind == "title" else 12)
            pdf.multi_cell(0, 7, block.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif block.kind == "para":
            pdf.set_font("DejaVu", size=10)
            pdf.multi_cell(0, 5, block.text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("DejaVu", size=8)
            # Plain headings: the bold face of the font is not loaded.
            from fpdf.fonts import FontFace

            with pdf.table(headings_style=FontFace(emphasis="")) as table:
                for row in block.rows:
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(3)
    return bytes(pdf.output())
