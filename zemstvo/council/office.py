"""Staff pages of the council at /office/council/: the body with its deputies,
factions and committees; sessions with agenda, broadcast, votes and decisions;
moderation of residents' questions; meetings with residents."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.permissions import can
from zemstvo.core.shell.selectors import office_municipality_choices
from zemstvo.core.territory.models import Municipality
from zemstvo.council import forms, selectors, services
from zemstvo.council.models import (
    AgendaItem,
    FollowUpTask,
    Meeting,
    ResidentQuestion,
    Session,
    TaskStatus,
    VoteOption,
)


def _forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "shell/forbidden.html").content)


def _choices(user: Any, action: str = "council.view_office") -> list[Municipality]:
    return [m for m in office_municipality_choices(user) if can(user, action, m)]


def _chosen(choices: list[Municipality], slug: str | None) -> Municipality | None:
    return next((m for m in choices if m.slug == slug), choices[0] if choices else None)


def _show_errors(form: django_forms.Form, exc: DomainError) -> None:
    if not exc.field_errors:
        form.add_error(None, exc.message)
    for field, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _home(municipality: Municipality) -> str:
    return f"{reverse('office_council:home')}?m={municipality.slug}"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The body (create or edit), deputies, factions, committees, sessions, meetings."""
    choices = _choices(request.user)
    municipality = _chosen(choices, request.GET.get("m") or request.POST.get("m"))
    if municipality is None:
        return _forbidden(request)
    body = selectors.body_of(municipality)
    manage = can(request.user, "council.manage", municipality)
    initial = {"kind": body.kind, "name": body.name, "seats": body.seats,
               "description": body.description} if body else {}
    body_form = forms.BodyForm(request.POST or None, initial=initial, prefix="body")
    if request.method == "POST":
        if not manage:
            return _forbidden(request)
        if body_form.is_valid():
            try:
                services.body_save(actor=request.user, municipality=municipality,
                                   **body_form.cleaned_data)
            except DomainError as exc:
                _show_errors(body_form, exc)
            else:
                messages.success(request, _("Сведения об органе сохранены."))
                return redirect(_home(municipality))
    context = {
        "municipality": municipality, "choices": choices, "body": body, "manage": manage,
        "body_form": body_form,
        "moderate": can(request.user, "council.moderate_questions", municipality),
    }
    if body is not None:
        context |= selectors.body_page(body)
        context |= {
            "sessions": selectors.office_sessions(body),
            "meetings": list(body.meetings.order_by("-starts_at")[:50]),
            "deputy_form": forms.DeputyForm(body=body, prefix="deputy"),
            "faction_form": forms.NameForm(prefix="faction"),
            "committee_form": _committee_form(body),
            "session_form": forms.SessionForm(body=body, prefix="session"),
            "meeting_form": forms.MeetingForm(prefix="meeting"),
        }
    return render(request, "council/office/home.html", context)


def _committee_form(body, data=None) -> django_forms.Form:
    form = forms.NameForm(data, prefix="committee")
    form.fields["members"] = django_forms.ModelMultipleChoiceField(
        label=_("Члены комиссии"), queryset=body.deputies.all(), required=False,
        widget=django_forms.CheckboxSelectMultiple)
    return form


def _managed_body(request: HttpRequest):
    choices = _choices(request.user, "council.manage")
    municipality = _chosen(choices, request.POST.get("m") or request.GET.get("m"))
    if municipality is None:
        raise NotAllowed("Недостаточно прав для этого действия.")
    body = selectors.body_of(municipality)
    if body is None:
        raise Http404
    return municipality, body


