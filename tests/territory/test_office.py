"""The regional curator's pages for опорные населённые пункты (/office/territory/)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, RegionFactory, UserFactory
from zemstvo.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LIST = "/office/territory/support/"


@pytest.fixture
def curator(territory):
    user = UserFactory(username="vologda-curator")
    MembershipFactory(user=user, role="regional_curator", municipality=None,
                      region=territory.region)
    return user


def _edit_url(settlement) -> str:
    return reverse("office_territory:support_edit", args=[settlement.pk])


def test_the_list_shows_support_settlements_and_finds_others(client, curator, territory):
    territory.ferapontovo.is_support = True
    territory.ferapontovo.save()
    territory.ferapontovo.adjacent.set([territory.ivanovka])
    client.force_login(curator)

    response = client.get(LIST, {"q": "кирил"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Опорные населённые пункты</h1>" in html
    assert "д Ферапонтово" in html and "д Ивановка" in html
    assert _edit_url(territory.kirillov) in html  # found by its name in lower case
    assert 'href="/office/territory/support/"' in html  # the office menu entry


def test_curator_marks_a_settlement_and_its_adjacent(client, curator, territory):
    client.force_login(curator)
    page = client.get(_edit_url(territory.kirillov)).content.decode()
    assert "д Ивановка" in page and "г Вологда" not in page  # only the same district

    response = client.post(_edit_url(territory.kirillov),
                           {"is_support": "on", "adjacent": [territory.ivanovka.pk]})

    assert response.status_code == 302
    territory.kirillov.refresh_from_db()
    assert territory.kirillov.is_support
    assert list(territory.kirillov.adjacent.all()) == [territory.ivanovka]
    assert AuditEvent.objects.get(action="territory.mark_support_settlement").actor == curator


def test_errors_of_the_service_are_shown_on_the_form(client, curator, territory):
    territory.ferapontovo.is_support = True
    territory.ferapontovo.save()
    client.force_login(curator)

    response = client.post(_edit_url(territory.kirillov),
                           {"is_support": "on", "adjacent": [territory.ferapontovo.pk]})

    assert response.status_code == 200
    assert "«д Ферапонтово» — сам опорный населённый пункт." in response.content.decode()
    territory.kirillov.refresh_from_db()
    assert not territory.kirillov.is_support


def test_adjacent_without_support_is_a_form_error(client, curator, territory):
    client.force_login(curator)

    response = client.post(_edit_url(territory.kirillov), {"adjacent": [territory.ivanovka.pk]})

    assert "отмечаются только у опорного" in response.content.decode()
    assert not territory.kirillov.adjacent.exists()


def test_unmarking_clears_the_flag(client, curator, territory):
    territory.kirillov.is_support = True
    territory.kirillov.save()
    client.force_login(curator)

    response = client.post(_edit_url(territory.kirillov), {})

    assert response.status_code == 302
    territory.kirillov.refresh_from_db()
    assert not territory.kirillov.is_support


def test_a_curator_of_another_region_and_staff_are_refused(client, territory, clerk):
    stranger = UserFactory()
    MembershipFactory(user=stranger, role="regional_curator", municipality=None,
                      region=RegionFactory())
    client.force_login(stranger)
    assert client.get(_edit_url(territory.kirillov)).status_code == 403
    assert client.post(_edit_url(territory.kirillov), {"is_support": "on"}).status_code == 403
    territory.kirillov.refresh_from_db()
    assert not territory.kirillov.is_support
    # the stranger's list shows only their own region's settlements
    assert "г Кириллов" not in client.get(LIST, {"q": "Кириллов"}).content.decode()

    client.force_login(clerk)
    assert client.get(LIST).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, territory):
    assert client.get(LIST).status_code == 302
    assert client.get(_edit_url(territory.kirillov)).status_code == 302


def test_the_pages_cost_a_fixed_number_of_queries(
    client, curator, territory, django_assert_max_num_queries
):
    territory.ferapontovo.is_support = True
    territory.ferapontovo.save()
    territory.ferapontovo.adjacent.set([territory.ivanovka])
    client.force_login(curator)
    for url in (LIST + "?q=Кириллов", _edit_url(territory.kirillov)):
        client.get(url)
        with django_assert_max_num_queries(8):
            client.get(url)
    territory.grow()
    for url in (LIST + "?q=Кириллов", _edit_url(territory.kirillov)):
        with django_assert_max_num_queries(8):
            client.get(url)
