"""Progress, budget execution, deviation and late milestones against the
hand-computed program of tests/programs/factories.py."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from zemstvo.programs import metrics, selectors
from zemstvo.programs.models import Milestone

pytestmark = pytest.mark.django_db


def _report(program, today, risk=14):
    return selectors.program_report(selectors.program_detail(program.pk), today, risk)


def test_activity_progress_follows_milestones_status_and_report(program, today):
    report = _report(program, today)
    progress = {row["activity"].title: row["progress"] for row in report["activities"]}
    assert progress == {"Ремонт школы": Decimal("50.0"), "Парк": Decimal("100.0"),
                        "Отменённое": None, "Освещение": Decimal("20.0")}


def test_program_progress_is_weighted_without_cancelled_activities(program, today):
    assert _report(program, today)["progress"] == Decimal("54.0")


def test_budget_execution_by_year_source_and_total(program, today):
    execution = _report(program, today)["execution"]
    assert {y: e.percent for y, e in execution["by_year"].items()} == {
        2025: Decimal("90.0"), 2026: Decimal("62.5")}
    assert execution["by_year"][2026].plan == Decimal("4000")
    assert {s: e.percent for s, e in execution["by_source"].items()} == {
        "local": Decimal("95.0"), "regional": Decimal("50.0")}
    assert execution["by_year_source"][(2026, "regional")].fact == Decimal("1500")
    assert (execution["total"].plan, execution["total"].fact) == (Decimal("5000"),
                                                                 Decimal("3400"))
    assert execution["total"].percent == Decimal("68.0")


def test_indicator_deviation_is_mirrored_when_less_is_better(program, today):
    deviations = {item["indicator"].title: item["values"][0]["deviation"]
                  for item in _report(program, today)["indicators"]}
    assert deviations == {"Доля освещённых улиц": Decimal("-10.0"),
                          "Число ДТП": Decimal("25.0")}


def test_late_milestone_is_listed_with_its_reason(program, today):
    report = _report(program, today)
    assert [(m.title, m.delay_reason) for m in report["late"]] == [
        ("Кровля", "Подрядчик сорвал поставку")]
    assert report["at_risk"] == []


def test_milestone_due_within_the_rule_days_is_at_risk(program, today):
    report = _report(program, today - timedelta(days=5), risk=7)
    assert [m.title for m in report["at_risk"]] == ["Кровля"]
    assert [m.title for m in _report(program, today - timedelta(days=5), risk=3)["at_risk"]] == []


def test_risk_days_come_from_the_rule_kernel(municipality, today):
    assert selectors.risk_days(municipality, today) == 14


def test_no_plan_gives_no_percent():
    assert metrics.percent(5, 0) is None
    assert metrics.deviation(Decimal(0), Decimal(3)) is None
    assert metrics.deviation(Decimal(10), None) is None
    assert metrics.program_progress([]) is None


def test_milestone_states():
    day = date(2026, 5, 1)
    reached_late = Milestone(title="x", planned_date=day, actual_date=day + timedelta(days=2))
    assert metrics.milestone_state(reached_late, day, 7) == "reached_late"
    assert metrics.milestone_state(Milestone(planned_date=day + timedelta(days=30)), day,
                                   7) == "planned"


def test_target_progress_moves_from_baseline_either_direction():
    assert metrics.target_progress(Decimal(40), Decimal(60), Decimal(50)) == Decimal("50.0")
    assert metrics.target_progress(Decimal(30), Decimal(20), Decimal(25)) == Decimal("50.0")
    assert metrics.target_progress(Decimal(30), Decimal(20), Decimal(35)) == Decimal(0)
