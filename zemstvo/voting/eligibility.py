"""Who may vote in a poll, with the reason when not (131-ФЗ ст. 31 ч. 2: residents of
the territory with voting rights; for the support of an initiative project the age
of ст. 26.1 from the rule set), and the eligible roll the turnout is measured
against."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from zemstvo.core.accounts.models import User, VerificationLevel
from zemstvo.voting.models import Poll

MIN_AGE_RULE = "voting.min_age"
VOTING_RIGHTS_AGE_RULE = "voting.min_age_voting_rights"
RULE_KEYS = [MIN_AGE_RULE, VOTING_RIGHTS_AGE_RULE]


def local_date(poll: Poll, moment: datetime) -> date:
    """The calendar day of ``moment`` in the municipality's own time zone."""
    return timezone.localtime(moment, poll.municipality.tz).date()


def opening_date(poll: Poll) -> date:
    """Age is counted on the first day of the vote, in local time."""
    return local_date(poll, poll.opens_at)


def age_rule_key(poll: Poll) -> str:
    return MIN_AGE_RULE if poll.for_initiative_project else VOTING_RIGHTS_AGE_RULE


def min_age(poll: Poll) -> int:
    """The age fixed when the poll opened; for a draft, the rule in force on its
    opening date."""
    if poll.min_age is not None:
        return poll.min_age
    from zemstvo.core.rules.services import rule_value

    return int(rule_value(age_rule_key(poll), municipality=poll.municipality,
                          on=opening_date(poll)))


def age_on(birth_date: date, day: date) -> int:
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def _latest_birth_date(day: date, years: int) -> date:
    """The last birth date of a person who is ``years`` old on ``day``."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none: the 28th
        return day.replace(year=day.year - years, day=28)


def settlement_ids(poll: Poll) -> list[int]:
    # Callers prefetch ``settlements``, so this costs no query on pages.
    return [s.pk for s in poll.settlements.all()]


def refusal(user: Any, poll: Poll) -> str | None:
    """Why ``user`` may not vote in ``poll`` (a Russian sentence), or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "Войдите на портал, чтобы проголосовать."
    if not getattr(user, "is_verified", False):
        return ("Голосуют только жители с подтверждённой личностью и местом жительства: "
                "подтвердите их через Госуслуги или лично в администрации.")
    if user.residence_municipality_id != poll.municipality_id:
        return f"В этом голосовании участвуют жители: {poll.municipality.name}."
    places = settlement_ids(poll)
    if places and user.residence_settlement_id not in places:
        names = ", ".join(str(s) for s in poll.settlements.all())
        return f"В этом голосовании участвуют жители населённых пунктов: {names}."
    if user.birth_date is None:
        return ("В вашем профиле нет даты рождения: обратитесь в администрацию, чтобы "
                "её внесли при подтверждении личности.")
    years = min_age(poll)
    day = opening_date(poll)
    if age_on(user.birth_date, day) < years:
        return (f"Участвуют жители, которым на день начала голосования "
                f"({day:%d.%m.%Y}) исполнилось {years} лет.")
    return None


def eligible_roll(poll: Poll) -> QuerySet[User]:
    """Everyone who may vote in the poll now (the base of the turnout)."""
    people = User.objects.filter(
        is_active=True,
        verification_level=VerificationLevel.VERIFIED,
        residence_municipality_id=poll.municipality_id,
        birth_date__lte=_latest_birth_date(opening_date(poll), min_age(poll)),
    )
    places = settlement_ids(poll)
    if places:
        people = people.filter(residence_settlement_id__in=places)
    return people
