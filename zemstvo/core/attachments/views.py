"""Download, upload and removal of attachments (site URLs under /attachments/)."""

from __future__ import annotations

import os
import unicodedata
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from zemstvo.core.attachments.forms import UploadForm
from zemstvo.core.attachments.models import Attachment
from zemstvo.core.attachments.services import attachment_add, attachment_remove
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import can
from zemstvo.core.shell.http import record_by_type, safe_next


def content_disposition(name: str) -> str:
    """``attachment`` with the original name: an ASCII fallback for old clients and
    the exact UTF-8 name in ``filename*`` (RFC 6266, RFC 5987)."""
    stem, ext = os.path.splitext(name)
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = "".join(ch for ch in ascii_stem if ch.isalnum() or ch in " ._-()").strip()
    ascii_ext = ext.encode("ascii", "ignore").decode()
    fallback = f"{ascii_stem or 'file'}{ascii_ext}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _next_url(request: HttpRequest) -> str:
    return safe_next(request, request.POST.get("next") or request.META.get("HTTP_REFERER"))


@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("municipality"), pk=pk)
    if not attachment.is_public:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can(request.user, "attachments.download_private", attachment):
            raise Http404
        if attachment.uploaded_by_id != request.user.pk:
            # A staff read of a file that may hold personal data is audited (152-ФЗ).
            with transaction.atomic():
                audit_record(actor=request.user, action="attachments.download_private",
                             obj=attachment, municipality=attachment.municipality_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=attachment.mime_type)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["Content-Length"] = str(attachment.size)
    response["X-Content-Type-Options"] = "nosniff"
    if not attachment.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


def _owner(form: UploadForm):
    return record_by_type(form.cleaned_data["owner_type"], form.cleaned_data["owner_id"])


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    target = _next_url(request)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target)
    owner = _owner(form)
    try:
        attachment = attachment_add(
            actor=request.user, owner=owner, file=form.cleaned_data["file"],
            title=form.cleaned_data["title"], is_public=form.cleaned_data["is_public"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        name = attachment.display_name
        messages.success(request, _("Файл «%(name)s» загружен.") % {"name": name})
    return redirect(target)


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("municipality"), pk=pk)
    try:
        attachment_remove(actor=request.user, attachment=attachment)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Файл «%(name)s» удалён.") % {"name": attachment.display_name})
    return redirect(_next_url(request))
