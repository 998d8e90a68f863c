"""`zemstvo seed-demo`: a real region, staff for every role, residents, each module's
demo content, loaded once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from zemstvo.core.accounts.models import Membership, Role, User, VerificationLevel
from zemstvo.core.shell import demo
from zemstvo.core.shell.models import DemoState
from zemstvo.core.territory.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(capsys):
    call_command("seed_demo")
    return capsys.readouterr().out


def test_demo_builds_a_real_region_with_portals_staff_and_residents(seeded):
    state = DemoState.objects.get(key=demo.DEMO_KEY)
    portals = Municipality.objects.filter(slug__in=state.summary["municipalities"])
    assert portals.count() >= 5
    assert {m.region.name for m in portals} == {"Вологодская"}
    held = set(Membership.objects.values_list("role", flat=True))
    assert held == {role.value for role in Role}
    residents = User.objects.filter(username__startswith="demo-resident-")
    assert residents.count() == demo.RESIDENTS
    verified = residents.filter(verification_level=VerificationLevel.VERIFIED).count()
    assert 0 < verified < demo.RESIDENTS


def test_demo_prints_every_account_it_made(seeded):
    assert demo.DEMO_PASSWORD in seeded
    for username in ["operator", "curator", "expert", "vologda-admin", "vologda-clerk",
                     "resident", "newcomer"]:
        assert f"  {username} " in seeded


def test_demo_accounts_log_in_with_the_demo_password(seeded, settings, client):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    response = client.post("/accounts/login/",
                           {"username": "vologda-clerk", "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302


def test_second_run_loads_nothing_twice(seeded, capsys, django_assert_max_num_queries):
    users = User.objects.count()
    with django_assert_max_num_queries(10):
        call_command("seed_demo", "--quiet-accounts")
    assert "уже загружены" in capsys.readouterr().out
    assert User.objects.count() == users
    assert DemoState.objects.count() == 1


def test_every_module_with_a_demo_generator_made_content(seeded):
    from zemstvo.core import registry
    from zemstvo.core.audit.models import AuditEvent

    with_demo = [m.label for m in registry.modules() if m.demo is not None]
    assert with_demo, "at least one module seeds demo content"
    # Demo content goes through the services, so each module left audit events.
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    for label in with_demo:
        assert any(a.startswith(f"{label}.") for a in actions), label


def test_demo_survey_is_published_and_linked_as_the_satisfaction_survey(seeded):
    """The voting demo's published survey is linked by the effectiveness demo as the
    survey of item 37, with its "satisfied" answers (2 of the 5)."""
    from zemstvo.effectiveness.models import SurveyLink
    from zemstvo.voting.models import Poll

    poll = Poll.objects.get(kind="survey")
    assert poll.status == "published" and poll.ballots.exists()
    link = SurveyLink.objects.get(poll_id=poll.pk)
    titles = set(poll.options.filter(pk__in=link.satisfied_options)
                 .values_list("title", flat=True))
    assert titles == {"Удовлетворён", "Скорее удовлетворён"}
