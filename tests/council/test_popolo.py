"""The Popolo export validates against schema checks written from the Popolo
specification, links every reference, and carries counts equal to the votes."""

from __future__ import annotations

import pytest

from tests.council.factories import make_body, make_session
from tests.council.popolo_schema import EXPORT, MEMBERSHIP, VOTE_EVENT, validate
from zemstvo.council import services

pytestmark = pytest.mark.django_db


def _export(client, municipality):
    response = client.get(f"/api/v1/popolo/{municipality.slug}.json")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def full_body(municipality, clerk):
    body = make_body(municipality, deputies=4)
    deputies = list(body.deputies.all())
    services.committee_create(actor=clerk, body=body, name="Бюджетная комиссия",
                              members=deputies[1:], chair=deputies[0])
    make_session(body, items=2)
    return body


def test_export_validates_against_the_popolo_schema(client, municipality, full_body):
    data = _export(client, municipality)
    assert validate(data, EXPORT) == []
    assert len(data["persons"]) == 4
    assert {o["classification"] for o in data["organizations"]} == {
        "legislature", "party", "committee"}
    assert len(data["events"]) == 1 and len(data["vote_events"]) == 2


def test_every_reference_points_to_an_exported_record(client, municipality, full_body):
    data = _export(client, municipality)
    persons = {p["id"] for p in data["persons"]}
    organizations = {o["id"] for o in data["organizations"]}
    motions = {m["id"] for m in data["motions"]}
    events = {e["id"] for e in data["events"]}
    for membership in data["memberships"]:
        assert membership["person_id"] in persons
        assert membership["organization_id"] in organizations
    for vote_event in data["vote_events"]:
        assert vote_event["motion_id"] in motions
        assert vote_event["legislative_session_id"] in events
        assert {v["voter_id"] for v in vote_event["votes"]} <= persons


def test_export_counts_equal_the_individual_votes(client, municipality, full_body):
    for vote_event in _export(client, municipality)["vote_events"]:
        counted = {c["option"]: c["value"] for c in vote_event["counts"]}
        tallied: dict[str, int] = {}
        for vote in vote_event["votes"]:
            tallied[vote["option"]] = tallied.get(vote["option"], 0) + 1
        assert counted == tallied and sum(counted.values()) == 4


def test_committee_chair_is_a_membership_with_the_chair_role(client, municipality, full_body):
    data = _export(client, municipality)
    roles = [m["role"] for m in data["memberships"] if m["organization_id"].startswith("comm")]
    assert roles.count("председатель") == 1


def test_the_validator_catches_bad_records():
    assert validate({"motion_id": "m", "counts": [{"option": "maybe", "value": "1"}]},
                    VOTE_EVENT)
    assert validate({"person_id": "p"}, MEMBERSHIP) == ["$: missing organization_id"]
    assert validate({"person_id": "p", "organization_id": "o", "start_date": "01.01.2020"},
                    MEMBERSHIP)


def test_export_has_no_residents_data(client, municipality, full_body, resident):
    from zemstvo.council.models import ResidentQuestion

    item = full_body.sessions.first().items.first()
    ResidentQuestion.objects.create(agenda_item=item, author=resident, text="Секретный вопрос")
    content = client.get(f"/api/v1/popolo/{municipality.slug}.json").content.decode()
    assert "Секретный вопрос" not in content and resident.username not in content


def test_unknown_municipality_or_body_is_404(client, municipality):
    assert client.get("/api/v1/popolo/nowhere.json").status_code == 404
    assert client.get(f"/api/v1/popolo/{municipality.slug}.json").status_code == 404


@pytest.mark.parametrize("sessions", [1, 6])
def test_export_costs_a_fixed_number_of_queries(client, municipality, sessions,
                                                django_assert_max_num_queries):
    body = make_body(municipality, deputies=3)
    for _ in range(sessions):
        make_session(body)
    with django_assert_max_num_queries(10):
        client.get(f"/api/v1/popolo/{municipality.slug}.json")

