"""The API: public lists and projects; support with 201 / 401 / 403 (with the
reason) / 409 / 422, and withdrawal."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, VerifiedResidentFactory
from tests.initiatives.factories import ready_draft
from tests.initiatives.helpers import after_comments, published
from zemstvo.core.accounts.token_services import api_token_issue
from zemstvo.initiatives.models import Project, ProjectSupport

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, secret = api_token_issue(actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def project(round_, verified_resident, municipal_admin):
    return published(round_, verified_resident, municipal_admin)


def test_list_filters_by_municipality_and_status(client, project, round_, verified_resident):
    ready_draft(round_, verified_resident, title="Черновик проекта")
    body = client.get("/api/v1/initiatives",
                      {"municipality": project.municipality.slug}).json()
    assert body["count"] == 1 and body["items"][0]["title"] == project.title
    assert body["items"][0]["support_count"] == 0
    assert client.get("/api/v1/initiatives", {"status": "selected"}).json()["count"] == 0


@pytest.mark.parametrize("query,field", [({"municipality": "nowhere"}, "municipality"),
                                         ({"status": "draft"}, "status")])
def test_bad_filters_are_422(client, query, field):
    response = client.get("/api/v1/initiatives", query)
    assert response.status_code == 422 and field in response.json()["errors"]


def test_detail_has_the_law_fields_and_the_ledger(client, project):
    body = client.get(f"/api/v1/initiatives/{project.pk}").json()
    assert body["problem"] and body["decision_due"] and body["comments_until"]
    assert [i["name"] for i in body["cost_items"]] == ["Игровой комплекс", "Покрытие, кв. м"]
    shares = {row["source"]: row["share"] for row in body["financing"]}
    assert shares["local_budget"] == "30.00"


def test_a_draft_is_404(client, draft):
    assert client.get(f"/api/v1/initiatives/{draft.pk}").status_code == 404


def test_support_then_409_then_withdraw(client, project):
    person = VerifiedResidentFactory(residence_municipality=project.municipality)
    headers = bearer(person)
    path = f"/api/v1/initiatives/{project.pk}/support"
    response = client.post(path, **headers)
    assert response.status_code == 201 and response.json() == {"supported": True,
                                                               "support_count": 1}
    again = client.post(path, **headers)
    assert again.status_code == 409 and again.json()["detail"] == "Вы уже поддержали этот проект."
    assert client.delete(path, **headers).json() == {"supported": False, "support_count": 0}
    assert client.delete(path, **headers).status_code == 409


def test_support_without_credentials_is_401(client, project):
    assert client.post(f"/api/v1/initiatives/{project.pk}/support").status_code == 401
    assert not ProjectSupport.objects.exists()


def test_support_by_an_ineligible_person_is_403_with_the_reason(client, project):
    response = client.post(f"/api/v1/initiatives/{project.pk}/support",
                           **bearer(UserFactory()))
    assert response.status_code == 403
    assert "подтверждённой личностью" in response.json()["detail"]
    assert not ProjectSupport.objects.exists()


def test_support_after_the_window_is_422(client, project):
    Project.objects.filter(pk=project.pk).update(
        comments_until=after_comments(project).date().replace(year=2020))
    person = VerifiedResidentFactory(residence_municipality=project.municipality)
    response = client.post(f"/api/v1/initiatives/{project.pk}/support", **bearer(person))
    assert response.status_code == 422
    assert not ProjectSupport.objects.exists()


def test_support_of_a_missing_project_is_404(client, verified_resident):
    assert client.post("/api/v1/initiatives/999999/support",
                       **bearer(verified_resident)).status_code == 404
