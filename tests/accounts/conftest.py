"""Fixtures of the accounts tests: people who live in the test municipality."""

from __future__ import annotations

import pytest

from tests.accounts.factories import ResidentFactory
from tests.factories import SettlementFactory

ROLES = (
    "anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
    "municipal_admin", "regional_curator", "operator",
)


@pytest.fixture
def person(municipality, settlement):
    """A registered (not yet verified) resident of the test municipality."""
    return ResidentFactory(
        username="petrova", email="petrova@example.org", last_name="Петрова",
        first_name="Анна", patronymic="Сергеевна", residence_municipality=municipality,
        residence_settlement=settlement,
    )


@pytest.fixture
def village(municipality):
    return SettlementFactory(municipality=municipality, name="Берёзовка", kind="с")


@pytest.fixture
def actor_for(request):
    """``actor_for("clerk")`` -> that fixture's user; ``"anonymous"`` -> None."""

    def get(role: str):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture(autouse=True)
def _empty_cache():
    # The resend pause lives in the cache; each test starts without one.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
