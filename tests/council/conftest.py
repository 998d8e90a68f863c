"""Fixtures of the council tests: a body with deputies, sessions, people by role."""

from __future__ import annotations

import pytest

from tests.council.factories import make_body, make_meeting, make_session
from tests.factories import MembershipFactory, UserFactory
from zemstvo.council.models import SessionStatus

ROLES = (
    "anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
    "municipal_admin", "regional_curator", "operator", "other_clerk",
)


@pytest.fixture
def other_clerk(other_municipality):
    user = UserFactory(username="other_clerk")
    MembershipFactory(user=user, role="clerk", municipality=other_municipality)
    return user


@pytest.fixture
def person(request):
    def get(role: str):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def body(municipality):
    return make_body(municipality)


@pytest.fixture
def held_session(body):
    return make_session(body)


@pytest.fixture
def planned_session(body):
    from datetime import timedelta

    from django.utils import timezone

    return make_session(body, status=SessionStatus.PLANNED, votes=False,
                        starts_at=timezone.now() + timedelta(days=5), title="Будущее заседание")


@pytest.fixture
def limited_meeting(body):
    return make_meeting(body, capacity=2)
