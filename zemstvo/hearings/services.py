"""Every change to public hearings and discussions.

Each function: policy check -> validation -> one transaction with the audit event
(and the search index, the notifications). Dates are checked in the municipality's
time zone; ``now`` may be given (tests, imports), by default it is the current moment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.attachments.services import attachment_add
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.notifications.selectors import subscribers
from zemstvo.core.notifications.services import notify
from zemstvo.core.permissions import require
from zemstvo.core.rules.services import rule_snapshot, rule_value
from zemstvo.core.search.services import index_document
from zemstvo.core.territory.models import Municipality, Settlement
from zemstvo.hearings import kinds, timeline
from zemstvo.hearings.models import (
    Attendance,
    Channel,
    Consultation,
    DayKind,
    LocalBasis,
    Participant,
    Procedure,
    ProcedureForm,
    ProcedureKind,
    Proposal,
    Recommendation,
    Speech,
    Stage,
    StageKind,
    StageTemplate,
    Status,
    TimelineTemplate,
)
from zemstvo.hearings.participants import (
    Identity,
    account_identity,
    clean_identity,
    lives_in_territory,
    next_number,
    participant_create,
)
from zemstvo.hearings.selectors import search_doc

TITLE_MIN, TITLE_MAX = 5, 300
TEXT_MAX = 10_000
MAX_STAGE_DAYS = 365


class WindowClosed(DomainError):
    """A proposal outside the period of the exposition (the API answers 409)."""


class NotIdentified(NotAllowed):
    """A participant the law does not let submit: not signed in, or no identification."""


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _field(name: str, message: str) -> DomainError:
    return DomainError(message, field_errors={name: [message]})


# --- timeline templates ---------------------------------------------------------------

def template_for(municipality: Municipality, kind: str) -> TimelineTemplate:
    """The municipality's template for a kind, seeded from the defaults the first time."""
    if kind not in ProcedureKind.values:
        raise _field("kind", "Выберите вид процедуры из списка.")
    template = TimelineTemplate.objects.filter(municipality=municipality, kind=kind).first()
    if template is not None:
        return template
    with transaction.atomic():
        template, created = TimelineTemplate.objects.get_or_create(
            municipality=municipality, kind=kind,
            defaults={"form": kinds.default_form(kind)},
        )
        if created:
            StageTemplate.objects.bulk_create(
                StageTemplate(template=template, kind=stage, order=order, min_days=low,
                              default_days=default, max_days=high, day_kind=day_kind)
                for order, (stage, low, default, high, day_kind)
                in enumerate(kinds.default_stages(kind))
            )
    return template


def template_update(*, actor: Any, template: TimelineTemplate,
                    stages: dict[str, tuple[int, int, int, str]], act: str = "",
                    form: str | None = None, on: date | None = None) -> TimelineTemplate:
    """Set each stage's (min, default, max, day kind). The notice may not be shorter
    than the law's lead time (ГрК ст. 5.1 ч. 8 п. 1; 131-ФЗ ст. 28 ч. 4)."""
    require(actor, "hearings.edit_template", template.municipality)
    on = on or timezone.localdate()
    lead = rule_value(kinds.notice_rule(template.kind), municipality=template.municipality,
                      on=on)
    errors: dict[str, list[str]] = {}
    rows = {s.kind: s for s in template.stages.all()}
    for kind, (low, default, high, day_kind) in stages.items():
        if kind not in rows:
            errors[kind] = ["Неизвестный этап."]
        elif not 0 <= low <= default <= high <= MAX_STAGE_DAYS:
            errors[kind] = ["Нужно: 0 ≤ минимум ≤ по умолчанию ≤ максимум ≤ 365."]
        elif day_kind not in DayKind.values:
            errors[kind] = ["Выберите календарные или рабочие дни."]
        elif kind == StageKind.NOTICE and (low < lead or day_kind != DayKind.CALENDAR):
            errors[kind] = [f"Оповещение — не меньше {lead} календарных дней до размещения "
                            "проекта (требование закона)."]
    if form is not None and form not in ProcedureForm.values:
        errors["form"] = ["Выберите форму из списка."]
    if form == ProcedureForm.DISCUSSION and template.kind not in kinds.URBAN:
        errors["form"] = ["По уставу, бюджету, стратегии и преобразованию проводятся только "
                          "публичные слушания (131-ФЗ ст. 28 ч. 3)."]
    if errors:
        raise DomainError("Проверьте сроки этапов.", field_errors=errors)
    with transaction.atomic():
        before = {k: [s.min_days, s.default_days, s.max_days, s.day_kind]
                  for k, s in rows.items()}
        for kind, (low, default, high, day_kind) in stages.items():
            row = rows[kind]
            row.min_days, row.default_days, row.max_days, row.day_kind = (
                low, default, high, day_kind)
            row.save()
        template.act = act.strip()[:255]
        if form is not None:
            template.form = form
        template.save()
        audit_record(actor=actor, action="hearings.edit_template", obj=template,
                     municipality=template.municipality, before=before,
                     after={"stages": {k: list(v) for k, v in stages.items()},
                            "act": template.act, "form": template.form})
    return template


