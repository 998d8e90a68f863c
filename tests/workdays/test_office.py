"""Who sees the production calendar, and its office page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from zemstvo.core.permissions import can

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
         "municipal_admin", "regional_curator", "operator"]
ALLOWED = {
    "workdays.view": {"municipal_admin", "operator"},
    "workdays.manage": {"operator"},
}
URL = "/office/workdays/"


@pytest.fixture
def users(request):
    def get(role):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_every_workdays_action(users, municipality, role, action):
    user = users(role)

    assert can(user, action, None) is (role in ALLOWED[action])
    assert can(user, action, municipality) is (role in ALLOWED[action])


def test_an_administrator_of_another_municipality_sees_only_anywhere(municipality):
    admin = UserFactory()
    MembershipFactory(user=admin, role="administrator", municipality=MunicipalityFactory())

    assert can(admin, "workdays.view", None)
    assert not can(admin, "workdays.view", municipality)


def test_the_url_is_the_office_entry_of_the_module():
    assert reverse("office_workdays:index") == URL


@pytest.mark.parametrize("role", ["municipal_admin", "operator"])
def test_administrators_and_the_operator_see_the_loaded_years(client, users, role, calendars):
    client.force_login(users(role))

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Производственный календарь</h1>" in html
    assert "Федеральный календарь" in html and "Региональный календарь «tatar»" in html
    row_2025 = next(r for r in html.split("<tr>") if "<th scope=\"row\">2025</th>" in r)
    cells = [c.split("</td>")[0] for c in row_2025.split("<td>")[1:4]]
    root = ET.parse(settings.ZEMSTVO_DATA_DIR / "calendar" / "ru-2025.xml").getroot()
    kinds = [day.get("t") for day in root.iter("day")]
    assert cells == [str(kinds.count("1")), str(kinds.count("2")), str(kinds.count("3"))]
    assert cells == ["19", "4", "0"]
    assert 'href="/office/workdays/"' in html  # the office menu entry


@pytest.mark.parametrize("role", ["editor", "clerk", "regional_curator", "resident"])
def test_other_roles_are_refused(client, users, role):
    client.force_login(users(role))

    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_page_costs_a_fixed_number_of_queries(
    client, operator, calendars, django_assert_max_num_queries, tmp_path
):
    from zemstvo.core.workdays.services import calendar_load

    client.force_login(operator)
    client.get(URL)
    with django_assert_max_num_queries(6):
        small = client.get(URL)
    extra = tmp_path / "extra-2030.xml"
    extra.write_text("<calendar year='2030'><days><day d='01.01' t='1'/></days></calendar>",
                     encoding="utf-8")
    calendar_load(files=[extra])
    with django_assert_max_num_queries(6):
        big = client.get(URL)
    assert "extra" in big.content.decode() and "extra" not in small.content.decode()
