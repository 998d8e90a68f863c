"""Staff pages for votes at /office/voting/: the list, the poll form with its options,
open / close / publish, the protocols of polling points, and the results (with the
live turnout and the survey's free-text answers, which are never published).

Times are typed and shown in the municipality's local time: the views activate its
zone while the form parses and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.permissions import can
from zemstvo.core.shell.selectors import office_municipality_choices
from zemstvo.core.territory.models import Municipality
from zemstvo.voting import paper_roll, selectors, services
from zemstvo.voting.charts import bar_chart
from zemstvo.voting.forms import (
    OptionForm,
    PaperIssueForm,
    PaperResultForm,
    PollForm,
    RollSearchForm,
    poll_initial,
)
from zemstvo.voting.models import Poll, PollOption, PollStatus

PAGE_SIZE = 25
_TRANSITIONS = {
    "open": (services.poll_open, gettext_lazy("Голосование открыто.")),
    "close": (services.poll_close, gettext_lazy("Голосование завершено.")),
    "publish": (services.poll_publish, gettext_lazy("Итоги опубликованы.")),
}


def _forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "shell/forbidden.html").content)


def _choices(user: Any, action: str = "voting.view_office") -> list[Municipality]:
    return [m for m in office_municipality_choices(user) if can(user, action, m)]


def _chosen(choices: list[Municipality], slug: str | None) -> Municipality | None:
    return next((m for m in choices if m.slug == slug), choices[0] if choices else None)


def _poll(user: Any, pk: int) -> Poll:
    try:
        return selectors.office_poll(user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _show_errors(form: Any, exc: DomainError) -> None:
    if not exc.field_errors:
        form.add_error(None, exc.message)
    for name, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


@login_required
def office_list(request: HttpRequest) -> HttpResponse:
    choices = _choices(request.user)
    municipality = _chosen(choices, request.GET.get("m"))
    if municipality is None:
        return _forbidden(request)
    status = request.GET.get("status", "")
    context = {
        "municipality": municipality, "choices": choices,
        "status": status if status in PollStatus.values else "",
        "statuses": PollStatus.choices,
        "page": Paginator(selectors.office_polls(municipality, status), PAGE_SIZE)
        .get_page(request.GET.get("page")),
        "can_create": can(request.user, "voting.manage", municipality),
    }
    return render(request, "voting/office/list.html", context)


def _poll_form(request: HttpRequest, municipality: Municipality, poll: Poll | None) -> PollForm:
    settlements = list(municipality.settlements.order_by("name"))
    initial = poll_initial(poll) if poll else {"kind": "advisory", "ballot_type": "single"}
    return PollForm(request.POST or None, initial=initial, settlements=settlements)


def _save_poll(request: HttpRequest, form: PollForm, municipality: Municipality,
               poll: Poll | None) -> Poll | None:
    try:
        places = services.settlements_of(municipality, form.cleaned_data["settlements"])
        data = form.to_input(places)
        if poll is None:
            return services.poll_create(actor=request.user, municipality=municipality,
                                        data=data)
        return services.poll_update(actor=request.user, poll=poll, data=data)
    except DomainError as exc:
        _show_errors(form, exc)
        return None


@login_required
def office_create(request: HttpRequest) -> HttpResponse:
    choices = _choices(request.user, "voting.manage")
    municipality = _chosen(choices, request.GET.get("m") or request.POST.get("m"))
    if municipality is None:
        return _forbidden(request)
    with timezone.override(municipality.tz):
        form = _poll_form(request, municipality, None)
        if request.method == "POST" and form.is_valid():
            poll = _save_poll(request, form, municipality, None)
            if poll is not None:
                messages.success(request, _("Черновик голосования сохранён. Добавьте варианты."))
                return redirect("office_voting:edit", pk=poll.pk)
        return render(request, "voting/office/form.html",
                      {"form": form, "municipality": municipality, "poll": None})


@login_required
def office_edit(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request.user, pk)
    municipality = poll.municipality
    can_manage = can(request.user, "voting.manage", poll)
    editable = can_manage and poll.status == PollStatus.DRAFT
    if request.method == "POST" and not editable:
        return _forbidden(request)
    with timezone.override(municipality.tz):
        form = _poll_form(request, municipality, poll) if editable else None
        option_form = OptionForm(None)
        if request.method == "POST" and request.POST.get("form") == "option":
            form = _poll_form(request, municipality, poll).__class__(
                None, initial=poll_initial(poll),
                settlements=list(municipality.settlements.order_by("name")))
            option_form = OptionForm(request.POST)
            if option_form.is_valid():
                try:
                    services.option_add(actor=request.user, poll=poll,
                                        **option_form.cleaned_data)
                except DomainError as exc:
                    _show_errors(option_form, exc)
                else:
                    messages.success(request, _("Вариант добавлен."))
                    return redirect("office_voting:edit", pk=poll.pk)
        elif request.method == "POST" and form is not None and form.is_valid():
            if _save_poll(request, form, municipality, poll) is not None:
                messages.success(request, _("Изменения сохранены."))
                return redirect("office_voting:edit", pk=poll.pk)
        context = {"form": form, "option_form": option_form, "municipality": municipality,
                   "poll": poll, "editable": editable, "can_manage": can_manage,
                   "options": list(poll.options.all()),
                   "can_paper": can(request.user, "voting.enter_paper", poll),
                   "can_roll": can(request.user, "voting.paper_roll", poll)}
        return render(request, "voting/office/form.html", context)


@login_required
def office_option(request: HttpRequest, pk: int, option_pk: int) -> HttpResponse:
    poll = _poll(request.user, pk)
    option = next((o for o in poll.options.all() if o.pk == option_pk), None)
    if option is None:
        raise Http404
    if not can(request.user, "voting.manage", poll) or poll.status != PollStatus.DRAFT:
        return _forbidden(request)
    initial = {"title": option.title, "description": option.description, "cost": option.cost}
    form = OptionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                services.option_remove(actor=request.user, option=option)
                messages.success(request, _("Вариант удалён."))
                return redirect("office_voting:edit", pk=poll.pk)
            if form.is_valid():
                _update_option(request, option, form)
                messages.success(request, _("Вариант сохранён."))
                return redirect("office_voting:edit", pk=poll.pk)
        except DomainError as exc:
            _show_errors(form, exc)
    return render(request, "voting/office/option.html",
                  {"form": form, "poll": poll, "option": option,
                   "municipality": poll.municipality})


def _update_option(request: HttpRequest, option: PollOption, form: OptionForm) -> None:
    services.option_update(actor=request.user, option=option, **form.cleaned_data)


@login_required
@require_POST
def office_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in _TRANSITIONS:
        raise Http404
    poll = _poll(request.user, pk)
    service, done = _TRANSITIONS[action]
    try:
        service(actor=request.user, poll=poll)
    except NotAllowed:
        return _forbidden(request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("office_voting:edit", pk=poll.pk)


@login_required
def office_paper(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request.user, pk)
    if not can(request.user, "voting.enter_paper", poll):
        return _forbidden(request)
    options = list(poll.options.all())
    initial = {}
    point = request.GET.get("point")
    existing = {p.point_name: p for p in selectors.paper_points(poll)}
    if point in existing:
        found = existing[point]
        initial = {"point_name": found.point_name, "ballots_count": found.ballots_count}
        initial |= {f"option_{o.pk}": found.counts.get(str(o.pk), 0) for o in options}
    form = PaperResultForm(request.POST or None, initial=initial, options=options)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_result_save(
                actor=request.user, poll=poll, point_name=form.cleaned_data["point_name"],
                ballots_count=form.cleaned_data["ballots_count"], counts=form.counts())
        except DomainError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("Протокол участка сохранён."))
            return redirect(reverse("office_voting:paper", args=[poll.pk]))
    context = {"poll": poll, "municipality": poll.municipality, "form": form,
               "points": sorted(existing.values(), key=lambda p: p.point_name),
               "options": options,
               "accepting": poll.status in (PollStatus.OPEN, PollStatus.CLOSED),
               "can_roll": can(request.user, "voting.paper_roll", poll)}
    return render(request, "voting/office/paper.html", context)


def _roll_entries(request: HttpRequest, poll: Poll,
                  search: RollSearchForm) -> list[paper_roll.RollEntry] | None:
    """The roll's matches for the search typed, or None before any search (each
    search is a read of personal data, audited by the service)."""
    if not search.is_bound or not search.is_valid():
        return None
    data = search.cleaned_data
    if not data["q"] and not data["birth_date"]:
        return None
    try:
        return paper_roll.roll_search(actor=request.user, poll=poll, query=data["q"],
                                      birth_date=data["birth_date"])
    except DomainError as exc:
        _show_errors(search, exc)
        return None


@login_required
def office_roll(request: HttpRequest, pk: int) -> HttpResponse:
    """The paper roll at a polling point: find the resident, give a paper ballot."""
    poll = _poll(request.user, pk)
    if not can(request.user, "voting.paper_roll", poll):
        return _forbidden(request)
    issue_error = ""
    if request.method == "POST":
        issue = PaperIssueForm(request.POST)
        if not issue.is_valid():
            issue_error = _("Не указан житель или участок: найдите жителя в списке снова.")
        else:
            try:
                paper_roll.paper_ballot_issue(actor=request.user, poll=poll,
                                              resident=issue.cleaned_data["resident"],
                                              point=issue.cleaned_data["point"])
            except NotAllowed:
                return _forbidden(request)
            except DomainError as exc:
                issue_error = exc.message
            else:
                messages.success(request, _("Бюллетень выдан: житель отмечен в реестре "
                                            "проголосовавших."))
                query = request.GET.urlencode()
                return redirect(reverse("office_voting:roll", args=[poll.pk])
                                + (f"?{query}" if query else ""))
    search = RollSearchForm(request.GET or None)
    entries = _roll_entries(request, poll, search)
    point = " ".join(request.GET.get("point", "").split())[:200]
    context = {"poll": poll, "municipality": poll.municipality, "search": search,
               "entries": entries, "point": point, "issue_error": issue_error,
               "issuing": poll.status == PollStatus.OPEN,
               "points": selectors.paper_points(poll)}
    return render(request, "voting/office/roll.html", context)


@login_required
def office_results(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request.user, pk)
    if not can(request.user, "voting.view_results", poll):
        return _forbidden(request)
    if poll.status == PollStatus.DRAFT:
        messages.error(request, _("У черновика нет итогов."))
        return redirect("office_voting:edit", pk=poll.pk)
    found = selectors.results(poll)
    context = {"poll": poll, "municipality": poll.municipality, "results": found,
               "chart": bar_chart(found),
               "answers": selectors.free_text_answers(poll) if poll.free_text_question else []}
    return render(request, "voting/office/results.html", context)
