"""Every role against every programs action: managing is for the administrator and
the analyst of the municipality (and the operator); reporting progress also for
its clerks; nobody of another municipality, no resident, no visitor."""

from __future__ import annotations

import pytest

from tests.programs.conftest import MANAGERS, REPORTERS, ROLES
from zemstvo.core.permissions import can
from zemstvo.programs.policies import RULES

pytestmark = pytest.mark.django_db

EXPECTED = {"programs.manage": MANAGERS, "programs.report": REPORTERS,
            "programs.view_office": REPORTERS, "programs.attach": REPORTERS}


def test_every_action_has_an_expectation():
    assert set(RULES) == set(EXPECTED)


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_on_a_program(role, action, person, program):
    assert can(person(role), action, program) is (role in EXPECTED[action])


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_in_the_municipality(role, action, person, municipality):
    assert can(person(role), action, municipality) is (role in EXPECTED[action])


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_anywhere(role, action, person):
    # Anywhere: the other municipality's administrator manages there.
    allowed = EXPECTED[action] | {"other_admin"}
    assert can(person(role), action, None) is (role in allowed)
