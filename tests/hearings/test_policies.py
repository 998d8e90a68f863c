"""Every role against every action of the hearings policies: allow and deny."""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, UserFactory
from zemstvo.core.permissions import can
from zemstvo.hearings.policies import RULES

ROLES = ("administrator", "editor", "moderator", "clerk", "service_operator", "hr_officer",
         "analyst", "commission_member", "expert")
ALLOWED = {
    "hearings.view_office": {"administrator", "clerk", "commission_member", "editor"},
    "hearings.manage": {"administrator", "clerk"},
    "hearings.edit_template": {"administrator"},
    "hearings.enter_records": {"administrator", "clerk"},
    "hearings.recommend": {"administrator", "clerk", "commission_member"},
    "hearings.view_personal_data": {"administrator", "clerk", "commission_member"},
    "hearings.attach": {"administrator", "clerk"},
    "hearings.submit_proposal": set(ROLES) | {"resident"},
}


def test_the_table_covers_every_action():
    assert set(ALLOWED) == set(RULES)


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action(role, action, municipality, other_municipality):
    user = UserFactory()
    MembershipFactory(user=user, role=role, municipality=municipality)
    assert can(user, action, municipality) == (role in ALLOWED[action])
    # A role in one municipality gives nothing in another (except proposing).
    assert can(user, action, other_municipality) == (action == "hearings.submit_proposal")


@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_anonymous_may_do_nothing_and_operator_everything(action, municipality, operator):
    assert not can(None, action, municipality)
    assert can(operator, action, municipality)


@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_resident_only_proposes(action, municipality, resident):
    assert can(resident, action, municipality) == (action == "hearings.submit_proposal")


def test_regional_curator_is_not_an_organiser(municipality, regional_curator):
    assert not can(regional_curator, "hearings.view_personal_data", municipality)
    assert not can(regional_curator, "hearings.manage", municipality)


def test_a_participant_attaches_to_their_own_record_only(municipality, resident):
    class Own:
        user_id = resident.pk

    Own.municipality = municipality
    assert can(resident, "hearings.attach", Own())
    assert not can(resident, "hearings.attach", municipality)
