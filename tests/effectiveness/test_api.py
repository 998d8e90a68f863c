"""The effectiveness API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.effectiveness.conftest import YEAR
from zemstvo.effectiveness import importing, ratings
from zemstvo.effectiveness.models import IndicatorValue

pytestmark = pytest.mark.django_db


def test_indicators_list_the_catalogue(client, catalogue):
    data = client.get("/api/v1/indicators").json()
    codes = {row["code"]: row for row in data}
    assert codes["8.1"]["parent"] == "8" and codes["12"]["needs_confirmation"]
    assert codes["6"]["direction"] == "lower"


def test_indicator_values_are_the_accepted_ones_of_the_year(client, rated, municipality):
    IndicatorValue.objects.filter(indicator__code="9").update(is_accepted=False)
    data = client.get(f"/api/v1/indicator-values?municipality={municipality.slug}"
                      f"&year={YEAR}").json()
    assert {(r["indicator"], r["kind"]) for r in data} == {
        ("1", "actual"), ("1", "plan"), ("6", "actual"), ("37", "actual")}
    bad = client.get(f"/api/v1/indicator-values?municipality=nope&year={YEAR}")
    assert bad.status_code == 422


def test_import_reports_bad_cells_with_422_and_saves_nothing(client, report, analyst):
    client.force_login(analyst)
    text = ";".join(importing.HEADERS) + f"\n1;x;;;{YEAR};факт;-5;;\n"
    response = client.post("/api/v1/indicator-values/import", {
        "municipality": report.municipality.slug, "year": YEAR,
        "file": SimpleUploadedFile("v.csv", text.encode(), "text/csv")})
    assert response.status_code == 422
    body = response.json()
    assert body["cells"] == [{"sheet": "CSV", "row": 2, "column": "G",
                              "message": body["cells"][0]["message"]}]
    assert "меньше допустимого" in body["cells"][0]["message"]
    assert not IndicatorValue.objects.exists()
    good = ";".join(importing.HEADERS) + f"\n1;x;;;{YEAR};факт;5;;\n"
    response = client.post("/api/v1/indicator-values/import", {
        "municipality": report.municipality.slug, "year": YEAR,
        "file": SimpleUploadedFile("v.csv", good.encode(), "text/csv")})
    assert response.status_code == 200 and response.json()["saved"] == 1


def test_import_by_another_municipalitys_analyst_is_403(client, report, other_analyst):
    client.force_login(other_analyst)
    text = ";".join(importing.HEADERS) + f"\n1;x;;;{YEAR};факт;5;;\n"
    response = client.post("/api/v1/indicator-values/import", {
        "municipality": report.municipality.slug, "year": YEAR,
        "file": SimpleUploadedFile("v.csv", text.encode(), "text/csv")})
    assert response.status_code == 403


def test_staff_compute_a_rating_and_anyone_reads_it(client, rated, municipality,
                                                    regional_curator, analyst):
    method = ratings.standard_methods(actor=regional_curator, region=municipality.region)[0]
    client.force_login(analyst)
    assert client.post("/api/v1/ratings", {"method": method.pk, "year": YEAR},
                       content_type="application/json").status_code == 403
    client.force_login(regional_curator)
    response = client.post("/api/v1/ratings", {"method": method.pk, "year": YEAR},
                           content_type="application/json")
    assert response.status_code == 201
    rating_id = response.json()["id"]
    client.logout()
    data = client.get(f"/api/v1/ratings/{rating_id}").json()
    rows = data["results"]["groups"]["urban_okrug"]
    assert rows[0]["rank"] == 1 and "indices" in rows[0]
    assert client.get("/api/v1/ratings/99999").status_code == 404


def test_priorities_endpoint_does_not_clash_with_the_territory_one(client, rated, municipality):
    data = client.get(f"/api/v1/municipalities/{municipality.slug}/priorities?year={YEAR}")
    assert data.status_code == 200
    assert data.json()["priorities"][0]["indicator"] == "1"
    assert client.get(f"/api/v1/municipalities/{municipality.slug}").json()["slug"] == \
        municipality.slug
