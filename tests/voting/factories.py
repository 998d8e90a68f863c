"""Factories of the voting tests. PollFactory writes straight to the table (an open
poll with its rules fixed), for tests whose subject is not opening a poll."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import MunicipalityFactory
from zemstvo.voting.models import BallotType, Poll, PollKind, PollOption, PollStatus


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Опрос граждан номер {n}")
    description = "Какой двор благоустроить первым?"
    kind = PollKind.ADVISORY
    ballot_type = BallotType.SINGLE
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    status = PollStatus.OPEN
    min_age = 18
    rules = factory.LazyFunction(lambda: {"voting.min_age_voting_rights": {
        "value": 18, "source": "131-ФЗ ст. 31 ч. 2", "effective_from": "2003-10-06"}})


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollOption

    poll = factory.SubFactory(PollFactory)
    title = factory.Sequence(lambda n: f"Вариант {n}")
    position = factory.Sequence(lambda n: n)


def poll_with_options(municipality, titles=("Двор на Лесной", "Двор на Садовой",
                                            "Двор на Речной"), costs=None, **fields):
    poll = PollFactory(municipality=municipality, **fields)
    for index, title in enumerate(titles):
        cost = Decimal(costs[index]) if costs else None
        OptionFactory(poll=poll, title=title, cost=cost, position=index)
    return poll


def budget_poll(municipality, **fields):
    """Budget 1 000 000: A 600k, B 500k, C 300k, D 200k."""
    fields.setdefault("budget", Decimal("1000000"))
    return poll_with_options(
        municipality, titles=("Проект А", "Проект Б", "Проект В", "Проект Г"),
        costs=("600000", "500000", "300000", "200000"), ballot_type=BallotType.BUDGET,
        kind=PollKind.POPULAR, **fields,
    )
