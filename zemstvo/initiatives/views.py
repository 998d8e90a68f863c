"""Public pages of initiative projects at /m/<slug>/initiatives/: the list (by status
and round), a project with everything the law asks to publish, a round with its
results and protocol, support, and the residents' proposal: the form, the draft
with its group and evidence, the group invitation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.permissions import can
from zemstvo.core.shell.portal import portal_view
from zemstvo.core.territory.models import Municipality
from zemstvo.initiatives import selectors, services
from zemstvo.initiatives.forms import (
    CostItemFormSet,
    EvidenceForm,
    FinancingForm,
    ProjectForm,
    project_data,
)
from zemstvo.initiatives.models import (
    PUBLIC_STATUSES,
    PhotoPhase,
    Project,
    RoundStatus,
    SelectionRound,
)
from zemstvo.initiatives.policies import support_refusal
from zemstvo.initiatives.protocol import build_protocol, render_docx, render_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def show_errors(forms: list[Any], exc: DomainError) -> None:
    """Put a service's errors on the first form that has the field (else on the first)."""
    if not exc.field_errors:
        forms[0].add_error(None, exc.message)
    for name, errors in exc.field_errors.items():
        target = next((f for f in forms if name in f.fields), forms[0])
        for error in errors:
            target.add_error(name if name in target.fields else None, error)


@portal_view
def project_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    status = request.GET.get("status", "")
    round_id = request.GET.get("round", "")
    page = selectors.public_page(municipality, request.GET.get("page"), status=status,
                                 round_id=round_id)
    context = {
        "municipality": municipality, "page": page, "status": status,
        "round_id": round_id, "statuses": [(s.value, s.label) for s in PUBLIC_STATUSES],
        "rounds": selectors.public_rounds(municipality),
        "can_propose": can(request.user, "initiatives.create", municipality),
    }
    return render(request, "initiatives/list.html", context)


