"""News in the API: public reads, and creation by staff with a bearer token."""

from __future__ import annotations

import pytest

from tests.news.factories import PublishedNewsFactory
from zemstvo.core.accounts.token_services import api_token_issue
from zemstvo.core.search.selectors import search
from zemstvo.news.models import NewsItem, NewsStatus

pytestmark = pytest.mark.django_db

NEW = {"title": "Ремонт водопровода на улице Садовой", "lead": "Работы займут неделю.",
       "body": "Подача воды будет ограничена.\n\nПриносим извинения."}


def bearer(user) -> dict:
    _token, secret = api_token_issue(actor=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(client, payload, **headers):
    return client.post("/api/v1/news", payload, content_type="application/json", **headers)


def test_list_is_paged_and_filtered_by_portal(client, municipality, other_municipality, draft):
    for _ in range(3):
        PublishedNewsFactory(municipality=municipality)
    PublishedNewsFactory(municipality=other_municipality)
    response = client.get("/api/v1/news", {"municipality": municipality.slug, "limit": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert len(body["items"]) == 2
    assert {i["municipality"] for i in body["items"]} == {municipality.slug}
    assert client.get("/api/v1/news").json()["count"] == 4


def test_list_with_an_unknown_portal_is_422(client):
    response = client.get("/api/v1/news", {"municipality": "nowhere"})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "municipality": ["Муниципальное образование с таким адресом не найдено."]
    }


def test_detail_of_a_published_item(client, published_item):
    response = client.get(f"/api/v1/news/{published_item.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Ремонт дорог начался"
    assert body["body"] == published_item.body
    assert body["url"].endswith(published_item.get_absolute_url())
    assert "author" not in body


def test_detail_of_a_draft_or_unknown_item_is_404(client, draft):
    for url in (f"/api/v1/news/{draft.pk}", "/api/v1/news/999999"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"] == "Новость не найдена."


def test_create_without_a_token_is_401(client, municipality):
    response = post(client, {**NEW, "municipality": municipality.slug})
    assert response.status_code == 401
    response = post(client, {**NEW, "municipality": municipality.slug},
                    HTTP_AUTHORIZATION="Bearer zt_not-a-real-token")
    assert response.status_code == 401
    assert NewsItem.objects.count() == 0


@pytest.mark.parametrize("role", ["resident", "clerk", "other_editor"])
def test_create_by_someone_without_the_right_is_403(client, person, role, municipality):
    response = post(client, {**NEW, "municipality": municipality.slug},
                    **bearer(person(role)))
    assert response.status_code == 403
    assert response.json()["detail"] == "Недостаточно прав для этого действия."
    assert NewsItem.objects.count() == 0


def test_create_with_bad_fields_is_422_in_russian(client, editor, municipality):
    response = post(client, {"municipality": municipality.slug, "title": "Ой", "body": ""},
                    **bearer(editor))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["title"] == ["Слишком короткое значение: не меньше 5 символов."]
    assert errors["body"] == ["Слишком короткое значение: не меньше 1 символов."]
    response = post(client, {"municipality": municipality.slug, "title": "Пять букв",
                             "body": "  \x00 "}, **bearer(editor))
    assert response.status_code == 422
    assert response.json()["errors"] == {"body": ["Напишите текст новости."]}
    response = post(client, {**NEW, "municipality": "nowhere"}, **bearer(editor))
    assert response.status_code == 422
    assert NewsItem.objects.count() == 0


def test_editor_creates_a_draft(client, editor, municipality):
    response = post(client, {**NEW, "municipality": municipality.slug}, **bearer(editor))
    assert response.status_code == 201
    body = response.json()
    item = NewsItem.objects.get(pk=body["id"])
    assert item.status == NewsStatus.DRAFT and body["status"] == "draft"
    assert item.author == editor


def test_editor_creates_and_publishes_at_once(client, editor, municipality):
    response = post(client, {**NEW, "municipality": municipality.slug, "publish": True},
                    **bearer(editor))
    assert response.status_code == 201
    assert response.json()["status"] == "published"
    assert search("водопровода", municipality=municipality).total == 1