@login_required
def add(request: HttpRequest, what: str) -> HttpResponse:
    """Add a deputy, faction, committee, session or meeting to the body."""
    builders = {
        "deputy": (lambda b, d: forms.DeputyForm(d, body=b, prefix="deputy"), _add_deputy),
        "faction": (lambda b, d: forms.NameForm(d, prefix="faction"), _add_faction),
        "committee": (lambda b, d: _committee_form(b, d), _add_committee),
        "session": (lambda b, d: forms.SessionForm(d, body=b, prefix="session"), _add_session),
        "meeting": (lambda b, d: forms.MeetingForm(d, prefix="meeting"), _add_meeting),
    }
    if what not in builders:
        raise Http404
    try:
        municipality, body = _managed_body(request)
    except NotAllowed:
        return _forbidden(request)
    make_form, save = builders[what]
    # Times typed in the form are the municipality's local times.
    with timezone.override(municipality.tz):
        form = make_form(body, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                target = save(request.user, body, form.cleaned_data)
            except DomainError as exc:
                _show_errors(form, exc)
            else:
                messages.success(request, _("Сохранено."))
                return redirect(target or _home(municipality))
        return render(request, "council/office/add.html",
                      {"municipality": municipality, "body": body, "form": form,
                       "what": what})


def _add_deputy(actor, body, data) -> None:
    services.deputy_save(actor=actor, body=body, **data)


def _add_faction(actor, body, data) -> None:
    services.faction_create(actor=actor, body=body, name=data["name"])


def _add_committee(actor, body, data) -> None:
    services.committee_create(actor=actor, body=body, name=data["name"],
                              members=list(data["members"]))


def _add_session(actor, body, data) -> str:
    session = services.session_create(actor=actor, body=body, **data)
    return reverse("office_council:session", kwargs={"pk": session.pk})


def _add_meeting(actor, body, data) -> str:
    meeting = services.meeting_create(actor=actor, body=body, **data)
    return reverse("office_council:meeting", kwargs={"pk": meeting.pk})


def _vote_form(item: AgendaItem, deputies, data=None) -> django_forms.Form:
    form = django_forms.Form(data, prefix=f"vote-{item.pk}")
    form.fields["motion"] = django_forms.CharField(
        label=_("Предмет голосования"), max_length=500, initial=_("За основу и в целом"))
    for deputy in deputies:
        form.fields[f"d{deputy.pk}"] = django_forms.ChoiceField(
            label=deputy.full_name, choices=VoteOption.choices, initial=VoteOption.YES)
    return form


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = Session.objects.select_related("body__municipality").filter(pk=pk).first()
    if session is None:
        raise Http404
    if not can(request.user, "council.manage", session):
        return _forbidden(request)
    # Times typed in the forms are the municipality's local times.
    with timezone.override(session.body.municipality.tz):
        return _session_edit(request, session)


def _session_edit(request: HttpRequest, session: Session) -> HttpResponse:
    body = session.body
    municipality = body.municipality
    on = session.starts_at.astimezone(municipality.tz).date()
    deputies = selectors.current_deputies(body, on)
    data = request.POST or None
    action = request.POST.get("action", "")
    initial = {"kind": session.kind, "committee": session.committee, "title": session.title,
               "starts_at": session.starts_at.astimezone(municipality.tz)
               .replace(tzinfo=None), "place": session.place,
               "broadcast_url": session.broadcast_url}
    session_form = forms.SessionForm(data if action == "session" else None, body=body,
                                     initial=initial, prefix="session")
    status_form = forms.StatusForm(data if action == "status" else None,
                                   initial={"status": session.status,
                                            "recording_url": session.recording_url,
                                            "minutes": session.minutes}, prefix="status")
    agenda_form = forms.AgendaItemForm(data if action == "agenda" else None,
                                       request.FILES or None, prefix="agenda")
    items = list(session.items.prefetch_related("vote_events", "decisions"))
    item_pk = request.POST.get("item")
    for item in items:
        mine = str(item.pk) == item_pk
        item.vote_form = _vote_form(item, deputies, data if mine and action == "vote" else None)
        item.decision_form = forms.DecisionForm(
            data if mine and action == "decision" else None, prefix=f"decision-{item.pk}",
            initial={"adopted_on": on})
    if request.method == "POST":
        done = _session_post(request, session, action, session_form, status_form,
                             agenda_form, items, item_pk)
        if done:
            messages.success(request, _("Сохранено."))
            return redirect("office_council:session", pk=session.pk)
    context = {"municipality": municipality, "body": body, "session": session,
               "session_form": session_form, "status_form": status_form,
               "agenda_form": agenda_form, "items": items}
    return render(request, "council/office/session.html", context)


def _session_post(request, session, action, session_form, status_form, agenda_form, items,
                  item_pk) -> bool:
    user = request.user
    item = next((i for i in items if str(i.pk) == item_pk), None)
    form, call = None, None
    if action == "session":
        form = session_form
        call = lambda d: services.session_update(actor=user, session=session, **d)  # noqa: E731
    elif action == "status":
        form = status_form
        call = lambda d: services.session_set_status(  # noqa: E731
            actor=user, session=session, files=request.FILES.getlist("status-files"), **d)
    elif action == "agenda":
        form = agenda_form
        call = lambda d: services.agenda_item_add(  # noqa: E731
            actor=user, session=session, title=d["title"], rapporteur=d["rapporteur"],
            files=[d["files"]] if d.get("files") else [])
    elif action == "vote" and item is not None:
        form = item.vote_form
        call = lambda d: services.vote_record(  # noqa: E731
            actor=user, agenda_item=item, motion=d["motion"],
            votes={int(k[1:]): v for k, v in d.items() if k.startswith("d")})
    elif action == "decision" and item is not None:
        form = item.decision_form
        call = lambda d: services.decision_add(actor=user, agenda_item=item, **d)  # noqa: E731
    if form is None or not form.is_valid():
        if form is None:
            messages.error(request, _("Неизвестное действие."))
        return False
    try:
        call(form.cleaned_data)
    except DomainError as exc:
        _show_errors(form, exc)
        return False
    return True


@login_required
def questions(request: HttpRequest) -> HttpResponse:
    choices = _choices(request.user, "council.moderate_questions")
    municipality = _chosen(choices, request.GET.get("m"))
    if municipality is None:
        return _forbidden(request)
    return render(request, "council/office/questions.html", {
        "municipality": municipality, "choices": choices,
        "questions": selectors.pending_questions(municipality)})


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    question = (ResidentQuestion.objects.select_related("agenda_item__session__body__municipality")
                .filter(pk=pk).first())
    if question is None:
        raise Http404
    try:
        services.question_moderate(actor=request.user, question=question,
                                   approve=request.POST.get("decision") == "approve",
                                   note=request.POST.get("note", ""))
    except NotAllowed:
        return _forbidden(request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Решение по вопросу сохранено."))
    slug = question.agenda_item.session.body.municipality.slug
    return redirect(f"{reverse('office_council:questions')}?m={slug}")


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = Meeting.objects.select_related("body__municipality").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if not can(request.user, "council.manage", meeting):
        return _forbidden(request)
    action = request.POST.get("action", "")
    data = request.POST or None
    question_form = forms.MeetingQuestionForm(data if action == "question" else None,
                                              prefix="question")
    task_form = forms.TaskForm(data if action == "task" else None, prefix="task")
    if request.method == "POST":
        try:
            if action == "question" and question_form.is_valid():
                services.meeting_question_add(actor=request.user, meeting=meeting,
                                              **question_form.cleaned_data)
            elif action == "task" and task_form.is_valid():
                services.task_add(actor=request.user, meeting=meeting,
                                  **task_form.cleaned_data)
            elif action == "done":
                task = FollowUpTask.objects.filter(pk=request.POST.get("task"),
                                                   meeting=meeting).first()
                if task is None:
                    raise Http404
                services.task_set_status(actor=request.user, task=task,
                                         status=TaskStatus.DONE,
                                         result=request.POST.get("result", ""))
            else:
                raise DomainError(_("Проверьте поля формы."))
        except DomainError as exc:
            form = task_form if action == "task" else question_form
            if action == "done":
                messages.error(request, exc.message)
            else:
                _show_errors(form, exc)
        else:
            messages.success(request, _("Сохранено."))
            return redirect("office_council:meeting", pk=meeting.pk)
    context = {"municipality": meeting.body.municipality, "meeting": meeting,
               "registrations": meeting.registrations.count(),
               "questions": list(meeting.questions.all()), "tasks": list(meeting.tasks.all()),
               "question_form": question_form, "task_form": task_form}
    return render(request, "council/office/meeting.html", context)
