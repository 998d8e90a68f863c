"""Deadlines of 131-ФЗ ст. 26.1 ч. 8–9 across the May 2025 holidays, where the
production calendar moved days off: 4 January -> 2 May (Fri) and 23 February -> 8 May
(Thu). Submission at 22:00 UTC on 29 April is 01:00 on 30 April in Moscow: the
deadlines count from the local date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.initiatives.factories import open_round, ready_draft
from zemstvo.core.errors import DomainError
from zemstvo.initiatives import services

pytestmark = pytest.mark.django_db

OPENED = datetime(2025, 4, 1, 9, tzinfo=UTC)
SUBMITTED = datetime(2025, 4, 29, 22, 0, tzinfo=UTC)  # 30.04 01:00 MSK
PUBLISHED = datetime(2025, 5, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def spring_round(municipality, municipal_admin):
    return open_round(municipality, municipal_admin, now=OPENED, year=2025,
                      acceptance_from=date(2025, 4, 1), acceptance_to=date(2025, 5, 31),
                      scoring_until=date(2025, 6, 30), results_date=date(2025, 7, 15))


@pytest.fixture
def submitted(spring_round, verified_resident):
    draft = ready_draft(spring_round, verified_resident)
    return services.project_submit(actor=verified_resident, project=draft, now=SUBMITTED)


def test_publication_is_due_three_working_days_after_the_local_submission_date(submitted):
    # After 30.04 (local): 01.05 holiday, 02.05 moved day off, 03–04.05 weekend,
    # then 05.05 (1), 06.05 (2), 07.05 (3). Counting from the UTC date 29.04 would
    # give 06.05; ignoring the transfer of 2 May would give 06.05 as well.
    assert submitted.publication_due == date(2025, 5, 7)


def test_decision_is_due_thirty_calendar_days_after_the_local_submission_date(submitted):
    # 30.04 + 30 days = 30.05 (29.05 if counted from the UTC date).
    assert submitted.decision_due == date(2025, 5, 30)


def test_comment_window_is_five_working_days_after_publication(submitted, municipal_admin):
    project = services.project_publish(actor=municipal_admin, project=submitted, now=PUBLISHED)
    # After 07.05: 08.05 moved day off, 09.05 holiday, 10–11.05 weekend, then
    # 12 (1), 13 (2), 14 (3), 15 (4), 16.05 (5). Without the transfer: 15.05.
    assert project.comments_until == date(2025, 5, 16)


def test_no_decision_before_the_comment_window_closes(submitted, municipal_admin):
    project = services.project_publish(actor=municipal_admin, project=submitted, now=PUBLISHED)
    with pytest.raises(DomainError, match="16.05.2025"):
        services.project_decide(actor=municipal_admin, project=project, admit=True,
                                now=datetime(2025, 5, 16, 12, tzinfo=UTC))
    decided = services.project_decide(actor=municipal_admin, project=project, admit=True,
                                      now=datetime(2025, 5, 19, 7, tzinfo=UTC))
    assert decided.status == "admitted"


def test_a_submission_outside_the_calendar_years_is_refused_clearly(
        municipality, municipal_admin, verified_resident):
    from zemstvo.core.workdays.models import CalendarYear

    CalendarYear.objects.filter(year=2025).delete()
    from zemstvo.core.workdays import store

    store.invalidate()
    round_ = open_round(municipality, municipal_admin, now=OPENED, year=2025,
                        acceptance_from=date(2025, 4, 1), acceptance_to=date(2025, 5, 31),
                        scoring_until=date(2025, 6, 30), results_date=date(2025, 7, 15))
    draft = ready_draft(round_, verified_resident)
    with pytest.raises(DomainError):
        services.project_submit(actor=verified_resident, project=draft, now=SUBMITTED)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.publication_due is None