# --- procedures -----------------------------------------------------------------------

def _settlements(municipality: Municipality, settlements: Iterable[Settlement]) -> list:
    chosen = list(settlements)
    if any(s.municipality_id != municipality.pk for s in chosen):
        raise _field("settlements", "Населённый пункт не входит в это муниципальное "
                                    "образование.")
    return chosen


def procedure_create(
    *, actor: Any, municipality: Municipality, kind: str, title: str, notice_date: date,
    organiser: str = "", settlements: Iterable[Settlement] = (), territory_note: str = "",
    form: str | None = None,
) -> Procedure:
    """A new procedure in preparation, with its stages planned from the municipality's
    template and the rules in force on the day of the notice."""
    require(actor, "hearings.manage", municipality)
    template = template_for(municipality, kind)
    form = form or template.form
    title = " ".join((title or "").split())
    errors: dict[str, list[str]] = {}
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        errors["title"] = [f"Наименование — от {TITLE_MIN} до {TITLE_MAX} символов."]
    if form not in ProcedureForm.values:
        errors["form"] = ["Выберите форму из списка."]
    elif form == ProcedureForm.DISCUSSION and kind not in kinds.URBAN:
        errors["form"] = ["По этому вопросу проводятся только публичные слушания."]
    if errors:
        raise DomainError("Проверьте поля процедуры.", field_errors=errors)
    chosen = _settlements(municipality, settlements)
    rules = rule_snapshot(kinds.rule_keys(kind), municipality=municipality, on=notice_date)
    planned = timeline.plan(municipality=municipality, template_stages=list(
        template.stages.all()), form=form, notice_date=notice_date, rules=rules, kind=kind)
    problems = timeline.check(municipality=municipality, stages=planned, rules=rules, kind=kind)
    if problems:
        raise DomainError("Сроки шаблона не укладываются в требования закона: "
                          + " ".join(m for ms in problems.values() for m in ms),
                          field_errors={"notice_date": [m for ms in problems.values()
                                                        for m in ms]})
    with transaction.atomic():
        procedure = Procedure.objects.create(
            municipality=municipality, kind=kind, form=form, title=title,
            organiser=(organiser.strip() or f"Администрация: {municipality.name}")[:300],
            territory_note=territory_note.strip()[:500], rules=rules, created_by=actor,
        )
        procedure.settlements.set(chosen)
        Stage.objects.bulk_create(
            Stage(procedure=procedure, kind=p.kind, order=order, starts_on=p.starts_on,
                  ends_on=p.ends_on, min_days=p.min_days, max_days=p.max_days,
                  day_kind=p.day_kind)
            for order, p in enumerate(planned)
        )
        audit_record(actor=actor, action="hearings.create", obj=procedure,
                     after={"kind": kind, "form": form, "title": title,
                            "notice_date": notice_date, "rules": rules})
    return procedure


def _locked(procedure: Procedure) -> Procedure:
    return Procedure.objects.select_for_update().select_related("municipality").get(
        pk=procedure.pk)


