"""Loading the shipped city data: regions, municipalities and their centres."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.territory.citydata import CITY_DATA
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region, Settlement
from zemstvo.core.territory.services import load_city_dataset

pytestmark = pytest.mark.django_db

T = MunicipalityType


def _rows() -> list[dict[str, str]]:
    with CITY_DATA.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _independent_counts() -> dict[str, int]:
    """What the file should produce, counted straight from the CSV: one region per
    region name; for every city outside the federal cities, one settlement per code,
    the municipality of its first 8 digits and, when the 6th–8th digits are not 000,
    the район of its first 5 digits."""
    rows = _rows()
    cities = [r for r in rows if r["region_type"] != "г"]
    municipalities = {r["oktmo"][:8] for r in cities} | {
        r["oktmo"][:5] + "000" for r in cities if r["oktmo"][5:8] != "000"
    }
    return {
        "regions": len({r["region"] for r in rows}),
        "municipalities": len(municipalities),
        "settlements": len({r["oktmo"] for r in cities}),
    }


def test_the_data_ships_with_its_source_and_licence():
    folder = Path(settings.ZEMSTVO_DATA_DIR) / "cities"
    assert len(_rows()) == 1117
    assert "CC BY-SA 4.0" in (folder / "SOURCE.md").read_text(encoding="utf-8")
    assert "HFLabs" in (folder / "LICENSE.md").read_text(encoding="utf-8")
    assert (folder / "city.csv-metadata.json").exists()


def test_load_builds_as_many_records_as_the_csv_counts_independently():
    expected = _independent_counts()

    report = load_city_dataset()

    assert Region.objects.count() == expected["regions"] == report.regions.created
    assert Municipality.objects.count() == expected["municipalities"]
    assert report.municipalities.created == expected["municipalities"]
    assert Settlement.objects.count() == expected["settlements"] == report.settlements.created
    # Гаджиево and Полярный share one code in the source: the second is reported.
    assert any("47737000005" in w for w in report.warnings)


def test_a_city_without_district_is_a_gorodskoy_okrug_centred_on_itself():
    load_city_dataset()

    vologda = Municipality.objects.select_related("centre", "region").get(oktmo="19701000")
    assert vologda.type == T.URBAN_OKRUG
    assert vologda.name == "городской округ город Вологда"
    assert vologda.slug == "vologda"
    assert vologda.parent is None
    assert vologda.centre.oktmo == "19701000001"
    assert vologda.centre.name == "Вологда" and vologda.centre.kind == "г"
    assert vologda.population == 301642
    assert vologda.region.full_name == "Вологодская область"
    assert vologda.region.code == "19"
    assert vologda.region.federal_district == "Северо-Западный"


def test_a_city_in_a_district_is_an_urban_settlement_of_a_municipal_district():
    load_city_dataset()

    kirillov = Municipality.objects.select_related("parent", "centre").get(oktmo="19628101")
    assert kirillov.type == T.URBAN_SETTLEMENT
    assert kirillov.name == "городское поселение город Кириллов"
    assert kirillov.centre.name == "Кириллов"
    district = kirillov.parent
    assert district.oktmo == "19628000"
    assert district.type == T.MUNICIPAL_DISTRICT
    assert district.name == "Кирилловский муниципальный район"
    assert district.slug == "kirillovskiy-rn"
    assert district.centre_id == kirillov.centre_id
    assert district.population is None


def test_time_zones_follow_each_city_and_regions_their_capital():
    load_city_dataset()

    assert Region.objects.get(name="Приморский").time_zone == "Asia/Vladivostok"
    assert Region.objects.get(name="Калининградская").time_zone == "Europe/Kaliningrad"
    yakutia = Region.objects.get(name="Саха (Якутия)")
    assert yakutia.time_zone == "Asia/Yakutsk"
    zones = set(
        Municipality.objects.filter(region=yakutia).values_list("time_zone", flat=True)
    )
    assert {"Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan"} <= zones


def test_federal_cities_are_regions_without_municipalities():
    load_city_dataset()

    for name, code in (("Москва", "45"), ("Санкт-Петербург", "40"), ("Севастополь", "67")):
        region = Region.objects.get(name=name)
        assert region.code == code
        assert region.full_name == name
        assert not region.municipalities.exists()


def test_tatarstan_counts_deadlines_by_the_federal_and_its_own_calendar():
    load_city_dataset()

    assert Region.objects.get(name="Татарстан").work_calendar == "ru-tatar"
    assert Region.objects.get(name="Вологодская").work_calendar == "ru"


def test_slugs_are_unique_and_made_unique_with_the_region():
    load_city_dataset()

    slugs = list(Municipality.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    # Two cities called Киров (Кировская и Калужская области).
    kirovs = Municipality.objects.filter(centre__name="Киров").values_list("slug", flat=True)
    assert len(set(kirovs)) == len(kirovs) >= 2


def test_second_load_creates_and_changes_nothing(django_assert_max_num_queries):
    load_city_dataset()
    events = AuditEvent.objects.count()

    with django_assert_max_num_queries(20):
        report = load_city_dataset()

    assert report.created == 0
    assert report.changed == 0
    assert report.municipalities.unchanged == Municipality.objects.count()
    assert AuditEvent.objects.count() == events


def test_reload_keeps_official_names_and_restores_figures_from_the_file():
    load_city_dataset()
    vologda = Municipality.objects.get(oktmo="19701000")
    vologda.name = "Городской округ город Вологда (официальное название)"
    vologda.population = 1
    vologda.save()

    report = load_city_dataset()

    vologda.refresh_from_db()
    assert vologda.name == "Городской округ город Вологда (официальное название)"
    assert vologda.population == 301642
    assert report.municipalities.updated == 1
    assert report.created == 0


def test_load_writes_one_audit_event():
    load_city_dataset()

    event = AuditEvent.objects.get(action="territory.load_city_dataset")
    assert event.after["regions"]["created"] == Region.objects.count()


def test_a_file_without_the_needed_columns_is_refused_in_russian(tmp_path):
    broken = tmp_path / "city.csv"
    broken.write_text("address,city\nг Вологда,Вологда\n", encoding="utf-8")

    with pytest.raises(DomainError, match="нет столбцов: .*oktmo"):
        load_city_dataset(broken)

    assert not Region.objects.exists()


def test_only_the_operator_may_load_through_the_service(clerk, operator):
    before = Region.objects.count()
    with pytest.raises(NotAllowed):
        load_city_dataset(actor=clerk)
    assert Region.objects.count() == before

    load_city_dataset(actor=operator)
    assert AuditEvent.objects.get(action="territory.load_city_dataset").actor_id == operator.pk


def test_command_prints_the_summary(capsys):
    call_command("load_territory")

    out = capsys.readouterr().out
    assert "Субъекты РФ: создано 85" in out
    assert "Населённые пункты: создано" in out
