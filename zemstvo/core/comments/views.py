"""Posting and reporting comments (site URLs under /comments/). Both return to the
page the reader came from."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zemstvo.core.comments.models import Comment
from zemstvo.core.comments.services import MAX_LENGTH, comment_post, comment_report
from zemstvo.core.errors import DomainError


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()},
                                           require_https=request.is_secure()):
        return "/"
    return target.split("#", 1)[0]


def _target(request: HttpRequest):
    try:
        model = ContentType.objects.get_for_id(int(request.POST.get("owner_type", ""))
                                               ).model_class()
        if model is None:
            raise Http404
        return model._default_manager.get(pk=request.POST.get("owner_id", ""))
    except (ObjectDoesNotExist, ValueError, ValidationError):
        raise Http404 from None


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
