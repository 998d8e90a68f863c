"""Every role against every territory action, and the опорный населённый пункт service."""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, RegionFactory, SettlementFactory, UserFactory
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.permissions import can
from zemstvo.core.territory.services import settlement_mark_support, settlement_unmark_support

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
         "municipal_admin", "regional_curator", "operator"]

# action -> roles allowed on the fixture municipality's settlement
ALLOWED = {
    "territory.manage": {"operator"},
    "territory.mark_support_settlement": {"regional_curator", "operator"},
}


@pytest.fixture
def users(request):
    def get(role):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_every_territory_action(users, settlement, role, action):
    user = users(role)

    assert can(user, action, settlement) is (role in ALLOWED[action])
    assert can(user, action, settlement.municipality) is (role in ALLOWED[action])


@pytest.mark.parametrize("role", ROLES)
def test_anywhere_question_for_the_office_menu(users, municipality, role):
    user = users(role)

    assert can(user, "territory.mark_support_settlement", None) is (
        role in {"regional_curator", "operator"}
    )
    assert can(user, "territory.manage", None) is (role == "operator")


def test_a_curator_of_another_region_may_not_mark(settlement):
    curator = UserFactory()
    MembershipFactory(user=curator, role="regional_curator", municipality=None,
                      region=RegionFactory())

    assert not can(curator, "territory.mark_support_settlement", settlement)


def test_an_inactive_operator_may_do_nothing(operator, settlement):
    operator.is_active = False

    assert not can(operator, "territory.manage", settlement)
    assert not can(operator, "territory.mark_support_settlement", settlement)


@pytest.fixture
def villages(municipality):
    return [SettlementFactory(municipality=municipality, kind="д") for _ in range(3)]


def test_curator_marks_a_support_settlement_with_its_adjacent(
    regional_curator, settlement, villages
):
    result = settlement_mark_support(
        actor=regional_curator, settlement=settlement, adjacent=villages[:2]
    )

    settlement.refresh_from_db()
    assert settlement.is_support and result.is_support
    assert set(settlement.adjacent.all()) == set(villages[:2])
    event = AuditEvent.objects.get(action="territory.mark_support_settlement")
    assert event.actor_id == regional_curator.pk
    assert event.municipality_id == settlement.municipality_id
    assert event.before == {"is_support": False, "adjacent": []}
    assert event.after["is_support"] is True
    assert sorted(event.after["adjacent"]) == sorted(v.oktmo for v in villages[:2])


def test_marking_again_replaces_the_adjacent(regional_curator, settlement, villages):
    settlement_mark_support(actor=regional_curator, settlement=settlement, adjacent=villages[:2])

    settlement_mark_support(actor=regional_curator, settlement=settlement, adjacent=villages[2:])

    assert list(settlement.adjacent.all()) == villages[2:]


def test_a_clerk_may_not_mark_and_nothing_changes(clerk, settlement, villages):
    with pytest.raises(NotAllowed):
        settlement_mark_support(actor=clerk, settlement=settlement, adjacent=villages)

    settlement.refresh_from_db()
    assert not settlement.is_support
    assert not settlement.adjacent.exists()
    assert not AuditEvent.objects.exists()


def test_adjacent_settlements_are_checked_and_nothing_is_written_on_error(
    regional_curator, settlement, villages, other_municipality
):
    elsewhere = SettlementFactory(municipality=other_municipality)
    support = SettlementFactory(municipality=settlement.municipality, is_support=True)
    support.adjacent.set([villages[0]])

    with pytest.raises(DomainError) as caught:
        settlement_mark_support(
            actor=regional_curator, settlement=settlement,
            adjacent=[settlement, villages[0], support, elsewhere, villages[1]],
        )

    errors = caught.value.field_errors["adjacent"]
    assert "Населённый пункт не может прилегать к самому себе." in errors
    assert f"«{villages[0]}» уже прилегает к опорному пункту «{support.name}»." in errors
    assert f"«{support}» — сам опорный населённый пункт." in errors
    assert f"«{elsewhere}» находится в другом муниципальном районе или округе." in errors
    assert len(errors) == 4
    settlement.refresh_from_db()
    assert not settlement.is_support
    assert not settlement.adjacent.exists()
    assert not AuditEvent.objects.exists()


def test_a_settlement_of_a_neighbouring_poselenie_of_the_same_district_may_be_adjacent(
    territory,
):
    curator = UserFactory()
    MembershipFactory(user=curator, role="regional_curator", municipality=None,
                      region=territory.region)

    settlement_mark_support(
        actor=curator, settlement=territory.kirillov, adjacent=[territory.ivanovka]
    )

    assert list(territory.kirillov.adjacent.all()) == [territory.ivanovka]


def test_unmark_clears_the_flag_and_the_adjacent(regional_curator, settlement, villages):
    settlement_mark_support(actor=regional_curator, settlement=settlement, adjacent=villages)

    settlement_unmark_support(actor=regional_curator, settlement=settlement)

    settlement.refresh_from_db()
    assert not settlement.is_support
    assert not settlement.adjacent.exists()
    assert AuditEvent.objects.filter(action="territory.mark_support_settlement").count() == 2
