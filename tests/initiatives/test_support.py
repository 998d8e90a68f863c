"""Online support: one per resident, also under 50 concurrent requests; withdrawal
while the discussion goes on; eligibility reasons."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from tests.factories import UserFactory, VerifiedResidentFactory
from tests.initiatives.factories import open_round, ready_draft
from tests.initiatives.helpers import after_comments, published
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.initiatives import services
from zemstvo.initiatives.models import ProjectSupport


@pytest.fixture
def project(db, round_, verified_resident, municipal_admin):
    return published(round_, verified_resident, municipal_admin)


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_supports_from_one_resident_make_one(municipality, municipal_admin):
    round_ = open_round(municipality, municipal_admin)
    initiator = VerifiedResidentFactory(residence_municipality=municipality)
    project = published(round_, initiator, municipal_admin)
    supporter = VerifiedResidentFactory(residence_municipality=municipality)
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(50 if connection.vendor == "postgresql" else 1)

    def support() -> None:
        try:
            start.wait()
            services.project_support(actor=supporter, project=project)
            result = "ok"
        except services.AlreadyDone:
            result = "already"
        except Exception as exc:  # noqa: BLE001 - reported below
            result = repr(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=support) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:  # SQLite serialises writers: the same 50 attempts, one after another
        for _ in range(50):
            support()
    assert outcomes.count("ok") == 1, outcomes
    assert outcomes.count("already") == 49, outcomes
    assert ProjectSupport.objects.filter(project=project, user=supporter).count() == 1


@pytest.mark.django_db
def test_support_and_withdraw(project, municipality):
    person = VerifiedResidentFactory(residence_municipality=municipality)
    services.project_support(actor=person, project=project)
    with pytest.raises(services.AlreadyDone):
        services.project_support(actor=person, project=project)
    services.project_withdraw_support(actor=person, project=project)
    with pytest.raises(services.AlreadyDone):
        services.project_withdraw_support(actor=person, project=project)
    assert not ProjectSupport.objects.exists()


@pytest.mark.django_db
def test_no_support_or_withdrawal_after_the_window(project, municipality):
    person = VerifiedResidentFactory(residence_municipality=municipality)
    services.project_support(actor=person, project=project)
    late = after_comments(project)
    with pytest.raises(DomainError, match="пока идёт обсуждение"):
        services.project_withdraw_support(actor=person, project=project, now=late)
    other = VerifiedResidentFactory(residence_municipality=municipality)
    with pytest.raises(DomainError):
        services.project_support(actor=other, project=project, now=late)
    assert ProjectSupport.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who,reason", [
    ("registered", "подтверждённой личностью"),
    ("outsider", "жители муниципального образования"),
    ("young", "с 18 лет"),
])
def test_ineligible_people_get_the_reason(project, other_municipality, who, reason):
    from datetime import date

    people = {
        "registered": lambda: UserFactory(residence_municipality=project.municipality),
        "outsider": lambda: VerifiedResidentFactory(residence_municipality=other_municipality),
        "young": lambda: VerifiedResidentFactory(
            residence_municipality=project.municipality,
            birth_date=date.today() - timedelta(days=365 * 17)),
    }
    with pytest.raises(NotAllowed, match=reason):
        services.project_support(actor=people[who](), project=project)
    assert not ProjectSupport.objects.exists()


@pytest.mark.django_db
def test_a_draft_takes_no_support(round_, verified_resident, municipality):
    draft = ready_draft(round_, verified_resident)
    person = VerifiedResidentFactory(residence_municipality=municipality)
    with pytest.raises(DomainError):
        services.project_support(actor=person, project=draft)
