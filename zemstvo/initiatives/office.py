"""Staff pages at /office/initiatives/: the projects queue with deadlines (overdue
highlighted), a project (publish, decide, implementation), rounds with their scoring
matrix and stages (open, close acceptance, rank, select, protocol), and the
commission member's score sheets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.permissions import can
from zemstvo.core.shell.selectors import office_municipality_choices
from zemstvo.core.territory.models import Municipality
from zemstvo.initiatives import implementation, rounds, scoring, selectors, services
from zemstvo.initiatives.forms import (
    AcceptForm,
    ContractForm,
    CriterionForm,
    DecideForm,
    PhotoForm,
    RoundForm,
    ScoreForm,
    SpendingForm,
    StageForm,
)
from zemstvo.initiatives.models import (
    CriterionKind,
    Project,
    ProjectStatus,
    ScoringCriterion,
)
from zemstvo.initiatives.views import protocol_response, show_errors

VIEW = "initiatives.view_office"


def _forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "shell/forbidden.html").content)


def _choices(user: Any) -> list[Municipality]:
    return [m for m in office_municipality_choices(user) if can(user, VIEW, m)]


def _chosen(choices: list[Municipality], slug: str | None) -> Municipality | None:
    return next((m for m in choices if m.slug == slug), choices[0] if choices else None)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    choices = _choices(request.user)
    municipality = _chosen(choices, request.GET.get("m"))
    if municipality is None:
        return _forbidden(request)
    status = request.GET.get("status", "")
    today = selectors.today_in(municipality)
    projects = selectors.office_queue(municipality, status,
                                      overdue_on=today if request.GET.get("overdue") else None)
    page = Paginator(projects, selectors.OFFICE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(p, selectors.overdue(p, today)) for p in page.object_list]
    context = {
        "municipality": municipality, "choices": choices, "page": page, "rows": rows,
        "status": status, "statuses": ProjectStatus.choices, "today": today,
        "only_overdue": bool(request.GET.get("overdue")),
        "rounds": selectors.office_rounds(municipality),
        "can_manage": can(request.user, "initiatives.manage_round", municipality),
    }
    return render(request, "initiatives/office/queue.html", context)


def _project(request: HttpRequest, pk: int) -> Project:
    try:
        return selectors.office_project(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _project_url(project: Project) -> str:
    return reverse("office_initiatives:project", kwargs={"pk": project.pk})


@login_required
def project(request: HttpRequest, pk: int) -> HttpResponse:
    item = _project(request, pk)
    return render(request, "initiatives/office/project.html",
                  _project_context(request, item, {}))


def _project_context(request: HttpRequest, item: Project,
                     forms: dict[str, Any]) -> dict[str, Any]:
    today = selectors.today_in(item.municipality)
    financing = selectors.financing_rows(item)
    context = {
        "municipality": item.municipality, "project": item, "today": today,
        "late": selectors.overdue(item, today), "financing": financing,
        "financing_totals": selectors.financing_totals(financing),
        "attachments": attachments_for(item),
        "can_publish": can(request.user, "initiatives.publish", item),
        "can_decide": can(request.user, "initiatives.decide", item),
        "can_implement": can(request.user, "initiatives.manage_implementation", item),
        "decide_form": DecideForm(), "contract_form": ContractForm(), "stage_form": StageForm(),
        "spending_form": SpendingForm(), "photo_form": PhotoForm(), "accept_form": AcceptForm(),
        "group_members": item.group_members.filter(confirmed_at__isnull=False).count(),
        "support_count": item.supports.count(),
    }
    context.update(forms)
    return context


@login_required
@require_POST
def project_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = _project(request, pk)
    try:
        services.project_publish(actor=request.user, project=item)
    except NotAllowed:
        return _forbidden(request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Проект опубликован."))
    return redirect(_project_url(item))


# A form name -> (form class, the service call with the cleaned data, success message).
def _decide(user: Any, item: Project, data: dict[str, Any]) -> Any:
    return services.project_decide(actor=user, project=item, admit=data["decision"] == "admit",
                                   ground=data.get("ground") or "", reason=data.get("reason", ""))


_ACTIONS: dict[str, tuple[type, Callable[[Any, Project, dict[str, Any]], Any], str]] = {
    "decide": (DecideForm, _decide, "Решение по проекту принято."),
    "contract": (ContractForm, lambda u, p, d: implementation.contract_set(
        actor=u, project=p, **d), "Контракт сохранён."),
    "stage": (StageForm, lambda u, p, d: implementation.stage_save(actor=u, project=p, **d),
              "Этап сохранён."),
    "spending": (SpendingForm, lambda u, p, d: implementation.spending_set(
        actor=u, project=p, **d), "Расходы сохранены."),
    "photo": (PhotoForm, lambda u, p, d: implementation.photo_add(actor=u, project=p, **d),
              "Фотография добавлена."),
    "accept": (AcceptForm, lambda u, p, d: implementation.project_accept(
        actor=u, project=p, **d), "Работы приняты, проект реализован."),
}


@login_required
@require_POST
def project_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One of the forms of the project page; on bad input the page is shown again with
    the form's errors and nothing is written."""
    if action not in _ACTIONS:
        raise Http404
    item = _project(request, pk)
    form_class, call, done = _ACTIONS[action]
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            call(request.user, item, form.cleaned_data)
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            show_errors([form], exc)
        else:
            messages.success(request, _(done))
            return redirect(_project_url(item))
    context = _project_context(request, item, {f"{action}_form": form})
    return render(request, "initiatives/office/project.html", context, status=422)


