"""Indicator 37 from the voting domain: a curator links a published survey poll to a
municipality and year with the options meaning "satisfied"; the rating then takes the
poll's published result (satisfied answers among all answers, in percent) instead of
the value entered in the report."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.effectiveness.conftest import YEAR
from tests.voting.factories import poll_with_options
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.effectiveness import ratings, survey
from zemstvo.effectiveness.models import SurveyLink
from zemstvo.voting.models import Ballot, BallotChoice, PaperResult, Poll, PollStatus

pytestmark = pytest.mark.django_db

OPTIONS = ("Удовлетворён", "Скорее удовлетворён", "Не удовлетворён")


def _survey_poll(municipality, counts=(3, 2, 5), paper=None, status=PollStatus.PUBLISHED):
    now = timezone.now()
    poll = poll_with_options(municipality, titles=OPTIONS, kind="survey", status=status,
                             opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1))
    options = list(poll.options.order_by("position"))
    for option, count in zip(options, counts, strict=True):
        for n in range(count):
            ballot = Ballot.objects.create(
                poll=poll, cast_on=date.today(),
                receipt_hash=hashlib.sha256(f"{poll.pk}-{option.pk}-{n}".encode()).hexdigest())
            BallotChoice.objects.create(ballot=ballot, poll=poll, option=option)
    if paper:
        PaperResult.objects.create(poll=poll, point_name="Участок № 1",
                                   ballots_count=sum(paper),
                                   counts={str(o.pk): c for o, c in zip(options, paper,
                                                                        strict=True)})
    return poll, options


def _link(curator, poll, options, year=YEAR):
    return survey.survey_link_save(actor=curator, region=poll.municipality.region,
                                   poll_id=poll.pk, year=year,
                                   satisfied=[options[0].pk, options[1].pk])


def test_relinking_keeps_who_linked_first_and_audits_the_change(
        municipality, regional_curator, operator):
    poll, options = _survey_poll(municipality)
    _link(regional_curator, poll, options)
    link = survey.survey_link_save(actor=operator, region=municipality.region,
                                   poll_id=poll.pk, year=YEAR, satisfied=[options[0].pk])
    link.refresh_from_db()
    assert link.created_by == regional_curator
    assert link.satisfied_options == [options[0].pk]
    events = AuditEvent.objects.filter(action="effectiveness.link_survey").order_by("id")
    assert [e.actor_id for e in events] == [regional_curator.pk, operator.pk]


def test_share_of_satisfied_matches_the_voting_results(municipality, regional_curator):
    """GIVEN 3 + 2 satisfied of 10 electronic answers and 4 + 0 of 10 on paper:
    (3 + 2 + 4) / 20 = 45 %."""
    from zemstvo.voting.selectors import public_poll, results

    poll, options = _survey_poll(municipality, paper=(4, 0, 6))
    link = _link(regional_curator, poll, options)
    [found] = survey.poll_results([link])
    assert found.share == Decimal("45.00")
    published = results(public_poll(poll.pk))
    shares = {r.option.pk: r.total for r in published.options}
    assert shares[options[0].pk] + shares[options[1].pk] == 9 and published.ballots == 20


def test_share_rounds_half_up_to_hundredths():
    assert survey.satisfied_share({1: 1, 2: 2}, [1]) == Decimal("33.33")
    assert survey.satisfied_share({1: 2, 2: 1}, [1]) == Decimal("66.67")
    assert survey.satisfied_share({}, [1]) is None


def test_rating_uses_the_poll_s_result_instead_of_the_entered_value(
    rated, municipality, regional_curator
):
    """The fixture entered 55 % for the test municipality; the poll says 50 %."""
    poll, options = _survey_poll(municipality, counts=(3, 2, 5))
    _link(regional_curator, poll, options)
    method = ratings.standard_methods(actor=regional_curator, region=municipality.region)[0]
    rating = ratings.rating_compute(actor=regional_curator, method=method, year=YEAR)
    assert rating.inputs["survey"][municipality.slug] == "50.00"
    assert rating.inputs["survey"][rated[1].slug] == "60.0000"
    row = next(r for r in rating.results["groups"]["urban_okrug"]
               if r["slug"] == municipality.slug)
    assert row["survey_index"] == "0.5000"
    assert ratings.rating_recompute(rating) == rating.results
    assert rating.inputs["survey_source"] == {municipality.slug: f"poll:{poll.pk}",
                                              **{m.slug: "indicator" for m in rated[1:]}}


def test_a_link_of_another_year_or_without_answers_leaves_the_entered_value(
    rated, municipality, regional_curator
):
    poll, options = _survey_poll(municipality, counts=(0, 0, 0))
    _link(regional_curator, poll, options)
    values, sources = ratings.survey_values(municipality.region, YEAR,
                                            {municipality.pk: municipality.slug})
    assert values == {municipality.slug: "55.0000"}
    assert sources == {municipality.slug: "indicator"}
    SurveyLink.objects.update(year=YEAR - 1)
    poll2, options2 = _survey_poll(municipality)
    assert ratings.survey_values(municipality.region, YEAR,
                                 {municipality.pk: municipality.slug})[0][municipality.slug] \
        == "55.0000"


def test_without_the_voting_app_the_entered_value_is_used(
    rated, municipality, regional_curator, monkeypatch
):
    poll, options = _survey_poll(municipality)
    _link(regional_curator, poll, options)
    monkeypatch.setattr(survey, "voting_installed", lambda: False)
    assert ratings.survey_values(municipality.region, YEAR,
                                 {municipality.pk: municipality.slug})[0] == {
        municipality.slug: "55.0000"}
    assert survey.survey_polls(municipality.region) == []
    with pytest.raises(DomainError, match="не подключён"):
        _link(regional_curator, poll, options)


def test_relinking_replaces_the_year_s_link_and_every_change_is_audited(
    municipality, regional_curator
):
    poll, options = _survey_poll(municipality)
    link = _link(regional_curator, poll, options)
    survey.survey_link_save(actor=regional_curator, region=municipality.region,
                            poll_id=poll.pk, year=YEAR, satisfied=[options[0].pk])
    assert SurveyLink.objects.get().satisfied_options == [options[0].pk]
    survey.survey_link_remove(actor=regional_curator, link=SurveyLink.objects.get())
    assert not SurveyLink.objects.exists()
    events = list(AuditEvent.objects.filter(action="effectiveness.link_survey",
                                            object_id=str(link.pk)).order_by("id"))
    assert [e.before is None for e in events] == [True, False, False]
    assert events[-1].after is None


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"satisfied": []}, "Отметьте варианты ответа"),
    ({"satisfied": "all"}, "Отметьте не все варианты"),
    ({"satisfied": [999999]}, "Отметьте варианты ответа"),
    ({"year": 2001}, "не раньше 2008"),
    ({"year": "два"}, "не раньше 2008"),
    ({"poll_id": 999999}, "Выберите опубликованное анкетирование"),
])
def test_bad_links_are_explained_and_nothing_is_written(
    municipality, regional_curator, kwargs, message
):
    poll, options = _survey_poll(municipality)
    data = {"poll_id": poll.pk, "year": YEAR, "satisfied": [options[0].pk]}
    data.update(kwargs)
    if data["satisfied"] == "all":
        data["satisfied"] = [o.pk for o in options]
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match=message):
        survey.survey_link_save(actor=regional_curator, region=municipality.region, **data)
    assert not SurveyLink.objects.exists() and AuditEvent.objects.count() == events


@pytest.mark.parametrize("status", [PollStatus.OPEN, PollStatus.CLOSED])
def test_only_a_published_survey_may_be_linked(municipality, regional_curator, status):
    poll, options = _survey_poll(municipality, status=status)
    with pytest.raises(DomainError, match="опубликованное"):
        _link(regional_curator, poll, options)
    assert not SurveyLink.objects.exists()


@pytest.mark.parametrize("role", ["analyst", "municipal_admin", "other_curator", "resident"])
def test_only_the_region_s_curator_links(municipality, person, role):
    poll, options = _survey_poll(municipality)
    with pytest.raises((NotAllowed, DomainError)):
        _link(person(role), poll, options)
    assert not SurveyLink.objects.exists()


def test_office_page_links_and_unlinks_a_poll(client, municipality, regional_curator):
    poll, options = _survey_poll(municipality)
    client.force_login(regional_curator)
    url = reverse("office_effectiveness:survey")
    page = client.get(url)
    assert poll.title in page.content.decode()
    form_page = client.get(url + f"?poll={poll.pk}")
    assert "Удовлетворён" in form_page.content.decode()
    bad = client.post(url, {"poll": poll.pk, "year": YEAR})
    assert bad.status_code == 422 and not SurveyLink.objects.exists()
    done = client.post(url, {"poll": poll.pk, "year": YEAR,
                             "satisfied": [options[0].pk, options[1].pk]})
    assert done.status_code == 302
    link = SurveyLink.objects.get()
    assert "50,00" in client.get(url).content.decode()
    client.post(reverse("office_effectiveness:survey_remove", kwargs={"pk": link.pk}))
    assert not SurveyLink.objects.exists()


@pytest.mark.parametrize("poll_value", ["", "abc", "999999", "draft"])
def test_office_page_explains_a_poll_not_in_the_list_and_writes_nothing(
        client, municipality, regional_curator, poll_value):
    """A link posted without a poll, with a number that is no published survey of the
    region, or with a draft poll's number: 422 with a Russian message, nothing saved."""
    poll, options = _survey_poll(municipality)
    if poll_value == "draft":
        draft, _draft_options = _survey_poll(municipality)
        Poll.objects.filter(pk=draft.pk).update(status=PollStatus.DRAFT)
        poll_value = str(draft.pk)
    client.force_login(regional_curator)
    response = client.post(reverse("office_effectiveness:survey"),
                           {"poll": poll_value, "year": YEAR, "satisfied": [options[0].pk]})
    assert response.status_code == 422
    assert "Выберите опрос из списка" in response.content.decode()
    assert not SurveyLink.objects.exists()


@pytest.mark.parametrize("role", ["analyst", "municipal_admin"])
def test_office_page_is_closed_to_municipal_staff(client, municipality, person, role,
                                                  regional_curator):
    poll, options = _survey_poll(municipality)
    link = _link(regional_curator, poll, options)
    client.force_login(person(role))
    assert client.get(reverse("office_effectiveness:survey")).status_code == 403
    assert client.post(reverse("office_effectiveness:survey_remove",
                               kwargs={"pk": link.pk})).status_code == 403
    assert SurveyLink.objects.exists()


def test_another_region_s_curator_cannot_unlink(client, municipality, regional_curator,
                                               other_curator):
    poll, options = _survey_poll(municipality)
    link = _link(regional_curator, poll, options)
    client.force_login(other_curator)
    response = client.post(reverse("office_effectiveness:survey_remove",
                                   kwargs={"pk": link.pk}))
    assert response.status_code == 404 and SurveyLink.objects.exists()
