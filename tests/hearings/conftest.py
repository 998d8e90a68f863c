"""Fixtures of the hearings tests: the production calendar and an organiser."""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, UserFactory
from zemstvo.core.workdays.services import calendar_load


@pytest.fixture(autouse=True)
def calendar(db):
    calendar_load()


@pytest.fixture
def commission_member(municipality):
    user = UserFactory(username="commission")
    MembershipFactory(user=user, role="commission_member", municipality=municipality)
    return user
