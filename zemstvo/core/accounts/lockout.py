"""What a locked-out login attempt gets back (django-axes' AXES_LOCKOUT_CALLABLE):
a page in Russian for people, the API's error shape for programs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zemstvo.core.accounts.backends import find_login_user


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The key failed attempts are counted under (AXES_USERNAME_CALLABLE): the account's
    login whichever way it was typed (login, e-mail, another letter case), so switching
    between them does not buy more attempts."""
    if credentials:
        typed = credentials.get("username") or ""
    else:
        typed = getattr(request, "POST", {}).get("username", "")
    typed = str(typed).strip()
    user = find_login_user(typed) if typed else None
    return (user.get_username() if user is not None else typed).lower()


def cooloff_minutes() -> int:
    cooloff = settings.AXES_COOLOFF_TIME
    if isinstance(cooloff, timedelta):
        return int(cooloff.total_seconds() // 60)
    return int(round(float(cooloff or 0) * 60))


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    minutes = cooloff_minutes()
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/api/"):
        detail = _(
            "Слишком много неудачных попыток входа. Повторите через %(minutes)s мин."
        ) % {"minutes": minutes}
        return JsonResponse(
            {"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=status)
