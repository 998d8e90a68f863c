"""Сход граждан (131-ФЗ ст. 25.1): the roll, stages within the period, attendance once
across stages, the quorum of more than half, votes checked against attendance, the
decision of more than half of participants, nomination of a starosta."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from tests.community.conftest import DAY, make_roll, register, roll_csv
from tests.factories import VerifiedResidentFactory
from zemstvo.community import services
from zemstvo.community.models import (
    Attendance,
    Decision,
    QuestionKind,
    Roll,
    RollEntry,
    StarostaNomination,
)
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db


def test_a_csv_roll_is_loaded_with_numbers(roll):
    assert roll.entries.count() == 10
    assert list(roll.entries.values_list("number", flat=True)) == list(range(1, 11))


def test_a_csv_with_bad_lines_reports_each_line_in_russian_and_writes_nothing(
        clerk, municipality, settlement):
    content = ("ФИО;Дата рождения;Адрес\nИванов Иван;01.01.1980;ул. А\n;01.01.1980;\n"
               "Петров Пётр;31.02.1980;\nМалолеткин Вася;01.01.2015;\nИванов Иван;01.01.1980;")
    with pytest.raises(DomainError) as caught:
        services.roll_import_csv(actor=clerk, municipality=municipality, settlement=settlement,
                                 title="Список", compiled_on=DAY, content=content)
    errors = caught.value.field_errors["file"]
    assert errors[0] == "Строка 3: не указаны фамилия, имя, отчество."
    assert any(e.startswith("Строка 4: дата рождения") for e in errors)
    assert any(e.startswith("Строка 5: жителю нет 18 лет") for e in errors)
    assert "Строка 6: житель уже есть в строке 2." in errors
    assert not Roll.objects.exists() and not RollEntry.objects.exists()


@pytest.mark.parametrize("content, message", [
    ("", "Файл пуст."),
    ("Фамилия,Имя\nИванов,Иван", "Строка 1: ожидается заголовок"),
    ("ФИО;Дата рождения;Адрес\n", "В файле нет ни одного жителя."),
    (b"\xff\xfe\x00", "кодировке UTF-8"),
])
def test_an_unusable_file_is_refused(clerk, municipality, settlement, content, message):
    with pytest.raises(DomainError) as caught:
        services.roll_import_csv(actor=clerk, municipality=municipality, settlement=settlement,
                                 title="Список", compiled_on=DAY, content=content)
    assert message in " ".join(caught.value.field_errors["file"])
    assert not Roll.objects.exists()


def test_a_roll_is_built_from_verified_adult_residents_of_the_settlement(
        clerk, municipality, settlement, verified_resident, resident):
    VerifiedResidentFactory(residence_municipality=municipality, residence_settlement=settlement,
                            birth_date=date(2012, 1, 1))  # a child: no voting rights
    roll = services.roll_build_from_residents(actor=clerk, municipality=municipality,
                                              settlement=settlement, title="По жителям",
                                              compiled_on=DAY)
    assert [e.user for e in roll.entries.all()] == [verified_resident]


def test_a_roll_of_nobody_is_refused(clerk, municipality, settlement):
    with pytest.raises(DomainError, match="нет подтверждённых жителей"):
        services.roll_build_from_residents(actor=clerk, municipality=municipality,
                                           settlement=settlement, title="Пусто",
                                           compiled_on=DAY)


def test_the_rules_in_force_are_frozen_on_the_gathering(gathering):
    assert gathering.rules["community.gathering_quorum"]["value"] == "1/2"
    assert gathering.rules["community.gathering_quorum"]["source"] == "131-ФЗ ст. 25.1 ч. 2"


def test_stages_beyond_a_month_are_refused(clerk, roll):
    with pytest.raises(DomainError, match="в пределах 30 дней"):
        services.gathering_create(actor=clerk, roll=roll, title="Сход", called_by="Глава",
                                  stages=[(DAY, "Клуб"), (date(2026, 4, 1), "Школа")])


def test_a_stage_added_later_must_stay_within_the_period(clerk, gathering):
    with pytest.raises(DomainError, match="в пределах 30 дней"):
        services.gathering_stage_add(actor=clerk, gathering=gathering,
                                     held_on=date(2026, 4, 2), place="Клуб")
    stage = services.gathering_stage_add(actor=clerk, gathering=gathering,
                                         held_on=date(2026, 3, 20), place="Клуб")
    assert stage.number == 3


def test_quorum_at_a_two_stage_gathering_with_a_person_registering_twice(clerk, gathering):
    """Roll of 10: five people at stage 1 is not more than half; one of them comes again
    to stage 2 and is refused; a sixth person at stage 2 brings the quorum."""
    first = register(clerk, gathering, 5, stage_number=1)
    assert services.gathering_quorum(gathering).reached is False
    assert services.gathering_quorum(gathering).needed == 6
    stage2 = gathering.stages.get(number=2)
    with pytest.raises(DomainError, match="уже зарегистрирован\\(а\\) на этапе 1"):
        services.attendance_register(actor=clerk, stage=stage2, entry=first[0])
    assert services.gathering_quorum(gathering).present == 5
    register(clerk, gathering, 1, stage_number=2)
    quorum = services.gathering_quorum(gathering)
    assert (quorum.present, quorum.reached) == (6, True)
    assert Attendance.objects.filter(gathering=gathering).count() == 6


def test_the_database_itself_refuses_a_second_attendance(clerk, gathering):
    entry = register(clerk, gathering, 1)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(gathering=gathering, stage=gathering.stages.get(number=2),
                                  entry=entry, registered_by=clerk)


def test_a_person_from_another_roll_cannot_register(clerk, gathering, municipality, settlement):
    stranger = make_roll(clerk, municipality, settlement, size=2).entries.first()
    with pytest.raises(DomainError, match="не включён в список"):
        services.attendance_register(actor=clerk, stage=gathering.stages.first(),
                                     entry=stranger)


def test_a_municipal_quorum_override_changes_the_threshold(clerk, municipal_admin, roll,
                                                           municipality):
    from zemstvo.core.rules.services import rule_override_set

    rule_override_set(actor=municipal_admin, key="community.gathering_quorum", value="2/3",
                      effective_from=date(2026, 1, 1), source="Устав, ст. 12",
                      municipality=municipality)
    gathering = services.gathering_create(actor=clerk, roll=roll, title="Сход",
                                          called_by="Глава", stages=[(DAY, "Клуб")])
    assert services.gathering_quorum(gathering).needed == 7


def test_votes_need_a_quorum(clerk, gathering):
    register(clerk, gathering, 5)
    question = services.question_add(actor=clerk, gathering=gathering, text="Колодец")
    with pytest.raises(DomainError, match="Сход неправомочен"):
        services.question_record_votes(actor=clerk, question=question, votes_for=5,
                                       votes_against=0, votes_abstained=0)


def test_votes_are_checked_against_the_attendance_rows(clerk, gathering):
    register(clerk, gathering, 7)
    question = services.question_add(actor=clerk, gathering=gathering, text="Колодец")
    with pytest.raises(DomainError, match=r"Голосов \(8\) больше, чем .* \(7\)"):
        services.question_record_votes(actor=clerk, question=question, votes_for=5,
                                       votes_against=2, votes_abstained=1)
    question.refresh_from_db()
    assert question.decision == "" and question.votes_for == 0


@pytest.mark.parametrize("votes_for, decision", [(4, Decision.ADOPTED), (3, Decision.REJECTED)])
def test_a_decision_needs_more_than_half_of_participants(clerk, gathering, votes_for, decision):
    register(clerk, gathering, 6)
    question = services.question_add(actor=clerk, gathering=gathering, text="Колодец")
    question = services.question_record_votes(actor=clerk, question=question,
                                              votes_for=votes_for, votes_against=6 - votes_for,
                                              votes_abstained=0)
    assert question.decision == decision
    assert question.participants == Attendance.objects.filter(gathering=gathering).count()


def test_an_adopted_nomination_creates_a_starosta_nomination(clerk, gathering):
    register(clerk, gathering, 6)
    nominee = gathering.roll.entries.get(number=2)
    question = services.question_add(actor=clerk, gathering=gathering, text="Старосте быть",
                                     kind=QuestionKind.NOMINATION, nominee=nominee)
    services.question_record_votes(actor=clerk, question=question, votes_for=6,
                                   votes_against=0, votes_abstained=0)
    nomination = StarostaNomination.objects.get()
    assert nomination.full_name == nominee.full_name
    assert nomination.nominated_on == date(2026, 3, 15)


def test_a_rejected_nomination_creates_nothing(clerk, gathering):
    register(clerk, gathering, 6)
    question = services.question_add(actor=clerk, gathering=gathering, text="Старосте быть",
                                     kind=QuestionKind.NOMINATION,
                                     nominee=gathering.roll.entries.first())
    services.question_record_votes(actor=clerk, question=question, votes_for=3,
                                   votes_against=3, votes_abstained=0)
    assert not StarostaNomination.objects.exists()


def test_a_nomination_without_a_nominee_is_refused(clerk, gathering):
    with pytest.raises(DomainError, match="Укажите кандидата"):
        services.question_add(actor=clerk, gathering=gathering, text="Старосте быть",
                              kind=QuestionKind.NOMINATION)


def test_closing_needs_every_question_voted_and_then_freezes(clerk, gathering):
    register(clerk, gathering, 6)
    question = services.question_add(actor=clerk, gathering=gathering, text="Колодец")
    with pytest.raises(DomainError, match="Не по всем вопросам"):
        services.gathering_close(actor=clerk, gathering=gathering, protocol_number="1")
    services.question_record_votes(actor=clerk, question=question, votes_for=6,
                                   votes_against=0, votes_abstained=0)
    services.gathering_close(actor=clerk, gathering=gathering, protocol_number="1")
    with pytest.raises(DomainError, match="Сход завершён"):
        register(clerk, gathering, 1)


def test_every_change_is_audited(clerk, gathering):
    register(clerk, gathering, 2)
    assert AuditEvent.objects.filter(action="community.manage").count() == 4  # roll, сход, 2


def test_an_editor_cannot_register_attendance(editor, clerk, gathering):
    with pytest.raises(NotAllowed):
        services.attendance_register(actor=editor, stage=gathering.stages.first(),
                                     entry=gathering.roll.entries.first())


def test_a_csv_roll_may_be_large_and_written_in_few_queries(clerk, municipality, settlement,
                                                            django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        services.roll_import_csv(actor=clerk, municipality=municipality,
                                 settlement=settlement, title="Большой", compiled_on=DAY,
                                 content=roll_csv(300))
