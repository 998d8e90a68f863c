"""Public pages of hearings on a portal (/m/<slug>/hearings/): the list and archive
with search, a procedure (notice, schedule, materials, proposals without authors,
documents), the printable notice, the proposal form, the documents and a CSV export.
Nothing here reads a Participant: personal data never reaches a public page."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.errors import DomainError, NotFound
from zemstvo.core.shell.portal import portal_view
from zemstvo.core.territory.models import Municipality
from zemstvo.hearings import documents, selectors, services
from zemstvo.hearings.forms import ProposalForm
from zemstvo.hearings.models import Procedure, Status

DOCUMENT_STATUSES = {"protocol": (Status.CONCLUSION, Status.CLOSED),
                     "conclusion": (Status.CLOSED,)}


def _procedure(municipality: Municipality, pk: int) -> Procedure:
    try:
        return selectors.public_procedure(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@portal_view
def hearings_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    settlements = list(municipality.settlements.all())
    chosen = next((s for s in settlements if str(s.pk) == request.GET.get("settlement")), None)
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()[:100]
    page = selectors.public_page(municipality, page=request.GET.get("page"), status=status,
                                 query=query, settlement=chosen)
    context = {"municipality": municipality, "page": page, "settlements": settlements,
               "chosen": chosen, "status": status, "q": query}
    return render(request, "hearings/list.html", context)


@portal_view
def hearings_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    procedure = _procedure(municipality, pk)
    local, others = selectors.split(selectors.public_proposals(procedure))
    opens, closes = services.proposals_window(procedure)
    context = {
        "municipality": municipality, "procedure": procedure,
        "stages": procedure.stages.all(), "local": local, "others": others,
        "attachments": attachments_for(procedure, public_only=True),
        "consultations": procedure.consultations.all(),
        "window_open": procedure.status in (Status.EXPOSITION, Status.MEETING)
        and opens <= timezone.now() < closes,
        "opens": opens, "closes": closes,
    }
    return render(request, "hearings/detail.html", context)


@portal_view
def hearings_notice(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    procedure = _procedure(municipality, pk)
    opens, closes = services.proposals_window(procedure)
    return render(request, "hearings/notice.html", {
        "municipality": municipality, "procedure": procedure, "stages": procedure.stages.all(),
        "opens": opens, "closes": closes})


@portal_view
@login_required
def hearings_propose(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    procedure = _procedure(municipality, pk)
    form = ProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_submit(
                actor=request.user, procedure=procedure, text=form.cleaned_data["text"],
                identity=form.identity(), right_holder=form.cleaned_data["right_holder"],
                documents=form.cleaned_data.get("documents") or [])
        except DomainError as exc:
            if not exc.field_errors:
                form.add_error(None, exc.message)
            for name, errors in exc.field_errors.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        else:
            messages.success(request, _("Предложение принято. Оно будет рассмотрено "
                                        "организатором и включено в протокол."))
            return redirect(procedure)
    return render(request, "hearings/propose.html", {
        "municipality": municipality, "procedure": procedure, "form": form,
        "verified": request.user.is_verified})


@portal_view
def hearings_document(request: HttpRequest, municipality: Municipality, pk: int, doc: str,
                      fmt: str) -> HttpResponse:
    procedure = _procedure(municipality, pk)
    if doc not in DOCUMENT_STATUSES or fmt not in ("docx", "pdf") or \
            procedure.status not in DOCUMENT_STATUSES[doc]:
        raise Http404
    built = documents.protocol(procedure) if doc == "protocol" else documents.conclusion(
        procedure)
    return document_response(built, fmt)


def document_response(built: documents.Document, fmt: str) -> HttpResponse:
    if fmt == "docx":
        content_type = ("application/vnd.openxmlformats-officedocument."
                        "wordprocessingml.document")
        body = documents.to_docx(built)
    else:
        content_type, body = "application/pdf", documents.to_pdf(built)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}.{fmt}"'
    return response


@portal_view
def hearings_proposals_csv(request: HttpRequest, municipality: Municipality,
                           pk: int) -> HttpResponse:
    """The proposals of a procedure: number, group, text, recommendation — no authors."""
    procedure = _procedure(municipality, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="predlozheniya-{pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["number", "group", "channel", "submitted_at", "text", "recommendation",
                     "reason"])
    for p in selectors.public_proposals(procedure):
        writer.writerow([p.number, "local" if p.is_local else "other", p.channel,
                         p.submitted_at.isoformat(), p.text, p.recommendation, p.reason])
    return response
