"""Posting and reporting comments (site URLs under /comments/). Both return to the
page the reader came from."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zemstvo.core.comments.models import Comment
from zemstvo.core.comments.services import MAX_LENGTH, comment_post, comment_report
from zemstvo.core.errors import DomainError
from zemstvo.core.shell.http import record_by_type, safe_next


def _next(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next")).split("#", 1)[0]


def _target(request: HttpRequest):
    return record_by_type(request.POST.get("owner_type"), request.POST.get("owner_id"))


@login_required
@require_POST
def post(request: HttpRequest) -> HttpResponse:
    target = _target(request)
    parent = None
    if request.POST.get("parent"):
        try:
            parent = Comment.objects.select_related("parent").get(pk=int(request.POST["parent"]))
        except (Comment.DoesNotExist, ValueError):
            raise Http404 from None
    back = _next(request)
    try:
        comment = comment_post(actor=request.user, target=target,
                               text=request.POST.get("text", ""), parent=parent)
    except DomainError as error:
        # The text is kept: the reader fixes it here instead of typing it again.
        context = {"error": error.message, "text": request.POST.get("text", ""), "back": back,
                   "owner_type": request.POST.get("owner_type"),
                   "owner_id": request.POST.get("owner_id"), "parent": parent,
                   "max_length": MAX_LENGTH}
        return render(request, "comments/post_error.html", context, status=422)
    messages.success(request, _("Комментарий опубликован."))
    return redirect(f"{back}#comment-{comment.pk}")


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=pk)
    try:
        comment_report(actor=request.user, comment=comment,
                       reason=request.POST.get("reason", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Спасибо, жалоба передана модератору."))
    return redirect(f"{_next(request)}#comment-{comment.pk}")
