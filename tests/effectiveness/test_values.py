"""Entering values: checks (range, unit, years, jump), history, the report's way
(submit, return, accept) and the audit log."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.effectiveness.conftest import YEAR, accepted, entry
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.effectiveness import services
from zemstvo.effectiveness.models import IndicatorValue, ReportStatus, ValueKind, ValueRevision

pytestmark = pytest.mark.django_db


def test_campaign_deadline_defaults_to_the_rule_of_1_may(catalogue, municipality,
                                                        regional_curator):
    campaign = services.campaign_open(actor=regional_curator, region=municipality.region,
                                      year=2023)
    assert campaign.deadline.isoformat() == "2024-05-01"
    assert campaign.rules["effectiveness.jump_threshold"]["value"] == "50"


def test_the_region_overrides_the_deadline_by_its_act(catalogue, municipality,
                                                      regional_curator, operator):
    from datetime import date

    from zemstvo.core.rules.services import rule_override_set

    rule_override_set(actor=operator, key="effectiveness.report_deadline", value="15.04",
                      effective_from=date(2020, 1, 1), source="Постановление № 1",
                      region=municipality.region)
    campaign = services.campaign_open(actor=regional_curator, region=municipality.region,
                                      year=2023)
    assert campaign.deadline.isoformat() == "2024-04-15"


def test_a_second_campaign_for_the_year_is_refused(campaign, regional_curator):
    with pytest.raises(DomainError, match="уже открыта"):
        services.campaign_open(actor=regional_curator, region=campaign.region, year=YEAR)


def test_analyst_saves_values_and_each_change_leaves_a_revision(report, analyst):
    services.values_save(actor=analyst, report=report, entries=[entry("2", "25,5")])
    services.values_save(actor=analyst, report=report, entries=[entry("2", "26")])
    value = IndicatorValue.objects.get(indicator__code="2", municipality=report.municipality)
    assert value.value == Decimal("26")
    revisions = list(ValueRevision.objects.filter(value=value).order_by("id"))
    assert [(r.old_value, r.new_value) for r in revisions] == [
        (None, Decimal("25.5")), (Decimal("25.5"), Decimal("26"))]
    assert AuditEvent.objects.filter(action="effectiveness.enter_values").count() == 2


def test_an_unchanged_value_writes_nothing(report, analyst):
    services.values_save(actor=analyst, report=report, entries=[entry("2", "25")])
    assert services.values_save(actor=analyst, report=report, entries=[entry("2", "25")]) == 0


@pytest.mark.parametrize("code,value,message", [
    ("2", "101", "больше допустимого"),
    ("2", "-1", "меньше допустимого"),
    ("2", "много", "Введите число"),
    ("36", "3", "1 \\(да\\) или 2 \\(нет\\)"),
    ("8", "30000", "по составляющим"),
    ("12", "50", "исключён"),
])
def test_bad_values_are_refused_and_nothing_is_written(report, analyst, code, value, message):
    good = entry("1", "300")
    with pytest.raises(DomainError) as caught:
        services.values_save(actor=analyst, report=report, entries=[good, entry(code, value)])
    assert any(__import__("re").search(message, m) for m in caught.value.field_errors["1"])
    assert not IndicatorValue.objects.exists()


def test_years_follow_the_campaign_actual_then_three_plans(report, analyst):
    with pytest.raises(DomainError) as caught:
        services.values_save(actor=analyst, report=report, entries=[
            entry("1", "1", year=YEAR - 1), entry("1", "1", year=YEAR + 4, kind=ValueKind.PLAN)])
    assert "Год" in caught.value.field_errors["0"][0]
    assert "Год" in caught.value.field_errors["1"][0]
    saved = services.values_save(actor=analyst, report=report, entries=[
        entry("1", "1", year=YEAR + n, kind=ValueKind.PLAN) for n in (1, 2, 3)])
    assert saved == 3


def test_a_jump_beyond_the_threshold_needs_an_explanation(report, analyst, municipality):
    accepted(municipality, "1", YEAR - 1, 100)
    with pytest.raises(DomainError) as caught:
        services.values_save(actor=analyst, report=report, entries=[entry("1", "180")])
    assert "80.0 %" in caught.value.field_errors["0"][0]
    services.values_save(actor=analyst, report=report,
                         entries=[entry("1", "180", comment="Открылся технопарк")])
    assert IndicatorValue.objects.filter(year=YEAR).count() == 1


def test_the_jump_threshold_is_a_rule_the_municipality_may_change(
    catalogue, municipality, regional_curator, analyst, operator
):
    from datetime import date

    from zemstvo.core.rules.services import rule_override_set

    rule_override_set(actor=operator, key="effectiveness.jump_threshold", value="100",
                      effective_from=date(2020, 1, 1), source="Постановление № 2",
                      municipality=municipality)
    accepted(municipality, "1", YEAR - 1, 100)
    campaign = services.campaign_open(actor=regional_curator, region=municipality.region,
                                      year=YEAR)
    report = services.report_get_or_create(campaign, municipality)
    assert services.values_save(actor=analyst, report=report, entries=[entry("1", "180")]) == 1


def test_an_analyst_of_another_municipality_cannot_enter_values(report, other_analyst):
    with pytest.raises(NotAllowed):
        services.values_save(actor=other_analyst, report=report, entries=[entry("1", "1")])


def test_the_report_goes_submit_return_correct_accept(report, analyst, regional_curator):
    services.values_save(actor=analyst, report=report, entries=[entry("1", "300")])
    services.report_submit(actor=analyst, report=report)
    with pytest.raises(DomainError, match="представлен"):
        services.values_save(actor=analyst, report=report, entries=[entry("1", "310")])
    with pytest.raises(DomainError, match="что исправить"):
        services.report_return(actor=regional_curator, report=report, comment="")
    services.report_return(actor=regional_curator, report=report,
                           comment="Уточните показатель 1 по данным налоговой.")
    assert report.status == ReportStatus.RETURNED
    services.values_save(actor=analyst, report=report, entries=[entry("1", "310")])
    services.report_submit(actor=analyst, report=report)
    services.report_accept(actor=regional_curator, report=report)
    value = IndicatorValue.objects.get()
    assert value.is_accepted and value.value == 310
    actions = list(AuditEvent.objects.filter(action__startswith="effectiveness.")
                   .order_by("id").values_list("action", flat=True))
    assert actions[-6:] == ["effectiveness.enter_values", "effectiveness.submit",
                            "effectiveness.return", "effectiveness.enter_values",
                            "effectiveness.submit", "effectiveness.accept"]


def test_an_analyst_cannot_accept_and_an_empty_report_cannot_be_submitted(report, analyst):
    with pytest.raises(DomainError, match="нет ни одного"):
        services.report_submit(actor=analyst, report=report)
    services.values_save(actor=analyst, report=report, entries=[entry("1", "3")])
    services.report_submit(actor=analyst, report=report)
    with pytest.raises(NotAllowed):
        services.report_accept(actor=analyst, report=report)


def test_settlement_level_values_need_a_settlement_of_the_municipality(
    report, analyst, regional_curator, settlement, other_municipality
):
    from tests.factories import SettlementFactory

    living = services.indicator_save(
        actor=regional_curator, region=report.campaign.region, code="Р-1", sphere="living",
        name="Индекс качества среды", unit="баллов", direction="higher",
        value_type="number", level="settlement", min_value=None, max_value=None,
        bdpmo_code="", needs_confirmation=False, is_active=True, note="")
    from zemstvo.effectiveness.checks import Entry

    foreign = SettlementFactory(municipality=other_municipality)
    with pytest.raises(DomainError) as caught:
        services.values_save(actor=analyst, report=report, entries=[
            Entry(indicator=living, year=YEAR, kind="actual", raw="150"),
            Entry(indicator=living, year=YEAR, kind="actual", raw="150", settlement=foreign)])
    assert "населённый пункт" in caught.value.field_errors["0"][0]
    assert "не относится" in caught.value.field_errors["1"][0]
    services.values_save(actor=analyst, report=report, entries=[
        Entry(indicator=living, year=YEAR, kind="actual", raw="150", settlement=settlement)])
    assert IndicatorValue.objects.get().settlement == settlement


def test_catalogue_seed_has_the_40_items_flags_and_sub_indicators(catalogue):
    from zemstvo.effectiveness.catalogue import load_decree_607
    from zemstvo.effectiveness.models import Indicator

    top = Indicator.objects.filter(region=None, parent=None)
    assert {str(n) for n in range(1, 41)} <= set(top.values_list("code", flat=True))
    assert Indicator.objects.get(code="8").children.count() == 6
    assert Indicator.objects.get(code="39").children.count() == 5
    assert Indicator.objects.get(code="12").needs_confirmation
    assert not Indicator.objects.get(code="12").is_active
    assert Indicator.objects.get(code="23.1").needs_confirmation
    assert Indicator.objects.get(code="36").value_type == "yes_no"
    assert Indicator.objects.get(code="6").direction == "lower"
    assert Indicator.objects.get(code="3").bdpmo_code == "Y48109003"
    assert load_decree_607()["created"] == 0


def test_curator_adds_a_regional_indicator_and_a_duplicate_code_is_refused(
    catalogue, municipality, regional_curator, analyst
):
    fields = dict(code="Р-2", sphere="economy", name="Доля закупок у местных производителей",
                  unit="%", direction="higher", value_type="number", level="municipality",
                  min_value=Decimal(0), max_value=Decimal(100), bdpmo_code="",
                  needs_confirmation=False, is_active=True, note="")
    created = services.indicator_save(actor=regional_curator, region=municipality.region,
                                      **fields)
    assert created.region == municipality.region
    with pytest.raises(DomainError) as caught:
        services.indicator_save(actor=regional_curator, region=municipality.region, **fields)
    assert "code" in caught.value.field_errors
    with pytest.raises(NotAllowed):
        services.indicator_save(actor=analyst, region=municipality.region,
                                **{**fields, "code": "Р-3"})


def test_load_indicators_command_seeds_the_catalogue(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_indicators", stdout=out)
    assert "создано" in out.getvalue()
