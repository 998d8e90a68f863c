"""The office page of the production calendar: which calendars and years are loaded."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zemstvo.core.permissions import can
from zemstvo.core.workdays import selectors


@login_required
def calendars(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "workdays.view"):
        return render(request, "shell/forbidden.html", status=403)
    return render(
        request, "workdays/calendars.html", {"calendars": selectors.loaded_calendars()}
    )