@login_required
def round_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create a round, or change one and its matrix, and move it through its stages."""
    round_ = None
    if pk is not None:
        try:
            round_ = selectors.office_round(request.user, pk)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        municipality = round_.municipality
    else:
        choices = [m for m in _choices(request.user)
                   if can(request.user, "initiatives.manage_round", m)]
        municipality = _chosen(choices, request.GET.get("m") or request.POST.get("m"))
        if municipality is None:
            return _forbidden(request)
    may_manage = can(request.user, "initiatives.manage_round", municipality)
    initial = None
    if round_ is not None:
        initial = {name: getattr(round_, name) for name in RoundForm.base_fields}
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and may_manage and form.is_valid():
        data = rounds.RoundData(**form.cleaned_data)
        try:
            if round_ is None:
                round_ = rounds.round_create(actor=request.user, municipality=municipality,
                                             data=data)
            else:
                rounds.round_update(actor=request.user, round_=round_, data=data)
        except DomainError as exc:
            show_errors([form], exc)
        else:
            messages.success(request, _("Отбор сохранён."))
            return redirect("office_initiatives:round", pk=round_.pk)
    context = {"municipality": municipality, "round": round_, "form": form,
               "criterion_form": CriterionForm(), "may_manage": may_manage,
               "may_decide": can(request.user, "initiatives.decide", municipality),
               "may_score": can(request.user, "initiatives.score", municipality),
               "ranking": selectors.round_ranking(round_) if round_ else []}
    return render(request, "initiatives/office/round.html", context,
                  status=422 if form.errors else 200)


@login_required
@require_POST
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        round_ = selectors.office_round(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = CriterionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            rounds.criterion_add(
                actor=request.user, round_=round_, title=data["title"], kind=data["kind"],
                input=data["input"], weight=data["weight"], bands=data.get("bands", ""),
                scale_min=data.get("scale_min") or 0, scale_max=data.get("scale_max") or 0)
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            show_errors([form], exc)
        else:
            messages.success(request, _("Критерий добавлен."))
            return redirect("office_initiatives:round", pk=round_.pk)
    context = {"municipality": round_.municipality, "round": round_,
               "form": RoundForm(initial={n: getattr(round_, n) for n in RoundForm.base_fields}),
               "criterion_form": form, "may_manage": True, "ranking": []}
    return render(request, "initiatives/office/round.html", context, status=422)


@login_required
@require_POST
def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = ScoringCriterion.objects.select_related("round__municipality").filter(
        pk=pk).first()
    if criterion is None:
        raise Http404
    try:
        rounds.criterion_remove(actor=request.user, criterion=criterion)
    except NotAllowed:
        return _forbidden(request)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("office_initiatives:round", pk=criterion.round_id)


_ROUND_STEPS = {
    "open": (rounds.round_open, "Отбор открыт: приём проектов начат."),
    "close": (rounds.round_close_acceptance, "Приём закрыт: идёт оценка проектов."),
    "rank": (scoring.round_rank, "Проекты ранжированы."),
    "select": (scoring.round_select, "Проекты отобраны, итоги опубликованы."),
}


@login_required
@require_POST
def round_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in _ROUND_STEPS:
        raise Http404
    try:
        round_ = selectors.office_round(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    service, done = _ROUND_STEPS[step]
    try:
        service(actor=request.user, round_=round_)
    except NotAllowed:
        return _forbidden(request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _(done))
    return redirect("office_initiatives:round", pk=round_.pk)


@login_required
def round_protocol(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    try:
        round_ = selectors.office_round(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return protocol_response(round_, fmt)


@login_required
def scoring_list(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        round_ = selectors.office_round(request.user, pk, "initiatives.score")
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context = {"municipality": round_.municipality, "round": round_,
               "projects": selectors.scoring_queue(round_, request.user),
               "criteria_count": len(round_.criteria.all())}
    return render(request, "initiatives/office/scoring.html", context)


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    item = _project(request, pk)
    if not can(request.user, "initiatives.score", item):
        return _forbidden(request)
    criteria = list(item.round.criteria.all())
    sheet = selectors.score_sheet(item, request.user)
    initial = {f"criterion_{k}": v for k, v in sheet.items()}
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        points = {int(k.split("_")[1]): v for k, v in form.cleaned_data.items()}
        try:
            scoring.score_sheet_save(actor=request.user, project=item, points=points)
        except DomainError as exc:
            show_errors([form], exc)
        else:
            messages.success(request, _("Оценки сохранены."))
            return redirect("office_initiatives:scoring", pk=item.round_id)
    values = scoring.input_values(item)
    computed = [(c, values[c.input], scoring.band_points(c.bands, values[c.input]))
                for c in criteria if c.kind == CriterionKind.BANDS]
    context = {"municipality": item.municipality, "project": item, "form": form,
               "computed": computed}
    return render(request, "initiatives/office/score.html", context,
                  status=422 if form.errors else 200)