NOTICE_FIELDS = ("project_info", "materials_list", "exposition_place", "exposition_hours",
                 "proposals_method", "site_url", "meeting_place", "meeting_at")


def procedure_update_notice(*, actor: Any, procedure: Procedure, **fields: Any) -> Procedure:
    """Edit the items of the notice (only before it is published)."""
    require(actor, "hearings.manage", procedure)
    unknown = set(fields) - set(NOTICE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown notice fields: {unknown}")
    if procedure.status != Status.DRAFT:
        raise DomainError("Оповещение уже опубликовано: его нельзя изменить.")
    for name, value in fields.items():
        if isinstance(value, str) and len(value) > TEXT_MAX:
            raise _field(name, f"Не больше {TEXT_MAX} символов.")
    with transaction.atomic():
        procedure = _locked(procedure)
        before = {name: getattr(procedure, name) for name in fields}
        for name, value in fields.items():
            setattr(procedure, name, value.strip() if isinstance(value, str) else value)
        procedure.save()
        audit_record(actor=actor, action="hearings.edit_notice", obj=procedure,
                     before=before, after=fields)
    return procedure


def procedure_reschedule(*, actor: Any, procedure: Procedure,
                         ends: dict[str, date]) -> Procedure:
    """Move the ends of stages (before the notice is published); each next stage starts
    on the day the previous one ends and keeps its length unless moved too, and every
    limit is checked again."""
    require(actor, "hearings.manage", procedure)
    if procedure.status != Status.DRAFT:
        raise DomainError("После оповещения сроки не меняются: они объявлены жителям.")
    stages = list(procedure.stages.all())
    code = timeline.calendar_code(procedure.municipality)
    planned, start = [], stages[0].starts_on if stages else None
    for stage in stages:
        # A stage not moved keeps its length, so later stages shift with it.
        length = timeline.duration(stage.starts_on, stage.ends_on, stage.day_kind, code)
        end = ends.get(stage.kind) or timeline.add_days(start, length, stage.day_kind, code)
        planned.append(timeline.PlannedStage(stage.kind, start, end, stage.min_days,
                                             stage.max_days, stage.day_kind))
        start = end
    problems = timeline.check(municipality=procedure.municipality, stages=planned,
                              rules=procedure.rules, kind=procedure.kind)
    if problems:
        raise DomainError("Сроки этапов не соответствуют требованиям.", field_errors=problems)
    with transaction.atomic():
        before = {s.kind: [s.starts_on, s.ends_on] for s in stages}
        for stage, plan in zip(stages, planned, strict=True):
            stage.starts_on, stage.ends_on = plan.starts_on, plan.ends_on
            stage.save(update_fields=["starts_on", "ends_on"])
        audit_record(actor=actor, action="hearings.reschedule", obj=procedure, before=before,
                     after={p.kind: [p.starts_on, p.ends_on] for p in planned})
    return procedure


def procedure_attach(*, actor: Any, procedure: Procedure, file: Any, title: str = ""):
    """The draft and its information materials (published with the procedure)."""
    require(actor, "hearings.manage", procedure)
    if procedure.status in (Status.PROTOCOL, Status.CONCLUSION, Status.CLOSED):
        raise DomainError("Материалы проекта добавляются до окончания экспозиции.")
    try:
        return attachment_add(actor=actor, owner=procedure, file=file, title=title)
    except DomainError as exc:
        raise DomainError(exc.message, field_errors={"file": [exc.message]}) from exc


def missing_notice_items(procedure: Procedure) -> list[str]:
    """Items of the notice the law requires (ГрК ст. 5.1 ч. 6–8; 131-ФЗ ст. 28 ч. 4)."""
    required = [
        ("project_info", "информация о проекте"),
        ("materials_list", "перечень информационных материалов"),
        ("exposition_place", "место проведения экспозиции"),
        ("exposition_hours", "дни и часы посещения экспозиции"),
        ("proposals_method", "порядок и форма внесения предложений"),
        ("site_url", "официальный сайт, где будет размещён проект"),
    ]
    if procedure.has_meeting:
        required += [("meeting_place", "место собрания участников"),
                     ("meeting_at", "дата и время собрания участников")]
    return [label for name, label in required if not getattr(procedure, name)]


def _stage(procedure: Procedure, kind: str) -> Stage | None:
    return next((s for s in procedure.stages.all() if s.kind == kind), None)


def proposals_window(procedure: Procedure) -> tuple[datetime, datetime]:
    exposition = _stage(procedure, StageKind.EXPOSITION)
    return timeline.window(procedure.municipality, exposition)


def _next_status(procedure: Procedure) -> str:
    order = [Status.DRAFT] + [s.kind for s in procedure.stages.all()] + [Status.CLOSED]
    return order[order.index(procedure.status) + 1]


def procedure_advance(*, actor: Any, procedure: Procedure, now: datetime | None = None
                      ) -> Procedure:
    """Move to the next stage, when the law and the published schedule allow it."""
    require(actor, "hearings.manage", procedure)
    now = _now(now)
    if procedure.status == Status.CLOSED:
        raise DomainError("Процедура завершена.")
    with transaction.atomic():
        procedure = _locked(procedure)
        target = _next_status(procedure)
        _check_advance(procedure, target, now)
        before = {"status": procedure.status}
        procedure.status = target
        if target == Status.NOTICE:
            procedure.notice_published_at = now
        elif target == Status.CONCLUSION:
            procedure.protocol_signed_at = now
            year = timeline.local_today(procedure.municipality, now).year
            procedure.protocol_number = f"{procedure.pk}/{year}"
        elif target == Status.CLOSED:
            procedure.conclusion_published_at = now
        procedure.save()
        Stage.objects.filter(procedure=procedure, kind=target).update(started_at=now)
        audit_record(actor=actor, action="hearings.advance", obj=procedure, before=before,
                     after={"status": target})
        index_document(search_doc(procedure))
        if target == Status.NOTICE:
            _notify_new(procedure, actor)
    return procedure


def _check_advance(procedure: Procedure, target: str, now: datetime) -> None:
    today = timeline.local_today(procedure.municipality, now)
    stage = _stage(procedure, target)
    if target == Status.NOTICE:
        missing = missing_notice_items(procedure)
        if missing:
            raise DomainError("В оповещении не хватает: " + "; ".join(missing) + ".")
        if today > stage.starts_on:
            raise DomainError(f"Дата оповещения по графику — {stage.starts_on:%d.%m.%Y}, "
                              "она уже прошла: измените сроки этапов.")
        return
    if target == Status.PUBLICATION and not attachments_for(procedure, public_only=True):
        raise DomainError("Прикрепите проект и информационные материалы к нему.")
    if target in (Status.PUBLICATION, Status.EXPOSITION, Status.MEETING) and \
            today < stage.starts_on:
        raise DomainError(f"Этап «{stage.get_kind_display()}» начинается "
                          f"{stage.starts_on:%d.%m.%Y} по опубликованному графику.")
    if target == Status.PROTOCOL:
        closes = proposals_window(procedure)[1]
        if now < closes:
            raise DomainError("Приём предложений ещё идёт: протокол готовится после "
                              f"{timezone.localtime(closes, procedure.municipality.tz):%d.%m.%Y}"
                              ".")
    if target == Status.CLOSED:
        if not procedure.conclusion_summary.strip():
            raise DomainError("Напишите выводы по результатам для заключения.")
        if procedure.proposals.filter(recommendation="").exists():
            raise DomainError("Не по всем предложениям есть аргументированная рекомендация "
                              "организатора (ГрК ст. 5.1 ч. 22 п. 5).")


def _notify_new(procedure: Procedure, actor: Any) -> None:
    """Residents who follow a settlement of the territory (or any settlement of the
    municipality when the territory is all of it) learn of the new procedure."""
    territory = list(procedure.settlements.all()) or list(
        Settlement.objects.filter(municipality=procedure.municipality))
    people: dict[int, Any] = {}
    for settlement in territory:
        for user in subscribers(settlement):
            if user.pk != getattr(actor, "pk", None):
                people[user.pk] = user
    if people:
        notify(recipients=list(people.values()), kind="hearings.new",
               title=f"{procedure.get_form_display().capitalize()}: {procedure.title}",
               body=procedure.project_info[:300], url=procedure.get_absolute_url(),
               municipality=procedure.municipality)


def conclusion_set_summary(*, actor: Any, procedure: Procedure, summary: str) -> Procedure:
    require(actor, "hearings.recommend", procedure)
    summary = (summary or "").strip()
    if procedure.status not in (Status.PROTOCOL, Status.CONCLUSION):
        raise DomainError("Выводы пишутся после окончания приёма предложений.")
    if not summary or len(summary) > TEXT_MAX:
        raise _field("summary", "Напишите выводы (до 10 000 символов).")
    with transaction.atomic():
        before = {"conclusion_summary": procedure.conclusion_summary}
        procedure.conclusion_summary = summary
        procedure.save(update_fields=["conclusion_summary", "updated_at"])
        audit_record(actor=actor, action="hearings.conclusion_summary", obj=procedure,
                     before=before, after={"conclusion_summary": summary})
    return procedure


# --- exposition -----------------------------------------------------------------------

def consultation_add(*, actor: Any, procedure: Procedure, starts_at: datetime, place: str,
                     consultant: str) -> Consultation:
    require(actor, "hearings.enter_records", procedure)
    errors = {}
    if not place.strip():
        errors["place"] = ["Укажите место."]
    if not consultant.strip():
        errors["consultant"] = ["Укажите, кто консультирует."]
    exposition = _stage(procedure, StageKind.EXPOSITION)
    local_day = starts_at.astimezone(procedure.municipality.tz).date()
    if not exposition.starts_on <= local_day <= exposition.ends_on:
        errors["starts_at"] = [f"Консультации — в период экспозиции: "
                               f"{exposition.starts_on:%d.%m.%Y}–{exposition.ends_on:%d.%m.%Y}."]
    if errors:
        raise DomainError("Проверьте консультацию.", field_errors=errors)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            procedure=procedure, starts_at=starts_at, place=place.strip()[:300],
            consultant=consultant.strip()[:200])
        audit_record(actor=actor, action="hearings.consultation_add", obj=consultation,
                     municipality=procedure.municipality,
                     after={"starts_at": starts_at, "place": consultation.place})
    return consultation


