"""The /search/ page and GET /api/v1/search."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _fill(index, municipality, count: int) -> None:
    for n in range(count):
        index(f"Благоустройство двора {n}", "Новые скамейки и освещение.",
              municipality_id=municipality.pk)


@pytest.mark.parametrize("count", [2, 20])
def test_search_page_costs_a_fixed_number_of_queries(
    client, index, municipality, count, django_assert_max_num_queries
):
    _fill(index, municipality, count)
    # municipality lookup + count + page ids + rows (SQLite); PostgreSQL needs fewer
    with django_assert_max_num_queries(4):
        response = client.get(reverse("search:search"), {"q": "благоустройства",
                                                         "m": municipality.slug})
    assert response.status_code == 200
    assert response.context["results"].total == count
    assert "<mark>" not in response.context["results"].hits[0].title


def test_search_page_shows_highlighted_results_and_portal_choice(client, index, municipality):
    index("Инициативное бюджетирование", "Собрание жителей по инициативному бюджетированию.")
    response = client.get(reverse("search:search"), {"q": "бюджетирования",
                                                     "m": municipality.slug})
    html = response.content.decode()
    assert "<mark>бюджетированию</mark>" in html
    assert f'<option value="{municipality.slug}" selected>' in html
    assert "На всех порталах" in html
    assert response.context["current_municipality"] == municipality


def test_search_page_without_a_query_shows_only_the_form(client):
    response = client.get(reverse("search:search"))
    assert response.status_code == 200
    assert response.context["results"] is None
    assert 'id="search-q"' in response.content.decode()


def test_search_page_explains_a_bad_query(client):
    response = client.get(reverse("search:search"), {"q": "я"})
    assert "Слишком короткий запрос" in response.content.decode()


def test_search_page_paginates(client, index, municipality):
    _fill(index, municipality, 25)
    first = client.get(reverse("search:search"), {"q": "двор"})
    second = client.get(reverse("search:search"), {"q": "двор", "page": 2})
    assert len(first.context["results"].hits) == 20
    assert len(second.context["results"].hits) == 5
    assert 'rel="next"' in first.content.decode()
    assert 'rel="prev"' in second.content.decode()


def test_search_page_kind_filter_lists_registered_providers(client, test_provider, index):
    index("Субботник", "Уборка парка", kind="testdocs")
    index("Субботник в школе", "Уборка", kind="otherdocs")
    response = client.get(reverse("search:search"), {"q": "субботник", "kind": "testdocs"})
    html = response.content.decode()
    assert '<option value="testdocs" selected>Тестовые документы</option>' in html
    assert [h.title for h in response.context["results"].hits] == ["Субботник"]


def test_api_search_returns_hits_with_snippets(client, index, municipality, other_municipality):
    index("Бюджет для граждан", "Инициативное бюджетирование", municipality_id=municipality.pk)
    index("Бюджет Другого", "Бюджетирование", municipality_id=other_municipality.pk)
    response = client.get("/api/v1/search", {"q": "бюджетирования",
                                             "municipality": municipality.slug})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["title"] == "Бюджет для граждан"
    assert body["items"][0]["municipality"] == municipality.name
    assert "<mark>" in body["items"][0]["snippet"]


def test_api_search_rejects_bad_parameters_with_field_errors(client):
    response = client.get("/api/v1/search", {"q": "я", "municipality": "nowhere",
                                             "kind": "nothing"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["q"] == ["Слишком короткий запрос: введите не меньше 2 символов."]
    assert errors["municipality"] == ["Муниципальное образование с таким адресом не найдено."]
    assert errors["kind"] == ["Такого раздела нет в поиске."]


def test_api_search_limit_is_bounded(client):
    response = client.get("/api/v1/search", {"q": "двор", "limit": 1000})
    assert response.status_code == 422
    assert "limit" in response.json()["errors"]
