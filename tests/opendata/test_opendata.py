"""The open-data catalogue, passports and downloads (Методические рекомендации по
публикации открытых данных, версия 3.0)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.http import StreamingHttpResponse
from django.urls import reverse

from zemstvo.core import registry
from zemstvo.core.opendata.checks import PERSONAL_DATA_RE, no_personal_data_in_open_data
from zemstvo.core.opendata.models import DataSetRevision
from zemstvo.core.registry import DataField, ModuleManifest, OpenDataSet

pytestmark = pytest.mark.django_db

PASSPORT_PROPERTIES = [
    "standardversion", "identifier", "title", "description", "creator", "created",
    "modified", "subject", "format", "provenance", "valid", "publishername",
    "publisherphone", "publishermbox", "periodicity", "license",
]


def body_of(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(body_of(response))))


def test_catalogue_lists_every_registered_set_platform_wide(client, test_set, settings):
    response = client.get(reverse("opendata:catalogue"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Детские площадки" in html
    assert f"{settings.ZEMSTVO_OPENDATA_INN}-playgrounds" in html
    # the real modules' sets too
    assert f"{settings.ZEMSTVO_OPENDATA_INN}-news" in html
    assert "CC BY 4.0" in html


def test_catalogue_of_a_municipality_uses_its_inn(client, test_set, publisher):
    response = client.get(reverse("opendata:catalogue"), {"m": publisher.slug})
    html = response.content.decode()
    assert "3525000001-playgrounds" in html
    assert "3525000001-news" in html
    assert response.context["current_municipality"] == publisher


def test_a_municipality_without_inn_is_named_by_its_oktmo(client, test_set, municipality):
    identifier = f"{municipality.oktmo}-playgrounds"
    assert identifier in client.get(reverse("opendata:catalogue"),
                                    {"m": municipality.slug}).content.decode()
    assert client.get(reverse("opendata:passport", args=[identifier])).status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_catalogue_costs_a_fixed_number_of_queries(
    client, test_set, municipality, size, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        assert client.get(reverse("opendata:catalogue"),
                          {"m": municipality.slug}).status_code == 200


def test_data_csv_holds_the_declared_fields_of_the_municipalitys_rows(
    client, test_set, publisher
):
    rows = csv_rows(client.get(reverse("opendata:data_csv", args=["3525000001-playgrounds"])))
    assert rows == [
        ["id", "name", "opened", "area"],
        ["1", "Площадка «Радуга», ул. Ленина", "2025-06-01", "320.5"],
        ["2", 'Сквер "Юность"', "", "150"],
    ]


def test_platform_data_csv_holds_every_municipalitys_rows(client, test_set, settings):
    rows = csv_rows(client.get(reverse(
        "opendata:data_csv", args=[f"{settings.ZEMSTVO_OPENDATA_INN}-playgrounds"])))
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]


def test_data_json_is_an_array_of_objects(client, test_set, publisher):
    response = client.get(reverse("opendata:data_json", args=["3525000001-playgrounds"]))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body_of(response)) == [
        {"id": 1, "name": "Площадка «Радуга», ул. Ленина", "opened": "2025-06-01",
         "area": 320.5},
        {"id": 2, "name": 'Сквер "Юность"', "opened": None, "area": 150},
    ]


def test_undeclared_row_keys_never_reach_an_export(client, test_set, publisher):
    for name in ("data_csv", "data_json"):
        text = body_of(client.get(reverse(f"opendata:{name}", args=["3525000001-playgrounds"])))
        assert "не для публикации" not in text and "secret" not in text


def test_structure_csv_describes_each_field(client, test_set, publisher):
    rows = csv_rows(client.get(reverse("opendata:structure_csv",
                                       args=["3525000001-playgrounds"])))
    assert rows[0] == ["field name", "english description", "russian description", "format"]
    assert rows[1:] == [
        ["id", "id", "Номер", "integer"],
        ["name", "name", "Название", "string"],
        ["opened", "opened", "Дата открытия", "date"],
        ["area", "area", "Площадь, кв. м", "number"],
    ]


def test_meta_csv_carries_every_passport_property(client, test_set, publisher, settings):
    settings.ZEMSTVO_OPENDATA_PHONE = "+78172000000"
    settings.ZEMSTVO_OPENDATA_MBOX = "opendata@example.org"
    rows = csv_rows(client.get(reverse("opendata:meta_csv", args=["3525000001-playgrounds"])))
    assert rows[0] == ["property", "value"]
    meta = dict(rows[1:])
    for name in PASSPORT_PROPERTIES:
        assert meta.get(name), name
    assert meta["standardversion"] == "http://opendata.gosmonitor.ru/standard/3.0"
    assert meta["identifier"] == "3525000001-playgrounds"
    assert meta["creator"] == publisher.name
    assert meta["created"] == "20260115"
    assert meta["format"] == "csv"
    assert meta["subject"] == "площадки, благоустройство"
    assert meta["publisherphone"] == "+78172000000"
    assert meta["publishermbox"] == "opendata@example.org"
    assert meta["license"] == "https://creativecommons.org/licenses/by/4.0/deed.ru"
    assert meta["provenance"] == "Первая публикация набора: записей — 2."
    data_keys = [k for k in meta if k.startswith("data-")]
    assert data_keys == [f"data-{meta['modified']}-structure-20260115"]
    assert meta[data_keys[0]].endswith("/opendata/3525000001-playgrounds/data.csv")
    assert meta["structure-20260115"].endswith("/opendata/3525000001-playgrounds/structure.csv")


def test_passport_page_shows_the_passport_table(client, test_set, publisher):
    response = client.get(reverse("opendata:passport", args=["3525000001-playgrounds"]))
    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "Идентификационный номер (код) набора данных", "Наименование набора данных",
        "Владелец набора данных", "Ответственное лицо", "Дата первой публикации набора данных",
        "Дата последнего внесения изменений", "Содержание последнего изменения",
        "Дата актуальности набора данных", "Ключевые слова", "Периодичность актуализации",
        "Условия использования", "Версия структуры",
    ):
        assert label in html, label
    assert "3525000001-playgrounds" in html
    assert "15.01.2026" in html
    assert "data.csv" in html and "structure.csv" in html and "meta.csv" in html


def test_a_change_in_the_rows_updates_modified_and_provenance(client, test_set, publisher,
                                                              settings):
    from tests.opendata.conftest import ROWS

    settings.ZEMSTVO_OPENDATA_CHECK_SECONDS = 0
    url = reverse("opendata:meta_csv", args=["3525000001-playgrounds"])
    first = dict(csv_rows(client.get(url))[1:])
    revision = DataSetRevision.objects.get(code="playgrounds", municipality=publisher)
    assert revision.row_count == 2
    unchanged = dict(csv_rows(client.get(url))[1:])
    assert unchanged["provenance"] == first["provenance"]
    ROWS.append({"id": 4, "name": "Новая площадка", "opened": None, "area": 10,
                 "municipality_id": publisher.pk})
    changed = dict(csv_rows(client.get(url))[1:])
    assert changed["provenance"] == "Изменён состав набора: записей было 2, стало 3."
    ROWS[0]["name"] = "Площадка «Радуга» (после ремонта)"
    edited = dict(csv_rows(client.get(url))[1:])
    assert edited["provenance"] == "Обновлены сведения в записях набора (записей — 3)."
    assert DataSetRevision.objects.filter(code="playgrounds").count() == 1


def test_list_csv_is_the_register_of_sets(client, test_set, publisher):
    rows = csv_rows(client.get(reverse("opendata:list_csv"), {"m": publisher.slug}))
    assert rows[0] == ["property", "title", "value", "format"]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["3525000001-playgrounds"][1] == "Детские площадки"
    assert by_id["3525000001-playgrounds"][2].endswith(
        "/opendata/3525000001-playgrounds/meta.csv")
    assert by_id["3525000001-playgrounds"][3] == "csv"
    assert "3525000001-news" in by_id


@pytest.mark.parametrize(
    "identifier",
    ["3525000001-unknown", "9999999999-playgrounds", "playgrounds", "abc-playgrounds",
     "3525000001-"],
)
def test_unknown_sets_are_404(client, test_set, publisher, identifier):
    for name in ("passport", "data_csv", "data_json", "structure_csv", "meta_csv"):
        assert client.get(reverse(f"opendata:{name}", args=[identifier])).status_code == 404


def test_unknown_municipality_in_catalogue_is_404(client):
    assert client.get(reverse("opendata:catalogue"), {"m": "nowhere"}).status_code == 404


def test_no_registered_set_declares_personal_data():
    """152-ФЗ: personal data never appears in open data — across every real module."""
    sets = [s for m in registry.modules() for s in m.opendata_sets]
    assert sets, "the news module declares at least one set"
    for dataset in sets:
        for f in dataset.fields:
            assert not PERSONAL_DATA_RE.search(f.name), (dataset.identifier, f.name)
            assert not any(word in f.name.lower() for word in ("email", "phone", "birth",
                                                                "author", "passport"))


def test_system_check_refuses_a_set_with_personal_fields(monkeypatch):
    bad = OpenDataSet(
        identifier="people", title="Люди", description="",
        fields=(DataField("full_name", "ФИО"), DataField("birth_date", "Дата рождения", "date")),
        rows=lambda m: iter(()),
    )
    manifest = ModuleManifest(label="people", title="Люди", opendata_sets=(bad,))
    monkeypatch.setattr(registry, "_modules", [*registry.modules(), manifest])
    errors = no_personal_data_in_open_data(None)
    assert [e.id for e in errors] == ["opendata.E001", "opendata.E001"]
    assert "full_name" in errors[0].msg and "birth_date" in errors[1].msg


def test_system_check_is_clean_for_the_real_modules():
    assert no_personal_data_in_open_data(None) == []
    call_command("check")
