"""Public pages, documents, exports and the API: the residents/others split, every
element the law requires in the protocol and the conclusion, no personal data
anywhere public, fixed query counts."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from docx import Document

from tests.factories import UserFactory
from tests.hearings.factories import advance_to, in_window, procedure
from zemstvo.hearings import services
from zemstvo.hearings.models import LocalBasis, Status
from zemstvo.hearings.participants import Identity

SECRET_NAME = "Засекреченова Агриппина Никитична"
SECRET_ADDRESS = "ул. Потаённая, д. 13, кв. 666"
SECRET_BIRTH = date(1961, 7, 29)


def _closed(admin, municipality, settlement, *, extra: int = 0):
    proc = advance_to(admin, procedure(admin, municipality, settlements=[settlement]),
                      Status.EXPOSITION)
    local = services.participant_register(
        actor=admin, procedure=proc, basis=LocalBasis.RESIDENT,
        identity=Identity(full_name=SECRET_NAME, birth_date=SECRET_BIRTH,
                          address=SECRET_ADDRESS))
    other = services.participant_register(
        actor=admin, procedure=proc, basis=LocalBasis.OTHER,
        identity=Identity(full_name="Приезжев Олег", birth_date=date(1990, 1, 1),
                          address="г. Далёкий"))
    services.proposal_enter(actor=admin, procedure=proc, participant=local, channel="written",
                            text="Местное предложение о сквере.", received_at=in_window(proc))
    for n in range(1 + extra):
        services.proposal_enter(actor=admin, procedure=proc, participant=other,
                                channel="visitor_book", text=f"Чужое замечание {n}.",
                                received_at=in_window(proc))
    proc = advance_to(admin, proc, Status.CONCLUSION)
    for proposal in proc.proposals.all():
        services.proposal_recommend(actor=admin, proposal=proposal,
                                    recommendation="accept" if proposal.is_local else "reject",
                                    reason="Обосновано картой зон.")
    services.conclusion_set_summary(actor=admin, procedure=proc, summary="Рекомендовать.")
    return services.procedure_advance(actor=admin, procedure=proc)


@pytest.fixture
def closed(municipal_admin, municipality, settlement):
    return _closed(municipal_admin, municipality, settlement)


def _docx_text(content: bytes) -> str:
    """The document's text in reading order: paragraphs and table cells as they come."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(content))
    parts = []
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            parts.append(Paragraph(child, doc).text)
        elif child.tag.endswith("}tbl"):
            table = Table(child, doc)
            parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _public_urls(proc):
    slug = proc.municipality.slug
    urls = [reverse("hearings:list", args=[slug]),
            reverse("hearings:detail", args=[slug, proc.pk]),
            reverse("hearings:notice", args=[slug, proc.pk]),
            reverse("hearings:proposals_csv", args=[slug, proc.pk]),
            f"/api/v1/hearings?municipality={slug}", f"/api/v1/hearings/{proc.pk}",
            f"/api/v1/hearings/{proc.pk}/conclusion",
            "/opendata/"]
    for doc in ("protocol", "conclusion"):
        urls.append(reverse("hearings:document", args=[slug, proc.pk, doc, "docx"]))
    return urls


def test_personal_data_is_absent_from_every_public_page_and_export(client, closed):
    for url in _public_urls(closed):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content
        if url.endswith(".docx"):
            text = _docx_text(content)
        else:
            text = content.decode()
        for secret in (SECRET_NAME, SECRET_ADDRESS, "29.07.1961", "1961-07-29"):
            assert secret not in text, (url, secret)


def test_opendata_rows_have_no_personal_data(closed):
    from zemstvo.hearings.selectors import opendata_rows

    rows = list(opendata_rows(None))
    assert rows[0]["proposals_total"] == 2 and rows[0]["proposals_local"] == 1
    assert SECRET_NAME not in json.dumps(rows, default=str)


