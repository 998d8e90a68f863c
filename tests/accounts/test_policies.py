"""Every role against every accounts action, allowed and denied."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.accounts.conftest import ROLES
from tests.accounts.factories import ResidentFactory
from tests.factories import RegionFactory, VerifiedResidentFactory
from zemstvo.core import permissions
from zemstvo.core.accounts.models import ApiToken, Membership
from zemstvo.core.permissions import can

pytestmark = pytest.mark.django_db

PEOPLE_STAFF = {"clerk", "municipal_admin", "operator"}
SIGNED_IN = set(ROLES) - {"anonymous"}

# (action, target, roles allowed); every other role is denied.
TABLE = [
    ("accounts.view_people", "municipality", PEOPLE_STAFF),
    ("accounts.view_people", "other_municipality", {"operator"}),
    ("accounts.view_people", None, PEOPLE_STAFF),
    ("accounts.view_personal_data", "person", PEOPLE_STAFF),
    ("accounts.view_personal_data", "stranger", {"operator"}),
    ("accounts.view_personal_data", None, PEOPLE_STAFF),
    ("accounts.verify_resident", "person", PEOPLE_STAFF),
    ("accounts.verify_resident", "stranger", {"operator"}),
    ("accounts.verify_resident", None, PEOPLE_STAFF),
    ("accounts.revoke_verification", "verified_person", PEOPLE_STAFF),
    ("accounts.revoke_verification", "stranger", {"operator"}),
    ("accounts.revoke_verification", None, PEOPLE_STAFF),
    ("accounts.grant_role", "municipal_membership", {"municipal_admin", "operator"}),
    ("accounts.grant_role", "regional_membership", {"regional_curator", "operator"}),
    ("accounts.grant_role", "foreign_membership", {"operator"}),
    ("accounts.grant_role", "foreign_regional_membership", {"operator"}),
    ("accounts.grant_role", None, {"municipal_admin", "regional_curator", "operator"}),
    ("accounts.revoke_role", "municipal_membership", {"municipal_admin", "operator"}),
    ("accounts.revoke_role", "regional_membership", {"regional_curator", "operator"}),
    ("accounts.revoke_role", "foreign_membership", {"operator"}),
    ("accounts.revoke_role", "foreign_regional_membership", {"operator"}),
    ("accounts.revoke_role", None, {"municipal_admin", "regional_curator", "operator"}),
    ("accounts.import_residents", "municipality", {"municipal_admin", "operator"}),
    ("accounts.import_residents", "other_municipality", {"operator"}),
    ("accounts.import_residents", None, {"municipal_admin", "operator"}),
    ("accounts.manage_tokens", "own_token", SIGNED_IN),
    ("accounts.manage_tokens", "someone_elses_token", set()),
    ("accounts.manage_tokens", None, SIGNED_IN),
]


def _token(user):
    return ApiToken.objects.create(user=user, key_hash=f"{user.pk:064d}", prefix="zt_test",
                                   expires=timezone.now() + timedelta(days=1))


@pytest.fixture
def target(request, municipality, other_municipality, person):
    def build(name, actor):
        if name is None:
            return None
        if name in {"municipality", "other_municipality", "person"}:
            return request.getfixturevalue(name)
        if name == "stranger":
            return ResidentFactory(residence_municipality=other_municipality)
        if name == "verified_person":
            return VerifiedResidentFactory(residence_municipality=municipality)
        if name == "municipal_membership":
            return Membership(user=person, role="editor", municipality=municipality)
        if name == "foreign_membership":
            return Membership(user=person, role="editor", municipality=other_municipality)
        if name == "regional_membership":
            return Membership(user=person, role="expert", region=municipality.region)
        if name == "foreign_regional_membership":
            return Membership(user=person, role="expert", region=RegionFactory())
        if name == "own_token":
            return _token(actor or person)
        if name == "someone_elses_token":
            return _token(person)
        raise LookupError(name)

    return build


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action, target_name, allowed", TABLE,
    ids=[f"{action}-{target_name}" for action, target_name, _a in TABLE],
)
def test_role_against_action(actor_for, target, role, action, target_name, allowed):
    actor = actor_for(role)
    assert can(actor, action, target(target_name, actor)) is (role in allowed)


def test_table_covers_every_accounts_action():
    declared = {a for a in permissions.actions() if a.startswith("accounts.")}
    assert declared == {action for action, _t, _a in TABLE}
    assert len(declared) == 8


@pytest.mark.parametrize("role", ["clerk", "municipal_admin", "operator"])
def test_nobody_verifies_themselves(actor_for, municipality, role):
    actor = actor_for(role)
    actor.residence_municipality = municipality
    assert can(actor, "accounts.verify_resident", actor) is False


def test_inactive_staff_are_treated_as_anonymous(clerk, person):
    clerk.is_active = False
    assert can(clerk, "accounts.view_personal_data", person) is False
