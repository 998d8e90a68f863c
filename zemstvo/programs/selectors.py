"""Reads of programs and the strategy for pages, the API, the dashboard and open
data. Each costs a fixed number of queries whatever the number of records; the
figures come from zemstvo.programs.metrics."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from zemstvo.core.errors import NotFound
from zemstvo.core.permissions import can
from zemstvo.core.registry import SearchDoc
from zemstvo.core.rules.services import rule_value
from zemstvo.core.territory.models import Municipality
from zemstvo.programs import metrics
from zemstvo.programs.models import (
    Activity,
    FundingSource,
    Goal,
    Milestone,
    Priority,
    Program,
    ProgramIndicator,
    ProgressUpdate,
    Strategy,
    TargetIndicator,
    Task,
)

RISK_RULE = "programs.milestone_risk_days"
SOURCE_TITLES = dict(FundingSource.choices)


def today_in(municipality: Municipality) -> date:
    """Today in the municipality's own time zone (deadlines are local dates)."""
    return timezone.localtime(timezone.now(), municipality.tz).date()


def risk_days(municipality: Municipality, today: date) -> int:
    return int(rule_value(RISK_RULE, municipality=municipality, on=today))


def _activities() -> QuerySet[Activity]:
    return Activity.objects.select_related("subprogram").prefetch_related("milestones", "budget")


def _programs(municipality: Municipality | None) -> QuerySet[Program]:
    programs = Program.objects.select_related("municipality").prefetch_related(
        Prefetch("activities", queryset=_activities()))
    if municipality is not None:
        programs = programs.filter(municipality=municipality)
    return programs.order_by("code", "id")


@dataclass
class ProgramSummary:
    program: Program
    progress: Decimal | None
    execution: metrics.Execution
    late: int


def program_summaries(municipality: Municipality, today: date) -> list[ProgramSummary]:
    """Every program of the municipality with its progress, budget and late points
    (four queries)."""
    result = []
    for program in _programs(municipality):
        activities = list(program.activities.all())
        lines = [line for a in activities for line in a.budget.all()]
        late = sum(1 for a in activities for m in a.milestones.all() if metrics.is_late(m, today))
        result.append(ProgramSummary(program, metrics.program_progress(activities),
                                     metrics.budget_execution(lines)["total"], late))
    return result


def program_detail(pk: int, municipality: Municipality | None = None) -> Program:
    programs = _programs(municipality).prefetch_related(
        "subprograms",
        Prefetch("indicators", queryset=ProgramIndicator.objects.prefetch_related("values")),
    )
    program = programs.filter(pk=pk).first()
    if program is None:
        raise NotFound("Программа не найдена.")
    return program


def program_report(program: Program, today: date, risk: int) -> dict[str, Any]:
    """What the program page and the API show: planned, done, where the money went,
    what is late and why."""
    activities = list(program.activities.all())
    lines = metrics.program_budget_lines(program)
    execution = metrics.budget_execution(lines)
    rows = []
    late, at_risk = [], []
    for activity in activities:
        rows.append({"activity": activity, "progress": metrics.activity_progress(activity),
                     "execution": metrics.budget_execution(activity.budget.all())["total"]})
        for milestone in activity.milestones.all():
            if metrics.is_late(milestone, today):
                late.append(milestone)
            elif metrics.is_at_risk(milestone, today, risk):
                at_risk.append(milestone)
    indicators = []
    for indicator in program.indicators.all():
        values = [{"value": v, "deviation": metrics.value_deviation(
            v, lower_is_better=indicator.lower_is_better)} for v in indicator.values.all()]
        indicators.append({"indicator": indicator, "values": values})
    return {
        "progress": metrics.program_progress(activities),
        "activities": rows,
        "execution": execution,
        "years": [{"year": y, "execution": e} for y, e in execution["by_year"].items()],
        "sources": [{"source": s, "title": SOURCE_TITLES.get(s, s), "execution": e}
                    for s, e in execution["by_source"].items()],
        "indicators": indicators,
        "late": late,
        "at_risk": at_risk,
        "risk_days": risk,
    }


def activity_detail(pk: int, municipality: Municipality) -> Activity:
    activity = _activities().select_related("program__municipality").filter(
        pk=pk, program__municipality=municipality).first()
    if activity is None:
        raise NotFound("Мероприятие не найдено.")
    return activity


def strategies(municipality: Municipality) -> list[Strategy]:
    return list(Strategy.objects.filter(municipality=municipality).order_by("-year_from", "id"))


def strategy_detail(pk: int, municipality: Municipality) -> Strategy:
    """The goals tree: priorities -> goals -> tasks (with programs) and targets."""
    tree = Prefetch("priorities", queryset=Priority.objects.prefetch_related(Prefetch(
        "goals", queryset=Goal.objects.prefetch_related(
            Prefetch("tasks", queryset=Task.objects.prefetch_related("programs")),
            Prefetch("targets", queryset=TargetIndicator.objects.prefetch_related("values")),
        ))))
    strategy = Strategy.objects.select_related("municipality").prefetch_related(tree).filter(
        pk=pk, municipality=municipality).first()
    if strategy is None:
        raise NotFound("Стратегия не найдена.")
    return strategy


def target_rows(target: TargetIndicator) -> list[dict[str, Any]]:
    """Each year of a target with the deviation of its fact and the progress from
    the baseline towards that year's target."""
    return [{"value": v,
             "deviation": metrics.deviation(v.target, v.fact,
                                            lower_is_better=target.lower_is_better),
             "progress": metrics.target_progress(target.baseline_value, v.target, v.fact)}
            for v in target.values.all()]


