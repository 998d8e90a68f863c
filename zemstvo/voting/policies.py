"""Who may do what with votes: one predicate per action.

``obj`` is a Poll (or a PaperResult), a Municipality, or None ("in any municipality",
for the office menu). The role table, decided for this module:

* voting.view_office — administrator, clerk, analyst of the municipality; regional
  curator; operator;
* voting.manage (create, edit, options, open, close, publish) — administrator; operator;
* voting.enter_paper (protocols of polling points) — administrator, clerk; operator;
* voting.paper_roll (search the eligible roll — personal data — and mark a resident
  as given a paper ballot at a polling point) — the same staff as the protocols:
  administrator, clerk; operator;
* voting.view_results (before publication, live turnout, free-text answers) —
  administrator, clerk, analyst; regional curator; operator;
* voting.vote — a verified resident (the service checks territory, age and window).

The clerk (делопроизводитель) receives the protocols of polling points but does not
run the vote: opening and closing a vote is the administration's decision. The
analyst reads results; the regional curator follows the region's votes.
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import has_role, is_operator, memberships
from zemstvo.core.territory.models import Municipality

MANAGERS = (Role.ADMINISTRATOR,)
PAPER_CLERKS = (Role.ADMINISTRATOR, Role.CLERK)
READERS = (Role.ADMINISTRATOR, Role.CLERK, Role.ANALYST, Role.REGIONAL_CURATOR)


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
    """Open the office list of votes (drafts included)."""
    return _holds(user, obj, READERS)


def manage(user: Any, obj: Any) -> bool:
    """Create and edit a vote and its options; open, close, publish it."""
    return _holds(user, obj, MANAGERS)


def enter_paper(user: Any, obj: Any) -> bool:
    """Enter or correct the protocol of a polling point."""
    return _holds(user, obj, PAPER_CLERKS)


def paper_roll(user: Any, obj: Any) -> bool:
    """Search the eligible roll (names, birth dates) and issue paper ballots by it."""
    return _holds(user, obj, PAPER_CLERKS)


def view_results(user: Any, obj: Any) -> bool:
    """Read results before publication, live turnout and free-text answers."""
    return _holds(user, obj, READERS)


def vote(user: Any, obj: Any) -> bool:
    """Cast a ballot: only a verified resident (identity and residence confirmed);
    the territory, age and window are checked by the service, with the reason."""
    return user is not None and bool(getattr(user, "is_verified", False))


RULES = {
    "voting.view_office": view_office,
    "voting.manage": manage,
    "voting.enter_paper": enter_paper,
    "voting.paper_roll": paper_roll,
    "voting.view_results": view_results,
    "voting.vote": vote,
}
