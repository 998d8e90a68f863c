"""Office pages of the audit log: browse events, one event with its diff, and the
chain check for the platform operator."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from zemstvo.core.audit import selectors
from zemstvo.core.audit.forms import AuditFilterForm
from zemstvo.core.permissions import can

PAGE_SIZE = 50


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "shell/forbidden.html", status=403)


@login_required
def events(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "audit.browse"):
        return _forbidden(request)
    municipalities = selectors.municipalities_visible_to(request.user)
    form = AuditFilterForm(request.GET or None, municipalities=municipalities)
    page = selectors.EventPage(events=[], next_before=None)
    if not form.is_bound or form.is_valid():
        visible = selectors.events_visible_to(request.user)
        filtered = form.filter(visible) if form.is_bound else visible
        before = form.cleaned_data.get("before") if form.is_bound else None
        page = selectors.event_page(filtered, before=before, size=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("before", None)
    context = {
        "form": form,
        "rows": [(event, selectors.diff_rows(event)) for event in page.events],
        "next_before": page.next_before,
        "query": query.urlencode(),
        "is_first_page": not request.GET.get("before"),
        "can_verify": can(request.user, "audit.verify"),
    }
    if context["can_verify"]:
        context["last_event"] = selectors.last_event()
    return render(request, "audit/events.html", context)


@login_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.events_visible_to(request.user).filter(pk=pk).first()
    if found is None:
        if not can(request.user, "audit.browse"):
            return _forbidden(request)
        raise Http404
    context = {"event": found, "diff": selectors.diff_rows(found)}
    return render(request, "audit/event.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def chain(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "audit.verify"):
        return _forbidden(request)
    report = selectors.verify_chain() if request.method == "POST" else None
    context = {
        "report": report,
        "count_text": selectors.events_word(report.count) if report else "",
        "last_event": selectors.last_event(),
    }
    return render(request, "audit/chain.html", context)
