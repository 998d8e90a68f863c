"""Factories for the accounts tests."""

from __future__ import annotations

import factory
from django.utils import timezone

from tests.factories import UserFactory


class ResidentFactory(UserFactory):
    """An active resident with a confirmed e-mail; pass residence_municipality."""

    email_confirmed_at = factory.LazyFunction(timezone.now)
    personal_data_consent_at = factory.LazyFunction(timezone.now)