def consultation_log(*, actor: Any, consultation: Consultation, visitors: int,
                     notes: str) -> Consultation:
    """Record that a scheduled consultation was held, with its questions."""
    require(actor, "hearings.enter_records", consultation.procedure)
    if visitors < 0:
        raise _field("visitors", "Число посетителей не может быть отрицательным.")
    with transaction.atomic():
        consultation.held, consultation.visitors, consultation.notes = True, visitors, \
            notes.strip()[:TEXT_MAX]
        consultation.save()
        audit_record(actor=actor, action="hearings.consultation_log", obj=consultation,
                     municipality=consultation.procedure.municipality,
                     after={"visitors": visitors})
    return consultation


# --- proposals ------------------------------------------------------------------------

def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if len(text) < 3:
        raise _field("text", "Напишите предложение или замечание.")
    if len(text) > TEXT_MAX:
        raise _field("text", f"Не больше {TEXT_MAX} символов.")
    return text


def _check_window(procedure: Procedure, moment: datetime) -> None:
    opens, closes = proposals_window(procedure)
    if procedure.status not in (Status.EXPOSITION, Status.MEETING) or \
            not opens <= moment < closes:
        tz = procedure.municipality.tz
        raise WindowClosed(
            "Предложения принимаются только в период экспозиции: с "
            f"{opens.astimezone(tz):%d.%m.%Y %H:%M} до "
            f"{closes.astimezone(tz):%d.%m.%Y %H:%M} (время местное)."
        )


