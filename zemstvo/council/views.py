"""Public council pages of a portal, at /m/<slug>/council/: the body, the schedule,
a session (player, agenda, questions, votes, decisions), a deputy, meetings, and the
iCalendar feeds."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zemstvo.core.attachments.models import Attachment
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.shell.portal import portal_view
from zemstvo.core.territory.models import Municipality
from zemstvo.council import selectors, services
from zemstvo.council.forms import QuestionForm
from zemstvo.council.ical import CalendarEvent, absolute, build_calendar
from zemstvo.council.models import AgendaItem, Meeting, SessionStatus
from zemstvo.news.linking import optional_page_context


def _body(municipality: Municipality):
    try:
        return selectors.body_or_404(municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _empty(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """A portal whose body is not described yet: a page saying so, not an error."""
    return render(request, "council/empty.html", {"municipality": municipality})


@portal_view
def body_page(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    body = selectors.body_of(municipality)
    if body is None:
        return _empty(request, municipality)
    context = {"municipality": municipality, "body": body, **selectors.body_page(body),
               "upcoming": selectors.upcoming_sessions(body)}
    return render(request, "council/body.html", context)


@portal_view
def schedule(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    body = selectors.body_of(municipality)
    if body is None:
        return _empty(request, municipality)
    past = request.GET.get("past") == "1"
    page = selectors.schedule_page(body, request.GET.get("page"), upcoming=not past)
    return render(request, "council/schedule.html",
                  {"municipality": municipality, "body": body, "page": page, "past": past})


def _files_by_owner(owners: list) -> dict[tuple[str, int], list[Attachment]]:
    """Public files of many records in one query, keyed by (model label, pk)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    if not owners:
        return {}
    types = ContentType.objects.get_for_models(*{type(o) for o in owners})
    query = Q()
    for model, content_type in types.items():
        ids = [str(o.pk) for o in owners if type(o) is model]
        query |= Q(content_type=content_type, object_id__in=ids)
    found: dict[tuple[str, int], list[Attachment]] = {}
    by_type = {ct.pk: model._meta.label for model, ct in types.items()}
    for attachment in Attachment.objects.filter(query, is_public=True).order_by("pk"):
        key = (by_type[attachment.content_type_id], int(attachment.object_id))
        found.setdefault(key, []).append(attachment)
    return found


@portal_view
def session_page(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        session = selectors.session_detail(municipality, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    owners = [session, *session.agenda]
    owners += [d for item in session.agenda for d in item.decisions.all()]
    files = _files_by_owner(owners)
    for owner in owners:
        owner.public_files = files.get((owner._meta.label, owner.pk), [])
    context = {
        "municipality": municipality, "session": session, "body": session.body,
        "player": selectors.player_for(session),
        "can_ask": session.status == SessionStatus.PLANNED,
        "form": QuestionForm(),
        **optional_page_context(session),
    }
    return render(request, "council/session.html", context)


@portal_view
def ask(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    """The question form for one agenda item (GET shows it; POST sends it)."""
    item = (AgendaItem.objects.select_related("session__body__municipality")
            .filter(pk=pk, session__body__municipality=municipality).first())
    if item is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_ask(actor=request.user, agenda_item=item,
                                  text=form.cleaned_data["text"])
        except NotAllowed:
            form.add_error(None, _("Недостаточно прав для этого действия."))
        except DomainError as exc:
            for error in exc.field_errors.get("text", [exc.message]):
                form.add_error("text", error)
        else:
            messages.success(request, _("Вопрос отправлен. Он появится на странице "
                                        "после проверки модератором."))
            return redirect(item.session)
    return render(request, "council/ask.html",
                  {"municipality": municipality, "item": item, "form": form})


@portal_view
def deputy_page(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        deputy = selectors.deputy_detail(municipality, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "council/deputy.html",
                  {"municipality": municipality, "deputy": deputy, "body": deputy.body})


@portal_view
def meetings(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    body = selectors.body_of(municipality)
    if body is None:
        return _empty(request, municipality)
    page = selectors.meetings_page(body, request.GET.get("page"))
    return render(request, "council/meetings.html",
                  {"municipality": municipality, "body": body, "page": page})


@portal_view
def meeting_page(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_detail(municipality, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context = {
        "municipality": municipality, "meeting": meeting, "body": meeting.body,
        "registered": selectors.is_registered(request.user, meeting),
        "places_left": None if meeting.capacity is None
        else max(meeting.capacity - meeting.taken, 0),
        **optional_page_context(meeting),
    }
    return render(request, "council/meeting.html", context)


@portal_view
@require_POST
def meeting_register(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    meeting = Meeting.objects.select_related("body__municipality").filter(
        pk=pk, body__municipality=municipality).first()
    if meeting is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={meeting.get_absolute_url()}")
    cancel = request.POST.get("cancel") == "1"
    try:
        if cancel:
            services.meeting_unregister(actor=request.user, meeting=meeting)
        else:
            services.meeting_register(actor=request.user, meeting=meeting)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Регистрация отменена.") if cancel
                         else _("Вы зарегистрированы."))
    return redirect(meeting)


def _ics(name: str, filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@portal_view
def sessions_ics(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    body = _body(municipality)
    events = [CalendarEvent(uid=f"council-session-{s.pk}", starts_at=s.starts_at,
                            summary=s.title, location=s.place,
                            url=absolute(s.get_absolute_url()))
              for s in selectors.calendar_sessions(body)]
    content = build_calendar(_("Заседания: %(name)s") % {"name": body.name},
                             municipality.time_zone, events)
    return _ics(body.name, f"{municipality.slug}-sessions.ics", content)


@portal_view
def meetings_ics(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    body = _body(municipality)
    events = [CalendarEvent(uid=f"council-meeting-{m.pk}", starts_at=m.starts_at,
                            summary=f"{m.get_kind_display()}: {m.title}", location=m.place,
                            url=absolute(m.get_absolute_url()), description=m.topics)
              for m in selectors.calendar_meetings(body)]
    content = build_calendar(_("Встречи с жителями: %(name)s") % {"name": body.name},
                             municipality.time_zone, events)
    return _ics(body.name, f"{municipality.slug}-meetings.ics", content)


