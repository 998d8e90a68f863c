"""Fixtures of the voting tests: people by role name and polls of each ballot type."""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, UserFactory, VerifiedResidentFactory
from tests.voting.factories import budget_poll, poll_with_options
from zemstvo.voting.models import BallotType

ROLES = (
    "anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
    "municipal_admin", "analyst", "regional_curator", "operator", "other_admin",
)


@pytest.fixture
def analyst(municipality):
    user = UserFactory(username="analyst")
    MembershipFactory(user=user, role="analyst", municipality=municipality)
    return user


@pytest.fixture
def other_admin(other_municipality):
    """An administrator of another municipality: no rights in the test one."""
    user = UserFactory(username="other_admin")
    MembershipFactory(user=user, role="administrator", municipality=other_municipality)
    return user


@pytest.fixture
def person(request):
    def get(role: str):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def voters(municipality, settlement):
    """Five more verified adult residents of the municipality."""
    return [VerifiedResidentFactory(residence_municipality=municipality,
                                    residence_settlement=settlement) for _ in range(5)]


@pytest.fixture
def poll(municipality):
    return poll_with_options(municipality)


@pytest.fixture
def multiple_poll(municipality):
    return poll_with_options(municipality, titles=("Лавочки", "Фонари", "Урны", "Клумбы"),
                             ballot_type=BallotType.MULTIPLE, min_choices=2, max_choices=3)


@pytest.fixture
def budget(municipality):
    return budget_poll(municipality)


@pytest.fixture
def cumulative_poll(municipality):
    return poll_with_options(municipality, titles=("Парк", "Школа", "Дорога"),
                             ballot_type=BallotType.CUMULATIVE, points_total=10)


def option_ids(poll) -> list[int]:
    return [o.pk for o in poll.options.order_by("position")]