def _attach_titles(actor: Any, participant: Participant, documents: Sequence[Any]) -> None:
    for document in documents:
        try:
            attachment_add(actor=actor, owner=participant, file=document,
                           title="Правоустанавливающий документ", is_public=False)
        except DomainError as exc:
            raise _field("documents", exc.message) from exc


def proposal_submit(
    *, actor: Any, procedure: Procedure, text: str, identity: Identity | None = None,
    right_holder: bool = False, documents: Sequence[Any] = (), now: datetime | None = None,
) -> Proposal:
    """A proposal sent online (ГрК ст. 5.1 ч. 10 п. 1). A verified resident is
    identified by the account; anyone else gives the identification data (ч. 12).
    A right-holder attaches the title documents (ч. 12)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotIdentified("Войдите на портал, чтобы направить предложение.")
    require(actor, "hearings.submit_proposal", procedure)
    now = _now(now)
    _check_window(procedure, now)
    text = _clean_text(text)
    today = timeline.local_today(procedure.municipality, now)
    verified = bool(getattr(actor, "is_verified", False))
    if identity is None or identity.is_empty:
        if not verified:
            raise NotIdentified("Предложения принимаются только от идентифицированных "
                                "участников: подтвердите личность или укажите сведения о себе.")
        identity = account_identity(actor)
    identity = clean_identity(identity, today=today)
    if right_holder and not documents:
        raise _field("documents", "Правообладатель прикладывает документы, "
                                  "подтверждающие права на землю или объект.")
    if verified and lives_in_territory(actor, procedure):
        basis = LocalBasis.RESIDENT
    elif right_holder:
        basis = LocalBasis.RIGHT_HOLDER
    else:
        basis = LocalBasis.OTHER
    with transaction.atomic():
        procedure = _locked(procedure)
        participant = Participant.objects.filter(procedure=procedure, user=actor).first()
        if participant is None:
            participant = participant_create(procedure, identity, basis, user=actor,
                                             by_account=verified)
        elif basis != LocalBasis.OTHER and participant.basis == LocalBasis.OTHER:
            participant.basis = basis
            participant.save(update_fields=["basis"])
        _attach_titles(actor, participant, documents)
        proposal = _proposal_create(procedure, participant, Channel.ONLINE, text, now, actor)
    return proposal


def _proposal_create(procedure: Procedure, participant: Participant, channel: str,
                     text: str, when: datetime, actor: Any) -> Proposal:
    proposal = Proposal.objects.create(
        procedure=procedure, participant=participant,
        number=next_number(Proposal, procedure), channel=channel, text=text,
        is_local=participant.is_local, submitted_at=when, entered_by=actor,
    )
    # The audit keeps what was proposed and by which participant number, not who it is.
    audit_record(actor=actor, action="hearings.proposal", obj=proposal,
                 municipality=procedure.municipality,
                 after={"number": proposal.number, "participant": participant.number,
                        "channel": channel, "is_local": proposal.is_local})
    return proposal


def participant_register(*, actor: Any, procedure: Procedure, identity: Identity,
                         basis: str, documents: Sequence[Any] = (),
                         now: datetime | None = None) -> Participant:
    """Staff identify a participant who came in person or wrote (ч. 12)."""
    require(actor, "hearings.enter_records", procedure)
    if procedure.status == Status.DRAFT:
        raise DomainError("Участники регистрируются после оповещения.")
    identity = clean_identity(identity, today=timeline.local_today(
        procedure.municipality, _now(now)))
    with transaction.atomic():
        procedure = _locked(procedure)
        participant = participant_create(procedure, identity, basis)
        _attach_titles(actor, participant, documents)
        audit_record(actor=actor, action="hearings.participant_register", obj=participant,
                     municipality=procedure.municipality,
                     after={"number": participant.number, "basis": basis})
    return participant


def proposal_enter(*, actor: Any, procedure: Procedure, participant: Participant,
                   channel: str, text: str, received_at: datetime | None = None,
                   now: datetime | None = None) -> Proposal:
    """A proposal received in writing, from the visitor book, or orally at the meeting
    (ГрК ст. 5.1 ч. 10 пп. 2–4), entered by the organiser's staff."""
    require(actor, "hearings.enter_records", procedure)
    if participant.procedure_id != procedure.pk:
        raise _field("participant", "Участник зарегистрирован в другой процедуре.")
    if channel not in (Channel.WRITTEN, Channel.VISITOR_BOOK, Channel.ORAL):
        raise _field("channel", "Выберите способ внесения из списка.")
    when = received_at or _now(now)
    if channel == Channel.ORAL:
        if procedure.status != Status.MEETING:
            raise WindowClosed("Устные предложения вносятся в ходе собрания участников.")
    else:
        _check_window(procedure, when)
    text = _clean_text(text)
    with transaction.atomic():
        procedure = _locked(procedure)
        return _proposal_create(procedure, participant, channel, text, when, actor)