def linked_initiatives(municipality: Municipality) -> list[Any]:
    """Initiative projects selected for implementation, in implementation or completed:
    linked from the programs page, never copied (one query)."""
    if not apps.is_installed("zemstvo.initiatives"):
        return []
    project_model = apps.get_model("initiatives", "Project")
    return list(project_model.objects.filter(
        municipality=municipality, status__in=("selected", "implementation", "completed"),
    ).select_related("municipality").order_by("-id"))


def late_milestones(municipality_ids: list[int] | None, today: date) -> QuerySet[Milestone]:
    milestones = Milestone.objects.filter(actual_date__isnull=True, planned_date__lt=today)
    if municipality_ids is not None:
        milestones = milestones.filter(activity__program__municipality_id__in=municipality_ids)
    return milestones


def office_programs(municipality: Municipality) -> QuerySet[Program]:
    return Program.objects.filter(municipality=municipality).order_by("code", "id")


def office_program(user: Any, pk: int) -> Program:
    program = Program.objects.select_related("municipality").filter(pk=pk).first()
    if program is None or not can(user, "programs.view_office", program):
        raise NotFound("Программа не найдена.")
    return program


def office_activity(user: Any, pk: int) -> Activity:
    activity = Activity.objects.select_related("program__municipality").filter(pk=pk).first()
    if activity is None or not can(user, "programs.view_office", activity.program):
        raise NotFound("Мероприятие не найдено.")
    return activity


# --- open data ------------------------------------------------------------------------

def _scope(queryset: QuerySet, path: str, municipality: Municipality | None) -> QuerySet:
    return queryset.filter(**{path: municipality}) if municipality is not None else queryset


def opendata_programs(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    programs = _scope(Program.objects.all(), "municipality", municipality).values(
        "pk", "code", "title", "year_from", "year_to", "responsible_unit",
        "municipality__name", "municipality__oktmo").order_by("pk")
    for row in programs.iterator(chunk_size=1000):
        yield {"id": row["pk"], "municipality": row["municipality__name"],
               "oktmo": row["municipality__oktmo"], "code": row["code"], "title": row["title"],
               "year_from": row["year_from"], "year_to": row["year_to"],
               "responsible_unit": row["responsible_unit"]}


def opendata_activities(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    activities = _scope(Activity.objects.all(), "program__municipality", municipality)
    for a in activities.prefetch_related("milestones").select_related("program").order_by(
            "pk").iterator(chunk_size=1000):
        progress = metrics.activity_progress(a)
        yield {"id": a.pk, "program_code": a.program.code, "title": a.title,
               "responsible_unit": a.responsible_unit, "status": a.status, "weight": a.weight,
               "progress": str(progress) if progress is not None else ""}


def opendata_budget(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    from zemstvo.programs.models import BudgetLine

    lines = _scope(BudgetLine.objects.all(), "activity__program__municipality", municipality)
    for row in lines.values("activity_id", "activity__program__code", "year", "source",
                            "plan", "fact").order_by("activity_id", "year", "source").iterator(
            chunk_size=1000):
        yield {"activity_id": row["activity_id"], "program_code": row["activity__program__code"],
               "year": row["year"], "source": row["source"], "plan": str(row["plan"]),
               "fact": str(row["fact"])}


def opendata_indicators(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    from zemstvo.programs.models import IndicatorValue

    values = _scope(IndicatorValue.objects.all(), "indicator__program__municipality",
                    municipality).select_related("indicator__program").order_by(
        "indicator_id", "year")
    for v in values.iterator(chunk_size=1000):
        ind = v.indicator
        dev = metrics.value_deviation(v, lower_is_better=ind.lower_is_better)
        yield {"program_code": ind.program.code, "indicator": ind.title, "unit": ind.unit,
               "year": v.year, "plan": str(v.plan),
               "fact": "" if v.fact is None else str(v.fact),
               "deviation": "" if dev is None else str(dev)}


def latest_updates(activity: Activity, limit: int) -> list[ProgressUpdate]:
    return list(ProgressUpdate.objects.filter(activity=activity).order_by(
        "-created_at", "-id")[:limit])


def evidence_for(updates: list[ProgressUpdate]) -> dict[int, list[Any]]:
    """Public evidence of several progress updates, by update id (one query)."""
    from django.contrib.contenttypes.models import ContentType

    from zemstvo.core.attachments.models import Attachment

    if not updates:
        return {}
    found = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(ProgressUpdate),
        object_id__in=[str(u.pk) for u in updates], is_public=True,
    ).order_by("pk")
    result: dict[int, list[Any]] = {u.pk: [] for u in updates}
    for attachment in found:
        result[int(attachment.object_id)].append(attachment)
    return result


def search_doc(program: Program) -> SearchDoc:
    return SearchDoc(kind="programs", object_id=str(program.pk),
                     title=f"{program.code} {program.title}",
                     body="\n\n".join(p for p in (program.responsible_unit,
                                                     program.description) if p),
                     url=program.get_absolute_url(), municipality_id=program.municipality_id)


def search_documents() -> Iterator[SearchDoc]:
    """Every program (all are public), for rebuilding the search index."""
    for program in Program.objects.select_related("municipality").iterator(chunk_size=1000):
        yield search_doc(program)
