"""Programs in the API: GET /api/v1/programs?municipality=SLUG (with progress and
budget execution), GET /api/v1/programs/{id} (activities, budget, indicators,
milestones, progress). Read-only and public: nothing here is personal data."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from zemstvo.core.errors import DomainError
from zemstvo.core.territory.models import Municipality
from zemstvo.programs import metrics, selectors

router = Router(tags=["Программы"])


class ProgramFilter(Schema):
    municipality: str = Field(description="Адрес портала (slug)")


class ExecutionOut(Schema):
    plan: Decimal
    fact: Decimal
    percent: Decimal | None


class ProgramSummaryOut(Schema):
    id: int
    code: str
    title: str
    year_from: int
    year_to: int
    responsible_unit: str
    progress: Decimal | None
    budget: ExecutionOut
    late_milestones: int


class BudgetLineOut(Schema):
    year: int
    source: str
    plan: Decimal
    fact: Decimal


class MilestoneOut(Schema):
    id: int
    title: str
    planned_date: str
    actual_date: str | None
    state: str
    delay_reason: str


class ActivityOut(Schema):
    id: int
    title: str
    responsible_unit: str
    status: str
    weight: int
    progress: Decimal | None
    budget: list[BudgetLineOut]
    milestones: list[MilestoneOut]


class IndicatorValueOut(Schema):
    year: int
    plan: Decimal
    fact: Decimal | None
    deviation: Decimal | None


class IndicatorOut(Schema):
    id: int
    title: str
    unit: str
    baseline_value: Decimal
    baseline_year: int
    lower_is_better: bool
    values: list[IndicatorValueOut]


class ProgramOut(ProgramSummaryOut):
    municipality: str
    activities: list[ActivityOut]
    indicators: list[IndicatorOut]
    budget_by_year: dict[str, ExecutionOut]


def _execution(e: metrics.Execution) -> dict:
    return {"plan": e.plan, "fact": e.fact, "percent": e.percent}


def _municipality(slug: str) -> Municipality:
    municipality = Municipality.objects.filter(slug=slug, is_active=True).first()
    if municipality is None:
        message = "Муниципальное образование с таким адресом не найдено."
        raise DomainError(message, field_errors={"municipality": [message]})
    return municipality


@router.get("", response=list[ProgramSummaryOut], summary="Программы муниципального образования")
def program_list(request: HttpRequest, filters: Query[ProgramFilter]):
    municipality = _municipality(filters.municipality)
    today = selectors.today_in(municipality)
    return [{
        "id": s.program.pk, "code": s.program.code, "title": s.program.title,
        "year_from": s.program.year_from, "year_to": s.program.year_to,
        "responsible_unit": s.program.responsible_unit, "progress": s.progress,
        "budget": _execution(s.execution), "late_milestones": s.late,
    } for s in selectors.program_summaries(municipality, today)]


@router.get("/{int:program_id}", response=ProgramOut, summary="Программа")
def program_detail(request: HttpRequest, program_id: int):
    program = selectors.program_detail(program_id)
    municipality = program.municipality
    today = selectors.today_in(municipality)
    risk = selectors.risk_days(municipality, today)
    report = selectors.program_report(program, today, risk)
    activities = [{
        "id": a.pk, "title": a.title, "responsible_unit": a.responsible_unit,
        "status": a.status, "weight": a.weight, "progress": metrics.activity_progress(a),
        "budget": [{"year": b.year, "source": b.source, "plan": b.plan, "fact": b.fact}
                   for b in a.budget.all()],
        "milestones": [{
            "id": m.pk, "title": m.title, "planned_date": m.planned_date.isoformat(),
            "actual_date": m.actual_date.isoformat() if m.actual_date else None,
            "state": metrics.milestone_state(m, today, risk), "delay_reason": m.delay_reason,
        } for m in a.milestones.all()],
    } for a in program.activities.all()]
    indicators = [{
        "id": item["indicator"].pk, "title": item["indicator"].title,
        "unit": item["indicator"].unit, "baseline_value": item["indicator"].baseline_value,
        "baseline_year": item["indicator"].baseline_year,
        "lower_is_better": item["indicator"].lower_is_better,
        "values": [{"year": v["value"].year, "plan": v["value"].plan, "fact": v["value"].fact,
                    "deviation": v["deviation"]} for v in item["values"]],
    } for item in report["indicators"]]
    return {
        "id": program.pk, "code": program.code, "title": program.title,
        "municipality": municipality.slug, "year_from": program.year_from,
        "year_to": program.year_to, "responsible_unit": program.responsible_unit,
        "progress": report["progress"], "budget": _execution(report["execution"]["total"]),
        "late_milestones": len(report["late"]), "activities": activities,
        "indicators": indicators,
        "budget_by_year": {str(y): _execution(e)
                           for y, e in report["execution"]["by_year"].items()},
    }