def proposal_recommend(*, actor: Any, proposal: Proposal, recommendation: str,
                       reason: str) -> Proposal:
    """The organiser's reasoned recommendation (ГрК ст. 5.1 ч. 22 п. 5)."""
    procedure = Procedure.objects.select_related("municipality").get(pk=proposal.procedure_id)
    require(actor, "hearings.recommend", procedure)
    if procedure.status not in (Status.PROTOCOL, Status.CONCLUSION):
        raise DomainError("Рекомендации даются после окончания приёма предложений и до "
                          "опубликования заключения.")
    errors = {}
    if recommendation not in Recommendation.values:
        errors["recommendation"] = ["Выберите: учесть или не учитывать."]
    reason = (reason or "").strip()
    if len(reason) < 5:
        errors["reason"] = ["Обоснуйте рекомендацию."]
    if errors:
        raise DomainError("Проверьте рекомендацию.", field_errors=errors)
    with transaction.atomic():
        before = {"recommendation": proposal.recommendation, "reason": proposal.reason}
        proposal.recommendation, proposal.reason = recommendation, reason[:TEXT_MAX]
        proposal.save(update_fields=["recommendation", "reason"])
        audit_record(actor=actor, action="hearings.recommend", obj=proposal,
                     municipality=procedure.municipality, before=before,
                     after={"recommendation": recommendation, "reason": proposal.reason})
    return proposal


