"""Every role against every news action: allowed for the municipality's editor and
administrator and the platform operator; refused for everyone else."""

from __future__ import annotations

import pytest

from tests.news.conftest import NEWS_STAFF, ROLES
from zemstvo.core.permissions import actions, can

pytestmark = pytest.mark.django_db

NEWS_ACTIONS = ("news.view_office", "news.create", "news.edit", "news.publish", "news.attach")


def test_the_news_module_declares_exactly_these_actions():
    assert sorted(a for a in actions() if a.startswith("news.")) == sorted(NEWS_ACTIONS)


@pytest.mark.parametrize("action", NEWS_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_on_an_item(role, action, person, draft):
    assert can(person(role), action, draft) is (role in NEWS_STAFF)


@pytest.mark.parametrize("action", NEWS_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_in_the_municipality(role, action, person, municipality):
    assert can(person(role), action, municipality) is (role in NEWS_STAFF)


@pytest.mark.parametrize("action", NEWS_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_anywhere(role, action, person, municipality):
    """obj=None (the office menu): staff of news in any municipality."""
    assert can(person(role), action, None) is (role in NEWS_STAFF | {"other_editor"})


def test_an_inactive_editor_may_do_nothing(editor, draft):
    editor.is_active = False
    editor.save()
    assert not any(can(editor, action, draft) for action in NEWS_ACTIONS)


def test_a_regional_editor_may_edit_news_of_the_regions_municipalities(municipality, draft):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory()
    MembershipFactory(user=user, role="editor", municipality=None, region=municipality.region)
    assert can(user, "news.publish", draft)