def test_conclusion_docx_has_every_required_element_and_the_split(client, closed):
    url = reverse("hearings:document", args=[closed.municipality.slug, closed.pk,
                                             "conclusion", "docx"])
    text = _docx_text(client.get(url).content)
    for element in ("Дата оформления заключения", closed.title, "Количество участников",
                    "которые приняли участие: 2", f"Протокол № {closed.protocol_number}",
                    "Предложения и замечания граждан, постоянно проживающих на территории",
                    "Предложения и замечания иных участников", "Рекомендация организатора",
                    "Обосновано картой зон.", "Выводы по результатам", "Рекомендовать."):
        assert element in text, element
    local_part, others_part = text.split("Предложения и замечания иных участников")
    assert "Местное предложение о сквере." in local_part
    assert "Чужое замечание 0." not in local_part
    assert "Чужое замечание 0." in others_part
    assert "Местное предложение о сквере." not in others_part


def test_staff_protocol_has_the_annex_and_the_elements_of_ч18(client, closed, clerk):
    from zemstvo.core.audit.models import AuditEvent

    client.force_login(clerk)
    response = client.get(reverse("office_hearings:protocol", args=[closed.pk, "docx"]))
    text = _docx_text(response.content)
    for element in ("Дата оформления протокола", "Организатор", "Оповещение: опубликовано",
                    "Срок, в течение которого принимались предложения",
                    "Территория, в пределах которой", "Тестоград",
                    "Предложения и замечания иных участников",
                    "Приложение. Перечень принявших участие", SECRET_NAME, SECRET_ADDRESS,
                    "29.07.1961"):
        assert element in text, element
    assert AuditEvent.objects.filter(action="hearings.view_personal_data").exists()
    pdf = client.get(reverse("office_hearings:protocol", args=[closed.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_public_protocol_has_no_annex(client, closed):
    url = reverse("hearings:document", args=[closed.municipality.slug, closed.pk,
                                             "protocol", "docx"])
    text = _docx_text(client.get(url).content)
    assert "Приложение" not in text and "Местное предложение о сквере." in text


def test_conclusion_pdf_is_a_pdf(client, closed):
    url = reverse("hearings:document", args=[closed.municipality.slug, closed.pk,
                                             "conclusion", "pdf"])
    assert client.get(url).content.startswith(b"%PDF")


def test_conclusion_is_not_public_before_the_procedure_closes(client, municipality,
                                                             municipal_admin):
    proc = advance_to(municipal_admin, procedure(municipal_admin, municipality),
                      Status.EXPOSITION)
    url = reverse("hearings:document", args=[municipality.slug, proc.pk, "conclusion", "pdf"])
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/hearings/{proc.pk}/conclusion").status_code == 404


def test_drafts_are_not_public(client, municipality, municipal_admin):
    proc = procedure(municipal_admin, municipality)
    assert client.get(reverse("hearings:detail", args=[municipality.slug, proc.pk])
                      ).status_code == 404
    assert client.get(f"/api/v1/hearings/{proc.pk}").status_code == 404


def test_api_conclusion_splits_the_proposals(client, closed):
    body = client.get(f"/api/v1/hearings/{closed.pk}/conclusion").json()
    assert [p["text"] for p in body["residents_and_right_holders"]] == [
        "Местное предложение о сквере."]
    assert [p["text"] for p in body["other_participants"]] == ["Чужое замечание 0."]


def test_api_list_filters_by_municipality_and_status(client, closed, municipality):
    body = client.get(f"/api/v1/hearings?municipality={municipality.slug}&status=closed").json()
    assert [item["id"] for item in body["items"]] == [closed.pk]
    assert client.get(f"/api/v1/hearings?municipality={municipality.slug}&status=notice"
                      ).json()["items"] == []
    assert client.get("/api/v1/hearings?municipality=nope").status_code == 422


@pytest.fixture
def exposition(municipal_admin, municipality, settlement):
    return advance_to(municipal_admin, procedure(municipal_admin, municipality,
                                                 settlements=[settlement]), Status.EXPOSITION)


def _post(client, proc, payload, **extra):
    return client.post(f"/api/v1/hearings/{proc.pk}/proposals", json.dumps(payload),
                       content_type="application/json", **extra)


def test_api_proposal_outside_the_window_is_409_and_anonymous_is_403(client, exposition,
                                                                     verified_resident):
    # The window of the 2026 procedure is long past now: 409.
    client.force_login(verified_resident)
    verified_resident.residence_address = "ул. 1"
    verified_resident.save()
    response = _post(client, exposition, {"text": "Предложение."})
    assert response.status_code == 409
    client.logout()
    assert _post(client, exposition, {"text": "Предложение."}).status_code == 403


def test_api_proposal_in_the_window_is_201_unidentified_403(client, municipality,
                                                            municipal_admin, resident):
    from django.utils import timezone

    today = timezone.now().astimezone(municipality.tz).date()
    proc = procedure(municipal_admin, municipality, notice_date=today - timedelta(days=9))
    proc = advance_to(municipal_admin, proc, Status.EXPOSITION)
    client.force_login(resident)
    assert _post(client, proc, {"text": "Предложение."}).status_code == 403
    response = _post(client, proc, {"text": "Предложение.", "full_name": "Петров Пётр",
                                    "birth_date": "1980-01-01", "address": "ул. 2"})
    assert response.status_code == 201, response.content
    assert response.json()["is_local"] is False
    assert "Петров" not in response.content.decode()
    bad = _post(client, proc, {"text": "Предложение.", "full_name": "Петров"})
    assert bad.status_code == 422 and proc.proposals.count() == 1


def test_resident_submits_through_the_page_and_sees_the_form_errors(client, municipality,
                                                                    municipal_admin, resident):
    from django.utils import timezone

    today = timezone.now().astimezone(municipality.tz).date()
    proc = advance_to(municipal_admin, procedure(municipal_admin, municipality,
                                                 notice_date=today - timedelta(days=9)),
                      Status.EXPOSITION)
    client.force_login(resident)
    url = reverse("hearings:propose", args=[municipality.slug, proc.pk])
    response = client.post(url, {"kind": "person", "text": "Сквер.", "full_name": "Петров"})
    assert response.status_code == 200 and "Укажите дату рождения" in response.content.decode()
    assert proc.proposals.count() == 0
    response = client.post(url, {"kind": "person", "text": "Сквер у реки.",
                                 "full_name": "Петров Пётр", "birth_date": "1980-01-01",
                                 "address": "ул. 2"})
    assert response.status_code == 302 and proc.proposals.count() == 1
    page = client.get(reverse("hearings:detail", args=[municipality.slug, proc.pk]))
    assert "Сквер у реки." in page.content.decode()
    assert "Петров Пётр" not in page.content.decode()


def test_public_pages_cost_a_fixed_number_of_queries(client, municipal_admin, municipality,
                                                    settlement, django_assert_max_num_queries):
    small = _closed(municipal_admin, municipality, settlement)
    for url in (reverse("hearings:list", args=[municipality.slug]),
                reverse("hearings:detail", args=[municipality.slug, small.pk])):
        with django_assert_max_num_queries(14):
            client.get(url)
    big = _closed(municipal_admin, municipality, settlement, extra=15)
    for _n in range(3):
        _closed(municipal_admin, municipality, settlement)
    for url in (reverse("hearings:list", args=[municipality.slug]),
                reverse("hearings:detail", args=[municipality.slug, big.pk])):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


def test_search_finds_a_procedure_by_a_word_of_its_project(closed, municipality):
    from zemstvo.core.search.selectors import search

    results = search("генплан", municipality=municipality)
    assert [hit.url for hit in results.hits if hit.kind == "hearings"] == [
        closed.get_absolute_url()]


def test_subscribe_button_on_the_settlement_list(client, municipality, settlement):
    client.force_login(UserFactory())
    page = client.get(reverse("hearings:list", args=[municipality.slug])
                      + f"?settlement={settlement.pk}")
    assert page.status_code == 200 and "Уведомления о новых слушаниях" in page.content.decode()
