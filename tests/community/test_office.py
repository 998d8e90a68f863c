"""Office pages: a roll uploaded with errors writes nothing; a сход run at the door
(search, registration, a second registration refused, live quorum, votes, protocol as
DOCX and PDF); the ТОС registry; the appointment of a starosta; who may open what."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.community.conftest import SECRET_NAME, register, roll_csv
from zemstvo.community import services
from zemstvo.community.models import (
    Attendance,
    Gathering,
    QuestionKind,
    Roll,
    Starosta,
    Tos,
    TosStatus,
)
from zemstvo.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("spisok.csv", text.encode(), content_type="text/csv")


def _roll_post(client, settlement, text):
    return client.post(reverse("office_community:roll_new") + "?m=testgrad", {
        "settlement": settlement.pk, "title": "Список", "compiled_on": "2026-03-01",
        "mode": "csv", "file": _csv(text)})


def test_a_roll_upload_with_an_error_shows_the_line_and_writes_nothing(client, clerk,
                                                                       settlement):
    client.force_login(clerk)
    response = _roll_post(client, settlement, "ФИО;Дата рождения\nИванов;32.13.1980\n")
    assert response.status_code == 200
    assert "Строка 2: дата рождения" in response.content.decode()
    assert not Roll.objects.exists()


def test_a_roll_upload_redirects_to_the_roll_and_its_view_is_audited(client, clerk,
                                                                     settlement):
    client.force_login(clerk)
    response = _roll_post(client, settlement, roll_csv(3))
    roll = Roll.objects.get()
    assert response.url == reverse("office_community:roll", args=[roll.pk])
    assert SECRET_NAME in client.get(response.url).content.decode()
    assert AuditEvent.objects.filter(action="community.view_personal_data").count() == 1


def test_an_editor_reads_the_office_but_not_the_roll(client, editor, gathering):
    client.force_login(editor)
    assert client.get(reverse("office_community:index") + "?m=testgrad").status_code == 200
    page = client.get(reverse("office_community:gathering", args=[gathering.pk]))
    assert page.status_code == 200
    assert client.get(reverse("office_community:roll", args=[gathering.roll_id])
                      ).status_code == 403
    found = client.get(reverse("office_community:gathering", args=[gathering.pk]),
                       {"q": "Засекреченко"})
    assert SECRET_NAME not in found.content.decode()
    response = client.post(reverse("office_community:gathering", args=[gathering.pk]),
                           {"op": "register", "stage": gathering.stages.first().pk,
                            "entry": gathering.roll.entries.first().pk})
    assert response.status_code == 403 and not Attendance.objects.exists()


def test_staff_of_another_municipality_get_nothing(client, other_clerk, gathering, tos):
    client.force_login(other_clerk)
    for url in (reverse("office_community:gathering", args=[gathering.pk]),
                reverse("office_community:roll", args=[gathering.roll_id]),
                reverse("office_community:tos", args=[tos.pk])):
        assert client.get(url).status_code == 403


def test_a_gathering_is_called_from_the_office(client, clerk, roll):
    client.force_login(clerk)
    response = client.post(reverse("office_community:gathering_new") + "?m=testgrad", {
        "roll": roll.pk, "title": "Благоустройство", "called_by": "Глава",
        "stage1_on": "2026-03-01", "stage1_place": "Клуб",
        "stage2_on": "2026-04-10", "stage2_place": "Школа"})
    assert "в пределах 30 дней" in response.content.decode()
    assert not Gathering.objects.exists()


def test_registration_at_the_door_reaches_quorum_and_refuses_a_second_time(client, clerk,
                                                                           gathering):
    client.force_login(clerk)
    url = reverse("office_community:gathering", args=[gathering.pk])
    stage1, stage2 = gathering.stages.all()
    found = client.get(url, {"q": "Засекреченко", "stage": stage1.pk}).content.decode()
    assert SECRET_NAME in found and "Зарегистрировать" in found
    entry = gathering.roll.entries.get(number=1)
    client.post(url, {"op": "register", "stage": stage1.pk, "entry": entry.pk})
    again = client.post(url, {"op": "register", "stage": stage2.pk, "entry": entry.pk},
                        follow=True).content.decode()
    assert "уже зарегистрирован(а) на этапе 1" in again
    assert Attendance.objects.count() == 1
    register(clerk, gathering, 5, stage_number=2)
    card = client.get(reverse("office_community:quorum", args=[gathering.pk])).content.decode()
    assert "Сход правомочен" in card and "<strong>6</strong>" in card


def test_votes_over_the_attendance_are_refused_on_the_page(client, clerk, gathering):
    register(clerk, gathering, 6)
    question = services.question_add(actor=clerk, gathering=gathering, text="Колодец")
    client.force_login(clerk)
    url = reverse("office_community:gathering", args=[gathering.pk])
    prefix = f"q{question.pk}"
    response = client.post(url, {"op": "votes", "question": question.pk,
                                 f"{prefix}-votes_for": 5, f"{prefix}-votes_against": 2,
                                 f"{prefix}-votes_abstained": 0})
    assert "Голосов (7) больше" in response.content.decode()
    question.refresh_from_db()
    assert question.decision == ""


def test_the_protocol_documents_carry_the_counts_and_decisions(client, clerk, gathering):
    register(clerk, gathering, 4, stage_number=1)
    register(clerk, gathering, 3, stage_number=2)
    question = services.question_add(actor=clerk, gathering=gathering, text="О ремонте колодца")
    services.question_record_votes(actor=clerk, question=question, votes_for=5,
                                   votes_against=1, votes_abstained=1)
    services.gathering_close(actor=clerk, gathering=gathering, protocol_number="7")
    client.force_login(clerk)
    docx_response = client.get(reverse("office_community:protocol",
                                       args=[gathering.pk, "docx"]))
    from docx import Document

    document = Document(io.BytesIO(docx_response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Протокол схода граждан № 7" in text
    assert "по списку: 10" in text and "Всего приняло участие: 7" in text
    assert "не менее 6" in text and "правомочен" in text
    assert ["4", "3"] == [cells[i] for i in (7, 11)]
    assert "О ремонте колодца" in cells and "решение принято" in cells
    assert SECRET_NAME not in text + " ".join(cells)
    pdf_response = client.get(reverse("office_community:protocol", args=[gathering.pk, "pdf"]))
    assert pdf_response.content.startswith(b"%PDF")


def test_the_tos_registry_from_the_office(client, clerk, settlement):
    client.force_login(clerk)
    new = reverse("office_community:tos_new") + "?m=testgrad"
    data = {"settlement": settlement.pk, "name": "ТОС «Роща»", "territory": "ул. Лесная",
            "founding_form": "meeting", "founded_on": "2025-05-01", "eligible": 60,
            "present": 19}
    assert "неправомочно" in client.post(new, data).content.decode()
    assert not Tos.objects.exists()
    response = client.post(new, {**data, "present": 20})
    tos = Tos.objects.get()
    assert response.url == reverse("office_community:tos", args=[tos.pk])
    page = reverse("office_community:tos", args=[tos.pk])
    client.post(page, {"op": "charter", "charter-number": "12",
                       "charter-registered_on": "2025-06-01"})
    client.post(page, {"op": "member", "member-full_name": "Членов Член"})
    tos.refresh_from_db()
    assert tos.status == TosStatus.ESTABLISHED
    assert "Членов Член" in client.get(page).content.decode()


def test_a_starosta_is_appointed_from_the_office(client, clerk, gathering):
    register(clerk, gathering, 6)
    question = services.question_add(actor=clerk, gathering=gathering, text="Староста",
                                     kind=QuestionKind.NOMINATION,
                                     nominee=gathering.roll.entries.get(number=2))
    services.question_record_votes(actor=clerk, question=question, votes_for=6,
                                   votes_against=0, votes_abstained=0)
    client.force_login(clerk)
    url = reverse("office_community:appoint", args=[question.nomination.pk])
    data = {"decision_number": "4-р", "decision_date": "2026-04-01", "term_years": 7}
    assert "от 2 до 5 лет" in client.post(url, data).content.decode()
    response = client.post(url, {**data, "term_years": 4})
    starosta = Starosta.objects.get()
    assert response.url == reverse("office_community:starosta", args=[starosta.pk])
    assert starosta.term_ends_on == date(2030, 4, 1)


@pytest.mark.parametrize("size", [6, 20])
def test_the_gathering_page_takes_a_fixed_number_of_queries(client, clerk, municipality,
                                                           settlement, size,
                                                           django_assert_max_num_queries):
    from tests.community.conftest import make_roll

    roll = make_roll(clerk, municipality, settlement, size=size)
    gathering = services.gathering_create(actor=clerk, roll=roll, title="Сход",
                                          called_by="Глава",
                                          stages=[(date(2026, 3, 1), "Клуб")])
    register(clerk, gathering, size // 2 + 1)
    for n in range(size // 3):
        services.question_add(actor=clerk, gathering=gathering, text=f"Вопрос {n}")
    client.force_login(clerk)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("office_community:gathering", args=[gathering.pk]),
                              {"q": "Житель"})
    assert response.status_code == 200


def test_a_mistaken_tos_entry_is_removed_by_the_clerk_not_the_editor(client, clerk, editor,
                                                                     tos):
    url = reverse("office_community:tos", args=[tos.pk])
    client.force_login(editor)
    assert client.post(url, {"op": "remove"}).status_code == 403
    client.force_login(clerk)
    response = client.post(url, {"op": "remove"})
    assert response.status_code == 302 and not Tos.objects.exists()


def test_starosta_contacts_are_changed_on_the_office_page(client, clerk, gathering):
    register(clerk, gathering, 6)
    question = services.question_add(actor=clerk, gathering=gathering, text="Староста",
                                     kind=QuestionKind.NOMINATION,
                                     nominee=gathering.roll.entries.first())
    services.question_record_votes(actor=clerk, question=question, votes_for=6,
                                   votes_against=0, votes_abstained=0)
    starosta = services.starosta_appoint(actor=clerk, nomination=question.nomination,
                                         decision_number="1", decision_date=date(2026, 4, 1),
                                         term_years=5)
    client.force_login(clerk)
    url = reverse("office_community:starosta", args=[starosta.pk])
    client.post(url, {"op": "contacts", "contacts-phone": "+7 911 000-11-22",
                      "contacts-territory": "д. Заречье"})
    client.post(url, {"op": "report", "report-year": 2026, "report-text": "Починили мост"})
    starosta.refresh_from_db()
    assert starosta.phone == "+7 911 000-11-22"
    assert "Починили мост" in client.get(url).content.decode()
