"""Who may do what with initiative projects: one predicate per action.

``obj`` is a Project, a SelectionRound, a Municipality, or None ("anywhere", for the
office menu). Decisions:
- residents' acts (create, join a group, support) need a verified identity and
  residence in the project's municipality (and in its settlement when the project
  names one); supporting also needs the minimum age of the round's rule set;
- the round, publication, decisions and implementation are the work of the
  municipality's administrator or clerk (делопроизводитель registers and publishes
  documents; the administrator answers for the decision) and the platform operator;
- scoring is a personal act of a commission member: the operator does not score.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import is_operator, memberships, roles_in
from zemstvo.core.territory.models import Municipality

ROUND_STAFF = (Role.ADMINISTRATOR, Role.CLERK)
OFFICE_ROLES = (Role.ADMINISTRATOR, Role.CLERK, Role.COMMISSION_MEMBER)


def _municipality(obj: Any) -> Municipality | None:
    if obj is None or isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def _has_any(user: Any, obj: Any, roles: tuple[str, ...], *, operator: bool = True) -> bool:
    if user is None:
        return False
    if operator and is_operator(user):
        return True
    if obj is None:
        return any(role in roles for role, _m, _r in memberships(user))
    municipality = _municipality(obj)
    return municipality is not None and bool(roles_in(user, municipality) & set(roles))


def age_on(birth_date: date | None, day: date) -> int | None:
    if birth_date is None:
        return None
    years = day.year - birth_date.year
    return years - ((day.month, day.day) < (birth_date.month, birth_date.day))


def support_refusal(user: Any, project: Any) -> str | None:
    """Why ``user`` may not support ``project`` (None: may). The reason is shown to the
    person and returned by the API with 403."""
    if user is None:
        return "Войдите, чтобы поддержать проект."
    if not getattr(user, "is_verified", False):
        return "Поддержать проект может только житель с подтверждённой личностью."
    if project is None:
        return None
    municipality = _municipality(project)
    if municipality is None or user.residence_municipality_id != municipality.pk:
        return "Поддержать проект могут только жители муниципального образования."
    settlement_id = getattr(project, "settlement_id", None)
    if settlement_id is not None and user.residence_settlement_id != settlement_id:
        return "Поддержать проект могут только жители его населённого пункта."
    round_ = getattr(project, "round", None)
    if round_ is not None and round_.rules:
        from zemstvo.initiatives.legal import INITIATOR_MIN_AGE

        min_age = int(round_.rule(INITIATOR_MIN_AGE))
        age = age_on(user.birth_date, timezone.localdate(timezone=municipality.tz))
        if age is None:
            return "В профиле не указана дата рождения: обратитесь в администрацию."
        if age < min_age:
            return f"Поддержать проект можно с {min_age} лет."
    return None


def _verified_resident(user: Any, obj: Any) -> bool:
    if user is None or not getattr(user, "is_verified", False):
        return False
    municipality = _municipality(obj)
    return municipality is None or user.residence_municipality_id == municipality.pk


def create(user: Any, obj: Any) -> bool:
    """Propose a project: a verified resident of the municipality."""
    return _verified_resident(user, obj)


def join_group(user: Any, obj: Any) -> bool:
    """Join an initiative group: a verified resident of the municipality."""
    return _verified_resident(user, obj)


def support(user: Any, obj: Any) -> bool:
    """Support online: a verified resident of the territory, of the minimum age."""
    return support_refusal(user, obj) is None


def withdraw_support(user: Any, obj: Any) -> bool:
    return support_refusal(user, obj) is None


def submit(user: Any, obj: Any) -> bool:
    """Edit and submit a draft: the person who created it (the initiator)."""
    if user is None or not getattr(user, "is_verified", False):
        return False
    if obj is None or isinstance(obj, Municipality):
        return _verified_resident(user, obj)
    return getattr(obj, "created_by_id", None) == user.pk


def manage_round(user: Any, obj: Any) -> bool:
    """Open, change and close selection rounds and their scoring matrix."""
    return _has_any(user, obj, ROUND_STAFF)


def publish(user: Any, obj: Any) -> bool:
    return _has_any(user, obj, ROUND_STAFF)


def decide(user: Any, obj: Any) -> bool:
    """Support a project or refuse it on a listed ground; rank and select."""
    return _has_any(user, obj, ROUND_STAFF)


def manage_implementation(user: Any, obj: Any) -> bool:
    return _has_any(user, obj, ROUND_STAFF)


def score(user: Any, obj: Any) -> bool:
    return _has_any(user, obj, (Role.COMMISSION_MEMBER,), operator=False)


def view_office(user: Any, obj: Any) -> bool:
    return _has_any(user, obj, OFFICE_ROLES)


def attach(user: Any, obj: Any) -> bool:
    """Files of a project: its initiator while it is a draft (evidence, documents);
    the round staff at any time (protocols, photos, acts)."""
    if _has_any(user, obj, ROUND_STAFF):
        return True
    return (user is not None and obj is not None and getattr(obj, "status", None) == "draft"
            and getattr(obj, "created_by_id", None) == user.pk)


RULES = {
    "initiatives.create": create,
    "initiatives.join_group": join_group,
    "initiatives.support": support,
    "initiatives.withdraw_support": withdraw_support,
    "initiatives.submit": submit,
    "initiatives.manage_round": manage_round,
    "initiatives.publish": publish,
    "initiatives.decide": decide,
    "initiatives.manage_implementation": manage_implementation,
    "initiatives.score": score,
    "initiatives.view_office": view_office,
    "initiatives.attach": attach,
}