# --- meeting --------------------------------------------------------------------------

def attendance_register(*, actor: Any, procedure: Procedure,
                        participant: Participant) -> Attendance:
    require(actor, "hearings.enter_records", procedure)
    if procedure.status != Status.MEETING:
        raise DomainError("Регистрация участников — во время собрания.")
    if participant.procedure_id != procedure.pk:
        raise _field("participant", "Участник зарегистрирован в другой процедуре.")
    if Attendance.objects.filter(procedure=procedure, participant=participant).exists():
        raise _field("participant", f"{participant} уже зарегистрирован на собрании.")
    with transaction.atomic():
        attendance = Attendance.objects.create(procedure=procedure, participant=participant)
        audit_record(actor=actor, action="hearings.attendance", obj=attendance,
                     municipality=procedure.municipality,
                     after={"participant": participant.number})
    return attendance


def speech_add(*, actor: Any, procedure: Procedure, participant: Participant,
               summary: str) -> Speech:
    require(actor, "hearings.enter_records", procedure)
    if procedure.status != Status.MEETING:
        raise DomainError("Выступления записываются во время собрания.")
    if not Attendance.objects.filter(procedure=procedure, participant=participant).exists():
        raise _field("participant", "Выступают участники, зарегистрированные на собрании.")
    summary = _clean_text(summary)
    with transaction.atomic():
        speech = Speech.objects.create(procedure=procedure, participant=participant,
                                       summary=summary)
        audit_record(actor=actor, action="hearings.speech", obj=speech,
                     municipality=procedure.municipality,
                     after={"participant": participant.number})
    return speech


# --- personal data --------------------------------------------------------------------

def participants_read(*, actor: Any, procedure: Procedure) -> list[Participant]:
    """The identification data of participants, for the organiser; every read is
    recorded (152-ФЗ; DESIGN: every read of personal data by staff is audited)."""
    require(actor, "hearings.view_personal_data", procedure)
    found = list(procedure.participants.all())
    audit_record(actor=actor, action="hearings.view_personal_data", obj=procedure,
                 after={"participants": len(found)})
    return found
