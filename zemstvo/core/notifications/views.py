"""A person's notifications: the inbox, the settings, and following records."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zemstvo.core.errors import DomainError
from zemstvo.core.notifications import selectors, services
from zemstvo.core.notifications.kinds import kind_title
from zemstvo.core.notifications.models import ALL_KINDS, Channel, Notification
from zemstvo.core.shell.http import record_by_type, safe_next

PAGE_SIZE = 30
_KIND = re.compile(r"^[a-z0-9_.*-]{1,100}$")


def _safe(request: HttpRequest, target: str, default: str) -> str:
    return safe_next(request, target, default)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": selectors.unread_count(request.user)}
    return render(request, "notifications/list.html", context)


@login_required
@require_GET
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go where it points."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(user=request.user, notification=notification)
    return redirect(_safe(request, notification.url, "notifications:list"))


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(user=request.user, notification=notification)
    return redirect(_safe(request, request.POST.get("next", ""), "notifications:list"))


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(user=request.user)
    messages.success(request, _("Отмечено прочитанными: %(count)d.") % {"count": count})
    return redirect("notifications:list")


def _settings_rows(request: HttpRequest) -> list[dict]:
    rows = selectors.preference_rows(request.user)
    kinds = {kind for kind, _channel, _enabled in rows} | set(
        selectors.received_kinds(request.user)
    )
    kinds.discard(ALL_KINDS)
    ordered = [ALL_KINDS, *sorted(kinds)]
    return [
        {
            "kind": kind,
            "index": index,
            "title": kind_title(kind),
            "channels": [
                {"code": code, "label": label, "on": on}
                for (code, label), on in zip(
                    Channel.choices,
                    [selectors.resolve_channels(rows, kind)[c] for c in Channel.values],
                    strict=True,
                )
            ],
        }
        for index, kind in enumerate(ordered)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        # Only the rows the form showed (checkboxes that are off are simply absent).
        shown = {kind for kind in request.POST.getlist("kind") if _KIND.match(kind)}
        changed = 0
        # "All kinds" first: a kind's own switches are then compared with what it
        # inherits after that change.
        for first in (True, False):
            rows = _settings_rows(request)
            for row in rows[:1] if first else rows[1:]:
                if row["kind"] not in shown:
                    continue
                for channel in row["channels"]:
                    wanted = f"{row['kind']}:{channel['code']}" in request.POST
                    if wanted != channel["on"]:
                        services.preference_set(user=request.user, kind=row["kind"],
                                                channel=channel["code"], enabled=wanted)
                        changed += 1
        messages.success(request, _("Настройки сохранены.") if changed
                         else _("Настройки не изменились."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"rows": _settings_rows(request)})


def _target(request: HttpRequest):
    return record_by_type(request.POST.get("owner_type"), request.POST.get("owner_id"))


@login_required
@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    target = _target(request)
    try:
        services.subscribe(user=request.user, target=target)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Вы подписаны на обновления."))
    return redirect(_safe(request, request.POST.get("next", ""), "notifications:list"))


@login_required
@require_POST
def unsubscribe(request: HttpRequest) -> HttpResponse:
    target = _target(request)
    try:
        services.unsubscribe(user=request.user, target=target)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Вы отписались от обновлений."))
    return redirect(_safe(request, request.POST.get("next", ""), "notifications:list"))
