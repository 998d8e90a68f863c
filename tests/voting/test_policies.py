"""Every role against every voting action (policies.py's table)."""

from __future__ import annotations

import pytest

from tests.voting.conftest import ROLES
from zemstvo.core.permissions import actions, can

pytestmark = pytest.mark.django_db

ALLOWED = {
    "voting.view_office": {"clerk", "municipal_admin", "analyst", "regional_curator",
                           "operator"},
    "voting.manage": {"municipal_admin", "operator"},
    "voting.enter_paper": {"clerk", "municipal_admin", "operator"},
    "voting.paper_roll": {"clerk", "municipal_admin", "operator"},
    "voting.view_results": {"clerk", "municipal_admin", "analyst", "regional_curator",
                            "operator"},
    "voting.vote": {"verified_resident"},
}


def test_the_voting_module_declares_exactly_these_actions():
    assert sorted(a for a in actions() if a.startswith("voting.")) == sorted(ALLOWED)


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_on_a_poll(role, action, person, poll):
    assert can(person(role), action, poll) is (role in ALLOWED[action])


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_in_the_municipality(role, action, person, municipality):
    assert can(person(role), action, municipality) is (role in ALLOWED[action])


@pytest.mark.parametrize("action", sorted(set(ALLOWED) - {"voting.vote"}))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_staff_action_anywhere(role, action, person, municipality):
    """obj=None (the office menu): the role in any municipality."""
    expected = ALLOWED[action] | ({"other_admin"} if "municipal_admin" in ALLOWED[action]
                                  else set())
    assert can(person(role), action, None) is (role in expected)


def test_an_inactive_administrator_may_do_nothing(municipal_admin, poll):
    municipal_admin.is_active = False
    municipal_admin.save()
    assert not any(can(municipal_admin, action, poll) for action in ALLOWED)
