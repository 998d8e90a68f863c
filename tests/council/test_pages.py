"""Public council pages: what they show, what they hide, the player, the question
form, registration, and a fixed number of queries at two data sizes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.council.factories import make_body, make_meeting, make_session
from zemstvo.council.models import QuestionStatus, ResidentQuestion, SessionStatus

pytestmark = pytest.mark.django_db


def url(name, municipality, **kwargs):
    return reverse(f"council:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def test_body_page_without_a_body_says_so(client, municipality):
    response = client.get(url("body", municipality))
    assert response.status_code == 200
    assert "ещё не размещены" in response.content.decode()


def test_body_page_lists_deputies_factions_and_committees(client, municipality, body):
    html = client.get(url("body", municipality)).content.decode()
    assert "Депутатов Депутат 000" in html and "Фракция «Тест»" in html
    assert url("sessions_ics", municipality) in html


@pytest.mark.parametrize("deputies", [3, 15])
def test_body_page_costs_a_fixed_number_of_queries(client, municipality, deputies,
                                                   django_assert_max_num_queries):
    body = make_body(municipality, deputies=deputies)
    from zemstvo.council.models import Committee, CommitteeMembership

    committee = Committee.objects.create(body=body, name="Комиссия")
    CommitteeMembership.objects.bulk_create(
        CommitteeMembership(committee=committee, deputy=d) for d in body.deputies.all())
    make_session(body, status=SessionStatus.PLANNED, starts_at=timezone.now() + timedelta(1))
    with django_assert_max_num_queries(9):
        assert client.get(url("body", municipality)).status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_session_page_costs_a_fixed_number_of_queries(client, municipality, size, clerk,
                                                      django_assert_max_num_queries):
    from zemstvo.council.models import Decision

    body = make_body(municipality, deputies=size * 2)
    session = make_session(body, items=size)
    for item in session.items.all():
        Decision.objects.create(agenda_item=item, number=str(item.pk), title="Решение",
                                adopted_on=timezone.localdate())
    with django_assert_max_num_queries(12):
        response = client.get(url("session", municipality, pk=session.pk))
    assert response.status_code == 200
    assert response.content.decode().count("<caption>") == size


@pytest.mark.parametrize("size", [2, 30])
def test_schedule_and_meetings_cost_a_fixed_number_of_queries(client, municipality, size,
                                                              django_assert_max_num_queries):
    body = make_body(municipality, deputies=1)
    for number in range(size):
        make_session(body, status=SessionStatus.PLANNED, votes=False,
                     starts_at=timezone.now() + timedelta(days=number + 1))
        make_meeting(body, capacity=10)
    with django_assert_max_num_queries(6):
        assert client.get(url("schedule", municipality)).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(url("meetings", municipality)).status_code == 200


@pytest.mark.parametrize("sessions", [1, 5])
def test_deputy_page_costs_a_fixed_number_of_queries(client, municipality, sessions,
                                                     django_assert_max_num_queries):
    body = make_body(municipality, deputies=3)
    for _ in range(sessions):
        make_session(body)
    deputy = body.deputies.first()
    # municipality, nav/home lookups, deputy, committees (2), recent votes
    with django_assert_max_num_queries(8):
        response = client.get(url("deputy", municipality, pk=deputy.pk))
    assert deputy.full_name in response.content.decode()


def test_roll_call_table_shows_each_deputy_and_the_totals(client, municipality, held_session):
    html = client.get(url("session", municipality, pk=held_session.pk)).content.decode()
    assert "за 2, против 1, воздержались 1, отсутствовали 1" in html
    assert html.count("Депутатов Депутат 004") == 2  # one row in each item's table


def test_live_session_shows_an_iframe_player_with_a_link(client, municipality, body):
    session = make_session(body, status=SessionStatus.LIVE, votes=False)
    session.broadcast_url = "https://video.example.ru/embed/live-1"
    session.save()
    html = client.get(url("session", municipality, pk=session.pk)).content.decode()
    assert '<iframe src="https://video.example.ru/embed/live-1"' in html
    assert 'href="https://video.example.ru/embed/live-1"' in html
    assert "<script src=\"https://video" not in html


def test_held_session_plays_the_recording_in_a_video_element(client, municipality, body):
    session = make_session(body, votes=False)
    session.broadcast_url = "https://video.example.ru/embed/live-1"
    session.recording_url = "https://media.testograd.ru/duma/2026-01.mp4"
    session.save()
    html = client.get(url("session", municipality, pk=session.pk)).content.decode()
    assert '<video controls preload="none" src="https://media.testograd.ru/duma/2026-01.mp4"' \
        in html
    assert "live-1" not in html


def test_only_approved_questions_are_public(client, municipality, planned_session, resident):
    item = planned_session.items.first()
    for status, text in ((QuestionStatus.APPROVED, "Одобренный вопрос"),
                         (QuestionStatus.PENDING, "Ждущий вопрос"),
                         (QuestionStatus.REJECTED, "Отклонённый вопрос")):
        ResidentQuestion.objects.create(agenda_item=item, author=resident, text=text,
                                        status=status)
    html = client.get(url("session", municipality, pk=planned_session.pk)).content.decode()
    assert "Одобренный вопрос" in html
    assert "Ждущий вопрос" not in html and "Отклонённый вопрос" not in html
    assert resident.username not in html


def test_anonymous_is_sent_to_login_to_ask(client, municipality, planned_session):
    response = client.get(url("ask", municipality, pk=planned_session.items.first().pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_signed_in_resident_asks_a_question(client, municipality, planned_session, resident):
    client.force_login(resident)
    item = planned_session.items.first()
    response = client.post(url("ask", municipality, pk=item.pk),
                           {"text": "Будет ли ремонт в школе № 3?"})
    assert response.status_code == 302
    assert ResidentQuestion.objects.get().status == QuestionStatus.PENDING


def test_a_too_short_question_is_shown_as_a_form_error(client, municipality, planned_session,
                                                       resident):
    client.force_login(resident)
    item = planned_session.items.first()
    response = client.post(url("ask", municipality, pk=item.pk), {"text": "а?"})
    assert response.status_code == 200
    assert "слишком короткий" in response.content.decode()
    assert not ResidentQuestion.objects.exists()


def test_agenda_item_of_another_municipality_is_404(client, other_municipality, planned_session,
                                                    resident):
    client.force_login(resident)
    response = client.get(url("ask", other_municipality, pk=planned_session.items.first().pk))
    assert response.status_code == 404


def test_resident_registers_and_cancels_on_the_meeting_page(client, municipality,
                                                            limited_meeting, resident):
    client.force_login(resident)
    register = url("register", municipality, pk=limited_meeting.pk)
    client.post(register)
    html = client.get(url("meeting", municipality, pk=limited_meeting.pk)).content.decode()
    assert "Свободных мест: 1 из 2" in html and "Отменить регистрацию" in html
    client.post(register, {"cancel": "1"})
    assert not limited_meeting.registrations.exists()


def test_meeting_page_shows_questions_answers_and_task_status(client, municipality,
                                                              limited_meeting):
    from zemstvo.council.models import FollowUpTask, MeetingQuestion

    question = MeetingQuestion.objects.create(meeting=limited_meeting, text="Где свет?",
                                              answer="Заявка подана")
    FollowUpTask.objects.create(meeting=limited_meeting, question=question, title="Свет",
                                responsible="УГХ", deadline=timezone.localdate())
    html = client.get(url("meeting", municipality, pk=limited_meeting.pk)).content.decode()
    assert "Где свет?" in html and "Заявка подана" in html and "в работе" in html


def test_session_of_another_municipality_is_404(client, other_municipality, held_session):
    assert client.get(url("session", other_municipality, pk=held_session.pk)).status_code == 404


@pytest.mark.parametrize("size", [1, 6])
def test_session_page_for_a_signed_in_resident_costs_a_fixed_number_of_queries(
    client, municipality, resident, size, django_assert_max_num_queries
):
    body = make_body(municipality, deputies=size * 2)
    session = make_session(body, items=size)
    client.force_login(resident)
    with django_assert_max_num_queries(17):
        assert client.get(url("session", municipality, pk=session.pk)).status_code == 200
