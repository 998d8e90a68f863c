"""Demo hearings: in the first demo municipality a procedure at every stage, and a
completed general-plan discussion with 40 proposals and its conclusion; in the others
a completed one and one taking proposals. Everything goes through the services (the
audit log fills up), dated in the past so that each stage is where it should be.
Safe to run again: a municipality that has procedures gets nothing more."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from zemstvo.core.errors import DomainError
from zemstvo.core.registry import DemoContext
from zemstvo.core.rules.services import rule_snapshot
from zemstvo.hearings import kinds, services, timeline
from zemstvo.hearings.documents import font_path
from zemstvo.hearings.models import (
    Channel,
    LocalBasis,
    Procedure,
    ProcedureKind,
    Recommendation,
    Status,
)
from zemstvo.hearings.participants import Identity

PLAN = (
    (ProcedureKind.GENPLAN, Status.CLOSED, "Проект изменений в генеральный план", 40),
    (ProcedureKind.PZZ, Status.EXPOSITION, "Изменения в правила землепользования и "
                                           "застройки", 6),
    (ProcedureKind.BUDGET, Status.MEETING, "Проект местного бюджета на 2027 год", 3),
    (ProcedureKind.CHARTER, Status.NOTICE, "Изменения в устав муниципального образования", 0),
    (ProcedureKind.IMPROVEMENT, Status.PUBLICATION, "Новые правила благоустройства", 0),
    (ProcedureKind.PLANNING, Status.PROTOCOL, "Проект планировки квартала у школы", 4),
    (ProcedureKind.STRATEGY, Status.CONCLUSION, "Стратегия развития до 2036 года", 5),
    (ProcedureKind.CONDITIONAL_USE, Status.DRAFT, "Условно разрешённый вид использования "
                                                  "участка под магазин", 0),
)
IDEAS = (
    "Предусмотреть сквер на месте пустыря у реки.",
    "Сохранить зелёную зону вдоль улицы Садовой.",
    "Перенести площадку для мусорных контейнеров подальше от детской площадки.",
    "Предусмотреть велодорожку до станции.",
    "Не допускать многоэтажной застройки в частном секторе.",
    "Расширить территорию под школу и детский сад.",
    "Предусмотреть парковку у поликлиники.",
    "Сделать пешеходный переход у остановки.",
)


def tiny_pdf(title: str) -> bytes:
    """A one-page PDF of the draft (its title), in the module's Cyrillic font."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(font_path()))
    pdf.add_page()
    pdf.set_font("DejaVu", size=14)
    pdf.multi_cell(0, 8, f"Проект: {title}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _noon(municipality: Any, day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=municipality.tz)


def _notice_date(municipality: Any, kind: str, target: str, today: date) -> date:
    """A notice date that puts the procedure one day into the ``target`` stage today."""
    if target == Status.DRAFT:
        return today + timedelta(days=3)
    if target == Status.CLOSED:
        return today - timedelta(days=60)
    template = services.template_for(municipality, kind)
    rules = rule_snapshot(kinds.rule_keys(kind), municipality=municipality, on=today)
    planned = timeline.plan(municipality=municipality, template_stages=list(
        template.stages.all()), form=template.form, notice_date=today, rules=rules, kind=kind)
    stage = next((p for p in planned if p.kind == target), None)
    return today - timedelta(days=(stage.starts_on - today).days + 1)


def _fill_notice(actor: Any, procedure: Procedure) -> Procedure:
    meeting = procedure.stages.filter(kind="meeting").first()
    return services.procedure_update_notice(
        actor=actor, procedure=procedure,
        project_info=f"{procedure.title}. Проект подготовлен администрацией.",
        materials_list="Текст проекта; карты и схемы; пояснительная записка.",
        exposition_place="Здание администрации, 1 этаж, зал заседаний",
        exposition_hours="Понедельник — пятница, с 9:00 до 17:00",
        proposals_method="Через портал, письменно по адресу администрации, в книге "
                         "посетителей экспозиции" + (", устно на собрании"
                                                     if procedure.has_meeting else "") + ".",
        site_url="https://example.org/hearings",
        meeting_place="Дом культуры, большой зал" if meeting else "",
        meeting_at=_noon(procedure.municipality, meeting.starts_on) if meeting else None,
    )


def _proposals(ctx: DemoContext, actor: Any, procedure: Procedure, count: int) -> None:
    exposition = procedure.stages.get(kind="exposition")
    when = _noon(procedure.municipality, exposition.starts_on)
    participants = []
    for number in range(count):
        if number % 4 == 3 or not ctx.residents:
            if len(participants) < 5:
                participants.append(services.participant_register(
                    actor=actor, procedure=procedure, basis=ctx.rng.choice(LocalBasis.values),
                    identity=Identity(full_name=f"Участников Пётр {number}",
                                      birth_date=date(1970, 1, 1) + timedelta(days=number * 200),
                                      address="ул. Центральная, д. 1")))
            services.proposal_enter(actor=actor, procedure=procedure,
                                    participant=ctx.rng.choice(participants),
                                    channel=ctx.rng.choice([Channel.WRITTEN,
                                                            Channel.VISITOR_BOOK]),
                                    text=ctx.rng.choice(IDEAS), received_at=when)
        else:
            resident = ctx.residents[number % len(ctx.residents)]
            services.proposal_submit(
                actor=resident, procedure=procedure, text=ctx.rng.choice(IDEAS), now=when,
                identity=Identity(full_name=resident.full_name or "Жителев Иван",
                                  birth_date=resident.birth_date or date(1980, 5, 5),
                                  address=resident.residence_address or "ул. Лесная, д. 2"))


def _walk(ctx: DemoContext, actor: Any, procedure: Procedure, target: str,
          proposals: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    municipality = procedure.municipality
    while procedure.status != target:
        following = services._next_status(procedure)
        stage = procedure.stages.filter(kind=following).first()
        moment = _noon(municipality, stage.starts_on) if stage else None
        if following == Status.PUBLICATION:
            services.procedure_attach(actor=actor, procedure=procedure, title="Проект",
                                      file=SimpleUploadedFile("proekt.pdf", tiny_pdf(
                                          procedure.title), "application/pdf"))
        if following == Status.NOTICE:
            moment = _noon(municipality, stage.starts_on) - timedelta(hours=2)
        if following == Status.PROTOCOL:
            moment = services.proposals_window(procedure)[1] + timedelta(hours=1)
            if proposals:
                _proposals(ctx, actor, procedure, proposals)
                proposals = 0
        if following == Status.CLOSED:
            for proposal in procedure.proposals.all():
                services.proposal_recommend(
                    actor=actor, proposal=proposal,
                    recommendation=ctx.rng.choice(Recommendation.values),
                    reason="Соответствует документам территориального планирования."
                    if proposal.number % 2 else "Противоречит нормативам градостроительного "
                                                "проектирования.")
            services.conclusion_set_summary(
                actor=actor, procedure=procedure,
                summary="Процедура проведена в соответствии с законом; проект рекомендуется "
                        "к утверждению с учётом принятых предложений.")
        if moment is None or following in (Status.CONCLUSION, Status.CLOSED):
            previous = procedure.stages.filter(kind=procedure.status).first()
            moment = _noon(municipality, previous.ends_on if previous else ctx.now.date())
        procedure = services.procedure_advance(actor=actor, procedure=procedure, now=moment)
    if proposals and target in (Status.EXPOSITION, Status.MEETING):
        exposition = procedure.stages.get(kind="exposition")
        count = proposals
        when = _noon(municipality, exposition.starts_on)
        for number in range(count):
            resident = ctx.residents[number % len(ctx.residents)] if ctx.residents else None
            if resident is None:
                break
            services.proposal_submit(
                actor=resident, procedure=procedure, text=ctx.rng.choice(IDEAS), now=when,
                identity=Identity(full_name=resident.full_name or "Жителев Иван",
                                  birth_date=resident.birth_date or date(1980, 5, 5),
                                  address=resident.residence_address or "ул. Лесная, д. 2"))


def generate_demo(ctx: DemoContext) -> None:
    for index, municipality in enumerate(ctx.municipalities):
        if Procedure.objects.filter(municipality=municipality).exists():
            continue
        staff = ctx.staff.get(municipality.slug, {})
        actor = staff.get("clerk") or staff.get("administrator")
        if actor is None:
            ctx.log(f"Слушания: нет сотрудника в «{municipality.name}», пропускаю.")
            continue
        plan = PLAN if index == 0 else (PLAN[0], PLAN[1])
        today = ctx.now.astimezone(municipality.tz).date()
        settlements = list(municipality.settlements.all()[:2])
        for kind, target, title, proposals in plan:
            try:
                procedure = services.procedure_create(
                    actor=actor, municipality=municipality, kind=kind, title=title,
                    notice_date=_notice_date(municipality, kind, target, today),
                    settlements=settlements[:1] if kind in kinds.URBAN else [])
                procedure = _fill_notice(actor, procedure)
                _walk(ctx, actor, procedure, target, proposals)
            except DomainError as exc:
                ctx.log(f"Слушания: «{title}» не создано ({exc.message})")
        ctx.log(f"Слушания: {len(plan)} в «{municipality.name}».")
