"""Every role against every initiative action: allow and deny, on a draft project,
in the municipality, and anywhere (the office menu)."""

from __future__ import annotations

from datetime import UTC, date

import pytest

from tests.factories import VerifiedResidentFactory
from tests.initiatives.conftest import ROLES
from tests.initiatives.factories import open_round
from zemstvo.core.permissions import actions, can
from zemstvo.initiatives.policies import support_refusal

pytestmark = pytest.mark.django_db

STAFF = {"clerk", "municipal_admin", "operator"}
RESIDENT = {"verified_resident"}
ON_PROJECT = {
    "initiatives.create": RESIDENT,
    "initiatives.join_group": RESIDENT,
    "initiatives.support": RESIDENT,
    "initiatives.withdraw_support": RESIDENT,
    "initiatives.submit": RESIDENT,  # the initiator of the draft
    "initiatives.manage_round": STAFF,
    "initiatives.publish": STAFF,
    "initiatives.decide": STAFF,
    "initiatives.manage_implementation": STAFF,
    "initiatives.score": {"commission_member"},
    "initiatives.view_office": STAFF | {"commission_member"},
    "initiatives.attach": STAFF | RESIDENT,  # the initiator, while a draft
}
VERIFIED = {"verified_resident", "outsider_verified"}
ANYWHERE = {
    **{a: VERIFIED for a in ("initiatives.create", "initiatives.join_group",
                             "initiatives.support", "initiatives.withdraw_support",
                             "initiatives.submit")},
    **{a: STAFF | {"other_admin"} for a in (
        "initiatives.manage_round", "initiatives.publish", "initiatives.decide",
        "initiatives.manage_implementation", "initiatives.attach")},
    "initiatives.score": {"commission_member"},
    "initiatives.view_office": STAFF | {"commission_member", "other_admin"},
}


def test_the_module_declares_exactly_these_actions():
    assert sorted(a for a in actions() if a.startswith("initiatives.")) == sorted(ON_PROJECT)


@pytest.mark.parametrize("action", sorted(ON_PROJECT))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_on_a_draft(role, action, person, draft):
    assert can(person(role), action, draft) is (role in ON_PROJECT[action])


@pytest.mark.parametrize("action", sorted(ANYWHERE))
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_anywhere(role, action, person, municipality):
    assert can(person(role), action, None) is (role in ANYWHERE[action])


def test_the_initiator_attaches_only_to_a_draft(draft, verified_resident):
    draft.status = "submitted"
    assert not can(verified_resident, "initiatives.attach", draft)


def test_another_verified_resident_may_not_submit_someone_elses_draft(draft, municipality):
    other = VerifiedResidentFactory(residence_municipality=municipality)
    assert not can(other, "initiatives.submit", draft)
    assert can(other, "initiatives.support", draft)


def test_support_needs_residence_in_the_projects_settlement(draft, municipality, settlement):
    from tests.factories import SettlementFactory

    draft.settlement = SettlementFactory(municipality=municipality)
    resident = VerifiedResidentFactory(residence_municipality=municipality,
                                       residence_settlement=settlement)
    assert support_refusal(resident, draft) == (
        "Поддержать проект могут только жители его населённого пункта.")


def test_minimum_age_follows_the_rules_of_the_rounds_start_date(municipality, municipal_admin):
    """131-ФЗ: 16 years; 33-ФЗ from 19.06.2025: 18. A 17-year-old may support in a round
    opened before the change and may not in one opened after it."""
    from datetime import datetime

    born = date.today().replace(year=date.today().year - 17)
    teen = VerifiedResidentFactory(residence_municipality=municipality, birth_date=born)
    old = open_round(municipality, municipal_admin,
                     now=datetime(2025, 3, 3, 9, tzinfo=UTC), year=2025,
                     title="Отбор 2025 года")
    new = open_round(municipality, municipal_admin)
    assert old.rule("initiatives.initiator_min_age") == 16
    assert new.rule("initiatives.initiator_min_age") == 18

    class Probe:
        def __init__(self, round_):
            self.round, self.municipality, self.settlement_id = round_, municipality, None

    assert support_refusal(teen, Probe(old)) is None
    assert support_refusal(teen, Probe(new)) == "Поддержать проект можно с 18 лет."
