"""Every role against every community action: the municipality's administrator and
clerk (and the platform operator) manage and see the roll; the editor reads the office
pages; everyone else, including staff of another municipality, is refused."""

from __future__ import annotations

import pytest

from tests.community.conftest import MANAGERS, READERS, ROLES
from zemstvo.core.permissions import actions, can

pytestmark = pytest.mark.django_db

EXPECTED = {
    "community.view_office": READERS,
    "community.manage": MANAGERS,
    "community.view_personal_data": MANAGERS,
    "community.attach": MANAGERS,
}


def test_the_module_declares_exactly_these_actions():
    assert sorted(a for a in actions() if a.startswith("community.")) == sorted(EXPECTED)


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_on_a_record(role, action, person, tos):
    assert can(person(role), action, tos) is (role in EXPECTED[action])


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_in_the_municipality(role, action, person, municipality):
    assert can(person(role), action, municipality) is (role in EXPECTED[action])


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_anywhere(role, action, person, municipality):
    allowed = EXPECTED[action] | ({"other_clerk"} if "clerk" in EXPECTED[action] else set())
    assert can(person(role), action, None) is (role in allowed)
