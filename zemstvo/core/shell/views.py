"""The shell's own pages: the site home, the office dashboard, the accessibility
switch and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from zemstvo.core.accounts.roles import is_staff_anywhere
from zemstvo.core.shell import selectors
from zemstvo.core.shell.http import safe_next
from zemstvo.core.shell.middleware import A11Y_COOKIE


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "shell/home.html", {"regions": selectors.regions_with_portals()})


@login_required
def office_dashboard(request: HttpRequest) -> HttpResponse:
    if not is_staff_anywhere(request.user):
        return HttpResponseForbidden(render(request, "shell/forbidden.html").content)
    municipality = selectors.office_municipality(request.user, request.GET.get("m"))
    context = {
        "municipality": municipality,
        "choices": selectors.office_municipality_choices(request.user),
        "cards": selectors.dashboard_cards(request.user, municipality),
    }
    return render(request, "shell/office_dashboard.html", context)


@csrf_exempt  # a display preference only; see zemstvo.urls on the language switch
@require_POST
def accessibility_toggle(request: HttpRequest) -> HttpResponse:
    response = redirect(safe_next(request, request.POST.get("next")))
    if request.POST.get("a11y") == "1":
        response.set_cookie(A11Y_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(A11Y_COOKIE)
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", whatever its class
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
