"""Council API: the list of sessions of a municipality and one session with its
agenda, documents, votes and decisions."""

from __future__ import annotations

import pytest

from tests.council.factories import make_body, make_session
from zemstvo.core.attachments.services import attachment_add

pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def test_sessions_of_a_municipality_are_listed(client, municipality, other_municipality,
                                               held_session):
    make_session(make_body(other_municipality, deputies=1), title="Чужое заседание")
    response = client.get(f"/api/v1/council/sessions?municipality={municipality.slug}")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["items"][0]["id"] == held_session.pk
    assert data["items"][0]["url"].endswith(f"/sessions/{held_session.pk}/")


def test_unknown_municipality_is_422_in_russian(client):
    response = client.get("/api/v1/council/sessions?municipality=nowhere")
    assert response.status_code == 422
    assert "не найдено" in response.json()["errors"]["municipality"][0]


def test_session_detail_has_agenda_votes_documents_and_counts(client, municipality,
                                                              held_session, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = held_session.items.first()
    attachment_add(actor=clerk, owner=item,
                   file=SimpleUploadedFile("proekt.pdf", PDF, "application/pdf"))
    data = client.get(f"/api/v1/council/sessions/{held_session.pk}").json()
    assert [i["order"] for i in data["agenda"]] == [1, 2]
    first = data["agenda"][0]
    assert first["documents"][0]["url"].startswith("http")
    event = first["vote_events"][0]
    assert sum(event["counts"].values()) == len(event["votes"]) == 5
    assert event["counts"]["yes"] == sum(v["option"] == "yes" for v in event["votes"])


def test_missing_session_is_404(client):
    assert client.get("/api/v1/council/sessions/999999").status_code == 404


@pytest.mark.parametrize("count", [2, 12])
def test_session_list_costs_a_fixed_number_of_queries(client, municipality, count,
                                                      django_assert_max_num_queries):
    body = make_body(municipality, deputies=1)
    for _ in range(count):
        make_session(body, votes=False, items=0)
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/council/sessions?municipality={municipality.slug}")
    assert response.json()["count"] == count


def test_session_list_times_carry_the_local_offset(client, municipality, held_session):
    municipality.time_zone = "Asia/Kamchatka"
    municipality.save()
    data = client.get(f"/api/v1/council/sessions?municipality={municipality.slug}").json()
    assert data["items"][0]["starts_at"].endswith("+12:00")
