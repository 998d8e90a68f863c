"""The press centre: news can be linked to a session or a meeting, and the record's
public page shows the published news linked to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.council.factories import make_meeting, make_session
from zemstvo.news import linking
from zemstvo.news import services as news_services

pytestmark = pytest.mark.django_db


def test_sessions_and_meetings_are_offered_to_the_news_form(municipality, body):
    session = make_session(body)
    meeting = make_meeting(body)
    values = dict(linking.choices(municipality))
    assert values[linking.value_of(session)].startswith("Заседание ")
    assert values[linking.value_of(meeting)].startswith("Встреча ")


def test_published_news_shows_on_the_session_and_meeting_pages(client, editor, municipality,
                                                                body):
    session = make_session(body)
    meeting = make_meeting(body)
    for record, title in [(session, "Итоги заседания Думы"), (meeting, "Как прошла встреча")]:
        item = news_services.news_create(actor=editor, municipality=municipality,
                                         title=title, body="Текст", related=record)
        news_services.news_publish(actor=editor, item=item)
    session_page = client.get(reverse("council:session", kwargs={
        "municipality": municipality.slug, "pk": session.pk})).content.decode()
    meeting_page = client.get(reverse("council:meeting", kwargs={
        "municipality": municipality.slug, "pk": meeting.pk})).content.decode()
    assert "Итоги заседания Думы" in session_page and "Как прошла встреча" not in session_page
    assert "Как прошла встреча" in meeting_page
    assert linking.feed_url(session) in session_page
