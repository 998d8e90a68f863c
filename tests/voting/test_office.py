"""Staff pages: the list, the poll form (local time), options, open/close/publish,
protocols of polling points, results with free-text answers, the dashboard card."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.voting.conftest import option_ids
from tests.voting.factories import PollFactory
from zemstvo.voting.models import PaperResult, Poll, PollKind, PollStatus
from zemstvo.voting.services import ballot_cast

pytestmark = pytest.mark.django_db

FORM = {"title": "Где поставить детскую площадку?", "kind": "advisory",
        "ballot_type": "single", "opens_at": "2030-05-01T09:00",
        "closes_at": "2030-05-10T21:00"}


@pytest.mark.parametrize("role, status, sees", [
    ("municipal_admin", 200, True), ("clerk", 200, True), ("analyst", 200, True),
    ("regional_curator", 200, True), ("editor", 403, False),
    ("verified_resident", 403, False),
    # An administrator elsewhere gets their own municipality's list, not this one.
    ("other_admin", 200, False),
])
def test_office_list_by_role(client, person, municipality, poll, role, status, sees):
    client.force_login(person(role))
    response = client.get(reverse("office_voting:list"), {"m": municipality.slug})
    assert response.status_code == status
    assert (poll.title in response.content.decode()) is sees


def test_the_administrator_creates_a_poll_in_local_time(client, municipal_admin, municipality):
    municipality.time_zone = "Asia/Vladivostok"
    municipality.save()
    client.force_login(municipal_admin)
    response = client.post(reverse("office_voting:create") + f"?m={municipality.slug}", FORM)
    poll = Poll.objects.get()
    assert response.status_code == 302
    assert poll.opens_at.isoformat() == "2030-04-30T23:00:00+00:00"  # 09:00 at UTC+10
    edit = client.get(reverse("office_voting:edit", args=[poll.pk])).content.decode()
    assert 'value="2030-05-01T09:00"' in edit


def test_bad_form_input_shows_the_message_and_writes_nothing(client, municipal_admin,
                                                             municipality):
    client.force_login(municipal_admin)
    bad = FORM | {"closes_at": "2030-04-01T09:00"}
    response = client.post(reverse("office_voting:create") + f"?m={municipality.slug}", bad)
    assert "Окончание голосования должно быть позже начала." in response.content.decode()
    assert not Poll.objects.exists()


def test_a_clerk_may_not_create_or_open(client, clerk, municipality):
    client.force_login(clerk)
    assert client.post(reverse("office_voting:create"), FORM).status_code == 403
    draft = PollFactory(municipality=municipality, status=PollStatus.DRAFT)
    client.post(reverse("office_voting:transition", args=[draft.pk, "open"]))
    assert Poll.objects.get(pk=draft.pk).status == PollStatus.DRAFT


def test_options_are_added_edited_removed_and_the_poll_opened(client, municipal_admin,
                                                              municipality):
    client.force_login(municipal_admin)
    client.post(reverse("office_voting:create") + f"?m={municipality.slug}", FORM)
    poll = Poll.objects.get()
    edit = reverse("office_voting:edit", args=[poll.pk])
    for title in ("Двор на Лесной", "Двор на Садовой", "Лишний"):
        client.post(edit, {"form": "option", "title": title})
    dup = client.post(edit, {"form": "option", "title": "Лишний"})
    assert "Вариант с таким названием уже есть." in dup.content.decode()
    extra = poll.options.get(title="Лишний")
    client.post(reverse("office_voting:option", args=[poll.pk, extra.pk]),
                {"action": "remove", "title": "Лишний"})
    assert poll.options.count() == 2
    client.post(reverse("office_voting:transition", args=[poll.pk, "open"]))
    poll.refresh_from_db()
    assert poll.status == PollStatus.OPEN and poll.min_age == 18


def test_paper_protocol_entry_and_results_with_free_text(client, clerk, analyst, municipality,
                                                         verified_resident):
    poll = PollFactory(municipality=municipality, kind=PollKind.SURVEY,
                       free_text_question="Что ещё улучшить?")
    from tests.voting.factories import OptionFactory

    a, b = OptionFactory(poll=poll).pk, OptionFactory(poll=poll).pk
    ballot_cast(actor=verified_resident, poll=poll, choices=[a], free_text="Освещение у школы")
    client.force_login(clerk)
    url = reverse("office_voting:paper", args=[poll.pk])
    bad = client.post(url, {"point_name": "Участок № 1", "ballots_count": 3,
                            f"option_{a}": 3, f"option_{b}": 2})
    assert "Сумма голосов больше" in bad.content.decode()
    assert not PaperResult.objects.exists()
    client.post(url, {"point_name": "Участок № 1", "ballots_count": 3,
                      f"option_{a}": 1, f"option_{b}": 2})
    assert PaperResult.objects.get().counts == {str(a): 1, str(b): 2}
    client.force_login(analyst)
    assert client.get(url).status_code == 403
    html = client.get(reverse("office_voting:results", args=[poll.pk])).content.decode()
    assert "Освещение у школы" in html and "<svg" in html
    public = client.get(reverse("voting:detail", kwargs={"municipality": municipality.slug,
                                                         "pk": poll.pk})).content.decode()
    assert "Освещение у школы" not in public


def test_dashboard_card_shows_live_turnout(client, municipal_admin, municipality, poll,
                                           verified_resident, voters):
    ballot_cast(actor=verified_resident, poll=poll, choices=option_ids(poll)[:1])
    PollFactory(municipality=municipality, status=PollStatus.CLOSED)
    client.force_login(municipal_admin)
    html = client.get(reverse("shell:office") + f"?m={municipality.slug}").content.decode()
    assert f"Явка: {poll.title}" in html
    assert "16.7% (1 / 6)" in html
    assert "Завершены, итоги не опубликованы" in html


@pytest.mark.parametrize("name", ["edit", "results", "paper"])
def test_staff_of_another_municipality_cannot_open_a_poll(client, other_admin, poll, name):
    client.force_login(other_admin)
    assert client.get(reverse(f"office_voting:{name}", args=[poll.pk])).status_code == 404
