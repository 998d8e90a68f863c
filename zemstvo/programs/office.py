"""Staff pages at /office/programs/: the programs and strategies of a municipality
with the late control points; a program (its data, subprograms, activities,
indicators, the XLSX budget import); an activity (budget lines, control points,
progress updates with evidence); a strategy (priorities, goals, tasks, targets).

Each page holds several small forms; a POST names its form in the ``form`` field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zemstvo.core.errors import DomainError, NotFound
from zemstvo.core.permissions import can
from zemstvo.core.shell.selectors import office_municipality_choices
from zemstvo.programs import budget_xlsx, selectors, services
from zemstvo.programs import forms as f
from zemstvo.programs.models import Activity, Program, Strategy

Handler = tuple[type[forms.Form], Callable[[dict[str, Any]], Any]]


def _forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "shell/forbidden.html").content)


def _show_errors(form: forms.Form, exc: DomainError) -> None:
    if not exc.field_errors:
        form.add_error(None, exc.message)
    for field, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _handle(request: HttpRequest, handlers: dict[str, Handler],
            initial: dict[str, dict] | None = None,
            choices: dict[str, dict[str, list]] | None = None) -> tuple[dict, bool]:
    """Build the page's forms; on POST, run the named one's service. Returns the forms
    and whether a change was saved."""
    posted = request.POST.get("form") if request.method == "POST" else None
    built = {}
    for name, (form_class, _run) in handlers.items():
        data = (request.POST, request.FILES) if name == posted else (None, None)
        form = form_class(*data, initial=(initial or {}).get(name), prefix=name)
        for field, options in (choices or {}).get(name, {}).items():
            form.fields[field].choices = options
        built[name] = form
    if posted in handlers and built[posted].is_valid():
        try:
            handlers[posted][1](built[posted].cleaned_data)
        except DomainError as exc:
            _show_errors(built[posted], exc)
        else:
            return built, True
    return built, False


@login_required
def office_list(request: HttpRequest) -> HttpResponse:
    choices = [m for m in office_municipality_choices(request.user)
               if can(request.user, "programs.view_office", m)]
    slug = request.GET.get("m") or request.POST.get("m")
    municipality = next((m for m in choices if m.slug == slug), choices[0] if choices else None)
    if municipality is None:
        return _forbidden(request)
    manage = can(request.user, "programs.manage", municipality)
    handlers: dict[str, Handler] = {}
    if manage:
        handlers = {
            "program": (f.ProgramForm, lambda d: services.program_save(
                actor=request.user, municipality=municipality, code=d["code"],
                title=d["title"], year_from=d["year_from"], year_to=d["year_to"],
                responsible_unit=d["responsible_unit"], description=d["description"])),
            "strategy": (f.PeriodForm, lambda d: services.strategy_save(
                actor=request.user, municipality=municipality, title=d["title"],
                year_from=d["year_from"], year_to=d["year_to"],
                description=d["description"])),
        }
    built, saved = _handle(request, handlers)
    if saved:
        messages.success(request, _("Сохранено."))
        return redirect(f"{request.path}?m={municipality.slug}")
    today = selectors.today_in(municipality)
    late = selectors.late_milestones([municipality.pk], today).select_related(
        "activity__program").order_by("planned_date")[:50]
    context = {"municipality": municipality, "choices": choices, "forms": built,
               "programs": selectors.office_programs(municipality),
               "strategies": selectors.strategies(municipality), "late": late}
    return render(request, "programs/office/list.html", context)


def _program_or_404(request: HttpRequest, pk: int) -> Program:
    try:
        return selectors.office_program(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def office_program(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program_or_404(request, pk)
    if not can(request.user, "programs.manage", program):
        return _forbidden(request)
    user = request.user
    indicators = list(program.indicators.all())

    def import_budget(d: dict) -> None:
        count = budget_xlsx.budget_import(actor=user, program=program, file=d["file"])
        messages.info(request, _("Загружено строк бюджета: %(n)s.") % {"n": count})

    handlers: dict[str, Handler] = {
        "program": (f.ProgramForm, lambda d: services.program_save(
            actor=user, municipality=program.municipality, program=program, code=d["code"],
            title=d["title"], year_from=d["year_from"], year_to=d["year_to"],
            responsible_unit=d["responsible_unit"], description=d["description"])),
        "subprogram": (f.SubprogramForm, lambda d: services.subprogram_add(
            actor=user, program=program, title=d["title"], kind=d["kind"],
            national_project=d["national_project"])),
        "activity": (f.ActivityForm, lambda d: services.activity_save(
            actor=user, program=program, title=d["title"],
            responsible_unit=d["responsible_unit"], weight=d["weight"], status=d["status"])),
        "indicator": (f.IndicatorForm, lambda d: services.indicator_add(
            actor=user, program=program, title=d["title"], unit=d["unit"],
            baseline_value=d["baseline_value"], baseline_year=d["baseline_year"],
            lower_is_better=d["lower_is_better"])),
        "value": (f.IndicatorValueForm, lambda d: services.indicator_value_set(
            actor=user, indicator=next(i for i in indicators if i.pk == d["indicator"]),
            year=d["year"], plan=d["plan"], fact=d["fact"] or None)),
        "budget": (f.BudgetImportForm, import_budget),
    }
    initial = {"program": {"code": program.code, "title": program.title,
                           "year_from": program.year_from, "year_to": program.year_to,
                           "responsible_unit": program.responsible_unit,
                           "description": program.description}}
    choices = {"value": {"indicator": [(i.pk, i.title) for i in indicators]}}
    built, saved = _handle(request, handlers, initial, choices)
    if saved:
        messages.success(request, _("Сохранено."))
        return redirect("office_programs:program", pk=program.pk)
    if not indicators:
        built.pop("value")
    context = {"municipality": program.municipality, "program": program, "forms": built,
               "activities": program.activities.all(), "indicators": indicators,
               "subprograms": program.subprograms.all()}
    return render(request, "programs/office/program.html", context)


@login_required
def budget_template(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program_or_404(request, pk)
    if not can(request.user, "programs.manage", program):
        return _forbidden(request)
    program = Program.objects.prefetch_related("activities__budget").get(pk=program.pk)
    response = HttpResponse(
        budget_xlsx.template(program),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="budget-{program.pk}.xlsx"'
    return response


@login_required
def office_activity(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        activity: Activity = selectors.office_activity(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    user, program = request.user, activity.program
    manage = can(user, "programs.manage", program)
    handlers: dict[str, Handler] = {}
    if manage:
        handlers["activity"] = (f.ActivityForm, lambda d: services.activity_save(
            actor=user, program=program, activity=activity, title=d["title"],
            subprogram=activity.subprogram, responsible_unit=d["responsible_unit"],
            weight=d["weight"], status=d["status"]))
        handlers["budget"] = (f.BudgetForm, lambda d: services.budget_set(
            actor=user, activity=activity, year=d["year"], source=d["source"], plan=d["plan"],
            fact=d["fact"] or None))
        handlers["milestone"] = (f.MilestoneForm, lambda d: services.milestone_save(
            actor=user, activity=activity, title=d["title"], planned_date=d["planned_date"],
            actual_date=d["actual_date"], delay_reason=d["delay_reason"]))
        milestones = list(activity.milestones.all())

        def report_milestone(d: dict) -> Any:
            milestone = next((m for m in milestones if m.pk == d["milestone"]), None)
            if milestone is None:
                raise DomainError(_("Выберите контрольную точку из списка."))
            return services.milestone_save(
                actor=user, activity=activity, milestone=milestone, title=milestone.title,
                planned_date=milestone.planned_date, actual_date=d["actual_date"],
                delay_reason=d["delay_reason"])

        handlers["milestone_report"] = (f.MilestoneReportForm, report_milestone)
        choices = {"milestone_report": {"milestone": [
            (m.pk, f"{m.title} ({m.planned_date:%d.%m.%Y})") for m in milestones]}}
    else:
        choices = {}
    if can(user, "programs.report", program):
        handlers["progress"] = (f.ProgressForm, lambda d: services.progress_post(
            actor=user, activity=activity, text=d["text"], progress=d["progress"],
            files=d["files"]))
    initial = {"activity": {"title": activity.title, "weight": activity.weight,
                            "responsible_unit": activity.responsible_unit,
                            "status": activity.status}}
    built, saved = _handle(request, handlers, initial, choices)
    if saved:
        messages.success(request, _("Сохранено."))
        return redirect("office_programs:activity", pk=activity.pk)
    if manage and not choices["milestone_report"]["milestone"]:
        built.pop("milestone_report")
    context = {"municipality": program.municipality, "activity": activity, "forms": built,
               "budget": activity.budget.all(), "milestones": activity.milestones.all(),
               "today": selectors.today_in(program.municipality)}
    return render(request, "programs/office/activity.html", context)


def _target_values(text: str) -> dict[int, tuple[str, str | None]]:
    """«2025; 70; 68» lines -> {2025: ("70", "68")}."""
    values: dict[int, tuple[str, str | None]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        parts = [p.strip() for p in line.split(";")]
        if not line.strip():
            continue
        if len(parts) not in (2, 3) or not parts[0].isdigit():
            message = f"Строка {number}: нужно «год; цель; факт»."
            raise DomainError(message, field_errors={"values": [message]})
        values[int(parts[0])] = (parts[1], parts[2] if len(parts) == 3 and parts[2] else None)
    return values


@login_required
def office_strategy(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = Strategy.objects.select_related("municipality").filter(pk=pk).first()
    if strategy is None or not can(request.user, "programs.view_office", strategy):
        raise Http404(_("Стратегия не найдена."))
    if not can(request.user, "programs.manage", strategy):
        return _forbidden(request)
    user = request.user
    strategy = selectors.strategy_detail(strategy.pk, strategy.municipality)
    priorities = list(strategy.priorities.all())
    goals = [g for p in priorities for g in p.goals.all()]
    programs = list(selectors.office_programs(strategy.municipality))

    def pick(items: list, pk: int) -> Any:
        found = next((i for i in items if i.pk == pk), None)
        if found is None:
            raise DomainError(_("Выберите из списка."))
        return found

    handlers: dict[str, Handler] = {
        "priority": (f.PriorityForm, lambda d: services.priority_add(
            actor=user, strategy=strategy, title=d["title"], order=len(priorities))),
        "goal": (f.GoalForm, lambda d: services.goal_add(
            actor=user, priority=pick(priorities, d["priority"]), title=d["title"])),
        "task": (f.TaskForm, lambda d: services.task_add(
            actor=user, goal=pick(goals, d["goal"]), title=d["title"],
            programs=[pick(programs, p) for p in d["programs"]])),
        "target": (f.TargetForm, lambda d: services.target_add(
            actor=user, goal=pick(goals, d["goal"]), title=d["title"], unit=d["unit"],
            baseline_value=d["baseline_value"], baseline_year=d["baseline_year"],
            values=_target_values(d["values"]), lower_is_better=d["lower_is_better"])),
    }
    goal_choices = [(g.pk, g.title) for g in goals]
    choices = {"goal": {"priority": [(p.pk, p.title) for p in priorities]},
               "task": {"goal": goal_choices,
                        "programs": [(p.pk, f"{p.code} {p.title}") for p in programs]},
               "target": {"goal": goal_choices}}
    built, saved = _handle(request, handlers, choices=choices)
    if saved:
        messages.success(request, _("Сохранено."))
        return redirect("office_programs:strategy", pk=strategy.pk)
    if not priorities:
        built.pop("goal")
    if not goals:
        built.pop("task")
        built.pop("target")
    context = {"municipality": strategy.municipality, "strategy": strategy, "forms": built,
               "priorities": priorities, "today": date.today()}
    return render(request, "programs/office/strategy.html", context)
