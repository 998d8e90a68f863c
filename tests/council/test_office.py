"""Office pages of the council: staff keep the body, plan a session with an agenda
and a broadcast, record votes and decisions, moderate questions and run meetings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from zemstvo.council.models import (
    Decision,
    Deputy,
    Meeting,
    QuestionStatus,
    RepresentativeBody,
    ResidentQuestion,
    Session,
    VoteEvent,
)

pytestmark = pytest.mark.django_db
HOME = "office_council:home"


def test_staff_create_the_body(client, municipality, clerk):
    client.force_login(clerk)
    response = client.post(reverse(HOME), {"m": municipality.slug, "body-kind": "duma",
                                           "body-name": "Дума Тестограда", "body-seats": "15"})
    assert response.status_code == 302
    assert RepresentativeBody.objects.get().seats == 15


@pytest.mark.parametrize("role", ["resident", "editor"])
def test_others_cannot_open_the_office(client, person, role):
    client.force_login(person(role))
    assert client.get(reverse(HOME)).status_code == 403


def test_a_clerk_elsewhere_gets_only_their_own_municipality(client, municipality, body,
                                                            other_clerk, other_municipality):
    client.force_login(other_clerk)
    response = client.get(reverse(HOME) + f"?m={municipality.slug}")
    assert response.context["municipality"] == other_municipality
    session = body.sessions.create(title="Чужое", starts_at=timezone.now(), place="Зал")
    page = reverse("office_council:session", kwargs={"pk": session.pk})
    assert client.get(page).status_code == 403


def test_moderator_sees_the_office_but_cannot_change_the_body(client, municipality, body,
                                                              moderator):
    client.force_login(moderator)
    assert client.get(reverse(HOME)).status_code == 200
    response = client.post(reverse(HOME), {"m": municipality.slug, "body-kind": "duma",
                                           "body-name": "Захват", "body-seats": "1"})
    assert response.status_code == 403
    assert RepresentativeBody.objects.get().name != "Захват"


def test_clerk_adds_a_deputy_and_bad_input_writes_nothing(client, municipality, body, clerk):
    client.force_login(clerk)
    add = reverse("office_council:add", kwargs={"what": "deputy"})
    count = Deputy.objects.count()
    bad = client.post(add, {"m": municipality.slug, "deputy-full_name": "Петров Пётр",
                            "deputy-term_from": "2024-01-01", "deputy-term_to": "2023-01-01"})
    assert bad.status_code == 200 and "раньше" in bad.content.decode()
    assert Deputy.objects.count() == count
    client.post(add, {"m": municipality.slug, "deputy-full_name": "Петров Пётр",
                      "deputy-term_from": "2024-01-01"})
    assert Deputy.objects.count() == count + 1


def test_clerk_plans_a_session_adds_agenda_records_votes_and_a_decision(client, municipality,
                                                                        body, clerk):
    client.force_login(clerk)
    starts = (timezone.now() + timedelta(days=3)).astimezone(municipality.tz)
    response = client.post(reverse("office_council:add", kwargs={"what": "session"}), {
        "m": municipality.slug, "session-kind": "regular", "session-title": "Заседание № 1",
        "session-starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "session-place": "Зал",
        "session-broadcast_url": "https://video.example.ru/embed/1"})
    session = Session.objects.get()
    assert response["Location"] == reverse("office_council:session", kwargs={"pk": session.pk})
    page = reverse("office_council:session", kwargs={"pk": session.pk})
    client.post(page, {"action": "agenda", "agenda-title": "О бюджете",
                       "agenda-rapporteur": "Иванова"})
    item = session.items.get()
    votes = {f"vote-{item.pk}-d{d.pk}": "yes" for d in body.deputies.all()}
    client.post(page, {"action": "vote", "item": item.pk,
                       f"vote-{item.pk}-motion": "В целом", **votes})
    assert VoteEvent.objects.get().votes.count() == body.deputies.count()
    today = timezone.localdate()
    client.post(page, {"action": "decision", "item": item.pk,
                       f"decision-{item.pk}-number": "12", f"decision-{item.pk}-title": "О бюджете",
                       f"decision-{item.pk}-adopted_on": today.isoformat()})
    assert Decision.objects.get().number == "12"
    html = client.get(page).content.decode()
    assert "Записать поимённое голосование" in html


def test_a_bad_broadcast_url_is_a_form_error(client, municipality, body, clerk):
    client.force_login(clerk)
    response = client.post(reverse("office_council:add", kwargs={"what": "session"}), {
        "m": municipality.slug, "session-kind": "regular", "session-title": "Заседание",
        "session-starts_at": "2026-12-01T10:00", "session-place": "Зал",
        "session-broadcast_url": "http://video.example.ru/"})
    assert response.status_code == 200 and "https://" in response.content.decode()
    assert not Session.objects.exists()


def test_moderator_approves_a_question(client, municipality, planned_session, moderator,
                                       resident):
    question = ResidentQuestion.objects.create(agenda_item=planned_session.items.first(),
                                               author=resident, text="Вопрос о дорогах")
    client.force_login(moderator)
    html = client.get(reverse("office_council:questions")).content.decode()
    assert "Вопрос о дорогах" in html
    client.post(reverse("office_council:moderate", kwargs={"pk": question.pk}),
                {"decision": "approve"})
    question.refresh_from_db()
    assert question.status == QuestionStatus.APPROVED


def test_clerk_cannot_moderate(client, planned_session, clerk, resident):
    question = ResidentQuestion.objects.create(agenda_item=planned_session.items.first(),
                                               author=resident, text="Вопрос о дорогах")
    client.force_login(clerk)
    response = client.post(reverse("office_council:moderate", kwargs={"pk": question.pk}),
                           {"decision": "approve"})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.status == QuestionStatus.PENDING


def test_clerk_runs_a_meeting(client, municipality, body, clerk):
    client.force_login(clerk)
    client.post(reverse("office_council:add", kwargs={"what": "meeting"}), {
        "m": municipality.slug, "meeting-kind": "reception", "meeting-title": "Приём граждан",
        "meeting-starts_at": "2026-12-20T10:00", "meeting-place": "Каб. 5",
        "meeting-capacity": "10"})
    meeting = Meeting.objects.get()
    page = reverse("office_council:meeting", kwargs={"pk": meeting.pk})
    client.post(page, {"action": "question", "question-text": "Где свет?",
                       "question-answer": "Будет"})
    client.post(page, {"action": "task", "task-title": "Свет", "task-responsible": "УГХ",
                       "task-deadline": "2027-01-31"})
    task = meeting.tasks.get()
    client.post(page, {"action": "done", "task": task.pk, "result": "Сделано"})
    task.refresh_from_db()
    assert meeting.questions.count() == 1 and task.status == "done"


def test_the_typed_time_is_the_municipality_local_time(client, municipality, body, clerk):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    municipality.time_zone = "Asia/Kamchatka"
    municipality.save()
    client.force_login(clerk)
    client.post(reverse("office_council:add", kwargs={"what": "session"}), {
        "m": municipality.slug, "session-kind": "regular", "session-title": "Заседание",
        "session-starts_at": "2026-12-01T10:00", "session-place": "Зал"})
    assert Session.objects.get().starts_at == datetime(2026, 11, 30, 22, 0,
                                                       tzinfo=ZoneInfo("UTC"))
