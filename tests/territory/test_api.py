"""The public territory API: /api/v1/regions, /api/v1/municipalities[/<slug>]."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/municipalities"


def _slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["items"]]


def test_municipalities_are_listed_without_authentication(client, territory):
    response = client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    kirillov = next(i for i in body["items"] if i["slug"] == "kirillov")
    assert kirillov == {
        "slug": "kirillov",
        "name": "городское поселение город Кириллов",
        "type": "urban_settlement",
        "type_display": "городское поселение",
        "oktmo": "19628101",
        "region": "vologodskaya-oblast",
        "region_name": "Вологодская область",
        "parent": "kirillovskiy-rn",
        "population": 7735,
        "time_zone": "Europe/Moscow",
        "url": "/m/kirillov/",
    }


def test_municipalities_are_paged_with_a_page_size(client, territory):
    first = client.get(URL, {"page_size": 3})
    second = client.get(URL, {"page_size": 3, "page": 2})

    assert first.json()["count"] == second.json()["count"] == 4
    assert len(first.json()["items"]) == 3
    assert len(second.json()["items"]) == 1
    assert not set(_slugs(first)) & set(_slugs(second))


def test_municipalities_filter_by_region_type_and_text(client, territory, other_municipality):
    assert len(client.get(URL).json()["items"]) == 5
    assert set(_slugs(client.get(URL, {"region": "vologodskaya-oblast"}))) == {
        "kirillovskiy-rn", "kirillov", "ferapontovskoe-sp", "vologda",
    }
    assert _slugs(client.get(URL, {"type": "rural_settlement"})) == ["ferapontovskoe-sp"]
    # Cyrillic text matches whatever its case, on SQLite too.
    assert _slugs(client.get(URL, {"q": "кирилловский"})) == ["kirillovskiy-rn"]
    assert _slugs(client.get(URL, {"q": "ВОЛОГДА"})) == ["vologda"]
    assert set(_slugs(client.get(URL, {"q": "Кирилл", "type": "urban_settlement"}))) == {
        "kirillov"
    }


def test_bad_type_is_422_with_a_russian_message(client, territory):
    response = client.get(URL, {"type": "county"})

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Проверьте введённые данные."
    assert body["errors"]["type"][0].startswith("Выберите одно из значений:")
    assert "urban_okrug" in body["errors"]["type"][0]


def test_unknown_region_and_bad_page_are_422(client, territory):
    response = client.get(URL, {"region": "atlantida"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"region": ["Нет субъекта РФ с адресом «atlantida»."]}

    response = client.get(URL, {"page": 0})
    assert response.status_code == 422
    assert "page" in response.json()["errors"]


def test_municipality_detail_has_its_centre_and_settlement_counts(client, territory):
    territory.ferapontovo.is_support = True
    territory.ferapontovo.save()

    response = client.get(f"{URL}/kirillovskiy-rn")

    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "municipal_district"
    assert body["centre"] == {"oktmo": "19628101001", "kind": "г", "name": "Кириллов",
                              "population": 7735}
    assert body["settlements_count"] == 3
    assert body["support_settlements_count"] == 1


def test_unknown_municipality_is_404(client, territory):
    response = client.get(f"{URL}/nowhere")

    assert response.status_code == 404
    assert response.json() == {"detail": "Не найдено."}


def test_regions_are_listed_with_their_municipality_counts(client, territory):
    response = client.get("/api/v1/regions")

    assert response.status_code == 200
    region = next(r for r in response.json() if r["slug"] == "vologodskaya-oblast")
    assert region["full_name"] == "Вологодская область"
    assert region["code"] == "19"
    assert region["municipalities_count"] == 4


def test_list_costs_a_fixed_number_of_queries(client, territory, django_assert_max_num_queries):
    client.get(URL)
    with django_assert_max_num_queries(3):
        client.get(URL, {"region": "vologodskaya-oblast"})
    territory.grow()
    with django_assert_max_num_queries(3):
        client.get(URL, {"region": "vologodskaya-oblast"})


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {"/api/v1/municipalities", "/api/v1/municipalities/{slug}", "/api/v1/regions"} <= set(
        paths
    )
