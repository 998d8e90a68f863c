"""Fixtures of the programs tests: an analyst, people by role name, the rule kernel's
calendar, and a hand-computed program."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import MembershipFactory, UserFactory
from tests.programs.factories import hand_program

ROLES = (
    "anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
    "municipal_admin", "analyst", "regional_curator", "operator", "other_admin",
)
MANAGERS = {"municipal_admin", "analyst", "operator"}
REPORTERS = MANAGERS | {"clerk"}


@pytest.fixture
def analyst(municipality):
    user = UserFactory(username="analyst")
    MembershipFactory(user=user, role="analyst", municipality=municipality)
    return user


@pytest.fixture
def other_admin(other_municipality):
    user = UserFactory(username="other_admin")
    MembershipFactory(user=user, role="administrator", municipality=other_municipality)
    return user


@pytest.fixture
def person(request):
    def get(role: str):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def today():
    return date(2026, 6, 15)


@pytest.fixture
def program(municipality, analyst, today):
    return hand_program(municipality, analyst, today)
