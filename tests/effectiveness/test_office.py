"""Office pages: the entry form per sphere, the upload with bad cells, the review, the
catalogue, ratings, the plan with evidence, the head's report as DOCX and PDF."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.effectiveness.conftest import YEAR, entry
from zemstvo.effectiveness import importing, services
from zemstvo.effectiveness.models import IndicatorValue, Measure, ReportStatus

pytestmark = pytest.mark.django_db


def _report_url(report, **query):
    url = reverse("office_effectiveness:report", kwargs={"pk": report.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_entry_form_shows_errors_next_to_the_value_and_saves_nothing(client, report, analyst):
    client.force_login(analyst)
    page = client.get(_report_url(report, sphere="economy"))
    assert page.status_code == 200
    one = next(r for r in page.context["rows"] if r["indicator"].code == "2")
    key = one["cells"][0]["key"]
    response = client.post(_report_url(report), {"sphere": "economy", f"v-{key}": "140"})
    assert "больше допустимого" in response.content.decode()
    assert not IndicatorValue.objects.exists()
    response = client.post(_report_url(report), {"sphere": "economy", f"v-{key}": "40",
                                                  f"c-{key}": "Оценка"})
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    history = client.get(reverse("office_effectiveness:history", kwargs={"pk": value.pk}))
    assert "Оценка" in history.content.decode()


def test_upload_page_lists_bad_cells(client, report, analyst):
    client.force_login(analyst)
    text = ";".join(importing.HEADERS) + f"\n1;x;;;{YEAR};факт;abc;;\n"
    response = client.post(reverse("office_effectiveness:upload", kwargs={"pk": report.pk}),
                           {"file": SimpleUploadedFile("v.csv", text.encode(), "text/csv")})
    assert response.status_code == 422
    assert "Введите число" in response.content.decode()


def test_another_analyst_does_not_see_the_report(client, report, other_analyst):
    client.force_login(other_analyst)
    assert client.get(_report_url(report)).status_code == 404


def test_curator_returns_and_accepts_from_the_report_page(client, report, analyst,
                                                         regional_curator):
    services.values_save(actor=analyst, report=report, entries=[entry("1", "3")])
    services.report_submit(actor=analyst, report=report)
    client.force_login(regional_curator)
    url = reverse("office_effectiveness:transition", kwargs={"pk": report.pk,
                                                             "action": "return"})
    client.post(url, {"comment": "Проверьте источник."})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED


def test_templates_and_head_report_download(client, rated, report, analyst):
    client.force_login(analyst)
    for fmt, magic in (("xlsx", b"PK"), ("csv", "\ufeff".encode())):
        response = client.get(reverse("office_effectiveness:template",
                                      kwargs={"pk": report.pk, "fmt": fmt}))
        assert response.content.startswith(magic)
    docx = client.get(reverse("office_effectiveness:head_report",
                              kwargs={"pk": report.pk, "fmt": "docx"})).content
    from docx import Document

    text = "\n".join(c.text for t in Document(io.BytesIO(docx)).tables
                     for row in t.rows for c in row.cells)
    assert "80" in text and "Доклад главы" in Document(io.BytesIO(docx)).paragraphs[0].text
    pdf = client.get(reverse("office_effectiveness:head_report",
                             kwargs={"pk": report.pk, "fmt": "pdf"})).content
    assert pdf.startswith(b"%PDF")


def test_curator_pages_catalogue_and_ratings(client, rated, regional_curator, municipality):
    client.force_login(regional_curator)
    assert client.get(reverse("office_effectiveness:catalogue")).status_code == 200
    url = reverse("office_effectiveness:ratings")
    client.post(url, {"standard": "1"})
    method = client.get(url).context["methods"][0]
    response = client.post(url, {"method": method.pk, "year": YEAR, "group": ""})
    assert response.status_code == 302 and "/effectiveness/ratings/" in response["Location"]


def test_plan_measure_with_evidence_and_overdue_card(client, rated, analyst, municipality):
    from datetime import date

    from zemstvo.effectiveness.module import _card_lines

    client.force_login(analyst)
    url = reverse("office_effectiveness:plan") + f"?m={municipality.slug}"
    page = client.get(url)
    assert "ниже медианы" in page.content.decode()
    indicator = page.context["form"].fields["indicator"].choices[0][0]
    client.post(url, {"m": municipality.slug, "title": "Ремонт дорог", "owner": "Зам. главы",
                      "deadline": "2020-01-01", "indicator": indicator,
                      "expected_change": "2"})
    measure = Measure.objects.get()
    lines = _card_lines(analyst, municipality)
    assert lines[0].value == 1 and lines[0].alert
    pdf = SimpleUploadedFile("akt.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client.post(reverse("office_effectiveness:measure", kwargs={"pk": measure.pk}),
                           {"status": "done", "result": "", "evidence": pdf})
    measure.refresh_from_db()
    assert response.status_code == 302 and measure.status == "done"
    assert _card_lines(analyst, municipality)[0].value == 0
    assert date.today()
