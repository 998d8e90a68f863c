"""Council services: the rules, integrity and the audit trail; bad input writes
nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.council import services
from zemstvo.council.models import (
    AgendaItem,
    Decision,
    Deputy,
    MeetingRegistration,
    QuestionStatus,
    RepresentativeBody,
    ResidentQuestion,
    RollCallVote,
    Session,
    SessionStatus,
    VoteEvent,
)

pytestmark = pytest.mark.django_db


def test_body_is_created_once_and_then_updated_with_audit(municipality, clerk):
    first = services.body_save(actor=clerk, municipality=municipality, kind="duma",
                               name="  Дума   города ", seats=25)
    second = services.body_save(actor=clerk, municipality=municipality, kind="council",
                                name="Совет депутатов", seats=20)
    assert first.pk == second.pk and RepresentativeBody.objects.count() == 1
    assert second.name == "Совет депутатов"
    assert AuditEvent.objects.filter(action="council.body_save").count() == 2


def test_body_with_bad_input_is_refused_in_russian_and_not_written(municipality, clerk):
    with pytest.raises(DomainError) as exc:
        services.body_save(actor=clerk, municipality=municipality, kind="senate", name="",
                           seats=-1)
    assert set(exc.value.field_errors) == {"kind", "name", "seats"}
    assert "Укажите наименование" in exc.value.field_errors["name"][0]
    assert not RepresentativeBody.objects.exists() and not AuditEvent.objects.exists()


def test_an_editor_cannot_keep_the_body(municipality, editor):
    with pytest.raises(NotAllowed):
        services.body_save(actor=editor, municipality=municipality, kind="duma", name="Дума")


def test_deputy_term_must_not_end_before_it_starts(body, clerk):
    count = Deputy.objects.count()
    with pytest.raises(DomainError) as exc:
        services.deputy_save(actor=clerk, body=body, full_name="Иванов Иван Иванович",
                             term_from=date(2024, 1, 1), term_to=date(2023, 1, 1))
    assert "раньше" in exc.value.field_errors["term_to"][0]
    assert Deputy.objects.count() == count


def test_session_naive_time_is_the_municipality_local_time(body, clerk, municipality):
    municipality.time_zone = "Asia/Kamchatka"
    municipality.save()
    body.refresh_from_db()
    session = services.session_create(actor=clerk, body=body, kind="regular", title="Сессия",
                                      starts_at=datetime(2026, 3, 1, 10, 0), place="Зал")
    assert session.starts_at == datetime(2026, 2, 28, 22, 0, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize("url", ["http://video.example.ru/live", "javascript:alert(1)",
                                 "https://user:pw@video.example.ru/", "ftp://x.ru/a"])
def test_broadcast_url_must_be_https_without_credentials(body, clerk, url):
    with pytest.raises(DomainError) as exc:
        services.session_create(actor=clerk, body=body, kind="regular", title="Сессия",
                                starts_at=timezone.now(), place="Зал", broadcast_url=url)
    assert "https://" in exc.value.field_errors["broadcast_url"][0]
    assert not Session.objects.exists()


def test_committee_meeting_needs_a_committee(body, clerk):
    with pytest.raises(DomainError) as exc:
        services.session_create(actor=clerk, body=body, kind="committee", title="Комиссия",
                                starts_at=timezone.now(), place="Зал")
    assert "committee" in exc.value.field_errors


def test_agenda_items_are_numbered_in_order(planned_session, clerk):
    first = services.agenda_item_add(actor=clerk, session=planned_session, title="Третий")
    second = services.agenda_item_add(actor=clerk, session=planned_session, title="Четвёртый")
    assert (first.order, second.order) == (3, 4)


def test_the_agenda_of_a_held_session_is_closed(held_session, clerk):
    with pytest.raises(DomainError):
        services.agenda_item_add(actor=clerk, session=held_session, title="Поздний вопрос")
    assert held_session.items.count() == 2


def _all_votes(body, option="yes"):
    return {d.pk: option for d in body.deputies.all()}


def test_roll_call_totals_equal_the_individual_votes(body, planned_session, clerk):
    item = planned_session.items.first()
    deputies = list(body.deputies.order_by("pk"))
    votes = dict(zip([d.pk for d in deputies], ["yes", "yes", "yes", "no", "absent"],
                     strict=True))
    event = services.vote_record(actor=clerk, agenda_item=item, motion="В целом", votes=votes)
    counts = services.vote_counts(VoteEvent.objects.get(pk=event.pk))
    rows = list(RollCallVote.objects.filter(vote_event=event).values_list("option", flat=True))
    assert counts == {"yes": 3, "no": 1, "abstain": 0, "absent": 1}
    assert sum(counts.values()) == len(rows) == len(deputies)
    for option, value in counts.items():
        assert rows.count(option) == value
    # 3 of 5 established seats voted for: more than half, adopted.
    assert event.result == "pass"
    assert AuditEvent.objects.filter(action="council.vote_record").count() == 1


def test_vote_fails_without_a_majority_of_the_established_number(body, planned_session, clerk):
    body.seats = 7
    body.save()
    item = planned_session.items.first()
    votes = _all_votes(body, "no")
    for pk in list(votes)[:3]:
        votes[pk] = "yes"
    event = services.vote_record(actor=clerk, agenda_item=item, motion="В целом", votes=votes)
    assert event.result == "fail"  # 3 of 7 seats


def test_vote_with_a_missing_deputy_or_a_stranger_writes_nothing(body, planned_session, clerk,
                                                                 other_municipality):
    from tests.council.factories import make_body

    item = planned_session.items.first()
    votes = _all_votes(body)
    votes.pop(next(iter(votes)))
    with pytest.raises(DomainError) as exc:
        services.vote_record(actor=clerk, agenda_item=item, motion="В целом", votes=votes)
    assert "Не отмечен голос" in exc.value.field_errors["votes"][0]
    stranger = make_body(other_municipality, deputies=1).deputies.get()
    with pytest.raises(DomainError):
        services.vote_record(actor=clerk, agenda_item=item, motion="В целом",
                             votes={**_all_votes(body), stranger.pk: "yes"})
    with pytest.raises(DomainError):
        services.vote_record(actor=clerk, agenda_item=item, motion="В целом",
                             votes=_all_votes(body, "maybe"))
    assert not VoteEvent.objects.exists() and not RollCallVote.objects.exists()


def test_deputies_out_of_office_on_the_session_date_do_not_vote(body, planned_session, clerk):
    retired = Deputy.objects.create(body=body, full_name="Бывший Депутат",
                                    term_from=date(2015, 1, 1), term_to=date(2019, 12, 31))
    item = planned_session.items.first()
    with pytest.raises(DomainError):
        services.vote_record(actor=clerk, agenda_item=item, motion="В целом",
                             votes={**_all_votes(body), retired.pk: "yes"})
    votes = _all_votes(body)
    votes.pop(retired.pk)
    services.vote_record(actor=clerk, agenda_item=item, motion="В целом", votes=votes)


def test_decision_publication_date_and_source_go_together(held_session, clerk):
    item = held_session.items.first()
    with pytest.raises(DomainError) as exc:
        services.decision_add(actor=clerk, agenda_item=item, number="5", title="О бюджете",
                              adopted_on=date(2026, 1, 10), published_on=date(2026, 1, 5),
                              publication_source="")
    assert "после его принятия" in exc.value.field_errors["published_on"][0]
    assert "publication_source" in exc.value.field_errors
    assert not Decision.objects.exists()
    decision = services.decision_add(actor=clerk, agenda_item=item, number="5",
                                     title="О бюджете", adopted_on=date(2026, 1, 10),
                                     published_on=date(2026, 1, 15),
                                     publication_source="Газета «Вести»")
    assert decision.pk and AuditEvent.objects.filter(action="council.decision_add").exists()
    with pytest.raises(DomainError):
        services.decision_add(actor=clerk, agenda_item=item, number="5", title="Дубль",
                              adopted_on=date(2026, 1, 10))


def test_a_resident_asks_before_the_session_and_the_moderator_decides(
    planned_session, resident, moderator
):
    item = planned_session.items.first()
    question = services.question_ask(actor=resident, agenda_item=item,
                                     text="Когда отремонтируют дорогу на Лесной?")
    assert question.status == QuestionStatus.PENDING
    with pytest.raises(DomainError):
        services.question_moderate(actor=moderator, question=question, approve=False)
    services.question_moderate(actor=moderator, question=question, approve=True)
    assert ResidentQuestion.objects.get().status == QuestionStatus.APPROVED


def test_questions_are_not_accepted_after_the_session_or_when_too_short(
    held_session, planned_session, resident
):
    with pytest.raises(DomainError):
        services.question_ask(actor=resident, agenda_item=held_session.items.first(),
                              text="Вопрос после заседания, уже поздно")
    with pytest.raises(DomainError) as exc:
        services.question_ask(actor=resident, agenda_item=planned_session.items.first(),
                              text="коротко")
    assert "короткий" in exc.value.field_errors["text"][0]
    assert not ResidentQuestion.objects.exists()


def test_anonymous_cannot_ask(planned_session):
    with pytest.raises(NotAllowed):
        services.question_ask(actor=None, agenda_item=planned_session.items.first(),
                              text="Анонимный вопрос к депутатам")


def test_held_session_cannot_return_to_the_plan(held_session, clerk):
    with pytest.raises(DomainError):
        services.session_set_status(actor=clerk, session=held_session, status="planned")
    assert Session.objects.get().status == SessionStatus.HELD


def test_registration_is_unique_and_never_over_books(limited_meeting, resident,
                                                     verified_resident):
    services.meeting_register(actor=resident, meeting=limited_meeting)
    with pytest.raises(DomainError) as exc:
        services.meeting_register(actor=resident, meeting=limited_meeting)
    assert "уже зарегистрированы" in exc.value.message
    services.meeting_register(actor=verified_resident, meeting=limited_meeting)
    with pytest.raises(DomainError) as exc:
        services.meeting_register(actor=UserFactory(), meeting=limited_meeting)
    assert "Свободных мест нет" in exc.value.message
    assert MeetingRegistration.objects.count() == 2
    services.meeting_unregister(actor=resident, meeting=limited_meeting)
    services.meeting_register(actor=UserFactory(), meeting=limited_meeting)
    assert MeetingRegistration.objects.count() == 2


def test_registration_is_refused_where_places_are_not_limited_or_past(body, resident):
    from tests.council.factories import make_meeting

    with pytest.raises(DomainError):
        services.meeting_register(actor=resident, meeting=make_meeting(body))
    with pytest.raises(DomainError):
        services.meeting_register(actor=resident, meeting=make_meeting(body, capacity=5,
                                                                       days=-1))
    assert not MeetingRegistration.objects.exists()


def test_follow_up_task_deadline_and_completion(limited_meeting, clerk):
    question = services.meeting_question_add(actor=clerk, meeting=limited_meeting,
                                             text="Освещение во дворе", answer="Починим")
    with pytest.raises(DomainError):
        services.task_add(actor=clerk, meeting=limited_meeting, title="Починить свет",
                          responsible="УГХ", deadline=date(2000, 1, 1), question=question)
    task = services.task_add(actor=clerk, meeting=limited_meeting, title="Починить свет",
                             responsible="УГХ", deadline=timezone.localdate() + timedelta(days=30),
                             question=question)
    with pytest.raises(DomainError):
        services.task_set_status(actor=clerk, task=task, status="done", result="")
    services.task_set_status(actor=clerk, task=task, status="done", result="Фонари заменены")
    task.refresh_from_db()
    assert task.status == "done"


def test_agenda_files_are_attached_and_a_bad_file_rolls_back(planned_session, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("proekt.pdf", b"not a pdf at all", "application/pdf")
    count = AgendaItem.objects.count()
    with pytest.raises(DomainError) as exc:
        services.agenda_item_add(actor=clerk, session=planned_session, title="С файлом",
                                 files=[bad])
    assert "files" in exc.value.field_errors
    assert AgendaItem.objects.count() == count


def test_the_adoption_share_is_a_rule_the_municipality_overrides(body, planned_session, clerk,
                                                                 operator, municipality):
    from zemstvo.core.rules.services import rule_override_set

    votes = _all_votes(body, "no")
    for pk in list(votes)[:3]:
        votes[pk] = "yes"
    item = planned_session.items.first()
    assert services.vote_record(actor=clerk, agenda_item=item, motion="Первое",
                                votes=votes).result == "pass"  # 3 > 5 × 1/2
    rule_override_set(actor=operator, key="council.adoption_share", value="0.6667",
                      effective_from=date(2020, 1, 1), source="Устав, ст. 25",
                      municipality=municipality)
    assert services.vote_record(actor=clerk, agenda_item=item, motion="Второе",
                                votes=votes).result == "fail"  # 3 ≤ 5 × 2/3


def test_subscribers_hear_when_the_broadcast_starts(planned_session, clerk, resident):
    from zemstvo.core.notifications.models import Notification
    from zemstvo.core.notifications.services import subscribe

    subscribe(user=resident, target=planned_session)
    services.session_set_status(actor=clerk, session=planned_session, status="live")
    note = Notification.objects.get(user=resident)
    assert "трансляция" in note.body and note.url == planned_session.get_absolute_url()
