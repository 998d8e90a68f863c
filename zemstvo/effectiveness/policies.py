"""Who may do what in the effectiveness evaluation: one predicate per action.

``obj`` is a Region, a Municipality, or a record that has one (an Indicator, a
Campaign, a Report, a Measure, a RatingMethod), or None ("anywhere", for menus).

* the municipality's analyst enters and submits its values and keeps its improvement
  plan (the administrator may keep the plan too);
* the regional curator keeps the catalogue, opens campaigns, accepts or returns
  reports and computes ratings for the municipalities of the region;
* everyone reads the public pages (accepted values, ratings, scorecards).
"""

from __future__ import annotations

from typing import Any

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import has_role, is_operator, memberships
from zemstvo.core.territory.models import Municipality, Region, Settlement

ANALYSTS = (Role.ANALYST,)
PLAN_KEEPERS = (Role.ANALYST, Role.ADMINISTRATOR)


def _municipality(obj: Any) -> Municipality | None:
    if isinstance(obj, Municipality):
        return obj
    if isinstance(obj, Settlement):
        return obj.municipality
    municipality = getattr(obj, "municipality", None)
    if municipality is None and hasattr(obj, "report"):
        municipality = getattr(obj.report, "municipality", None)
    return municipality


def _region_id(obj: Any) -> int | None:
    if isinstance(obj, Region):
        return obj.pk
    municipality = _municipality(obj)
    if municipality is not None:
        return municipality.region_id
    if hasattr(obj, "campaign"):
        return obj.campaign.region_id
    return getattr(obj, "region_id", None)


def _municipal(user: Any, obj: Any, roles: tuple[str, ...]) -> bool:
    """A municipal role held in the municipality itself (not region-wide curation)."""
    if user is None:
        return False
    if is_operator(user):
        return True
    if obj is None:
        return any(role in roles for role, _m, _r in memberships(user))
    municipality = _municipality(obj)
    return municipality is not None and has_role(user, municipality, *roles)


def _curator(user: Any, obj: Any) -> bool:
    if user is None:
        return False
    if is_operator(user):
        return True
    regions = {r for role, _m, r in memberships(user)
               if role == Role.REGIONAL_CURATOR and r is not None}
    if obj is None:
        return bool(regions)
    region_id = _region_id(obj)
    # A federal indicator (no region) is shared: any region's curator may correct it.
    if region_id is None and not isinstance(obj, Municipality | Region):
        return bool(regions)
    return region_id in regions


def view_office(user: Any, obj: Any) -> bool:
    """Open the effectiveness office pages (reports, history, plans)."""
    return _curator(user, obj) or _municipal(user, obj, PLAN_KEEPERS)


def enter_values(user: Any, obj: Any) -> bool:
    """Enter, upload and correct the municipality's values (its analyst)."""
    return _municipal(user, obj, ANALYSTS)


def submit(user: Any, obj: Any) -> bool:
    """Submit the municipality's report to the curator."""
    return _municipal(user, obj, ANALYSTS)


def manage_catalogue(user: Any, obj: Any) -> bool:
    """Keep the indicator catalogue: the region's own indicators and corrections."""
    return _curator(user, obj)


def manage_campaign(user: Any, obj: Any) -> bool:
    """Open and close the region's reporting campaigns."""
    return _curator(user, obj)


def review(user: Any, obj: Any) -> bool:
    """Accept a submitted report or return it with comments."""
    return _curator(user, obj)


def compute_rating(user: Any, obj: Any) -> bool:
    """Compute a rating of the region's municipalities and keep rating methods."""
    return _curator(user, obj)


def link_survey(user: Any, obj: Any) -> bool:
    """Link a municipality's survey poll (voting domain) as its satisfaction survey."""
    return _curator(user, obj)


def manage_plan(user: Any, obj: Any) -> bool:
    """Draft and update the municipality's improvement plan (комплекс мероприятий)."""
    return _municipal(user, obj, PLAN_KEEPERS)


def attach(user: Any, obj: Any) -> bool:
    """Attach evidence to a measure of the plan (the attachments module asks this)."""
    return _municipal(user, obj, PLAN_KEEPERS)


RULES = {
    "effectiveness.view_office": view_office,
    "effectiveness.enter_values": enter_values,
    "effectiveness.submit": submit,
    "effectiveness.manage_catalogue": manage_catalogue,
    "effectiveness.manage_campaign": manage_campaign,
    "effectiveness.review": review,
    "effectiveness.compute_rating": compute_rating,
    "effectiveness.link_survey": link_survey,
    "effectiveness.manage_plan": manage_plan,
    "effectiveness.attach": attach,
}
