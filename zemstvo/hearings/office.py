"""Staff pages at /office/hearings/: the list, a new procedure, a procedure's page
(notice, schedule, materials, stage button, consultations, proposals received in
writing, the meeting, recommendations, conclusion), the participants (personal data,
every view audited), the organiser's protocol with its annex, the timeline templates.
Each POST on a procedure's page names one operation (``op``) and calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.permissions import can
from zemstvo.core.shell.selectors import office_municipality_choices
from zemstvo.hearings import documents, selectors, services
from zemstvo.hearings.forms import (
    ConsultationForm,
    NoticeForm,
    ProcedureCreateForm,
    RecommendationForm,
    StaffParticipantForm,
    StaffProposalForm,
    SummaryForm,
)
from zemstvo.hearings.models import (
    Consultation,
    DayKind,
    Participant,
    Procedure,
    ProcedureKind,
    Proposal,
    Status,
)
from zemstvo.hearings.views import document_response


def _forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "shell/forbidden.html").content)


def _choices(user: Any, action: str = "hearings.view_office") -> list:
    return [m for m in office_municipality_choices(user) if can(user, action, m)]


def _chosen(choices: list, slug: str | None):
    return next((m for m in choices if m.slug == slug), choices[0] if choices else None)


def _procedure(request: HttpRequest, pk: int) -> Procedure:
    try:
        return selectors.office_procedure(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _errors_to_form(form: django_forms.Form, exc: DomainError) -> None:
    if not exc.field_errors:
        form.add_error(None, exc.message)
    for name, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


@login_required
def office_list(request: HttpRequest) -> HttpResponse:
    choices = _choices(request.user)
    municipality = _chosen(choices, request.GET.get("m"))
    if municipality is None:
        return _forbidden(request)
    status = request.GET.get("status", "")
    return render(request, "hearings/office/list.html", {
        "municipality": municipality, "choices": choices, "status": status,
        "statuses": Status.choices,
        "procedures": selectors.office_procedures(municipality, status)[:200],
        "can_manage": can(request.user, "hearings.manage", municipality),
        "can_templates": can(request.user, "hearings.edit_template", municipality),
    })


@login_required
def office_create(request: HttpRequest) -> HttpResponse:
    choices = _choices(request.user, "hearings.manage")
    municipality = _chosen(choices, request.GET.get("m") or request.POST.get("m"))
    if municipality is None:
        return _forbidden(request)
    form = ProcedureCreateForm(request.POST or None)
    settlements = {str(s.pk): s for s in municipality.settlements.all()}
    form.fields["settlements"].choices = [(k, str(s)) for k, s in settlements.items()]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            procedure = services.procedure_create(
                actor=request.user, municipality=municipality, kind=data["kind"],
                form=data["form"] or None, title=data["title"], organiser=data["organiser"],
                notice_date=data["notice_date"],
                settlements=[settlements[k] for k in data["settlements"]])
        except DomainError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Процедура создана: заполните оповещение."))
            return redirect("office_hearings:detail", pk=procedure.pk)
    return render(request, "hearings/office/create.html",
                  {"form": form, "municipality": municipality})


def _detail_context(request: HttpRequest, procedure: Procedure, **forms: Any) -> dict:
    user = request.user
    notice_initial = {name: getattr(procedure, name) for name in services.NOTICE_FIELDS}
    proposals = list(procedure.proposals.select_related("participant").order_by("number"))
    context = {
        "procedure": procedure, "municipality": procedure.municipality,
        "stages": procedure.stages.all(), "proposals": proposals,
        "consultations": procedure.consultations.all(),
        "attachments": attachments_for(procedure),
        "missing": services.missing_notice_items(procedure),
        "can_manage": can(user, "hearings.manage", procedure),
        "can_enter": can(user, "hearings.enter_records", procedure),
        "can_recommend": can(user, "hearings.recommend", procedure),
        "can_personal": can(user, "hearings.view_personal_data", procedure),
        "notice_form": NoticeForm(initial=notice_initial),
        "consultation_form": ConsultationForm(),
        "participant_form": StaffParticipantForm(),
        "proposal_form": StaffProposalForm(),
        "summary_form": SummaryForm(initial={"summary": procedure.conclusion_summary}),
        "recommendation_form": RecommendationForm(),
        "attendances": procedure.attendances.count(),
        "speeches": procedure.speeches.all(),
    }
    context.update(forms)
    return context


@login_required
def office_detail(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = _procedure(request, pk)
    if request.method == "POST":
        handler = _OPERATIONS.get(request.POST.get("op", ""))
        if handler is None:
            raise Http404
        try:
            failed = handler(request, procedure)
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            messages.error(request, exc.message)
            for name, errors in exc.field_errors.items():
                for error in errors:
                    messages.error(request, f"{name}: {error}")
        else:
            if failed is None:
                return redirect("office_hearings:detail", pk=procedure.pk)
            return render(request, "hearings/office/detail.html",
                          _detail_context(request, procedure, **failed))
        procedure = _procedure(request, pk)
    return render(request, "hearings/office/detail.html", _detail_context(request, procedure))


def _bound(form_class: type, request: HttpRequest, name: str) -> django_forms.Form:
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        raise _InvalidForm(name, form)
    return form


class _InvalidForm(Exception):
    def __init__(self, name: str, form: django_forms.Form):
        self.name, self.form = name, form


def _op(func: Callable[[HttpRequest, Procedure], str]):
    """Run an operation; an invalid form comes back to the page with its errors."""
    def wrapper(request: HttpRequest, procedure: Procedure) -> dict | None:
        try:
            done = func(request, procedure)
        except _InvalidForm as invalid:
            return {invalid.name: invalid.form}
        messages.success(request, done)
        return None
    return wrapper


@_op
def _notice(request, procedure):
    data = _bound(NoticeForm, request, "notice_form").cleaned_data
    services.procedure_update_notice(actor=request.user, procedure=procedure, **data)
    return _("Оповещение сохранено.")


@_op
def _reschedule(request, procedure):
    ends = {}
    for stage in procedure.stages.all():
        raw = request.POST.get(f"end_{stage.kind}")
        if raw:
            try:
                ends[stage.kind] = django_forms.DateField().clean(raw)
            except django_forms.ValidationError:
                raise DomainError(_("Неверная дата окончания этапа.")) from None
    services.procedure_reschedule(actor=request.user, procedure=procedure, ends=ends)
    return _("Сроки этапов сохранены.")


@_op
def _attach(request, procedure):
    file = request.FILES.get("file")
    if file is None:
        raise DomainError(_("Выберите файл."))
    services.procedure_attach(actor=request.user, procedure=procedure, file=file,
                              title=request.POST.get("title", ""))
    return _("Файл добавлен.")


@_op
def _advance(request, procedure):
    procedure = services.procedure_advance(actor=request.user, procedure=procedure)
    return _("Этап: %(stage)s.") % {"stage": procedure.get_status_display()}


@_op
def _consultation(request, procedure):
    data = _bound(ConsultationForm, request, "consultation_form").cleaned_data
    services.consultation_add(actor=request.user, procedure=procedure, **data)
    return _("Консультация добавлена в график.")


@_op
def _consultation_log(request, procedure):
    consultation = Consultation.objects.filter(procedure=procedure,
                                               pk=request.POST.get("consultation")).first()
    if consultation is None:
        raise DomainError(_("Консультация не найдена."))
    try:
        visitors = int(request.POST.get("visitors", "0"))
    except ValueError:
        raise DomainError(_("Число посетителей — целое число.")) from None
    services.consultation_log(actor=request.user, consultation=consultation,
                              visitors=visitors, notes=request.POST.get("notes", ""))
    return _("Консультация отмечена проведённой.")


@_op
def _participant(request, procedure):
    form = _bound(StaffParticipantForm, request, "participant_form")
    participant = services.participant_register(
        actor=request.user, procedure=procedure, identity=form.identity(),
        basis=form.cleaned_data["basis"], documents=form.cleaned_data.get("documents") or [])
    return _("Участник зарегистрирован под номером %(n)s.") % {"n": participant.number}


def _participant_by_number(procedure: Procedure, raw: Any) -> Participant:
    found = Participant.objects.filter(procedure=procedure, number=raw).first() if \
        str(raw).isdigit() else None
    if found is None:
        raise DomainError(_("Участник с таким номером не зарегистрирован."),
                          field_errors={"participant": [_("Нет такого участника.")]})
    return found


@_op
def _proposal(request, procedure):
    data = _bound(StaffProposalForm, request, "proposal_form").cleaned_data
    services.proposal_enter(
        actor=request.user, procedure=procedure,
        participant=_participant_by_number(procedure, data["participant"]),
        channel=data["channel"], text=data["text"], received_at=data.get("received_at"))
    return _("Предложение внесено.")


@_op
def _attend(request, procedure):
    services.attendance_register(
        actor=request.user, procedure=procedure,
        participant=_participant_by_number(procedure, request.POST.get("participant")))
    return _("Участник отмечен на собрании.")


@_op
def _speech(request, procedure):
    services.speech_add(
        actor=request.user, procedure=procedure,
        participant=_participant_by_number(procedure, request.POST.get("participant")),
        summary=request.POST.get("summary", ""))
    return _("Выступление записано.")


@_op
def _recommend(request, procedure):
    proposal = Proposal.objects.filter(procedure=procedure,
                                       pk=request.POST.get("proposal")).first()
    if proposal is None:
        raise DomainError(_("Предложение не найдено."))
    data = _bound(RecommendationForm, request, "recommendation_form").cleaned_data
    services.proposal_recommend(actor=request.user, proposal=proposal, **data)
    return _("Рекомендация по предложению № %(n)s сохранена.") % {"n": proposal.number}


@_op
def _summary(request, procedure):
    data = _bound(SummaryForm, request, "summary_form").cleaned_data
    services.conclusion_set_summary(actor=request.user, procedure=procedure, **data)
    return _("Выводы сохранены.")


_OPERATIONS = {
    "notice": _notice, "reschedule": _reschedule, "attach": _attach, "advance": _advance,
    "consultation": _consultation, "consultation_log": _consultation_log,
    "participant": _participant, "proposal": _proposal, "attend": _attend,
    "speech": _speech, "recommend": _recommend, "summary": _summary,
}


@login_required
def office_participants(request: HttpRequest, pk: int) -> HttpResponse:
    """The participants with their identification data (audited read)."""
    procedure = _procedure(request, pk)
    try:
        participants = services.participants_read(actor=request.user, procedure=procedure)
    except NotAllowed:
        return _forbidden(request)
    return render(request, "hearings/office/participants.html", {
        "procedure": procedure, "municipality": procedure.municipality,
        "participants": participants})


@login_required
def office_protocol(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The protocol with its annex, the list of participants (audited read)."""
    procedure = _procedure(request, pk)
    if fmt not in ("docx", "pdf") or procedure.status in (Status.DRAFT, Status.NOTICE,
                                                          Status.PUBLICATION):
        raise Http404
    try:
        participants = services.participants_read(actor=request.user, procedure=procedure)
    except NotAllowed:
        return _forbidden(request)
    return document_response(documents.protocol(procedure, participants), fmt)


