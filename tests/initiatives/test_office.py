"""Office pages: the queue with deadlines and overdue marks, the round with its
matrix and stages, the decision, scoring and implementation forms; bad input writes
nothing; staff of other municipalities and residents are kept out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.initiatives.helpers import published
from zemstvo.core.audit.models import AuditEvent
from zemstvo.initiatives.models import Project, ScoringCriterion, SelectionRound

pytestmark = pytest.mark.django_db


def office(name, **kwargs):
    return reverse(f"office_initiatives:{name}", kwargs=kwargs)


@pytest.mark.parametrize("count", [1, 4])
def test_queue_shows_deadlines_and_marks_overdue(client, round_, verified_resident,
                                                 municipal_admin, count,
                                                 django_assert_max_num_queries):
    projects = [published(round_, verified_resident, municipal_admin) for _ in range(count)]
    Project.objects.filter(pk=projects[0].pk).update(
        status="submitted", publication_due=date.today() - timedelta(days=2))
    client.force_login(municipal_admin)
    with django_assert_max_num_queries(12):
        response = client.get(office("queue"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("initiative-overdue") == 1 and "просрочено" in html
    only = client.get(office("queue"), {"overdue": "1"}).content.decode()
    assert only.count("<td><a href") == 1


def test_dashboard_card_alerts_on_overdue(client, round_, verified_resident, municipal_admin):
    project = published(round_, verified_resident, municipal_admin)
    from zemstvo.initiatives.module import _card_lines

    assert not any(line.alert for line in _card_lines(municipal_admin, round_.municipality))
    Project.objects.filter(pk=project.pk).update(decision_due=date.today() - timedelta(days=1))
    lines = _card_lines(municipal_admin, round_.municipality)
    assert [line.value for line in lines] == [0, 1, 1] and lines[2].alert


def test_residents_and_other_staff_are_kept_out(client, round_, verified_resident,
                                                municipal_admin, other_admin):
    project = published(round_, verified_resident, municipal_admin)
    client.force_login(verified_resident)
    assert client.get(office("queue")).status_code == 403
    client.force_login(other_admin)
    assert client.get(office("project", pk=project.pk)).status_code == 404
    assert client.post(office("publish", pk=project.pk)).status_code == 404


def test_round_created_in_the_office_and_bad_input_writes_nothing(client, municipality,
                                                                   municipal_admin):
    client.force_login(municipal_admin)
    data = {"title": "Бюджет 2027", "year": "2027", "budget_regional": "100",
            "budget_local": "100", "acceptance_from": "2027-02-01",
            "acceptance_to": "2027-01-01", "scoring_until": "2027-03-01",
            "results_date": "2027-04-01"}
    response = client.post(office("round_new") + f"?m={municipality.slug}", data)
    assert response.status_code == 422 and not SelectionRound.objects.exists()
    data["acceptance_to"] = "2027-02-15"
    response = client.post(office("round_new") + f"?m={municipality.slug}", data)
    round_ = SelectionRound.objects.get()
    assert response.status_code == 302
    bad = {"title": "Доля", "kind": "bands", "input": "co_financing", "weight": "1",
           "bands": "0-5"}
    assert client.post(office("criterion_add", pk=round_.pk), bad).status_code == 422
    assert not ScoringCriterion.objects.exists()
    bad["bands"] = "0-5:1\n5-:2"
    client.post(office("criterion_add", pk=round_.pk), bad)
    client.post(office("round_step", pk=round_.pk, step="open"))
    round_.refresh_from_db()
    assert round_.status == "open" and round_.rules["initiatives.group_min_size"]["value"] == 10


def test_decide_form_refuses_bad_input_and_writes_nothing(client, round_, verified_resident,
                                                          municipal_admin):
    project = published(round_, verified_resident, municipal_admin)
    Project.objects.filter(pk=project.pk).update(comments_until=date(2020, 1, 1))
    client.force_login(municipal_admin)
    before = AuditEvent.objects.count()
    response = client.post(office("action", pk=project.pk, action="decide"),
                           {"decision": "refuse", "ground": "", "reason": ""})
    assert response.status_code == 422 and "перечня" in response.content.decode()
    assert AuditEvent.objects.count() == before
    response = client.post(office("action", pk=project.pk, action="decide"),
                           {"decision": "refuse", "ground": "no_powers",
                            "reason": "Вопрос не местного значения."})
    project.refresh_from_db()
    assert response.status_code == 302 and project.status == "refused"


def test_unknown_office_action_is_404(client, round_, verified_resident, municipal_admin):
    project = published(round_, verified_resident, municipal_admin)
    client.force_login(municipal_admin)
    assert client.post(office("action", pk=project.pk, action="explode")).status_code == 404


def test_scoring_pages_for_a_commission_member(client, round_, verified_resident,
                                               municipal_admin, commission_member):
    from tests.initiatives.helpers import admitted
    from zemstvo.initiatives.rounds import round_close_acceptance

    project = admitted(round_, verified_resident, municipal_admin)
    round_close_acceptance(actor=municipal_admin, round_=round_)
    client.force_login(commission_member)
    assert project.title in client.get(office("scoring", pk=round_.pk)).content.decode()
    manual = round_.criteria.get(kind="scale")
    response = client.post(office("score", pk=project.pk), {f"criterion_{manual.pk}": "99"})
    assert response.status_code == 422 and not project.scores.exists()
    response = client.post(office("score", pk=project.pk), {f"criterion_{manual.pk}": "7"})
    assert response.status_code == 302 and project.scores.count() == 2
    client.force_login(municipal_admin)
    assert client.get(office("score", pk=project.pk)).status_code == 403


def test_protocol_downloads_in_the_office(client, round_, municipal_admin):
    client.force_login(municipal_admin)
    response = client.get(office("protocol", pk=round_.pk, fmt="pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("action,data", [
    ("contract", {"number": "", "signed_on": "завтра", "contractor": "", "amount": "-5"}),
    ("stage", {"title": "Монтаж", "planned_start": "2026-05-10", "planned_end": "2026-05-01",
               "progress": "50"}),
    ("stage", {"title": "Монтаж", "planned_start": "2026-05-01", "planned_end": "2026-05-10",
               "progress": "150"}),
    ("spending", {"source": "lottery", "planned": "1", "actual": "1"}),
    ("photo", {"phase": "before"}),
    ("accept", {"note": ""}),
])
def test_bad_implementation_input_writes_nothing(client, round_, verified_resident,
                                                 municipal_admin, action, data):
    project = published(round_, verified_resident, municipal_admin)
    Project.objects.filter(pk=project.pk).update(status="implementation")
    client.force_login(municipal_admin)
    before = AuditEvent.objects.count()
    response = client.post(office("action", pk=project.pk, action=action), data)
    assert response.status_code == 422
    assert 'class="errorlist"' in response.content.decode()
    assert AuditEvent.objects.count() == before
    assert not project.stages.exists() and not project.spending.exists()
