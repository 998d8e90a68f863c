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
    "hearings.download_private": {"administrator", "clerk", "commission_member"},
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


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("clerk", True), ("municipal_admin", True), ("editor", False), ("moderator", False),
     ("resident", False), ("operator", True)],
)
def test_title_documents_download_only_for_the_organiser(request, municipality, who, allowed):
    """A right-holder's title document is a private file of the participant record:
    the attachments kernel follows hearings.download_private for it."""
    from types import SimpleNamespace
    from unittest import mock

    from zemstvo.core.attachments.policies import download_private

    user = request.getfixturevalue(who)
    owner = SimpleNamespace(municipality=municipality)
    attachment = SimpleNamespace(uploaded_by_id=None, content_type_id=1,
                                 municipality=municipality, owner=owner)
    with mock.patch("zemstvo.core.attachments.policies.ContentType.objects.get_for_id",
                    return_value=SimpleNamespace(app_label="hearings")):
        assert download_private(user, attachment) is allowed
