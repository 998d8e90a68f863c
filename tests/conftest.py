"""Shared fixtures: a municipality and the named test users of STYLE.md."""

from __future__ import annotations

import pytest

from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    SettlementFactory,
    UserFactory,
    VerifiedResidentFactory,
)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Argon2 is the production hasher (tested in tests/accounts); tests hash faster.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    # Pages are asserted fresh after each change; tests/shell/test_pagecache.py turns
    # the anonymous page cache on where it is the subject.
    settings.ZEMSTVO_PAGE_CACHE_SECONDS = 0
    # Test databases reuse poll ids after a rollback; tests/voting/test_poll_cache.py
    # turns the open-poll cache on where it is the subject.
    settings.ZEMSTVO_OPEN_POLL_CACHE_SECONDS = 0


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(slug="testgrad", name="Городской округ Тестоград")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(slug="drugoy", name="Городской округ Другой")


@pytest.fixture
def settlement(municipality):
    return SettlementFactory(municipality=municipality, name="Тестоград", kind="г")


@pytest.fixture
def resident(db):
    return UserFactory(username="resident")


@pytest.fixture
def verified_resident(municipality, settlement):
    return VerifiedResidentFactory(
        username="verified", residence_municipality=municipality, residence_settlement=settlement
    )


def _staff(username: str, role: str, municipality):
    user = UserFactory(username=username)
    MembershipFactory(user=user, role=role, municipality=municipality)
    return user


@pytest.fixture
def clerk(municipality):
    return _staff("clerk", "clerk", municipality)


@pytest.fixture
def editor(municipality):
    return _staff("editor", "editor", municipality)


@pytest.fixture
def moderator(municipality):
    return _staff("moderator", "moderator", municipality)


@pytest.fixture
def municipal_admin(municipality):
    return _staff("admin", "administrator", municipality)


@pytest.fixture
def regional_curator(municipality):
    user = UserFactory(username="curator")
    MembershipFactory(user=user, role="regional_curator", municipality=None,
                      region=municipality.region)
    return user


@pytest.fixture
def operator(db):
    return UserFactory(username="operator", is_superuser=True, is_staff=True)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # The production calendar is cached per process; test databases roll back, so a
    # test must not see days another test loaded.
    from zemstvo.core.workdays import store

    store.invalidate()
    yield
    store.invalidate()
