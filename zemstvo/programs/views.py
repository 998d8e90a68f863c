"""Public pages: the programs of a portal, a program (planned / done / where the
money went / what is late and why), an activity, and the strategy's goals tree."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zemstvo.core.errors import NotFound
from zemstvo.core.shell.portal import portal_view
from zemstvo.core.territory.models import Municipality
from zemstvo.news.linking import optional_page_context
from zemstvo.programs import charts, selectors

UPDATES_SHOWN = 20


@portal_view
def program_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    today = selectors.today_in(municipality)
    context = {
        "municipality": municipality,
        "summaries": selectors.program_summaries(municipality, today),
        "strategies": selectors.strategies(municipality),
        "initiatives": selectors.linked_initiatives(municipality),
    }
    return render(request, "programs/list.html", context)


@portal_view
def program_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        program = selectors.program_detail(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    today = selectors.today_in(municipality)
    report = selectors.program_report(program, today, selectors.risk_days(municipality, today))
    chart = charts.paired_bars([(str(r["year"]), r["execution"].plan, r["execution"].fact)
                                for r in report["years"]])
    context = {"municipality": municipality, "program": program, "report": report,
               "chart": chart, **optional_page_context(program)}
    return render(request, "programs/detail.html", context)


@portal_view
def activity_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        activity = selectors.activity_detail(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    today = selectors.today_in(municipality)
    risk = selectors.risk_days(municipality, today)
    from zemstvo.programs import metrics

    milestones = [{"milestone": m, "state": metrics.milestone_state(m, today, risk)}
                  for m in activity.milestones.all()]
    updates = selectors.latest_updates(activity, UPDATES_SHOWN)
    evidence = selectors.evidence_for(updates)
    context = {
        "municipality": municipality, "activity": activity,
        "progress": metrics.activity_progress(activity),
        "execution": metrics.budget_execution(activity.budget.all()),
        "milestones": milestones,
        "updates": [{"update": u, "files": evidence[u.pk]} for u in updates],
    }
    return render(request, "programs/activity.html", context)


@portal_view
def strategy_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        strategy = selectors.strategy_detail(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    priorities = []
    for priority in strategy.priorities.all():
        goals = [{"goal": g, "tasks": list(g.tasks.all()),
                  "targets": [{"target": t, "rows": selectors.target_rows(t)}
                              for t in g.targets.all()]}
                 for g in priority.goals.all()]
        priorities.append({"priority": priority, "goals": goals})
    return render(request, "programs/strategy.html",
                  {"municipality": municipality, "strategy": strategy, "priorities": priorities})
