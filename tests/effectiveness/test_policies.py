"""Every role against every effectiveness action: the analyst works on its own
municipality's values, the curator on the region's catalogue, campaigns, reviews and
ratings, the administrator keeps the plan with the analyst; nobody else."""

from __future__ import annotations

import pytest

from tests.effectiveness.conftest import ROLES
from zemstvo.core.permissions import actions, can

pytestmark = pytest.mark.django_db

ALLOWED = {
    "effectiveness.view_office": {"analyst", "municipal_admin", "regional_curator", "operator"},
    "effectiveness.enter_values": {"analyst", "operator"},
    "effectiveness.submit": {"analyst", "operator"},
    "effectiveness.manage_catalogue": {"regional_curator", "operator"},
    "effectiveness.manage_campaign": {"regional_curator", "operator"},
    "effectiveness.review": {"regional_curator", "operator"},
    "effectiveness.compute_rating": {"regional_curator", "operator"},
    "effectiveness.link_survey": {"regional_curator", "operator"},
    "effectiveness.manage_plan": {"analyst", "municipal_admin", "operator"},
    "effectiveness.attach": {"analyst", "municipal_admin", "operator"},
}


def test_the_module_declares_exactly_these_actions():
    assert sorted(a for a in actions() if a.startswith("effectiveness.")) == sorted(ALLOWED)


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_in_the_municipality(role, action, person, municipality):
    assert can(person(role), action, municipality) is (role in ALLOWED[action])


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_on_a_report(role, action, person, report):
    assert can(person(role), action, report) is (role in ALLOWED[action])


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_anywhere(role, action, person, municipality, other_municipality):
    """obj=None (menus): anyone who holds the right somewhere."""
    expected = ALLOWED[action] | (
        {"other_analyst"} if "analyst" in ALLOWED[action] else set()) | (
        {"other_curator"} if "regional_curator" in ALLOWED[action] else set())
    assert can(person(role), action, None) is (role in expected)


def test_curator_of_a_region_may_correct_the_shared_federal_catalogue(
    catalogue, regional_curator, analyst
):
    from tests.effectiveness.conftest import indicator

    assert can(regional_curator, "effectiveness.manage_catalogue", indicator("1"))
    assert not can(analyst, "effectiveness.manage_catalogue", indicator("1"))


def test_an_inactive_analyst_may_do_nothing(analyst, municipality):
    analyst.is_active = False
    analyst.save()
    assert not any(can(analyst, a, municipality) for a in ALLOWED)
