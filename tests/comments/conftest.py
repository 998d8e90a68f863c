from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from zemstvo.core.comments.services import comment_post


@pytest.fixture
def target(settlement, monkeypatch):
    """A record to comment on: a settlement, given a page address for the test."""
    monkeypatch.setattr(type(settlement), "get_absolute_url",
                        lambda self: f"/m/{self.municipality.slug}/places/{self.pk}/",
                        raising=False)
    return settlement


@pytest.fixture
def author(db):
    return UserFactory(username="author", first_name="Анна", last_name="Смирнова",
                       email_confirmed_at=timezone.now())


@pytest.fixture
def comment(author, target):
    return comment_post(actor=author, target=target, text="Когда отремонтируют дорогу?")


@pytest.fixture
def foreign_moderator(other_municipality):
    user = UserFactory(username="foreign-moderator")
    MembershipFactory(user=user, role="moderator", municipality=other_municipality)
    return user