@login_required
def office_templates(request: HttpRequest) -> HttpResponse:
    choices = _choices(request.user, "hearings.edit_template")
    municipality = _chosen(choices, request.GET.get("m") or request.POST.get("m"))
    if municipality is None:
        return _forbidden(request)
    kind = request.GET.get("kind") or request.POST.get("kind") or ProcedureKind.GENPLAN
    try:
        template = services.template_for(municipality, kind)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    stages = list(template.stages.all())
    if request.method == "POST":
        try:
            values = {s.kind: (int(request.POST[f"min_{s.kind}"]),
                               int(request.POST[f"default_{s.kind}"]),
                               int(request.POST[f"max_{s.kind}"]),
                               request.POST.get(f"day_kind_{s.kind}", s.day_kind))
                      for s in stages}
            services.template_update(actor=request.user, template=template, stages=values,
                                     act=request.POST.get("act", ""),
                                     form=request.POST.get("form") or None)
        except (KeyError, ValueError):
            messages.error(request, _("Введите целые числа дней."))
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            messages.error(request, exc.message)
            for _name, errors in exc.field_errors.items():
                for error in errors:
                    messages.error(request, error)
        else:
            messages.success(request, _("Шаблон сроков сохранён."))
            return redirect(f"{request.path}?m={municipality.slug}&kind={kind}")
    return render(request, "hearings/office/templates.html", {
        "municipality": municipality, "choices": choices, "template": template,
        "stages": stages, "kinds": ProcedureKind.choices, "day_kinds": DayKind.choices})



