"""Every role against every council action, in the test municipality and for the
office menu (obj=None)."""

from __future__ import annotations

import pytest

from tests.council.conftest import ROLES
from zemstvo.core.permissions import can
from zemstvo.council.policies import RULES

pytestmark = pytest.mark.django_db

MANAGERS = {"clerk", "municipal_admin", "operator"}
MODERATORS = {"moderator", "municipal_admin", "operator"}
OFFICE = MANAGERS | MODERATORS
SIGNED_IN = set(ROLES) - {"anonymous"}
ALLOWED = {
    "council.manage": MANAGERS,
    "council.attach": MANAGERS,
    "council.moderate_questions": MODERATORS,
    "council.view_office": OFFICE,
    "council.ask": SIGNED_IN,
    "council.register": SIGNED_IN,
}


def test_the_table_covers_every_action():
    assert set(ALLOWED) == set(RULES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_role_against_action_in_the_municipality(person, municipality, body, role, action):
    assert can(person(role), action, body) is (role in ALLOWED[action])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["council.manage", "council.moderate_questions",
                                    "council.view_office"])
def test_role_against_action_anywhere(person, municipality, role, action):
    # A clerk elsewhere manages (and opens the office) in their own municipality.
    other = role == "other_clerk" and action != "council.moderate_questions"
    expected = role in ALLOWED[action] or other
    assert can(person(role), action, None) is expected


def test_staff_of_another_municipality_has_no_rights_here(other_clerk, body):
    assert not can(other_clerk, "council.manage", body)
    assert not can(other_clerk, "council.view_office", body)


def test_inactive_user_is_treated_as_anonymous(resident, planned_session):
    resident.is_active = False
    resident.save()
    assert not can(resident, "council.ask", planned_session.items.first())
