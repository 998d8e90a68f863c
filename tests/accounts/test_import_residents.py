"""``zemstvo import-residents``: a roll of verified residents, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.accounts.factories import ResidentFactory
from tests.factories import SettlementFactory, VerifiedResidentFactory
from zemstvo.core.accounts.models import User, VerificationDocument
from zemstvo.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = "last_name;first_name;patronymic;birth_date;settlement;email;phone"


def _write(tmp_path, lines, *, encoding="utf-8-sig", name="roll.csv"):
    path = tmp_path / name
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def _run(path, municipality, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_residents", str(path), municipality=municipality.slug, stdout=out,
                 stderr=err, **options)
    return out.getvalue(), err.getvalue()


def _fail(path, municipality):
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_residents", str(path), municipality=municipality.slug,
                     stdout=io.StringIO(), stderr=err)
    return err.getvalue(), str(error.value)


@pytest.fixture
def good_roll(tmp_path, settlement, village):
    return _write(tmp_path, [
        HEADER,
        "Кузнецова;Мария;Ивановна;01.02.1970;Тестоград;Maria@Example.org;",
        f"Орлов;Олег;;1990-12-31;{village.oktmo};;8 (912) 000-11-22",
        "Белов;Илья;Петрович;15.06.1955;берёзовка;belov@example.org;+7 912 000-33-44",
    ])


def test_good_roll_creates_verified_residents_without_passwords(
    good_roll, municipality, settlement, village, operator
):
    out, _err = _run(good_roll, municipality, actor="operator")
    assert "новых жителей — 3, обновлено — 0" in out
    maria = User.objects.get(email="maria@example.org")
    assert (maria.last_name, maria.first_name, maria.patronymic) == ("Кузнецова", "Мария",
                                                                     "Ивановна")
    assert maria.birth_date.isoformat() == "1970-02-01"
    assert (maria.residence_municipality, maria.residence_settlement) == (municipality, settlement)
    assert maria.is_verified and maria.verified_at is not None and maria.verified_by is None
    assert maria.verification_document == VerificationDocument.ROLL_IMPORT
    assert maria.is_active and not maria.has_usable_password()
    oleg = User.objects.get(phone="+79120001122")
    assert oleg.email == "" and oleg.residence_settlement == village
    assert User.objects.get(email="belov@example.org").residence_settlement == village
    events = AuditEvent.objects.filter(action="accounts.import_residents")
    assert events.count() == 3
    assert {e.actor for e in events} == {operator}
    assert {e.after["line"] for e in events} == {2, 3, 4}


def test_loading_the_same_roll_twice_duplicates_nobody(good_roll, municipality):
    _run(good_roll, municipality)
    first = User.objects.get(email="maria@example.org")
    out, _err = _run(good_roll, municipality)
    assert "новых жителей — 0, обновлено — 3" in out
    assert User.objects.count() == 3
    again = User.objects.get(email="maria@example.org")
    assert (again.pk, again.verified_at) == (first.pk, first.verified_at)


def test_a_registered_person_on_the_roll_is_verified_not_duplicated(
    tmp_path, municipality, settlement
):
    registered = ResidentFactory(email="maria@example.org", last_name="Кузнецова")
    path = _write(tmp_path, [HEADER, "Кузнецова;Мария;;01.02.1970;Тестоград;MARIA@example.org;"])
    _run(path, municipality)
    registered.refresh_from_db()
    assert registered.is_verified and registered.residence_municipality == municipality
    assert registered.has_usable_password()  # their own password is kept
    assert User.objects.count() == 1


def test_comma_separated_file_without_bom_loads(tmp_path, municipality, settlement):
    path = _write(tmp_path, [HEADER.replace(";", ","),
                             'Кузнецова,Мария,,01.02.1970,"Тестоград",m@example.org,'],
                  encoding="utf-8")
    out, _err = _run(path, municipality)
    assert "новых жителей — 1" in out


def test_bad_roll_reports_each_line_and_loads_nothing(tmp_path, municipality, settlement):
    path = _write(tmp_path, [
        HEADER,
        "Кузнецова;Мария;;01.02.1970;Тестоград;maria@example.org;",
        ";Олег;;31.02.1990;Тестоград;oleg@example.org;",
        "Белов;Илья;;15.06.1955;Нигдеевка;belov@example.org;",
        "",
        "Серов;Иван;;15.06.1955;Тестоград;;",
        "Жуков;Пётр;;15.06.1955;Тестоград;maria@example.org;",
        "Лисин;Ян;;15.06.1955;Тестоград;not-an-email;звоните",
    ])
    err, message = _fail(path, municipality)
    lines = err.strip().splitlines()
    assert lines == [
        "строка 3: не указано поле «фамилия» (last_name); дата рождения «31.02.1990» не в "
        "формате ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
        "строка 4: населённый пункт «Нигдеевка» не найден в «Городской округ Тестоград»",
        "строка 6: нужен адрес электронной почты или телефон",
        "строка 7: maria@example.org уже встречался в строке 2",
        "строка 8: адрес электронной почты «not-an-email» написан с ошибкой; телефон «звоните» "
        "не похож на номер телефона",
    ]
    assert "ошибок — 5" in message
    assert not User.objects.exists()
    assert not AuditEvent.objects.exists()


def test_missing_column_is_reported_on_line_one(tmp_path, municipality):
    path = _write(tmp_path, ["last_name;first_name;birth_date;settlement;emial;phone",
                             "Кузнецова;Мария;01.02.1970;Тестоград;m@example.org;"])
    err, _message = _fail(path, municipality)
    assert err.startswith("строка 1: нет столбцов: patronymic, email; неизвестные столбцы: emial")


def test_file_not_in_utf8_is_refused(tmp_path, municipality, settlement):
    path = _write(tmp_path, [HEADER, "Кузнецова;Мария;;01.02.1970;Тестоград;m@example.org;"],
                  encoding="cp1251")
    err, _message = _fail(path, municipality)
    assert "не в кодировке UTF-8" in err
    assert not User.objects.exists()


def test_ambiguous_settlement_name_asks_for_the_oktmo_code(tmp_path, municipality, settlement):
    SettlementFactory(municipality=municipality, name="Тестоград", kind="п")
    path = _write(tmp_path, [HEADER, "Кузнецова;Мария;;01.02.1970;Тестоград;m@example.org;"])
    err, _message = _fail(path, municipality)
    assert "строка 2: несколько населённых пунктов «Тестоград»: укажите код ОКТМО" in err


def test_resident_verified_elsewhere_is_not_moved_by_a_roll(
    tmp_path, municipality, other_municipality, settlement
):
    VerifiedResidentFactory(email="m@example.org", residence_municipality=other_municipality)
    path = _write(tmp_path, [HEADER, "Кузнецова;Мария;;01.02.1970;Тестоград;m@example.org;"])
    err, _message = _fail(path, municipality)
    assert "строка 2: житель уже подтверждён в другом муниципальном образовании" in err


def test_unknown_municipality_and_actor_without_the_right_are_refused(
    good_roll, municipality, editor
):
    with pytest.raises(CommandError, match="не найдено"):
        call_command("import_residents", str(good_roll), municipality="nowhere")
    with pytest.raises(CommandError, match="Недостаточно прав"):
        call_command("import_residents", str(good_roll), municipality=municipality.slug,
                     actor="editor", stdout=io.StringIO(), stderr=io.StringIO())
    assert User.objects.filter(verification_level="verified").count() == 0


def test_cli_command_name_uses_dashes():
    from zemstvo.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["zemstvo", "import-residents", "--help"])
    assert exit_.value.code == 0
