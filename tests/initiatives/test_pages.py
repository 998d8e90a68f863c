"""Public pages: list, project, round; the proposal form, the draft page, the group
invitation; a fixed number of queries at two data sizes; bad form input writes
nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import VerifiedResidentFactory
from tests.initiatives.factories import ready_draft
from tests.initiatives.helpers import published
from zemstvo.core.audit.models import AuditEvent
from zemstvo.initiatives.models import Project, ProjectSupport

pytestmark = pytest.mark.django_db


def url(name, municipality, **kwargs):
    return reverse(f"initiatives:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def fill(round_, count, initiator, staff):
    return [published(round_, initiator, staff, title=f"Проект номер {n}")
            for n in range(count)]


@pytest.mark.parametrize("count", [1, 6])
def test_list_costs_a_fixed_number_of_queries(client, round_, verified_resident,
                                              municipal_admin, count,
                                              django_assert_max_num_queries):
    fill(round_, count, verified_resident, municipal_admin)
    # municipality + count + page + rounds
    with django_assert_max_num_queries(4):
        response = client.get(url("list", round_.municipality))
    assert response.status_code == 200
    assert response.content.decode().count("Проект номер") == count


def test_list_filters_by_status_and_round(client, round_, verified_resident, municipal_admin):
    fill(round_, 2, verified_resident, municipal_admin)
    ready_draft(round_, verified_resident, title="Черновик не виден")
    html = client.get(url("list", round_.municipality), {"status": "admitted"}).content.decode()
    assert "Проект номер" not in html
    html = client.get(url("list", round_.municipality),
                      {"status": "published", "round": round_.pk}).content.decode()
    assert html.count("Проект номер") == 2 and "Черновик не виден" not in html


@pytest.mark.parametrize("supports", [0, 8])
def test_project_page_costs_a_fixed_number_of_queries(client, round_, verified_resident,
                                                      municipal_admin, supports,
                                                      django_assert_max_num_queries):
    project = published(round_, verified_resident, municipal_admin)
    for _ in range(supports):
        from zemstvo.initiatives.services import project_support

        project_support(actor=VerifiedResidentFactory(residence_municipality=project.municipality),
                        project=project)
    with django_assert_max_num_queries(16):
        response = client.get(project.get_absolute_url())
    html = response.content.decode().replace("\xa0", " ").replace("\u202f", " ")
    assert response.status_code == 200
    for text in ("Описание проблемы", "Предварительный расчёт стоимости", "1 000 000",
                 "Софинансирование по источникам", "30,00", "Замечания и предложения",
                 "История проекта", "Проект опубликован"):
        assert text in html, text
    # Personal data of the group stays off the public page.
    assert verified_resident.last_name not in html


def test_a_draft_is_not_public(client, draft):
    assert client.get(url("detail", draft.municipality, pk=draft.pk)).status_code == 404


def test_a_resident_supports_and_withdraws_on_the_page(client, round_, verified_resident,
                                                       municipal_admin):
    project = published(round_, verified_resident, municipal_admin)
    client.force_login(verified_resident)
    response = client.post(url("support", project.municipality, pk=project.pk), follow=True)
    assert "ваша поддержка учтена" in response.content.decode()
    assert "Отозвать поддержку" in response.content.decode()
    client.post(url("support", project.municipality, pk=project.pk), {"action": "withdraw"})
    assert not ProjectSupport.objects.exists()


def test_an_ineligible_visitor_sees_why(client, round_, verified_resident, municipal_admin,
                                        resident):
    project = published(round_, verified_resident, municipal_admin)
    client.force_login(resident)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "только житель с подтверждённой личностью" in html
    client.post(url("support", project.municipality, pk=project.pk))
    assert not ProjectSupport.objects.exists()


def _form(**changes):
    data = {
        "round": "", "title": "Сквер у реки", "settlement": "", "territory": "Набережная",
        "problem": "Нет места для отдыха.", "justification": "Сквер нужен всем.",
        "expected_result": "Сквер с лавочками.", "timeline": "лето",
        "participation": "", "beneficiaries": "100", "territory_population": "500",
        "initiator_kind": "group", "initiator_name": "",
        "cost-TOTAL_FORMS": "6", "cost-INITIAL_FORMS": "0", "cost-MIN_NUM_FORMS": "6",
        "cost-MAX_NUM_FORMS": "50",
        "cost-0-name": "Лавочки", "cost-0-quantity": "10", "cost-0-unit_price": "15000",
        "fin-residents_money": "15000", "fin-local_budget_money": "135000",
    }
    data.update(changes)
    return data


def test_proposal_form_creates_a_draft(client, round_, verified_resident):
    client.force_login(verified_resident)
    response = client.post(url("propose", round_.municipality), _form(round=round_.pk))
    project = Project.objects.get()
    assert response.status_code == 302
    assert project.cost_total == 150000 and project.budget_request == 135000
    assert project.group_members.count() == 1


@pytest.mark.parametrize("changes", [
    {"title": ""}, {"beneficiaries": "-3"}, {"cost-0-quantity": "abc"},
    {"cost-0-name": ""}, {"fin-residents_money": "-10"}, {"territory_population": "10"},
    {"initiator_kind": "tos"}, {"cost-TOTAL_FORMS": "x"},
])
def test_bad_proposal_input_writes_nothing(client, round_, verified_resident, changes):
    client.force_login(verified_resident)
    before = AuditEvent.objects.count()
    response = client.post(url("propose", round_.municipality),
                           _form(round=round_.pk, **changes))
    assert response.status_code in (200, 400)
    assert not Project.objects.exists()
    assert AuditEvent.objects.count() == before
    if response.status_code == 200:
        assert 'class="errorlist"' in response.content.decode()


def test_the_proposal_form_is_for_verified_residents(client, round_, resident):
    client.force_login(resident)
    assert client.get(url("propose", round_.municipality)).status_code == 403


def test_invitation_page_lets_a_resident_confirm(client, draft):
    person = VerifiedResidentFactory(residence_municipality=draft.municipality)
    client.force_login(person)
    join = url("join", draft.municipality, code=draft.group_code)
    assert "Подтверждаю участие" in client.get(join).content.decode()
    response = client.post(join)
    assert response.status_code == 302
    assert draft.group_members.filter(user=person, confirmed_at__isnull=False).exists()
    assert client.get(url("own", draft.municipality, pk=draft.pk)).status_code == 200


def test_own_page_shows_the_draft_to_its_initiator_only(client, draft, verified_resident):
    client.force_login(verified_resident)
    html = client.get(url("own", draft.municipality, pk=draft.pk)).content.decode()
    assert "Ссылка-приглашение" in html and "Внести проект" in html
    client.force_login(VerifiedResidentFactory(residence_municipality=draft.municipality))
    assert client.get(url("own", draft.municipality, pk=draft.pk)).status_code == 404


def test_bad_evidence_on_the_draft_page_writes_nothing(client, draft, verified_resident):
    client.force_login(verified_resident)
    count = draft.evidence.count()
    response = client.post(url("own", draft.municipality, pk=draft.pk),
                           {"kind": "meeting", "count": "0", "held_on": "вчера"})
    assert response.status_code == 200 and 'class="errorlist"' in response.content.decode()
    assert draft.evidence.count() == count


def test_submit_from_the_draft_page(client, draft, verified_resident):
    client.force_login(verified_resident)
    client.post(url("submit", draft.municipality, pk=draft.pk))
    draft.refresh_from_db()
    assert draft.status == "submitted"


@pytest.mark.parametrize("count", [1, 5])
def test_round_page_costs_a_fixed_number_of_queries(client, round_, verified_resident,
                                                    municipal_admin, count,
                                                    django_assert_max_num_queries):
    fill(round_, count, verified_resident, municipal_admin)
    with django_assert_max_num_queries(4):
        response = client.get(round_.get_absolute_url())
    assert response.status_code == 200
    assert "Матрица оценки" in response.content.decode()


def test_home_block_lists_projects(client, round_, verified_resident, municipal_admin):
    fill(round_, 1, verified_resident, municipal_admin)
    html = client.get(f"/m/{round_.municipality.slug}/").content.decode()
    assert "Проект номер 0" in html
