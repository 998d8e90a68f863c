"""GET /api/v1/programs?municipality=SLUG and GET /api/v1/programs/{id}."""

from __future__ import annotations

import pytest

from tests.programs.factories import grow

pytestmark = pytest.mark.django_db


def test_list_gives_progress_and_budget(client, program, municipality):
    response = client.get(f"/api/v1/programs?municipality={municipality.slug}")
    assert response.status_code == 200
    [row] = response.json()
    assert row["code"] == "05" and row["progress"] == "54.0"
    assert row["budget"]["percent"] == "68.0" and row["late_milestones"] == 1


def test_unknown_municipality_is_a_422_in_russian(client):
    response = client.get("/api/v1/programs?municipality=nowhere")
    assert response.status_code == 422
    assert "не найдено" in response.json()["detail"]


def test_detail_has_activities_budget_indicators_and_milestones(client, program):
    data = client.get(f"/api/v1/programs/{program.pk}").json()
    school = next(a for a in data["activities"] if a["title"] == "Ремонт школы")
    assert school["progress"] == "50.0"
    assert {m["title"]: m["state"] for m in school["milestones"]} == {
        "Проект": "reached", "Кровля": "late"}
    assert {i["title"]: i["values"][0]["deviation"] for i in data["indicators"]} == {
        "Доля освещённых улиц": "-10.0", "Число ДТП": "25.0"}
    assert data["budget_by_year"]["2026"]["percent"] == "62.5"


def test_missing_program_is_404(client):
    assert client.get("/api/v1/programs/999999").status_code == 404


@pytest.mark.parametrize("extra", [0, 10])
def test_detail_costs_fixed_queries(client, program, analyst, extra,
                                    django_assert_max_num_queries):
    grow(program, analyst, extra)
    with django_assert_max_num_queries(10):
        assert client.get(f"/api/v1/programs/{program.pk}").status_code == 200
