"""Fixtures of the initiative tests: calendars loaded, a round open, people by role."""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, UserFactory
from tests.initiatives.factories import open_round, ready_draft
from zemstvo.core.workdays.services import calendar_load

ROLES = (
    "anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
    "municipal_admin", "commission_member", "regional_curator", "operator", "other_admin",
    "outsider_verified",
)


@pytest.fixture(autouse=True)
def calendars(db):
    """Deadlines need the production calendar (the shipped years)."""
    calendar_load()


@pytest.fixture
def commission_member(municipality):
    user = UserFactory(username="commission")
    MembershipFactory(user=user, role="commission_member", municipality=municipality)
    return user


@pytest.fixture
def second_member(municipality):
    user = UserFactory(username="commission2")
    MembershipFactory(user=user, role="commission_member", municipality=municipality)
    return user


@pytest.fixture
def other_admin(other_municipality):
    user = UserFactory(username="other_admin")
    MembershipFactory(user=user, role="administrator", municipality=other_municipality)
    return user


@pytest.fixture
def outsider_verified(other_municipality):
    from tests.factories import VerifiedResidentFactory

    return VerifiedResidentFactory(username="outsider", residence_municipality=other_municipality)


@pytest.fixture
def person(request):
    def get(role: str):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def round_(municipality, municipal_admin):
    return open_round(municipality, municipal_admin)


@pytest.fixture
def draft(round_, verified_resident):
    return ready_draft(round_, verified_resident)
