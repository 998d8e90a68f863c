"""Transliteration, slugs, time zones, ОКТМО codes and the open-data rows."""

from __future__ import annotations

import pytest

from zemstvo.core import registry
from zemstvo.core.territory import oktmo
from zemstvo.core.territory.models import MunicipalityType, Region
from zemstvo.core.territory.translit import SlugAllocator, slugify_ru, transliterate

T = MunicipalityType


@pytest.mark.parametrize(("text", "slug"), [
    ("Вологда", "vologda"),
    ("Кирилловский", "kirillovskiy"),
    ("Великий Устюг", "velikiy-ustyug"),
    ("Щёлково", "shchyolkovo"),
    ("Ханты-Мансийск", "khanty-mansiysk"),
    ("Саха (Якутия)", "sakha-yakutiya"),
    ("Подъячево", "podyachevo"),
    ("Цивильск", "tsivilsk"),
    ("", "mo"),
])
def test_slugify_transliterates_russian(text, slug):
    assert slugify_ru(text) == slug


def test_transliterate_keeps_other_characters():
    assert transliterate("Юг-2 Э") == "yug-2 e"


def test_slug_allocator_qualifies_then_numbers():
    slugs = SlugAllocator({"kirov"})

    assert slugs.allocate("kirov", "kaluzhskaya") == "kirov-kaluzhskaya"
    assert slugs.allocate("kirov", "kaluzhskaya") == "kirov-2"
    assert slugs.allocate("vologda") == "vologda"


@pytest.mark.parametrize(("offset", "zone"), [
    ("UTC+2", "Europe/Kaliningrad"), ("UTC+3", "Europe/Moscow"), ("UTC+4", "Europe/Samara"),
    ("UTC+5", "Asia/Yekaterinburg"), ("UTC+6", "Asia/Omsk"), ("UTC+7", "Asia/Krasnoyarsk"),
    ("UTC+8", "Asia/Irkutsk"), ("UTC+9", "Asia/Yakutsk"), ("UTC+10", "Asia/Vladivostok"),
    ("UTC+11", "Asia/Magadan"), ("UTC+12", "Asia/Kamchatka"),
])
def test_utc_offsets_map_to_russian_zones(offset, zone):
    assert oktmo.iana_zone(offset) == zone


@pytest.mark.parametrize("offset", ["UTC+1", "UTC-3", "", "МСК"])
def test_unknown_offsets_are_refused(offset):
    with pytest.raises(ValueError, match="Неизвестный часовой пояс"):
        oktmo.iana_zone(offset)


@pytest.mark.parametrize(("ter", "kod1", "kind"), [
    ("19", "701", T.URBAN_OKRUG), ("19", "628", T.MUNICIPAL_DISTRICT),
    ("11", "518", T.MUNICIPAL_OKRUG), ("45", "374", T.INTRA_CITY),
    ("71", "883", T.URBAN_OKRUG), ("71", "826", T.MUNICIPAL_DISTRICT),
    ("71", "952", T.URBAN_OKRUG), ("19", "812", None),
])
def test_second_level_kind_from_the_code(ter, kod1, kind):
    assert oktmo.okrug_level_type(ter, kod1) == kind


def test_code_blocks():
    code = oktmo.Code.parse("19628448106")
    assert (code.municipal, code.okrug, code.full) == ("19628448", "19628000", "19628448106")
    with pytest.raises(ValueError):
        oktmo.Code.parse("1962844")


@pytest.mark.parametrize(("name", "kind"), [
    ("Вологодский муниципальный район", T.MUNICIPAL_DISTRICT),
    ("Городское поселение город Кириллов", T.URBAN_SETTLEMENT),
    ("Устьянский сельсовет", T.RURAL_SETTLEMENT),
    ("городской округ Самара с внутригородским делением", T.URBAN_OKRUG_WITH_DIVISION),
    ("- Кагальницкое", None),
])
def test_kind_from_the_name(name, kind):
    assert oktmo.type_from_name(name) == kind


def test_settlement_names_split_into_kind_and_name():
    assert oktmo.split_settlement_name("ж/д ст Шексна") == ("ж/д ст", "Шексна")
    assert oktmo.split_settlement_name("д  Ивановка") == ("д", "Ивановка")
    assert oktmo.split_settlement_name("Вологда") == ("", "Вологда")


@pytest.mark.parametrize(("name", "kind", "full"), [
    ("Вологодская", "обл", "Вологодская область"),
    ("Адыгея", "Респ", "Республика Адыгея"),
    ("Удмуртская", "Респ", "Удмуртская Республика"),
    ("Алтайский", "край", "Алтайский край"),
    ("Чукотский", "АО", "Чукотский автономный округ"),
    ("Ханты-Мансийский Автономный округ - Югра", "АО", "Ханты-Мансийский Автономный округ - Югра"),
    ("Еврейская", "Аобл", "Еврейская автономная область"),
    ("Кемеровская область - Кузбасс", "обл", "Кемеровская область - Кузбасс"),
    ("Москва", "г", "Москва"),
])
def test_region_full_name(name, kind, full):
    assert Region(name=name, kind=kind).full_name == full


def test_open_data_sets_list_municipalities_and_settlements(territory):
    sets = {s.identifier: s for s in registry.get("territory").opendata_sets}

    rows = list(sets["municipalities"].rows(territory.district))
    assert {r["oktmo"] for r in rows} == {"19628000", "19628101", "19628448"}
    town = next(r for r in rows if r["oktmo"] == "19628101")
    assert town == {
        "oktmo": "19628101", "name": "городское поселение город Кириллов",
        "type": "городское поселение", "region": "Вологодская область",
        "parent_oktmo": "19628000", "population": 7735, "time_zone": "Europe/Moscow",
    }
    assert len(list(sets["municipalities"].rows(None))) == 4
    settlements = list(sets["settlements"].rows(territory.district))
    assert {r["oktmo"] for r in settlements} == {"19628101001", "19628448101", "19628448106"}
    for data_set in sets.values():
        names = {f.name for f in data_set.fields}
        for row in data_set.rows(None):
            assert set(row) == names
