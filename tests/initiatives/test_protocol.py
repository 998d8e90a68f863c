"""The commission's protocol: DOCX and PDF are built from one content and carry the
ranking."""

from __future__ import annotations

import io

import pytest
from docx import Document

from tests.initiatives.pdftext import pdf_text
from tests.initiatives.test_scoring import _score_all, three  # noqa: F401 - fixture
from zemstvo.initiatives import scoring
from zemstvo.initiatives.protocol import build_protocol, render_docx, render_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(round_, three, commission_member, second_member, municipal_admin):  # noqa: F811
    _score_all(round_, three, commission_member, second_member)
    scoring.round_rank(actor=municipal_admin, round_=round_)
    scoring.round_select(actor=municipal_admin, round_=round_)
    round_.refresh_from_db()
    return round_


def test_content_lists_the_ranking(results):
    content = build_protocol(results)
    assert [row[:3] for row in content.rows] == [
        ("1", "Проект А", "17.000"), ("2", "Проект Б", "15.500"), ("3", "Проект В", "10.000")]
    assert "Не хватило средств бюджета отбора" in content.rows[1][4]


def test_docx_contains_the_ranking_table(results):
    document = Document(io.BytesIO(render_docx(build_protocol(results))))
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[0][:3] == ["Место", "Проект", "Балл"]
    assert cells[1][:3] == ["1", "Проект А", "17.000"]
    assert "Протокол заседания конкурсной комиссии" in document.paragraphs[0].text


def test_pdf_contains_the_ranking_in_cyrillic(results):
    data = render_pdf(build_protocol(results))
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Проект А" in text and "17.000" in text and "Проект В" in text


def test_protocol_downloads_on_the_public_round_page(client, results):
    url = f"/m/{results.municipality.slug}/initiatives/rounds/{results.pk}/protocol.docx"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert client.get(url.replace(".docx", ".pdf")).content.startswith(b"%PDF")
    assert client.get(url.replace(".docx", ".txt")).status_code == 404
