"""Every accounts page renders, with one h1, labelled fields and a fixed query count."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.markup import check_markup
from tests.factories import MunicipalityFactory, SettlementFactory

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = ["register", "register_done", "confirm_resend", "login", "password_reset",
                   "password_reset_done", "password_reset_complete"]
SIGNED_IN_PAGES = ["profile", "residence", "tokens", "password_change", "password_change_done"]


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_public_page_renders(client, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 200
    check_markup(response.content.decode())


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_page_renders(client, person, name, django_assert_max_num_queries):
    client.force_login(person)
    with django_assert_max_num_queries(8):
        response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 200
    check_markup(response.content.decode())


def test_login_page_fields(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'name="username"' in html and 'name="password"' in html
    assert "Логин или электронная почта" in html


def test_residence_search_costs_the_same_at_two_sizes(
    client, person, django_assert_max_num_queries
):
    client.force_login(person)
    url = reverse("accounts:residence")
    client.get(url)
    counts = []
    for extra in (2, 60):
        MunicipalityFactory.create_batch(extra)
        with django_assert_max_num_queries(6) as captured:
            html = client.get(url, {"q": "Городской"}).content.decode()
        counts.append(len(captured.captured_queries))
        check_markup(html)
    assert counts[0] == counts[1]


def test_settlement_step_costs_the_same_at_two_sizes(
    client, person, municipality, django_assert_max_num_queries
):
    client.force_login(person)
    url = reverse("accounts:residence")
    counts = []
    for extra in (2, 40):
        SettlementFactory.create_batch(extra, municipality=municipality)
        with django_assert_max_num_queries(6) as captured:
            html = client.get(url, {"municipality": municipality.slug}).content.decode()
        counts.append(len(captured.captured_queries))
        check_markup(html)
    assert counts[0] == counts[1]
