"""Rule sets: dated defaults, overridden by a municipality's or region's act."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory
from zemstvo.core import permissions, registry
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.rules.models import RuleOverride
from zemstvo.core.rules.services import rule_override_set, rule_snapshot, rule_value

pytestmark = pytest.mark.django_db

AGE_16 = registry.RuleDefault(
    key="testrules.min_age", title="Минимальный возраст", value=16,
    effective_from=dt.date(2003, 10, 6), source="131-ФЗ ст. 26.1")
AGE_18 = registry.RuleDefault(
    key="testrules.min_age", title="Минимальный возраст", value=18,
    effective_from=dt.date(2025, 6, 19), source="33-ФЗ")
SHARE = registry.RuleDefault(
    key="testrules.local_share", title="Доля местного бюджета", value=5,
    effective_from=dt.date(2020, 1, 1), source="региональная программа", kind="decimal")


@pytest.fixture(autouse=True)
def test_module(monkeypatch):
    manifest = registry.ModuleManifest(label="testrules", title="Тест",
                                       rule_defaults=(AGE_18, AGE_16, SHARE))
    monkeypatch.setattr(registry, "_modules", [*registry.modules(), manifest])


def test_the_default_in_force_follows_the_date_of_the_law(municipality):
    assert rule_value("testrules.min_age", municipality=municipality,
                      on=dt.date(2025, 6, 18)) == 16
    assert rule_value("testrules.min_age", municipality=municipality,
                      on=dt.date(2025, 6, 19)) == 18


def test_a_municipal_act_beats_the_regional_one_which_beats_the_law(
    municipality, municipal_admin, regional_curator
):
    day = dt.date(2026, 1, 1)
    rule_override_set(actor=regional_curator, key="testrules.min_age", value="17",
                      effective_from=day, source="закон области № 1",
                      region=municipality.region)
    assert rule_value("testrules.min_age", municipality=municipality, on=day) == 17
    neighbour = MunicipalityFactory(region=municipality.region)
    assert rule_value("testrules.min_age", municipality=neighbour, on=day) == 17
    rule_override_set(actor=municipal_admin, key="testrules.min_age", value="16",
                      effective_from=day, source="решение Думы № 5", municipality=municipality)
    assert rule_value("testrules.min_age", municipality=municipality, on=day) == 16
    assert rule_value("testrules.min_age", municipality=neighbour, on=day) == 17
    # Before the acts took effect, the law applies.
    assert rule_value("testrules.min_age", municipality=municipality,
                      on=dt.date(2025, 12, 31)) == 18


def test_snapshot_freezes_value_source_and_date(municipality):
    snapshot = rule_snapshot(["testrules.min_age", "testrules.local_share"],
                             municipality=municipality, on=dt.date(2026, 3, 1))
    assert snapshot["testrules.min_age"] == {
        "value": 18, "source": "33-ФЗ", "effective_from": "2025-06-19", "set_by": "default"}
    assert snapshot["testrules.local_share"]["value"] == "5"


def test_a_bad_value_is_refused_in_russian_and_nothing_is_written(municipality, municipal_admin):
    with pytest.raises(DomainError, match="целое число"):
        rule_override_set(actor=municipal_admin, key="testrules.min_age", value="шестнадцать",
                          effective_from=dt.date(2026, 1, 1), source="акт",
                          municipality=municipality)
    with pytest.raises(DomainError, match="акт"):
        rule_override_set(actor=municipal_admin, key="testrules.min_age", value="16",
                          effective_from=dt.date(2026, 1, 1), source=" ",
                          municipality=municipality)
    assert not RuleOverride.objects.exists()
    assert not AuditEvent.objects.filter(action="rules.override").exists()


def test_an_override_is_audited(municipality, municipal_admin):
    override = rule_override_set(actor=municipal_admin, key="testrules.local_share",
                                 value="7,5", effective_from=dt.date(2026, 1, 1),
                                 source="постановление № 3", municipality=municipality)
    assert override.value == "7.5"
    event = AuditEvent.objects.get(action="rules.override")
    assert event.actor == municipal_admin and event.municipality_id == municipality.pk


@pytest.mark.parametrize(
    ("who", "view", "municipal", "regional"),
    [
        ("anonymous", False, False, False),
        ("resident", False, False, False),
        ("verified_resident", False, False, False),
        ("clerk", True, False, False),
        ("editor", True, False, False),
        ("moderator", True, False, False),
        ("municipal_admin", True, True, False),
        ("regional_curator", True, False, True),
        ("operator", True, True, True),
    ],
)
def test_every_role_against_every_rules_action(request, municipality, who, view, municipal,
                                               regional):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    assert permissions.can(user, "rules.view", municipality) is view
    assert permissions.can(user, "rules.override_municipal", municipality) is municipal
    assert permissions.can(user, "rules.override_regional", municipality.region) is regional


def test_a_clerk_cannot_set_a_rule(municipality, clerk):
    with pytest.raises(NotAllowed):
        rule_override_set(actor=clerk, key="testrules.min_age", value="16",
                          effective_from=dt.date(2026, 1, 1), source="акт",
                          municipality=municipality)


def test_office_page_lists_rules_in_fixed_queries(client, municipal_admin, municipality,
                                                  django_assert_max_num_queries):
    client.force_login(municipal_admin)
    url = reverse("office_rules:index") + f"?m={municipality.slug}"
    client.get(url)
    with django_assert_max_num_queries(9) as small:
        response = client.get(url)
    assert "Минимальный возраст" in response.content.decode()
    for n in range(5):
        rule_override_set(actor=municipal_admin, key="testrules.min_age", value=str(16 + n),
                          effective_from=dt.date(2026, 1, 1 + n), source=f"акт {n}",
                          municipality=municipality)
    with django_assert_max_num_queries(9) as large:
        client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_office_form_records_an_act_and_refuses_bad_input(client, municipal_admin,
                                                          municipality):
    client.force_login(municipal_admin)
    url = reverse("office_rules:index") + f"?m={municipality.slug}"
    bad = client.post(url, {"key": "testrules.min_age", "value": "abc",
                            "effective_from": "2026-01-01", "source": "акт",
                            "scope": "municipal"})
    assert bad.status_code == 400
    assert "Введите целое число." in bad.content.decode()
    assert not RuleOverride.objects.exists()
    good = client.post(url, {"key": "testrules.min_age", "value": "16",
                             "effective_from": "2026-01-01", "source": "решение № 1",
                             "scope": "municipal"})
    assert good.status_code == 302
    assert RuleOverride.objects.get().municipality == municipality
