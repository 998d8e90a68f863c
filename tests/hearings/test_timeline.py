"""Each kind's timeline: planned by the template, across holiday transfers, checked
against the law's limits; the proposals window in the municipality's own time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.factories import MunicipalityFactory
from tests.hearings.factories import procedure
from zemstvo.core.errors import DomainError
from zemstvo.core.rules.services import rule_override_set
from zemstvo.core.workdays.services import is_working_day
from zemstvo.hearings import services
from zemstvo.hearings.models import ProcedureForm, ProcedureKind, Stage, StageKind


@pytest.mark.parametrize("kind", ProcedureKind.values)
def test_every_kind_plans_a_lawful_timeline(kind, municipality, municipal_admin):
    proc = procedure(municipal_admin, municipality, kind=kind)
    stages = list(proc.stages.all())
    assert stages[0].kind == StageKind.NOTICE and stages[-1].kind == StageKind.CONCLUSION
    assert stages[0].starts_on == date(2026, 3, 2)
    for previous, current in zip(stages, stages[1:], strict=False):
        assert current.starts_on == previous.ends_on
    # Notice at least 7 days before the draft is placed (ГрК ст. 5.1 ч. 8 п. 1).
    assert (stages[1].starts_on - stages[0].starts_on).days >= 7
    has_meeting = any(s.kind == StageKind.MEETING for s in stages)
    assert has_meeting == (proc.form == ProcedureForm.HEARING)
    assert set(proc.rules) >= {"hearings.notice_lead_days"} or set(proc.rules) >= {
        "hearings.charter_notice_lead_days"}


def test_genplan_from_notice_to_conclusion_fits_one_month(municipality, municipal_admin):
    proc = procedure(municipal_admin, municipality, kind=ProcedureKind.GENPLAN)
    stages = list(proc.stages.all())
    assert stages[-1].ends_on <= date(2026, 4, 2)
    assert proc.rules["hearings.genplan_max_months"]["value"] == 1
    assert "58-ФЗ" in proc.rules["hearings.genplan_max_months"]["source"]


def test_genplan_before_2022_followed_the_three_month_rule(municipality, municipal_admin):
    proc = procedure(municipal_admin, municipality, notice_date=date(2021, 3, 1))
    assert proc.rules["hearings.genplan_max_months"]["value"] == 3


def test_working_day_stages_skip_the_may_holidays_and_transfers(municipality,
                                                                 municipal_admin):
    """GIVEN a discussion whose protocol stage starts on 30.04.2026, before the May
    holidays; THEN its 2 working days end after the holidays, on working days."""
    proc = procedure(municipal_admin, municipality, kind=ProcedureKind.GENPLAN,
                     notice_date=date(2026, 4, 9))
    protocol = proc.stages.get(kind=StageKind.PROTOCOL)
    assert protocol.starts_on == date(2026, 4, 30)
    assert not is_working_day(date(2026, 5, 1))
    assert protocol.ends_on > date(2026, 5, 1)
    assert is_working_day(protocol.ends_on)
    conclusion = proc.stages.get(kind=StageKind.CONCLUSION)
    assert is_working_day(conclusion.ends_on)


def test_new_year_holidays_push_working_day_stages_into_january(municipality,
                                                                 municipal_admin):
    proc = procedure(municipal_admin, municipality, kind=ProcedureKind.BUDGET,
                     notice_date=date(2025, 12, 1))
    conclusion = proc.stages.get(kind=StageKind.CONCLUSION)
    protocol = proc.stages.get(kind=StageKind.PROTOCOL)
    assert protocol.starts_on == date(2025, 12, 26)
    # 3 working days from 26.12.2025: 29, 30 December, then the holidays to 11 January.
    assert protocol.ends_on == date(2026, 1, 12)
    assert conclusion.ends_on == date(2026, 1, 15)


def test_a_municipal_act_shortening_the_limit_refuses_the_default_plan(
        municipality, municipal_admin, operator):
    rule_override_set(actor=operator, key="hearings.genplan_max_months", value=0,
                      effective_from=date(2026, 1, 1), source="Решение № 1",
                      municipality=municipality)
    with pytest.raises(DomainError) as exc:
        procedure(municipal_admin, municipality)
    assert "не больше 0 мес." in exc.value.message


def test_reschedule_beyond_one_month_is_refused_and_nothing_changes(municipality,
                                                                    municipal_admin):
    proc = procedure(municipal_admin, municipality)
    before = list(Stage.objects.filter(procedure=proc).values_list("starts_on", "ends_on"))
    exposition = proc.stages.get(kind=StageKind.EXPOSITION)
    with pytest.raises(DomainError) as exc:
        services.procedure_reschedule(actor=municipal_admin, procedure=proc, ends={
            "exposition": exposition.starts_on + timedelta(days=21)})
    assert "total" in exc.value.field_errors
    assert list(Stage.objects.filter(procedure=proc).values_list(
        "starts_on", "ends_on")) == before


def test_reschedule_shorter_notice_than_the_law_is_refused(municipality, municipal_admin):
    proc = procedure(municipal_admin, municipality)
    with pytest.raises(DomainError) as exc:
        services.procedure_reschedule(actor=municipal_admin, procedure=proc,
                                      ends={"notice": date(2026, 3, 5)})
    assert "notice" in exc.value.field_errors


@pytest.mark.parametrize("zone", ["Asia/Kamchatka", "Europe/Kaliningrad"])
def test_window_is_counted_in_the_municipality_time_zone(zone, municipal_admin):
    town = MunicipalityFactory(time_zone=zone)
    from tests.factories import MembershipFactory

    MembershipFactory(user=municipal_admin, role="administrator", municipality=town)
    proc = procedure(municipal_admin, town)
    exposition = proc.stages.get(kind=StageKind.EXPOSITION)
    opens, closes = services.proposals_window(proc)
    tz = ZoneInfo(zone)
    assert opens == datetime.combine(exposition.starts_on, datetime.min.time(), tzinfo=tz)
    assert closes.astimezone(tz).date() == exposition.ends_on + timedelta(days=1)
    assert closes.astimezone(tz).hour == 0
    # Kamchatka is 12 hours ahead of UTC, Kaliningrad 2: the same local midnight is a
    # different instant.
    offset = {"Asia/Kamchatka": 12, "Europe/Kaliningrad": 2}[zone]
    assert closes.utcoffset() == timedelta(hours=offset)


def test_a_calendar_year_missing_is_a_clear_error(municipality, municipal_admin):
    with pytest.raises(DomainError) as exc:
        procedure(municipal_admin, municipality, notice_date=date(2031, 3, 2))
    assert "календар" in exc.value.message.lower()


def test_template_edit_within_the_law_changes_new_procedures(municipality, municipal_admin):
    template = services.template_for(municipality, ProcedureKind.GENPLAN)
    stages = {s.kind: (s.min_days, s.default_days, s.max_days, s.day_kind)
              for s in template.stages.all()}
    stages["exposition"] = (7, 10, 14, "calendar")
    services.template_update(actor=municipal_admin, template=template, stages=stages,
                             act="Решение № 5", on=date(2026, 1, 1))
    proc = procedure(municipal_admin, municipality)
    exposition = proc.stages.get(kind=StageKind.EXPOSITION)
    assert (exposition.ends_on - exposition.starts_on).days == 10


def test_template_notice_below_the_law_is_refused_and_nothing_written(municipality,
                                                                      municipal_admin):
    template = services.template_for(municipality, ProcedureKind.GENPLAN)
    stages = {s.kind: (s.min_days, s.default_days, s.max_days, s.day_kind)
              for s in template.stages.all()}
    stages["notice"] = (3, 3, 10, "calendar")
    with pytest.raises(DomainError) as exc:
        services.template_update(actor=municipal_admin, template=template, stages=stages,
                                 on=date(2026, 1, 1))
    assert "notice" in exc.value.field_errors
    assert template.stages.get(kind="notice").min_days == 7
