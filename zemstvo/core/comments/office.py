"""Moderation in the office: the queue of reported comments, hiding and restoring,
blocking and unblocking people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from zemstvo.core.comments import selectors, services
from zemstvo.core.comments.forms import BlockForm, OptionalReasonForm, ReasonForm
from zemstvo.core.comments.models import CommentBlock
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import can


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "shell/forbidden.html", status=403)


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "comments.moderate"):
        return _forbidden(request)
    status = "hidden" if request.GET.get("status") == "hidden" else "reported"
    context = {
        "status": status,
        "comments": selectors.moderation_queue(request.user, status=status),
    }
    return render(request, "comments/office_queue.html", context)


@login_required
@require_GET
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "comments.moderate"):
        return _forbidden(request)
    found = selectors.comment_for_moderation(request.user, pk)
    if found is None:
        raise Http404
    context = {"comment": found, "hide_form": ReasonForm(), "restore_form": OptionalReasonForm(),
               "block_form": BlockForm(
                   initial={"username": found.author.username if found.author else "",
                            "municipality": found.municipality.slug if found.municipality
                            else ""},
                   municipalities=[found.municipality] if found.municipality else [])}
    return render(request, "comments/office_comment.html", context)


def _moderate(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    found = selectors.comment_for_moderation(request.user, pk)
    if found is None:
        if not can(request.user, "comments.moderate"):
            return _forbidden(request)
        raise Http404
    form = (ReasonForm if action == "hide" else OptionalReasonForm)(request.POST)
    try:
        if action != "dismiss" and not form.is_valid():
            raise DomainError(" ".join(e for errors in form.errors.values() for e in errors))
        reason = form.cleaned_data.get("reason", "") if action != "dismiss" else ""
        if action == "hide":
            services.comment_hide(actor=request.user, comment=found, reason=reason)
            messages.success(request, _("Комментарий скрыт."))
        elif action == "restore":
            services.comment_restore(actor=request.user, comment=found, reason=reason)
            messages.success(request, _("Комментарий восстановлен."))
        else:
            services.comment_reports_dismiss(actor=request.user, comment=found)
            messages.success(request, _("Жалобы отклонены, комментарий оставлен."))
    except DomainError as error:
        messages.error(request, error.message)
    if request.POST.get("back") == "queue":
        return redirect("office_comments:queue")
    return redirect("office_comments:comment", pk=pk)


@login_required
@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, "hide")


@login_required
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, "restore")


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, "dismiss")


@login_required
def blocks(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "comments.moderate"):
        return _forbidden(request)
    municipalities = selectors.municipalities_moderated(request.user)
    form = BlockForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_block(
                actor=request.user, user=form.cleaned_data["username"],
                municipality=form.cleaned_data["municipality"],
                reason=form.cleaned_data["reason"], until=form.until_moment(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
            for field, errors in error.field_errors.items():
                for message in errors:
                    if field in form.fields:
                        form.add_error(field, message)
        else:
            messages.success(request, _("Пользователь заблокирован."))
            return redirect("office_comments:blocks")
    context = {"form": form, "blocks": selectors.blocks_in_force(request.user)}
    return render(request, "comments/office_blocks.html", context,
                  status=422 if form.errors else 200)


@login_required
@require_POST
def unblock(request: HttpRequest, pk: int) -> HttpResponse:
    block = get_object_or_404(CommentBlock.objects.select_related("user", "municipality"), pk=pk)
    try:
        services.user_unblock(actor=request.user, user=block.user, municipality=block.municipality)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Блокировка снята."))
    return redirect("office_comments:blocks")
