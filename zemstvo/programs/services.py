"""Every change to the strategy and programs. Each function: policy check ->
validation -> one transaction with the audit event (and notifications for
subscribers of a program when progress is posted)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict

from zemstvo.core.attachments.services import attachment_add
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.notifications.services import notify_subscribers
from zemstvo.core.permissions import require
from zemstvo.core.search.services import index_document
from zemstvo.core.territory.models import Municipality
from zemstvo.programs.models import (
    ActionPlanItem,
    Activity,
    ActivityStatus,
    BudgetLine,
    FundingSource,
    Goal,
    IndicatorValue,
    Milestone,
    Priority,
    Program,
    ProgramIndicator,
    ProgressUpdate,
    Strategy,
    Subprogram,
    TargetIndicator,
    TargetValue,
    Task,
)
from zemstvo.programs.selectors import search_doc

YEAR_MIN, YEAR_MAX = 2000, 2100
MONEY_MAX = Decimal("99999999999999.99")


def _snapshot(obj: Any) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Decimal | date) else v)
            for k, v in model_to_dict(obj).items() if not isinstance(v, list)}


def _text(value: str, field: str, label: str, errors: dict, *, max_length: int = 300,
          required: bool = True) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        errors[field] = [f"Заполните поле «{label}»."]
    elif len(value) > max_length:
        errors[field] = [f"Поле «{label}» длиннее {max_length} символов."]
    return value


def _period(year_from: int, year_to: int, errors: dict) -> None:
    for field, year in (("year_from", year_from), ("year_to", year_to)):
        if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
            errors[field] = [f"Год должен быть числом от {YEAR_MIN} до {YEAR_MAX}."]
    if not errors and year_to < year_from:
        errors["year_to"] = ["Конец периода раньше его начала."]


def decimal_value(raw: Any, field: str, errors: dict, *, money: bool = False,
                  required: bool = True) -> Decimal | None:
    """A number from a form or a spreadsheet: "1 234,5" and 1234.5 both work."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            errors[field] = ["Укажите число."]
        return None
    try:
        value = Decimal(str(raw).replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        errors[field] = [f"«{raw}» — не число."]
        return None
    if not value.is_finite():
        errors[field] = [f"«{raw}» — не число."]
        return None
    if money:
        if value < 0:
            errors[field] = ["Сумма не может быть отрицательной."]
        elif value > MONEY_MAX:
            errors[field] = ["Сумма слишком велика."]
        elif value != value.quantize(Decimal("0.01")):
            errors[field] = ["Сумма в рублях: не больше двух знаков после запятой."]
        return value.quantize(Decimal("0.01")) if field not in errors else None
    return value


def _raise(errors: dict, message: str = "Проверьте поля формы.") -> None:
    if errors:
        raise DomainError(message, field_errors=errors)


def _save(actor: Any, action: str, obj: Any, before: dict | None, municipality: Any) -> None:
    obj.save()
    audit_record(actor=actor, action=action, obj=obj, before=before, after=_snapshot(obj),
                 municipality=municipality)


# --- strategy -------------------------------------------------------------------------

def strategy_save(*, actor: Any, municipality: Municipality, title: str, year_from: int,
                  year_to: int, description: str = "",
                  strategy: Strategy | None = None) -> Strategy:
    require(actor, "programs.manage", municipality)
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", "Название", errors)
    _period(year_from, year_to, errors)
    _raise(errors)
    with transaction.atomic():
        before = _snapshot(strategy) if strategy else None
        strategy = strategy or Strategy(municipality=municipality)
        strategy.title, strategy.year_from, strategy.year_to = title, year_from, year_to
        strategy.description = (description or "").strip()
        _save(actor, "programs.strategy_save", strategy, before, municipality)
    return strategy


def priority_add(*, actor: Any, strategy: Strategy, title: str, order: int = 0) -> Priority:
    require(actor, "programs.manage", strategy.municipality)
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", "Приоритет", errors)
    _raise(errors)
    with transaction.atomic():
        priority = Priority(strategy=strategy, title=title, order=order)
        _save(actor, "programs.priority_add", priority, None, strategy.municipality)
    return priority


def goal_add(*, actor: Any, priority: Priority, title: str, order: int = 0) -> Goal:
    municipality = priority.strategy.municipality
    require(actor, "programs.manage", municipality)
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", "Цель", errors)
    _raise(errors)
    with transaction.atomic():
        goal = Goal(priority=priority, title=title, order=order)
        _save(actor, "programs.goal_add", goal, None, municipality)
    return goal


def task_add(*, actor: Any, goal: Goal, title: str, programs: Sequence[Program] = (),
             order: int = 0) -> Task:
    """A task of a goal, linked by the action plan to the programs that carry it out."""
    municipality = goal.priority.strategy.municipality
    require(actor, "programs.manage", municipality)
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", "Задача", errors)
    if any(p.municipality_id != municipality.pk for p in programs):
        errors["programs"] = ["Программа другого муниципального образования."]
    _raise(errors)
    with transaction.atomic():
        task = Task(goal=goal, title=title, order=order)
        _save(actor, "programs.task_add", task, None, municipality)
        for program in programs:
            ActionPlanItem.objects.create(task=task, program=program)
    return task


def target_add(*, actor: Any, goal: Goal, title: str, unit: str, baseline_value: Any,
               baseline_year: int, values: dict[int, tuple[Any, Any]],
               lower_is_better: bool = False) -> TargetIndicator:
    """A target indicator with its target (and, when known, actual) value by year:
    ``values`` = {year: (target, fact or None)}."""
    municipality = goal.priority.strategy.municipality
    require(actor, "programs.manage", municipality)
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", "Показатель", errors)
    unit = _text(unit, "unit", "Единица измерения", errors, max_length=40)
    baseline = decimal_value(baseline_value, "baseline_value", errors)
    parsed = {}
    for year, (target, fact) in sorted(values.items()):
        if not YEAR_MIN <= int(year) <= YEAR_MAX:
            errors["values"] = [f"Год {year} вне допустимого диапазона."]
            continue
        parsed[int(year)] = (decimal_value(target, "values", errors),
                             decimal_value(fact, "values", errors, required=False))
    if not parsed and "values" not in errors:
        errors["values"] = ["Укажите целевые значения хотя бы на один год."]
    _raise(errors)
    with transaction.atomic():
        indicator = TargetIndicator(goal=goal, title=title, unit=unit, baseline_value=baseline,
                                    baseline_year=baseline_year, lower_is_better=lower_is_better)
        _save(actor, "programs.target_add", indicator, None, municipality)
        TargetValue.objects.bulk_create(
            TargetValue(indicator=indicator, year=y, target=t, fact=f)
            for y, (t, f) in parsed.items())
    return indicator


def target_fact_set(*, actor: Any, value: TargetValue, fact: Any) -> TargetValue:
    municipality = value.indicator.goal.priority.strategy.municipality
    require(actor, "programs.manage", municipality)
    errors: dict[str, list[str]] = {}
    parsed = decimal_value(fact, "fact", errors, required=False)
    _raise(errors)
    with transaction.atomic():
        before = _snapshot(value)
        value.fact = parsed
        _save(actor, "programs.target_fact_set", value, before, municipality)
    return value


# --- programs ---------------------------------------------------------------------------

def program_save(*, actor: Any, municipality: Municipality, code: str, title: str,
                 year_from: int, year_to: int, responsible_unit: str, description: str = "",
                 program: Program | None = None) -> Program:
    require(actor, "programs.manage", program or municipality)
    errors: dict[str, list[str]] = {}
    code = _text(code, "code", "Код", errors, max_length=30)
    title = _text(title, "title", "Название", errors)
    unit = _text(responsible_unit, "responsible_unit", "Ответственный исполнитель", errors)
    _period(year_from, year_to, errors)
    if code and Program.objects.filter(municipality=municipality, code=code).exclude(
            pk=getattr(program, "pk", None)).exists():
        errors["code"] = ["Программа с таким кодом уже есть."]
    _raise(errors)
    with transaction.atomic():
        before = _snapshot(program) if program else None
        program = program or Program(municipality=municipality)
        program.code, program.title, program.responsible_unit = code, title, unit
        program.year_from, program.year_to = year_from, year_to
        program.description = (description or "").strip()
        _save(actor, "programs.program_save", program, before, municipality)
        index_document(search_doc(program))
    return program


def subprogram_add(*, actor: Any, program: Program, title: str, kind: str = "subprogram",
                   national_project: str = "") -> Subprogram:
    """A subprogram or a project; naming a national project marks it as the municipal
    part of that national project."""
    require(actor, "programs.manage", program)
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", "Название", errors)
    national = _text(national_project, "national_project", "Национальный проект", errors,
                     required=False)
    if kind not in ("subprogram", "project"):
        errors["kind"] = ["Выберите вид: подпрограмма или проект."]
    _raise(errors)
    with transaction.atomic():
        sub = Subprogram(program=program, title=title, kind=kind,
                         is_national_project=bool(national), national_project=national)
        _save(actor, "programs.subprogram_add", sub, None, program.municipality)
    return sub


def activity_save(*, actor: Any, program: Program, title: str, responsible_unit: str,
                  weight: int = 1, status: str = ActivityStatus.PLANNED,
                  subprogram: Subprogram | None = None,
                  activity: Activity | None = None) -> Activity:
    require(actor, "programs.manage", program)
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", "Название", errors)
    unit = _text(responsible_unit, "responsible_unit", "Ответственный исполнитель", errors)
    if not isinstance(weight, int) or not 1 <= weight <= 1000:
        errors["weight"] = ["Вес — целое число от 1 до 1000."]
    if status not in ActivityStatus.values:
        errors["status"] = ["Выберите состояние из списка."]
    if subprogram is not None and subprogram.program_id != program.pk:
        errors["subprogram"] = ["Подпрограмма другой программы."]
    _raise(errors)
    with transaction.atomic():
        before = _snapshot(activity) if activity else None
        activity = activity or Activity(program=program)
        activity.title, activity.responsible_unit = title, unit
        activity.weight, activity.status, activity.subprogram = weight, status, subprogram
        if status == ActivityStatus.DONE:
            activity.reported_progress = 100
        _save(actor, "programs.activity_save", activity, before, program.municipality)
    return activity


def _budget_errors(year: Any, source: Any, plan: Any, fact: Any) -> tuple[dict, tuple]:
    errors: dict[str, list[str]] = {}
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        errors["year"] = [f"Год должен быть числом от {YEAR_MIN} до {YEAR_MAX}."]
    if source not in FundingSource.values:
        errors["source"] = ["Источник: федеральный, региональный, местный бюджет или "
                            "внебюджетные средства."]
    plan_value = decimal_value(plan, "plan", errors, money=True)
    fact_value = decimal_value(fact, "fact", errors, money=True, required=False)
    return errors, (plan_value, fact_value or Decimal(0))


def budget_set(*, actor: Any, activity: Activity, year: int, source: str, plan: Any,
               fact: Any = None) -> BudgetLine:
    """Plan and fact of an activity for a year and a source (replaces the line)."""
    program = activity.program
    require(actor, "programs.manage", program)
    errors, (plan_value, fact_value) = _budget_errors(year, source, plan, fact)
    if not errors and not program.year_from <= year <= program.year_to:
        errors["year"] = [f"Год вне периода программы ({program.year_from}–{program.year_to})."]
    _raise(errors)
    with transaction.atomic():
        line = BudgetLine.objects.filter(activity=activity, year=year, source=source).first()
        before = _snapshot(line) if line else None
        line = line or BudgetLine(activity=activity, year=year, source=source)
        line.plan, line.fact = plan_value, fact_value
        _save(actor, "programs.budget_set", line, before, program.municipality)
    return line


def indicator_add(*, actor: Any, program: Program, title: str, unit: str, baseline_value: Any,
                  baseline_year: int, lower_is_better: bool = False) -> ProgramIndicator:
    require(actor, "programs.manage", program)
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", "Показатель", errors)
    unit = _text(unit, "unit", "Единица измерения", errors, max_length=40)
    baseline = decimal_value(baseline_value, "baseline_value", errors)
    if not isinstance(baseline_year, int) or not YEAR_MIN <= baseline_year <= YEAR_MAX:
        errors["baseline_year"] = [f"Год должен быть числом от {YEAR_MIN} до {YEAR_MAX}."]
    _raise(errors)
    with transaction.atomic():
        indicator = ProgramIndicator(program=program, title=title, unit=unit,
                                     baseline_value=baseline, baseline_year=baseline_year,
                                     lower_is_better=lower_is_better)
        _save(actor, "programs.indicator_add", indicator, None, program.municipality)
    return indicator


def indicator_value_set(*, actor: Any, indicator: ProgramIndicator, year: int, plan: Any,
                        fact: Any = None) -> IndicatorValue:
    program = indicator.program
    require(actor, "programs.manage", program)
    errors: dict[str, list[str]] = {}
    if not isinstance(year, int) or not program.year_from <= year <= program.year_to:
        errors["year"] = [f"Год вне периода программы ({program.year_from}–{program.year_to})."]
    plan_value = decimal_value(plan, "plan", errors)
    fact_value = decimal_value(fact, "fact", errors, required=False)
    _raise(errors)
    with transaction.atomic():
        value = IndicatorValue.objects.filter(indicator=indicator, year=year).first()
        before = _snapshot(value) if value else None
        value = value or IndicatorValue(indicator=indicator, year=year)
        value.plan, value.fact = plan_value, fact_value
        _save(actor, "programs.indicator_value_set", value, before, program.municipality)
    return value


def milestone_save(*, actor: Any, activity: Activity, title: str, planned_date: date,
                   actual_date: date | None = None, delay_reason: str = "",
                   milestone: Milestone | None = None) -> Milestone:
    """A control point; the reason of a delay is what residents read on the page."""
    program = activity.program
    require(actor, "programs.manage", program)
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", "Контрольная точка", errors)
    reason = _text(delay_reason, "delay_reason", "Причина задержки", errors, max_length=500,
                   required=False)
    if not isinstance(planned_date, date):
        errors["planned_date"] = ["Укажите плановую дату."]
    if actual_date is not None and not isinstance(actual_date, date):
        errors["actual_date"] = ["Укажите дату в формате ДД.ММ.ГГГГ."]
    _raise(errors)
    with transaction.atomic():
        before = _snapshot(milestone) if milestone else None
        milestone = milestone or Milestone(activity=activity)
        milestone.title, milestone.planned_date = title, planned_date
        milestone.actual_date, milestone.delay_reason = actual_date, reason
        _save(actor, "programs.milestone_save", milestone, before, program.municipality)
    return milestone


def progress_post(*, actor: Any, activity: Activity, text: str, progress: int,
                  files: Sequence[Any] = ()) -> ProgressUpdate:
    """A unit reports what was done, with evidence (photos, documents). The activity's
    reported readiness follows; subscribers of the program are notified."""
    program = activity.program
    require(actor, "programs.report", program)
    errors: dict[str, list[str]] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = ["Напишите, что сделано."]
    elif len(text) > 5000:
        errors["text"] = ["Текст длиннее 5000 символов."]
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        errors["progress"] = ["Готовность — целое число от 0 до 100."]
    _raise(errors)
    with transaction.atomic():
        update = ProgressUpdate.objects.create(activity=activity, text=text, progress=progress,
                                               author=actor, municipality=program.municipality)
        for file in files:
            try:
                attachment_add(actor=actor, owner=update, file=file)
            except DomainError as exc:
                raise DomainError(exc.message, field_errors={"files": [exc.message]}) from exc
        before = _snapshot(activity)
        activity.reported_progress = progress
        if progress == 100 and activity.status != ActivityStatus.CANCELLED:
            activity.status = ActivityStatus.DONE
        elif progress > 0 and activity.status == ActivityStatus.PLANNED:
            activity.status = ActivityStatus.IN_PROGRESS
        activity.save()
        audit_record(actor=actor, action="programs.progress_post", obj=activity,
                     before=before, after={**_snapshot(activity), "update": update.pk},
                     municipality=program.municipality)
        notify_subscribers(target=program, kind="programs.progress",
                           title=f"{program.title}: {activity.title}", body=text[:300],
                           url=activity.get_absolute_url(), exclude=actor)
    return update
