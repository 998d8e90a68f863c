"""Proposals: only identified participants, only inside the window (local time), the
residents/right-holders split, staff entries, recommendations, closing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import MunicipalityFactory, SettlementFactory, UserFactory
from tests.hearings.factories import advance_to, in_window, procedure
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.hearings import selectors, services
from zemstvo.hearings.demo import tiny_pdf
from zemstvo.hearings.models import (
    Channel,
    LocalBasis,
    Participant,
    ParticipantKind,
    Proposal,
    Status,
)
from zemstvo.hearings.participants import Identity

PERSON = Identity(full_name="Сидорова Мария Павловна", birth_date=date(1979, 2, 3),
                  address="г. Тестоград, ул. Речная, д. 7")


@pytest.fixture
def open_procedure(municipality, settlement, municipal_admin):
    return advance_to(municipal_admin, procedure(municipal_admin, municipality,
                                                 settlements=[settlement]), Status.EXPOSITION)


def test_verified_resident_of_the_territory_is_identified_by_the_account(
        open_procedure, verified_resident):
    verified_resident.residence_address = "ул. Лесная, 1"
    verified_resident.save()
    proposal = services.proposal_submit(actor=verified_resident, procedure=open_procedure,
                                        text="Сделать сквер.", now=in_window(open_procedure))
    assert proposal.is_local and proposal.channel == Channel.ONLINE
    assert proposal.participant.basis == LocalBasis.RESIDENT
    assert proposal.participant.identified_by_account


def test_a_proposal_one_minute_after_the_window_closes_is_refused(open_procedure, resident):
    closes = services.proposals_window(open_procedure)[1]
    last_minute = closes - timedelta(minutes=1)
    services.proposal_submit(actor=resident, procedure=open_procedure, text="Успели.",
                             identity=PERSON, now=last_minute)
    with pytest.raises(services.WindowClosed):
        services.proposal_submit(actor=resident, procedure=open_procedure, text="Опоздали.",
                                 identity=PERSON, now=closes + timedelta(minutes=1))
    assert Proposal.objects.filter(procedure=open_procedure).count() == 1


def test_window_closes_at_local_midnight_in_kamchatka(municipal_admin, resident):
    from tests.factories import MembershipFactory

    town = MunicipalityFactory(time_zone="Asia/Kamchatka")
    MembershipFactory(user=municipal_admin, role="administrator", municipality=town)
    proc = advance_to(municipal_admin, procedure(municipal_admin, town), Status.EXPOSITION)
    closes = services.proposals_window(proc)[1]
    # 23:59 in Moscow on the last day is already the next morning in Kamchatka.
    with pytest.raises(services.WindowClosed):
        services.proposal_submit(actor=resident, procedure=proc, text="Поздно.",
                                 identity=PERSON, now=closes + timedelta(hours=9))


def test_an_unidentified_person_is_refused(open_procedure, resident):
    with pytest.raises(NotAllowed):
        services.proposal_submit(actor=resident, procedure=open_procedure, text="Текст.",
                                 now=in_window(open_procedure))
    with pytest.raises(NotAllowed):
        services.proposal_submit(actor=None, procedure=open_procedure, text="Текст.",
                                 identity=PERSON, now=in_window(open_procedure))
    assert not Participant.objects.exists()


@pytest.mark.parametrize("identity, field", [
    (Identity(full_name="Иванов", birth_date=date(1980, 1, 1), address="ул. 1"), "full_name"),
    (Identity(full_name="Иванов Иван", address="ул. 1"), "birth_date"),
    (Identity(full_name="Иванов Иван", birth_date=date(1980, 1, 1)), "address"),
    (Identity(kind=ParticipantKind.ORGANISATION, org_name="ООО Ромашка",
              ogrn="1234567890123", address="ул. 1"), "ogrn"),
])
def test_incomplete_identification_names_the_field_and_writes_nothing(
        open_procedure, resident, identity, field):
    with pytest.raises(DomainError) as exc:
        services.proposal_submit(actor=resident, procedure=open_procedure, text="Текст.",
                                 identity=identity, now=in_window(open_procedure))
    assert field in exc.value.field_errors
    assert not Proposal.objects.exists() and not Participant.objects.exists()


def test_organisation_with_a_valid_ogrn_is_accepted(open_procedure, resident):
    org = Identity(kind=ParticipantKind.ORGANISATION, org_name="ООО «Ромашка»",
                   ogrn="1027700132195", address="г. Москва")
    proposal = services.proposal_submit(actor=resident, procedure=open_procedure,
                                        text="Учесть наш участок.", identity=org,
                                        now=in_window(open_procedure))
    assert proposal.participant.kind == ParticipantKind.ORGANISATION
    assert not proposal.is_local


def test_right_holder_must_attach_title_documents(open_procedure, resident):
    with pytest.raises(DomainError) as exc:
        services.proposal_submit(actor=resident, procedure=open_procedure, text="Текст.",
                                 identity=PERSON, right_holder=True,
                                 now=in_window(open_procedure))
    assert "documents" in exc.value.field_errors
    proposal = services.proposal_submit(
        actor=resident, procedure=open_procedure, text="Мой участок.", identity=PERSON,
        right_holder=True, now=in_window(open_procedure),
        documents=[SimpleUploadedFile("egrn.pdf", tiny_pdf("ЕГРН"), "application/pdf")])
    assert proposal.is_local and proposal.participant.basis == LocalBasis.RIGHT_HOLDER


def test_resident_of_another_settlement_is_among_other_participants(
        open_procedure, municipality):
    elsewhere = SettlementFactory(municipality=municipality)
    from tests.factories import VerifiedResidentFactory

    person = VerifiedResidentFactory(residence_municipality=municipality,
                                     residence_settlement=elsewhere,
                                     residence_address="д. Другая")
    proposal = services.proposal_submit(actor=person, procedure=open_procedure,
                                        text="Замечание.", now=in_window(open_procedure))
    assert not proposal.is_local
    local, others = selectors.split(selectors.public_proposals(open_procedure))
    assert (local, others) == ([], [proposal])


def test_staff_enter_written_and_visitor_book_proposals_in_the_window(
        open_procedure, clerk):
    participant = services.participant_register(actor=clerk, procedure=open_procedure,
                                                identity=PERSON, basis=LocalBasis.RESIDENT)
    for channel in (Channel.WRITTEN, Channel.VISITOR_BOOK):
        services.proposal_enter(actor=clerk, procedure=open_procedure, participant=participant,
                                channel=channel, text="Письменно.",
                                received_at=in_window(open_procedure))
    with pytest.raises(services.WindowClosed):
        services.proposal_enter(actor=clerk, procedure=open_procedure, participant=participant,
                                channel=Channel.ORAL, text="Устно.")
    assert open_procedure.proposals.filter(is_local=True).count() == 2


def test_meeting_registers_attendees_once_and_takes_oral_proposals(
        municipality, municipal_admin, clerk):
    proc = advance_to(municipal_admin, procedure(municipal_admin, municipality,
                                                 kind="budget"), Status.MEETING)
    person = services.participant_register(actor=clerk, procedure=proc, identity=PERSON,
                                           basis=LocalBasis.RESIDENT)
    services.attendance_register(actor=clerk, procedure=proc, participant=person)
    with pytest.raises(DomainError):
        services.attendance_register(actor=clerk, procedure=proc, participant=person)
    services.speech_add(actor=clerk, procedure=proc, participant=person, summary="Поддерживаю.")
    services.proposal_enter(actor=clerk, procedure=proc, participant=person,
                            channel=Channel.ORAL, text="Увеличить расходы на дороги.")
    assert proc.attendances.count() == 1 and proc.speeches.count() == 1


def test_protocol_waits_for_the_window_to_close(open_procedure, municipal_admin):
    with pytest.raises(DomainError):
        services.procedure_advance(actor=municipal_admin, procedure=open_procedure,
                                   now=services.proposals_window(open_procedure)[1]
                                   - timedelta(minutes=1))
    assert open_procedure.status == Status.EXPOSITION


def test_conclusion_needs_a_reasoned_recommendation_on_every_proposal(
        open_procedure, municipal_admin, resident, commission_member):
    proposal = services.proposal_submit(actor=resident, procedure=open_procedure,
                                        text="Сквер.", identity=PERSON,
                                        now=in_window(open_procedure))
    proc = advance_to(municipal_admin, open_procedure, Status.CONCLUSION)
    services.conclusion_set_summary(actor=commission_member, procedure=proc, summary="Итог.")
    with pytest.raises(DomainError):
        services.procedure_advance(actor=municipal_admin, procedure=proc)
    with pytest.raises(DomainError) as exc:
        services.proposal_recommend(actor=commission_member, proposal=proposal,
                                    recommendation="accept", reason="")
    assert "reason" in exc.value.field_errors
    services.proposal_recommend(actor=commission_member, proposal=proposal,
                                recommendation="accept", reason="Соответствует генплану.")
    proc = services.procedure_advance(actor=municipal_admin, procedure=proc)
    assert proc.status == Status.CLOSED and proc.conclusion_published_at


def test_notice_needs_every_item_the_law_requires(municipality, municipal_admin):
    proc = services.procedure_create(actor=municipal_admin, municipality=municipality,
                                     kind="genplan", title="Проект генплана",
                                     notice_date=date(2026, 3, 2))
    with pytest.raises(DomainError) as exc:
        services.procedure_advance(actor=municipal_admin, procedure=proc,
                                   now=factories_noon(municipality))
    assert "место проведения экспозиции" in exc.value.message
    proc.refresh_from_db()
    assert proc.status == Status.DRAFT


def factories_noon(municipality):
    from tests.hearings.factories import noon

    return noon(municipality, date(2026, 3, 1))


def test_new_procedure_notifies_subscribers_of_its_settlement(
        municipality, settlement, municipal_admin):
    from zemstvo.core.notifications.models import Notification
    from zemstvo.core.notifications.services import subscribe

    follower, stranger = UserFactory(), UserFactory()
    subscribe(user=follower, target=settlement)
    subscribe(user=stranger, target=SettlementFactory(municipality=municipality))
    advance_to(municipal_admin, procedure(municipal_admin, municipality,
                                          settlements=[settlement]), Status.NOTICE)
    assert Notification.objects.filter(user=follower, kind="hearings.new").count() == 1
    assert not Notification.objects.filter(user=stranger).exists()


def test_reading_personal_data_is_audited_and_denied_to_others(open_procedure, clerk,
                                                                editor, resident):
    services.proposal_submit(actor=resident, procedure=open_procedure, text="Текст.",
                             identity=PERSON, now=in_window(open_procedure))
    found = services.participants_read(actor=clerk, procedure=open_procedure)
    assert found[0].full_name == PERSON.full_name
    assert AuditEvent.objects.filter(action="hearings.view_personal_data",
                                     actor=clerk).count() == 1
    with pytest.raises(NotAllowed):
        services.participants_read(actor=editor, procedure=open_procedure)
