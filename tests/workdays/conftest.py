"""The production calendar's per-process memory is emptied around each test (the test
database is rolled back after each one), and the shipped calendar is loaded on demand."""

from __future__ import annotations

import pytest

from zemstvo.core.workdays import store
from zemstvo.core.workdays.services import calendar_load


@pytest.fixture(autouse=True)
def _fresh_calendar_memory():
    store.invalidate()
    yield
    store.invalidate()


@pytest.fixture
def calendars(db):
    """Every shipped calendar file, loaded."""
    return calendar_load()
