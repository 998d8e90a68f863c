"""ТОС (131-ФЗ ст. 27) and rural starostas (ст. 27.1): founding quorum, charter
registration, appointment on a сход's nomination with the term of the charter."""

from __future__ import annotations

from datetime import date

import pytest

from tests.community.conftest import register
from zemstvo.community import services
from zemstvo.community.models import (
    FoundingForm,
    QuestionKind,
    Starosta,
    Tos,
    TosStatus,
)
from zemstvo.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _tos(clerk, municipality, settlement, form, eligible, present, name="ТОС «Лес»"):
    return services.tos_register(
        actor=clerk, municipality=municipality, settlement=settlement, name=name,
        territory="ул. Лесная", founding_form=form, founded_on=date(2025, 5, 1),
        eligible=eligible, present=present)


@pytest.mark.parametrize("form, eligible, present, ok", [
    (FoundingForm.MEETING, 90, 30, True),      # exactly one third
    (FoundingForm.MEETING, 90, 29, False),
    (FoundingForm.MEETING, 10, 4, True),       # 10/3 = 3.33: four is needed
    (FoundingForm.MEETING, 10, 3, False),
    (FoundingForm.CONFERENCE, 30, 20, True),   # exactly two thirds of delegates
    (FoundingForm.CONFERENCE, 30, 19, False),
])
def test_the_founding_quorum(clerk, municipality, settlement, form, eligible, present, ok):
    if ok:
        assert _tos(clerk, municipality, settlement, form, eligible, present).pk
    else:
        with pytest.raises(DomainError, match="неправомочно"):
            _tos(clerk, municipality, settlement, form, eligible, present)
        assert not Tos.objects.exists()


def test_more_participants_than_residents_is_refused(clerk, municipality, settlement):
    with pytest.raises(DomainError, match="Участников больше"):
        _tos(clerk, municipality, settlement, FoundingForm.MEETING, 10, 11)


def test_the_same_name_twice_is_refused(clerk, municipality, settlement, tos):
    with pytest.raises(DomainError, match="уже есть в реестре"):
        _tos(clerk, municipality, settlement, FoundingForm.MEETING, 90, 30, name="тос «заречье»")


def test_a_tos_is_established_when_its_charter_is_registered(clerk, tos):
    assert tos.status == TosStatus.FOUNDING
    with pytest.raises(DomainError, match="раньше учредительного"):
        services.tos_charter_register(actor=clerk, tos=tos, number="7",
                                      registered_on=date(2025, 4, 1))
    services.tos_charter_register(actor=clerk, tos=tos, number="7",
                                  registered_on=date(2025, 6, 1))
    tos.refresh_from_db()
    assert (tos.status, tos.charter_number) == (TosStatus.ESTABLISHED, "7")


def test_a_yearly_report_once_a_year(clerk, tos):
    services.tos_report_add(actor=clerk, tos=tos, year=2025, text="Субботники")
    with pytest.raises(DomainError, match="уже есть"):
        services.tos_report_add(actor=clerk, tos=tos, year=2025, text="Ещё")
    with pytest.raises(DomainError, match="Год отчёта"):
        services.tos_report_add(actor=clerk, tos=tos, year=2020, text="Раньше учреждения")


def test_a_report_with_a_file_attaches_it(clerk, tos):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.news.conftest import PDF_BYTES
    from zemstvo.core.attachments.selectors import attachments_for

    report = services.tos_report_add(
        actor=clerk, tos=tos, year=2025, text="Отчёт",
        file=SimpleUploadedFile("otchet.pdf", PDF_BYTES, content_type="application/pdf"))
    assert len(attachments_for(report)) == 1


@pytest.fixture
def nomination(clerk, gathering):
    register(clerk, gathering, 6)
    question = services.question_add(actor=clerk, gathering=gathering, text="Староста",
                                     kind=QuestionKind.NOMINATION,
                                     nominee=gathering.roll.entries.get(number=3))
    services.question_record_votes(actor=clerk, question=question, votes_for=6,
                                   votes_against=0, votes_abstained=0)
    return question.nomination


@pytest.mark.parametrize("years", [1, 6])
def test_a_term_outside_two_to_five_years_is_refused(clerk, nomination, years):
    with pytest.raises(DomainError, match="от 2 до 5 лет"):
        services.starosta_appoint(actor=clerk, nomination=nomination, decision_number="5",
                                  decision_date=date(2026, 4, 1), term_years=years)
    assert not Starosta.objects.exists()


def test_a_starosta_is_appointed_by_a_decision_after_the_gathering(clerk, nomination):
    with pytest.raises(DomainError, match="раньше схода"):
        services.starosta_appoint(actor=clerk, nomination=nomination, decision_number="5",
                                  decision_date=date(2026, 3, 1), term_years=5)
    starosta = services.starosta_appoint(actor=clerk, nomination=nomination,
                                         decision_number="5", decision_date=date(2026, 4, 1),
                                         term_years=5)
    assert starosta.term_ends_on == date(2031, 4, 1)
    assert starosta.full_name == nomination.full_name
    with pytest.raises(DomainError, match="уже назначен"):
        services.starosta_appoint(actor=clerk, nomination=nomination, decision_number="6",
                                  decision_date=date(2026, 4, 2), term_years=5)


def test_a_starosta_files_yearly_reports(clerk, nomination):
    starosta = services.starosta_appoint(actor=clerk, nomination=nomination,
                                         decision_number="5", decision_date=date(2026, 4, 1),
                                         term_years=2)
    services.starosta_report_add(actor=clerk, starosta=starosta, year=2026, text="Дороги")
    assert starosta.reports.count() == 1


def test_only_a_tos_without_a_registered_charter_may_be_removed(clerk, tos, municipality,
                                                                settlement):
    services.tos_charter_register(actor=clerk, tos=tos, number="1",
                                  registered_on=date(2025, 6, 1))
    with pytest.raises(DomainError, match="нельзя удалить"):
        services.tos_remove(actor=clerk, tos=tos)
    draft = _tos(clerk, municipality, settlement, FoundingForm.MEETING, 9, 3)
    services.tos_remove(actor=clerk, tos=draft)
    assert list(Tos.objects.all()) == [tos]


def test_a_starosta_changes_contacts(clerk, nomination):
    starosta = services.starosta_appoint(actor=clerk, nomination=nomination,
                                         decision_number="5", decision_date=date(2026, 4, 1),
                                         term_years=3)
    services.starosta_update_contacts(actor=clerk, starosta=starosta, territory="д. Лесная",
                                      phone="+7 900 1", email="st@example.org")
    starosta.refresh_from_db()
    assert (starosta.territory, starosta.email) == ("д. Лесная", "st@example.org")
