"""Who may do what with public hearings and discussions (one predicate per action).

``obj`` is a Procedure (or a record with a ``municipality``), a Municipality, or None
("in any municipality", for the office menu). The organiser's staff are the
administrator and the clerk of the municipality; the commission member joins them to
read proposals with their authors and to recommend. Personal data of participants is
for the organiser only (152-ФЗ; ГрК ст. 5.1 ч. 13).
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import has_role, is_operator, memberships
from zemstvo.core.territory.models import Municipality

ORGANISERS = (Role.ADMINISTRATOR, Role.CLERK)
COMMISSION = (Role.ADMINISTRATOR, Role.CLERK, Role.COMMISSION_MEMBER)
READERS = (Role.ADMINISTRATOR, Role.CLERK, Role.COMMISSION_MEMBER, Role.EDITOR)


def _municipality(obj: Any) -> Municipality | None:
    if obj is None or isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def _holds(user: Any, obj: Any, roles: tuple[str, ...]) -> bool:
    if user is None:
        return False
    if obj is None:
        return is_operator(user) or any(role in roles for role, _m, _r in memberships(user))
    municipality = _municipality(obj)
    return municipality is not None and has_role(user, municipality, *roles)


def view_office(user: Any, obj: Any) -> bool:
    """Open the office list and a procedure's page (without personal data)."""
    return _holds(user, obj, READERS)


def manage(user: Any, obj: Any) -> bool:
    """Create a procedure, edit its notice and schedule, move it through its stages."""
    return _holds(user, obj, ORGANISERS)


def edit_template(user: Any, obj: Any) -> bool:
    """Change the municipality's timeline templates (an act of the municipality)."""
    return _holds(user, obj, (Role.ADMINISTRATOR,))


def enter_records(user: Any, obj: Any) -> bool:
    """Enter written, oral and visitor-book proposals, consultations, attendees, speeches."""
    return _holds(user, obj, ORGANISERS)


def recommend(user: Any, obj: Any) -> bool:
    """Record the organiser's reasoned recommendation on a proposal."""
    return _holds(user, obj, COMMISSION)


def view_personal_data(user: Any, obj: Any) -> bool:
    """See the identification data of participants (each view is audited)."""
    return _holds(user, obj, COMMISSION)


def attach(user: Any, obj: Any) -> bool:
    """Files of a procedure (draft, materials) are the organiser's; a participant's
    title documents are attached by the organiser or by the participant's own account
    when they submit online."""
    if user is None:
        return False
    participant_user = getattr(obj, "user_id", None)
    if participant_user is not None and participant_user == user.pk:
        return True
    return _holds(user, obj, ORGANISERS)


def download_private(user: Any, obj: Any) -> bool:
    """Private files of the procedure's records — a right-holder's title documents —
    are personal data: the organiser's staff only, as the identification data."""
    return view_personal_data(user, obj)


def submit_proposal(user: Any, obj: Any) -> bool:
    """Send a proposal online: any signed-in person; whether they are identified and
    whether the window is open is checked by the service (ГрК ст. 5.1 ч. 12)."""
    return user is not None


RULES = {
    "hearings.view_office": view_office,
    "hearings.manage": manage,
    "hearings.edit_template": edit_template,
    "hearings.enter_records": enter_records,
    "hearings.recommend": recommend,
    "hearings.view_personal_data": view_personal_data,
    "hearings.download_private": download_private,
    "hearings.attach": attach,
    "hearings.submit_proposal": submit_proposal,
}