@portal_view
def project_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        project = selectors.project_detail(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    user = request.user if request.user.is_authenticated else None
    financing = selectors.financing_rows(project)
    photos = list(project.photos.all())
    context = {
        "municipality": municipality, "project": project, "financing": financing,
        "financing_totals": selectors.financing_totals(financing),
        "supported": selectors.user_supports(user, project),
        "support_refusal": support_refusal(user, project),
        "photos_before": [p for p in photos if p.phase == PhotoPhase.BEFORE],
        "photos_after": [p for p in photos if p.phase == PhotoPhase.AFTER],
    }
    return render(request, "initiatives/detail.html", context)


@portal_view
@require_POST
def project_support(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        project = selectors.project_detail(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    withdraw = request.POST.get("action") == "withdraw"
    service = services.project_withdraw_support if withdraw else services.project_support
    try:
        service(actor=request.user if request.user.is_authenticated else None, project=project)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Поддержка отозвана.") if withdraw
                         else _("Спасибо: ваша поддержка учтена."))
    return redirect(project)


@portal_view
def round_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        round_ = selectors.public_round(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context = {
        "municipality": municipality, "round": round_,
        "ranking": selectors.round_ranking(round_)
        if round_.status == RoundStatus.RESULTS else [],
        "projects": selectors.round_projects(round_),
    }
    return render(request, "initiatives/round.html", context)


def protocol_response(round_: SelectionRound, fmt: str) -> HttpResponse:
    content = build_protocol(round_)
    if fmt == "docx":
        response = HttpResponse(render_docx(content), content_type=DOCX)
    elif fmt == "pdf":
        response = HttpResponse(render_pdf(content), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="protocol-{round_.pk}.{fmt}"'
    return response


@portal_view
def round_protocol(request: HttpRequest, municipality: Municipality, pk: int,
                   fmt: str) -> HttpResponse:
    round_ = SelectionRound.objects.select_related("municipality").filter(
        pk=pk, municipality=municipality, status=RoundStatus.RESULTS).first()
    if round_ is None:
        raise Http404
    return protocol_response(round_, fmt)


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return HttpResponseForbidden(render(request, "initiatives/forbidden.html",
                                        {"message": message}).content)


def _open_round(municipality: Municipality, round_id: Any) -> SelectionRound | None:
    rounds = SelectionRound.objects.filter(municipality=municipality, status=RoundStatus.OPEN)
    if str(round_id or "").isdigit():
        rounds = rounds.filter(pk=int(round_id))
    return rounds.select_related("municipality").order_by("-year", "-id").first()


def _project_forms(request: HttpRequest, municipality: Municipality,
                   initial: dict[str, Any] | None = None,
                   items: list[dict[str, Any]] | None = None) -> tuple[Any, Any, Any]:
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ProjectForm(data, files, initial=initial,
                       settlements=list(municipality.settlements.order_by("name")[:300]))
    formset = CostItemFormSet(data, initial=items, prefix="cost")
    financing = FinancingForm(data, initial=initial, prefix="fin")
    return form, formset, financing


@portal_view
@login_required
def project_propose(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    if not can(request.user, "initiatives.create", municipality):
        return _forbidden(request, _("Предложить проект может житель муниципального "
                                     "образования с подтверждённой личностью."))
    round_ = _open_round(municipality, request.GET.get("round") or request.POST.get("round"))
    form, formset, financing = _project_forms(request, municipality)
    if round_ is not None and request.method == "POST" and all(
            f.is_valid() for f in (form, formset, financing)):
        try:
            project = services.project_create(
                actor=request.user, round_=round_, data=project_data(form, formset, financing),
                initiator_document=form.cleaned_data.get("initiator_document"))
        except DomainError as exc:
            show_errors([form, financing], exc)
        else:
            messages.success(request, _("Черновик проекта сохранён. Пригласите жителей в "
                                        "инициативную группу и приложите документы."))
            return redirect(_own_url(project))
    context = {"municipality": municipality, "round": round_, "form": form,
               "formset": formset, "financing": financing, "project": None}
    return render(request, "initiatives/propose.html", context)


def _own_url(project: Project) -> str:
    return reverse("initiatives:own", kwargs={"municipality": project.municipality.slug,
                                              "pk": project.pk})


def _own(request: HttpRequest, municipality: Municipality, pk: int) -> Project:
    try:
        project = selectors.own_project(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if project.municipality_id != municipality.pk:
        raise Http404
    return project


@portal_view
@login_required
def project_own(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    """The initiator's page of the project: the draft, its group and evidence."""
    project = _own(request, municipality, pk)
    evidence_form = EvidenceForm()
    if request.method == "POST":
        evidence_form = EvidenceForm(request.POST, request.FILES)
        if evidence_form.is_valid():
            try:
                services.evidence_add(actor=request.user, project=project,
                                      **evidence_form.cleaned_data)
            except DomainError as exc:
                show_errors([evidence_form], exc)
            else:
                messages.success(request, _("Документ о поддержке приложен."))
                return redirect(_own_url(project))
    financing = selectors.financing_rows(project)
    today = selectors.today_in(municipality)
    context = {
        "municipality": municipality, "project": project, "evidence_form": evidence_form,
        "financing": financing, "financing_totals": selectors.financing_totals(financing),
        "group_size": services.counted_group_size(project, today),
        "group_min": project.round.rules.get("initiatives.group_min_size", {}).get("value"),
        "join_url": request.build_absolute_uri(reverse(
            "initiatives:join", kwargs={"municipality": municipality.slug,
                                        "code": project.group_code})),
        "is_initiator": can(request.user, "initiatives.submit", project),
        "attachments": attachments_for(project),
    }
    return render(request, "initiatives/own.html", context)


@portal_view
@login_required
def project_edit(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    project = _own(request, municipality, pk)
    if not can(request.user, "initiatives.submit", project):
        return _forbidden(request)
    initial = {name: getattr(project, name) for name in (
        "title", "territory", "problem", "justification", "expected_result", "timeline",
        "participation", "beneficiaries", "territory_population", "initiator_kind",
        "initiator_name")}
    initial["settlement"] = str(project.settlement_id or "")
    for row in project.financing.all():
        for name in ("money", "in_kind_description", "in_kind_value", "labour_hours"):
            initial[f"{row.source}_{name}"] = getattr(row, name)
    items = [{"name": i.name, "quantity": i.quantity, "unit_price": i.unit_price}
             for i in project.cost_items.all()]
    form, formset, financing = _project_forms(request, municipality, initial, items)
    if request.method == "POST" and all(f.is_valid() for f in (form, formset, financing)):
        try:
            services.project_update(
                actor=request.user, project=project,
                data=project_data(form, formset, financing),
                initiator_document=form.cleaned_data.get("initiator_document"))
        except DomainError as exc:
            show_errors([form, financing], exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect(_own_url(project))
    context = {"municipality": municipality, "round": project.round, "form": form,
               "formset": formset, "financing": financing, "project": project}
    return render(request, "initiatives/propose.html", context)


@portal_view
@login_required
@require_POST
def project_submit(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    project = _own(request, municipality, pk)
    try:
        services.project_submit(actor=request.user, project=project)
    except NotAllowed:
        return _forbidden(request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Проект внесён. Администрация опубликует его в течение "
                                    "трёх рабочих дней."))
    return redirect(_own_url(project))


@portal_view
@login_required
def group_join(request: HttpRequest, municipality: Municipality, code: str) -> HttpResponse:
    """The invitation: the resident reads what they join and confirms it personally."""
    project = (Project.objects.select_related("municipality", "round")
               .filter(group_code=code, municipality=municipality).first())
    if project is None:
        raise Http404(_("Приглашение не найдено."))
    error = ""
    if request.method == "POST":
        try:
            services.group_join(actor=request.user, code=code)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Вы подтвердили участие в инициативной группе."))
            return redirect(_own_url(project))
    member = project.group_members.filter(user=request.user).exists()
    context = {"municipality": municipality, "project": project, "error": error,
               "member": member,
               "may_join": can(request.user, "initiatives.join_group", project)}
    return render(request, "initiatives/join.html", context)
