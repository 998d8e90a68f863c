"""Staff pages at /office/community/: rolls (import, build), сходы (stages, registration
at the door by roll search, live quorum, questions and votes, protocol), the ТОС
registry and the starostas. Each POST names one operation (``op``) and calls one
service; a DomainError comes back as a form error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zemstvo.community import documents, forms, selectors, services
from zemstvo.community.models import GatheringStatus, RollEntry
from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.permissions import can
from zemstvo.core.shell.selectors import office_municipality_choices


def _forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "shell/forbidden.html").content)


def _municipality(request: HttpRequest, action: str = "community.view_office"):
    choices = [m for m in office_municipality_choices(request.user)
               if can(request.user, action, m)]
    chosen = next((m for m in choices if m.slug == request.GET.get("m")), None)
    return (chosen or (choices[0] if choices else None)), choices


def _record(getter: Callable[..., Any], pk: int) -> Any:
    try:
        return getter(pk, None)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _form_errors(form: Any, exc: DomainError) -> None:
    placed = False
    for field, errors in (exc.field_errors or {}).items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@login_required
def office_index(request: HttpRequest) -> HttpResponse:
    municipality, choices = _municipality(request)
    if municipality is None:
        return _forbidden(request)
    context = {"municipality": municipality, "choices": choices,
               "can_manage": can(request.user, "community.manage", municipality)}
    context.update(selectors.office_overview(municipality))
    return render(request, "community/office/index.html", context)


@login_required
def roll_new(request: HttpRequest) -> HttpResponse:
    municipality, choices = _municipality(request, "community.manage")
    if municipality is None:
        return _forbidden(request)
    form = forms.RollForm(request.POST or None, request.FILES or None,
                          settlements=municipality.settlements.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["mode"] == "csv":
                if not data["file"]:
                    raise DomainError("Выберите файл CSV.", field_errors={"file": [
                        "Выберите файл CSV."]})
                roll = services.roll_import_csv(
                    actor=request.user, municipality=municipality,
                    settlement=data["settlement"], title=data["title"],
                    compiled_on=data["compiled_on"], content=data["file"].read())
            else:
                roll = services.roll_build_from_residents(
                    actor=request.user, municipality=municipality,
                    settlement=data["settlement"], title=data["title"],
                    compiled_on=data["compiled_on"])
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Список составлен."))
            return redirect("office_community:roll", pk=roll.pk)
    return render(request, "community/office/roll_new.html",
                  {"municipality": municipality, "choices": choices, "form": form})


@login_required
def roll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    roll = _record(selectors.office_roll, pk)
    if not can(request.user, "community.view_personal_data", roll):
        return _forbidden(request)
    entries = list(roll.entries.all())
    audit_record(actor=request.user, action="community.view_personal_data", obj=roll,
                 after={"entries": len(entries)})
    return render(request, "community/office/roll.html", {
        "roll": roll, "entries": entries, "municipality": roll.municipality})


@login_required
def gathering_new(request: HttpRequest) -> HttpResponse:
    municipality, choices = _municipality(request, "community.manage")
    if municipality is None:
        return _forbidden(request)
    form = forms.GatheringForm(request.POST or None,
                               rolls=municipality.community_rolls.select_related("settlement"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            gathering = services.gathering_create(
                actor=request.user, roll=data["roll"], title=data["title"],
                called_by=data["called_by"], stages=form.stages())
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            return redirect("office_community:gathering", pk=gathering.pk)
    return render(request, "community/office/gathering_new.html",
                  {"municipality": municipality, "choices": choices, "form": form})


def _gathering_post(request: HttpRequest, gathering: Any, bound: dict) -> bool:
    """Run the operation named by ``op``; False when a form got errors."""
    op = request.POST.get("op", "")
    user = request.user
    if op == "register":
        stage = next((s for s in gathering.stages.all()
                      if str(s.pk) == request.POST.get("stage")), None)
        entry = RollEntry.objects.filter(pk=request.POST.get("entry") or 0,
                                         roll_id=gathering.roll_id).first()
        if stage is None or entry is None:
            raise DomainError(_("Выберите этап и жителя из списка."))
        services.attendance_register(actor=user, stage=stage, entry=entry)
        messages.success(request, _("Участник зарегистрирован: %(n)s.") % {
            "n": entry.full_name})
        return True
    handlers = {
        "stage": (forms.StageForm, lambda d: services.gathering_stage_add(
            actor=user, gathering=gathering, held_on=d["held_on"], place=d["place"])),
        "question": (forms.QuestionForm, lambda d: services.question_add(
            actor=user, gathering=gathering, text=d["text"], kind=d["kind"],
            nominee=RollEntry.objects.filter(roll_id=gathering.roll_id,
                                             number=d["nominee"] or 0).first())),
        "close": (forms.CloseForm, lambda d: services.gathering_close(
            actor=user, gathering=gathering, protocol_number=d["protocol_number"])),
    }
    if op == "votes":
        question = next((q for q in gathering.questions.all()
                         if str(q.pk) == request.POST.get("question")), None)
        if question is None:
            raise DomainError(_("Вопрос не найден."))
        form = forms.VotesForm(request.POST, prefix=f"q{question.pk}")
        bound[f"votes_{question.pk}"] = form
        if not form.is_valid():
            return False
        try:
            services.question_record_votes(actor=user, question=question, **form.cleaned_data)
        except DomainError as exc:
            _form_errors(form, exc)
            return False
        return True
    if op not in handlers:
        raise DomainError(_("Неизвестное действие."))
    form_class, run = handlers[op]
    form = form_class(request.POST, prefix=op)
    bound[op] = form
    if not form.is_valid():
        return False
    try:
        run(form.cleaned_data)
    except DomainError as exc:
        _form_errors(form, exc)
        return False
    return True


@login_required
def gathering_detail(request: HttpRequest, pk: int) -> HttpResponse:
    gathering = _record(selectors.office_gathering, pk)
    if not can(request.user, "community.view_office", gathering):
        return _forbidden(request)
    can_manage = can(request.user, "community.manage", gathering)
    bound: dict[str, Any] = {}
    if request.method == "POST":
        if not can_manage:
            return _forbidden(request)
        try:
            if _gathering_post(request, gathering, bound):
                return redirect(request.get_full_path())
        except (DomainError, NotAllowed) as exc:
            messages.error(request, exc.message)
            return redirect(request.get_full_path())
        gathering = selectors.office_gathering(pk, None)
    query = request.GET.get("q", "").strip()[:100]
    found = []
    if query and can(request.user, "community.view_personal_data", gathering):
        found = selectors.roll_search(gathering, query)
        audit_record(actor=request.user, action="community.view_personal_data",
                     obj=gathering, after={"search": len(found)})
    questions = [(q, bound.get(f"votes_{q.pk}") or forms.VotesForm(prefix=f"q{q.pk}"))
                 for q in gathering.questions.all()]
    return render(request, "community/office/gathering.html", {
        "gathering": gathering, "municipality": gathering.municipality,
        "stages": gathering.stages.all(), "questions": questions,
        "quorum": services.gathering_quorum(gathering), "can_manage": can_manage,
        "is_open": gathering.status != GatheringStatus.CLOSED,
        "q": query, "found": found, "chosen_stage": request.GET.get("stage", ""),
        "stage_form": bound.get("stage") or forms.StageForm(prefix="stage"),
        "question_form": bound.get("question") or forms.QuestionForm(prefix="question"),
        "close_form": bound.get("close") or forms.CloseForm(prefix="close"),
    })


@login_required
def gathering_quorum(request: HttpRequest, pk: int) -> HttpResponse:
    """The live quorum card alone (htmx polls it; without JS the page reloads)."""
    gathering = _record(selectors.office_gathering, pk)
    if not can(request.user, "community.view_office", gathering):
        return _forbidden(request)
    return render(request, "community/office/_quorum.html", {
        "gathering": gathering, "quorum": services.gathering_quorum(gathering)})


@login_required
def gathering_protocol(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    gathering = _record(selectors.office_gathering, pk)
    if not can(request.user, "community.view_office", gathering):
        return _forbidden(request)
    if fmt not in ("docx", "pdf"):
        raise Http404
    blocks = documents.protocol_blocks(gathering)
    if fmt == "docx":
        body = documents.to_docx(blocks)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body, mime = documents.to_pdf(blocks), "application/pdf"
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="protokol-shoda-{pk}.{fmt}"'
    return response


@login_required
def tos_new(request: HttpRequest) -> HttpResponse:
    municipality, choices = _municipality(request, "community.manage")
    if municipality is None:
        return _forbidden(request)
    form = forms.TosForm(request.POST or None, settlements=municipality.settlements.all())
    if request.method == "POST" and form.is_valid():
        try:
            tos = services.tos_register(actor=request.user, municipality=municipality,
                                        **form.cleaned_data)
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            return redirect("office_community:tos", pk=tos.pk)
    return render(request, "community/office/tos_new.html",
                  {"municipality": municipality, "choices": choices, "form": form})


TOS_OPS: dict[str, tuple[type, Callable[..., Any]]] = {
    "contacts": (forms.ContactsForm, services.tos_update_contacts),
    "charter": (forms.CharterForm, services.tos_charter_register),
    "officer": (forms.OfficerForm, services.tos_officer_add),
    "member": (forms.MemberForm, services.tos_member_add),
    "report": (forms.ReportForm, services.tos_report_add),
}


@login_required
def tos_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tos = _record(selectors.office_tos, pk)
    if not can(request.user, "community.view_office", tos):
        return _forbidden(request)
    can_manage = can(request.user, "community.manage", tos)
    bound: dict[str, Any] = {}
    op = request.POST.get("op", "")
    if request.method == "POST":
        if not can_manage or op not in (*TOS_OPS, "remove"):
            return _forbidden(request)
        if op == "remove":
            try:
                services.tos_remove(actor=request.user, tos=tos)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("office_community:tos", pk=pk)
            messages.success(request, _("ТОС удалено из реестра."))
            return redirect(reverse("office_community:index") + f"?m={tos.municipality.slug}")
        form_class, service = TOS_OPS[op]
        form = form_class(request.POST, request.FILES, prefix=op)
        bound[op] = form
        if form.is_valid():
            try:
                service(actor=request.user, tos=tos, **form.cleaned_data)
            except DomainError as exc:
                _form_errors(form, exc)
            else:
                return redirect("office_community:tos", pk=pk)
        tos = selectors.office_tos(pk, None)
    initial = {"contacts": {"territory": tos.territory, "address": tos.address,
                            "phone": tos.phone, "email": tos.email}}
    page_forms = {name: bound.get(name) or form_class(prefix=name, initial=initial.get(name))
                  for name, (form_class, _s) in TOS_OPS.items()}
    show_members = can(request.user, "community.view_personal_data", tos)
    if show_members:
        audit_record(actor=request.user, action="community.view_personal_data", obj=tos,
                     after={"members": len(tos.members.all())})
    return render(request, "community/office/tos.html", {
        "tos": tos, "municipality": tos.municipality, "can_manage": can_manage,
        "forms": page_forms, "show_members": show_members,
        "reports": [(r, attachments_for(r)) for r in tos.reports.all()],
        "projects": selectors.tos_initiatives(tos),
    })


@login_required
def starosta_appoint(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _record(selectors.office_nomination, pk)
    if not can(request.user, "community.manage", nomination):
        return _forbidden(request)
    form = forms.AppointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            starosta = services.starosta_appoint(actor=request.user, nomination=nomination,
                                                 **form.cleaned_data)
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            return redirect("office_community:starosta", pk=starosta.pk)
    return render(request, "community/office/appoint.html", {
        "nomination": nomination, "municipality": nomination.municipality, "form": form})


@login_required
def starosta_detail(request: HttpRequest, pk: int) -> HttpResponse:
    starosta = _record(selectors.office_starosta, pk)
    if not can(request.user, "community.view_office", starosta):
        return _forbidden(request)
    can_manage = can(request.user, "community.manage", starosta)
    op = request.POST.get("op", "report")
    form = forms.ReportForm(request.POST if op == "report" else None,
                            request.FILES or None, prefix="report")
    contacts = forms.StarostaContactsForm(
        request.POST if op == "contacts" else None, prefix="contacts",
        initial={"territory": starosta.territory, "phone": starosta.phone,
                 "email": starosta.email})
    if request.method == "POST":
        if not can_manage:
            return _forbidden(request)
        bound, service = ((form, services.starosta_report_add) if op == "report"
                          else (contacts, services.starosta_update_contacts))
        if bound.is_valid():
            try:
                service(actor=request.user, starosta=starosta, **bound.cleaned_data)
            except DomainError as exc:
                _form_errors(bound, exc)
            else:
                return redirect("office_community:starosta", pk=pk)
    return render(request, "community/office/starosta.html", {
        "starosta": starosta, "municipality": starosta.municipality, "form": form,
        "contacts_form": contacts,
        "can_manage": can_manage,
        "reports": [(r, attachments_for(r)) for r in starosta.reports.all()]})
