"""The anonymous page cache serves only pages that are the same for every visitor."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.ZEMSTVO_PAGE_CACHE_SECONDS = 30
    cache.clear()
    yield
    cache.clear()


def test_a_public_page_is_served_from_the_cache_without_queries(
    client, municipality, django_assert_num_queries
):
    url = f"/m/{municipality.slug}/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert municipality.name in response.content.decode()


def test_display_choices_get_their_own_cached_copy(client, municipality):
    url = f"/m/{municipality.slug}/"
    client.get(url)
    client.cookies["zemstvo_a11y"] = "1"
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert '<body class="a11y' in response.content.decode()


def test_signed_in_visitors_always_get_a_fresh_page(client, municipality, resident):
    client.force_login(resident)
    url = f"/m/{municipality.slug}/"
    client.get(url)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert resident.username in response.content.decode()


def test_pages_with_a_form_token_are_not_cached(client):
    client.get("/accounts/login/")
    assert "X-Page-Cache" not in client.get("/accounts/login/")


def test_office_and_api_are_never_cached(client):
    assert "X-Page-Cache" not in client.get("/api/v1/regions")
    assert "X-Page-Cache" not in client.get("/api/v1/regions")


def test_a_page_not_found_is_not_cached(client):
    client.get("/m/nowhere/")
    MunicipalityFactory(slug="nowhere")
    assert client.get("/m/nowhere/").status_code == 200


def test_cached_pages_carry_no_csrf_token(client, municipality):
    page = client.get(f"/m/{municipality.slug}/").content.decode()
    assert "csrfmiddlewaretoken" not in page


def test_display_switches_work_without_a_csrf_token(municipality):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/accessibility/", {"a11y": "1", "next": "/"}).status_code == 302
    assert strict.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
