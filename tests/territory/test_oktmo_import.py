"""`zemstvo import-oktmo`: Rosstat's ОКТМО file into municipalities and settlements.

tests/territory/data/oktmo_good.csv is written in the file's layout (windows-1251,
«;», quoted fields, the 13-field header): Вологодская область (19) with its heading
rows, Кирилловский муниципальный район (19628000) with the городское поселение город
Кириллов (19628101) and two сельских поселения (Ферапонтовское, and «- Талицкое»
whose name does not say its kind), the городской округ город Вологда (19701000), and
section 2 with seven населённые пункты. Village codes are illustrative.
oktmo_bad.csv is the same file with wrong lines 5 and 23–28.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import MunicipalityFactory, RegionFactory
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import NotAllowed
from zemstvo.core.territory.models import Municipality, MunicipalityType, Settlement
from zemstvo.core.territory.services import OktmoImportError, load_city_dataset, oktmo_import

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
GOOD = DATA / "oktmo_good.csv"
BAD = DATA / "oktmo_bad.csv"
HEADER = "TER;KOD1;KOD2;KOD3;KC;RAZDEL;NAME1;Centrum;NomDescr;NomAkt;Status;DateUtv;DateVved"
T = MunicipalityType


@pytest.fixture
def vologda_region(db):
    return RegionFactory(name="Вологодская", kind="обл", code="19", slug="vologodskaya-oblast",
                         time_zone="Europe/Moscow")


def _line(*values: str) -> str:
    return ";".join(f'"{v}"' for v in values)


def _file(*lines: str) -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode("cp1251")


def test_the_test_file_is_in_windows_1251_with_the_rosstat_header():
    raw = GOOD.read_bytes()
    assert raw.decode("cp1251").startswith(HEADER)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_good_file_loads_municipalities_with_kinds_parents_and_centres(vologda_region):
    report = oktmo_import(GOOD)

    assert report.municipalities.created == 5
    assert report.settlements.created == 7
    kinds = dict(Municipality.objects.values_list("oktmo", "type"))
    assert kinds == {
        "19628000": T.MUNICIPAL_DISTRICT,
        "19628101": T.URBAN_SETTLEMENT,
        "19628448": T.RURAL_SETTLEMENT,
        "19628420": T.RURAL_SETTLEMENT,
        "19701000": T.URBAN_OKRUG,
    }
    district = Municipality.objects.get(oktmo="19628000")
    assert district.name == "Кирилловский муниципальный район"
    assert district.slug == "kirillovskiy-rn"
    assert district.region == vologda_region
    assert district.centre.oktmo == "19628101001"
    talitskoe = Municipality.objects.get(oktmo="19628420")
    assert talitskoe.name == "сельское поселение Талицкое"
    assert talitskoe.parent == district
    assert talitskoe.centre.name == "Талицы"
    vologda = Municipality.objects.get(oktmo="19701000")
    assert vologda.name == "городской округ город Вологда"
    assert vologda.parent is None
    assert vologda.centre.oktmo == "19701000001"
    village = Settlement.objects.get(oktmo="19628448106")
    assert (village.kind, village.name, village.municipality.oktmo) == (
        "д", "Ивановка", "19628448",
    )
    assert AuditEvent.objects.filter(action="territory.import_oktmo").count() == 1


def test_second_import_of_the_same_file_changes_nothing(vologda_region):
    oktmo_import(GOOD)

    report = oktmo_import(GOOD)

    assert report.changed == 0
    assert report.municipalities.unchanged == 5
    assert report.settlements.unchanged == 7
    assert AuditEvent.objects.filter(action="territory.import_oktmo").count() == 1


def test_bad_file_is_rejected_whole_with_each_wrong_line_numbered(vologda_region):
    with pytest.raises(OktmoImportError) as caught:
        oktmo_import(BAD)

    errors = caught.value.errors
    by_line = {int(e.split(":")[0].removeprefix("Строка ")): e for e in errors}
    assert list(by_line) == [5, 23, 24, 25, 26, 27, 28]  # in the order of the file
    assert "ожидается 13 полей" in by_line[5]
    assert "KOD1 должно состоять из 3 цифр" in by_line[23]
    assert "субъект РФ с кодом 98 не загружен" in by_line[24]
    assert "19634000" in by_line[25] and "ни в файле, ни в базе" in by_line[25]
    assert "не удалось определить вид" in by_line[26]
    assert "RAZDEL должен быть 1 или 2" in by_line[27]
    assert "UTF-8" in by_line[28]
    assert "Ничего не записано" in caught.value.message
    assert not Municipality.objects.exists()
    assert not Settlement.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_parent_may_come_from_the_database(vologda_region):
    MunicipalityFactory(region=vologda_region, oktmo="19634000", slug="nikolskiy-rn",
                        type=T.MUNICIPAL_DISTRICT, name="Никольский муниципальный район")
    data = _file(
        _line("19", "634", "101", "000", "4", "1", "Городское поселение город Никольск",
              "г Никольск", "", "", "0", "30.10.2013", "01.01.2014"),
        _line("19", "634", "101", "001", "2", "2", "г Никольск", "", "", "", "0", "", ""),
    )

    report = oktmo_import(data)

    nikolsk = Municipality.objects.get(oktmo="19634101")
    assert nikolsk.parent.slug == "nikolskiy-rn"
    assert nikolsk.type == T.URBAN_SETTLEMENT
    assert nikolsk.centre.name == "Никольск"
    assert report.municipalities.created == 1


def test_a_settlement_cannot_sit_in_a_gorodskoy_okrug_level_parent(vologda_region):
    MunicipalityFactory(region=vologda_region, oktmo="19701000", type=T.URBAN_OKRUG)
    data = _file(
        _line("19", "701", "101", "000", "4", "1", "Городское поселение Заречье", "",
              "", "", "0", "", ""),
    )

    with pytest.raises(OktmoImportError) as caught:
        oktmo_import(data)

    assert caught.value.errors == [
        "Строка 2: городское поселение «Городское поселение Заречье» не может входить"
        " в городской округ с кодом 19701000."
    ]


def test_a_wrong_header_and_a_duplicate_code_are_reported(vologda_region):
    data = (
        "TER;KOD1;NAME\r\n"
        + _line("19", "701", "000", "000", "6", "1", "город Вологда", "г Вологда", "", "", "0",
                "", "") + "\r\n"
        + _line("19", "701", "000", "000", "6", "1", "город Вологда", "г Вологда", "", "", "0",
                "", "") + "\r\n"
    ).encode("cp1251")

    with pytest.raises(OktmoImportError) as caught:
        oktmo_import(data)

    assert caught.value.errors[0].startswith("Строка 1: ожидается заголовок")
    assert "Строка 3: код 19701000 уже был в строке 2." in caught.value.errors


def test_federal_city_territories_are_intra_city_municipalities(db):
    moscow = RegionFactory(name="Москва", kind="г", code="45", slug="moskva")
    data = _file(
        _line("45", "000", "000", "000", "0", "1",
              "Муниципальные образования города Москвы", "", "", "", "0", "", ""),
        _line("45", "300", "000", "000", "0", "1", "Внутригородские территории"
              " (внутригородские муниципальные образования) города федерального значения"
              " Москвы/", "", "", "", "0", "", ""),
        _line("45", "374", "000", "000", "1", "1", "муниципальный округ Арбат", "", "", "",
              "0", "", ""),
    )

    oktmo_import(data)

    arbat = Municipality.objects.get(oktmo="45374000")
    assert arbat.type == T.INTRA_CITY
    assert arbat.region == moscow
    assert arbat.slug == "arbat-vmo"


def test_import_over_the_city_data_updates_names_without_duplicates():
    load_city_dataset()
    municipalities = Municipality.objects.count()
    settlements = Settlement.objects.count()

    report = oktmo_import(GOOD)

    kirillov = Municipality.objects.get(oktmo="19628101")
    assert kirillov.name == "Городское поселение город Кириллов"
    assert kirillov.slug == "kirillov"
    # the district, the urban settlement and Вологда existed; two сельских поселения are new
    assert report.municipalities.created == 2
    assert Municipality.objects.count() == municipalities + 2
    assert Settlement.objects.count() == settlements + 5
    assert Settlement.objects.get(oktmo="19701000001").population == 301642


def test_only_the_operator_may_import_through_the_service(vologda_region, regional_curator):
    with pytest.raises(NotAllowed):
        oktmo_import(GOOD, actor=regional_curator)
    assert not Municipality.objects.filter(oktmo__startswith="19").exists()


def test_command_prints_created_and_updated_per_kind(vologda_region, capsys):
    call_command("import_oktmo", str(GOOD))

    out = capsys.readouterr().out
    assert "Муниципальные образования: создано 5, обновлено 0" in out
    assert "Населённые пункты: создано 7, обновлено 0" in out


def test_command_on_a_bad_file_fails_and_lists_the_lines(vologda_region, capsys):
    with pytest.raises(CommandError, match="ошибок — 7"):
        call_command("import_oktmo", str(BAD))

    err = capsys.readouterr().err
    assert "Строка 24: субъект РФ с кодом 98 не загружен" in err
    assert not Municipality.objects.exists()
