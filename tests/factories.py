"""Factories for the kernel's records; each domain keeps its own in tests/<domain>/."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from zemstvo.core.accounts.models import Membership, User, VerificationDocument, VerificationLevel
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region, Settlement


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Тестовая {n}")
    kind = "обл"
    slug = factory.Sequence(lambda n: f"region-{n}")
    code = factory.Sequence(lambda n: f"{n % 90 + 10:02d}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Городской округ Тестовый-{n}")
    type = MunicipalityType.URBAN_OKRUG
    oktmo = factory.Sequence(lambda n: f"{10000000 + n}")
    slug = factory.Sequence(lambda n: f"town-{n}")
    time_zone = "Europe/Moscow"
    population = 50000


class SettlementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Settlement

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Тестовое-{n}")
    kind = "с"
    oktmo = factory.Sequence(lambda n: f"{20000000000 + n}")
    population = 1000


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Иван"
    last_name = factory.Sequence(lambda n: f"Петров{n}")
    birth_date = dt.date(1985, 5, 17)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-9")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        if create:
            obj.save()


class VerifiedResidentFactory(UserFactory):
    residence_municipality = factory.SubFactory(MunicipalityFactory)
    verification_level = VerificationLevel.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)
    verification_document = VerificationDocument.PASSPORT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = "clerk"
    municipality = factory.SubFactory(MunicipalityFactory)
    region = None
