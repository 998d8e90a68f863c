"""Fixtures of the community tests: a roll, a two-stage сход, a ТОС, people by role."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import MembershipFactory, UserFactory
from zemstvo.community import services
from zemstvo.community.models import FoundingForm

ROLES = (
    "anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
    "municipal_admin", "regional_curator", "operator", "other_clerk",
)
MANAGERS = {"clerk", "municipal_admin", "operator"}
READERS = MANAGERS | {"editor"}

DAY = date(2026, 3, 1)
SECRET_NAME = "Засекреченко Аграфена Тихоновна"
SECRET_BIRTH = "14.07.1961"


def roll_csv(size: int, *, first: str = SECRET_NAME, birth: str = SECRET_BIRTH) -> str:
    lines = ["ФИО;Дата рождения;Адрес", f"{first};{birth};ул. Тайная, д. 7"]
    lines += [f"Житель Номер {n};01.02.1970;ул. Лесная, д. {n}" for n in range(2, size + 1)]
    return "\n".join(lines[: size + 1])


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


def make_roll(clerk, municipality, settlement, size: int = 10):
    return services.roll_import_csv(actor=clerk, municipality=municipality,
                                    settlement=settlement, title="Список", compiled_on=DAY,
                                    content=roll_csv(size))


@pytest.fixture
def roll(clerk, municipality, settlement):
    return make_roll(clerk, municipality, settlement)


@pytest.fixture
def gathering(clerk, roll):
    return services.gathering_create(
        actor=clerk, roll=roll, title="О благоустройстве", called_by="Глава",
        stages=[(DAY, "Клуб"), (date(2026, 3, 15), "Школа")])


def register(clerk, gathering, count: int, stage_number: int = 1):
    stage = gathering.stages.get(number=stage_number)
    entries = list(gathering.roll.entries.filter(attendances__isnull=True)[:count])
    for entry in entries:
        services.attendance_register(actor=clerk, stage=stage, entry=entry)
    return entries


@pytest.fixture
def tos(clerk, municipality, settlement):
    return services.tos_register(
        actor=clerk, municipality=municipality, settlement=settlement, name="ТОС «Заречье»",
        territory="ул. Лесная, д. 1–25\nул. Садовая", founding_form=FoundingForm.MEETING,
        founded_on=date(2025, 5, 1), eligible=90, present=30, phone="+7 900 000-00-00")
