"""A project's way from the residents' draft to the administration's decision:
create and edit the draft, the initiative group, support evidence, submission with
its deadlines, publication, online support, and the decision.

131-ФЗ ст. 26.1: the content of a project (ч. 3), support evidence (ч. 6),
publication within 3 working days and residents' comments for at least 5 working
days (ч. 8), the decision within 30 days on one of the listed grounds (ч. 7, 9).
The numbers come from the round's rule snapshot (zemstvo.initiatives.legal).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from zemstvo.core.attachments.services import attachment_add
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.permissions import require
from zemstvo.core.search.services import index_document
from zemstvo.core.territory.models import Settlement
from zemstvo.core.workdays.services import deadline_in_zone
from zemstvo.initiatives import legal
from zemstvo.initiatives.common import (
    CENT,
    clean_text,
    field_error,
    local_today,
    money,
    record_event,
    require_text,
)
from zemstvo.initiatives.models import (
    BUDGET_SOURCES,
    EvidenceKind,
    FinancingSource,
    InitiativeGroupMember,
    InitiatorKind,
    Project,
    ProjectCostItem,
    ProjectEvidence,
    ProjectFinancing,
    ProjectStatus,
    ProjectSupport,
    RefusalGround,
    RoundStatus,
    SelectionRound,
)
from zemstvo.initiatives.policies import age_on, support_refusal

MAX_COST_ITEMS = 50


class AlreadyDone(DomainError):
    """The act was done before (a second support, withdrawing none): the API says 409."""


@dataclass
class CostLine:
    name: str
    quantity: Any
    unit_price: Any


@dataclass
class FinancingLine:
    source: str
    money: Any = "0"
    in_kind_description: str = ""
    in_kind_value: Any = "0"
    labour_hours: Any = 0


@dataclass
class ProjectData:
    """What the proposal form carries: every element of 131-ФЗ ст. 26.1 ч. 3."""

    title: str
    problem: str
    justification: str
    expected_result: str
    timeline: str
    territory: str
    beneficiaries: Any
    territory_population: Any
    participation: str = ""
    settlement: Settlement | None = None
    initiator_kind: str = InitiatorKind.GROUP
    initiator_name: str = ""
    cost_items: list[CostLine] = field(default_factory=list)
    financing: list[FinancingLine] = field(default_factory=list)


@dataclass
class _Clean:
    fields: dict[str, Any]
    items: list[ProjectCostItem]
    financing: list[ProjectFinancing]


def _count(errors: dict[str, list[str]], name: str, value: Any, label: str) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors.setdefault(name, []).append(f"«{label}»: введите целое число.")
        return 0
    if number < 1 or number > 150_000_000:
        errors.setdefault(name, []).append(f"«{label}»: число от 1 до 150 000 000.")
    return number


def _quantity(errors: dict[str, list[str]], name: str, value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "."))
    except Exception:  # noqa: BLE001 - any unparsable input is the same mistake
        amount = Decimal("-1")
    if not amount.is_finite() or amount <= 0 or amount > Decimal("999999999") \
            or amount != amount.quantize(Decimal("0.001")):
        errors.setdefault(name, []).append(
            "Количество — положительное число (не больше трёх знаков после запятой)."
        )
        return Decimal("0")
    return amount


def _clean_items(errors: dict[str, list[str]], lines: list[CostLine]) -> list[ProjectCostItem]:
    items = []
    if not lines:
        errors.setdefault("cost_items", []).append(
            "Добавьте хотя бы одну статью предварительного расчёта стоимости.")
    if len(lines) > MAX_COST_ITEMS:
        errors.setdefault("cost_items", []).append(f"Не больше {MAX_COST_ITEMS} статей.")
    for number, line in enumerate(lines):
        name = require_text(errors, "cost_items", line.name, "Статья расходов", maximum=200,
                            single_line=True)
        quantity = _quantity(errors, "cost_items", line.quantity)
        price = money(errors, "cost_items", line.unit_price, "Цена за единицу")
        total = (quantity * price).quantize(CENT)
        items.append(ProjectCostItem(name=name, quantity=quantity, unit_price=price,
                                     total=total, order=number))
    if sum((i.total for i in items), Decimal(0)) > Decimal("999999999999"):
        errors.setdefault("cost_items", []).append("Слишком большая стоимость проекта.")
    return items


def _clean_financing(errors: dict[str, list[str]],
                     lines: list[FinancingLine]) -> list[ProjectFinancing]:
    rows, seen = [], set()
    for line in lines:
        if line.source not in FinancingSource.values or line.source in seen:
            errors.setdefault("financing", []).append("Источники софинансирования: каждый "
                                                      "из списка не больше одного раза.")
            continue
        seen.add(line.source)
        label = FinancingSource(line.source).label
        row = ProjectFinancing(
            source=line.source,
            money=money(errors, "financing", line.money, f"{label}: денежные средства"),
            in_kind_description=clean_text(line.in_kind_description, single_line=True)[:300],
            in_kind_value=money(errors, "financing", line.in_kind_value,
                                f"{label}: имущественное участие"),
        )
        try:
            row.labour_hours = int(line.labour_hours or 0)
        except (TypeError, ValueError):
            row.labour_hours = -1
        if not 0 <= row.labour_hours <= 10_000_000:
            errors.setdefault("financing", []).append(
                f"{label}: трудовое участие — целое число человеко-часов, не меньше нуля.")
            row.labour_hours = 0
        if line.source in BUDGET_SOURCES and (row.in_kind_value or row.labour_hours
                                              or row.in_kind_description):
            errors.setdefault("financing", []).append(
                f"{label}: бюджет участвует только денежными средствами.")
        rows.append(row)
    return rows


def _clean(round_: SelectionRound, data: ProjectData) -> _Clean:
    errors: dict[str, list[str]] = {}
    fields = {
        "title": require_text(errors, "title", data.title, "Название", minimum=5, maximum=200,
                              single_line=True),
        "problem": require_text(errors, "problem", data.problem, "Описание проблемы"),
        "justification": require_text(errors, "justification", data.justification,
                                      "Обоснование"),
        "expected_result": require_text(errors, "expected_result", data.expected_result,
                                        "Ожидаемый результат"),
        "timeline": require_text(errors, "timeline", data.timeline, "Сроки реализации",
                                 maximum=300, single_line=True),
        "territory": require_text(errors, "territory", data.territory, "Территория",
                                  maximum=300, single_line=True),
        "participation": require_text(errors, "participation", data.participation,
                                      "Участие заинтересованных лиц", minimum=0),
        "beneficiaries": _count(errors, "beneficiaries", data.beneficiaries,
                                "Число благополучателей"),
        "territory_population": _count(errors, "territory_population",
                                       data.territory_population, "Численность населения"),
        "initiator_kind": data.initiator_kind,
        "initiator_name": clean_text(data.initiator_name, single_line=True)[:300],
    }
    if fields["beneficiaries"] > fields["territory_population"] > 0:
        errors.setdefault("beneficiaries", []).append(
            "Благополучателей не может быть больше, чем жителей территории.")
    if data.initiator_kind not in InitiatorKind.values:
        errors.setdefault("initiator_kind", []).append("Выберите инициатора из списка.")
    elif data.initiator_kind != InitiatorKind.GROUP and not fields["initiator_name"]:
        errors.setdefault("initiator_name", []).append(
            "Укажите наименование ТОС или ФИО старосты.")
    if data.settlement is not None and data.settlement.municipality_id != round_.municipality_id:
        errors.setdefault("settlement", []).append(
            "Населённый пункт не относится к муниципальному образованию.")
    fields["settlement"] = data.settlement
    items = _clean_items(errors, data.cost_items)
    financing = _clean_financing(errors, data.financing)
    if errors:
        raise DomainError("Проверьте поля проекта.", field_errors=errors)
    return _Clean(fields, items, financing)


def _write_lines(project: Project, clean: _Clean) -> None:
    project.cost_items.all().delete()
    project.financing.all().delete()
    for item in clean.items:
        item.project = project
    ProjectCostItem.objects.bulk_create(clean.items)
    for row in clean.financing:
        row.project = project
    ProjectFinancing.objects.bulk_create(clean.financing)
    project.cost_total = sum((i.total for i in clean.items), Decimal("0"))
    project.budget_request = sum(
        (r.money for r in clean.financing if r.source in BUDGET_SOURCES), Decimal("0"))
    project.save(update_fields=["cost_total", "budget_request", "updated_at"])


def snapshot(project: Project) -> dict[str, Any]:
    return {
        "title": project.title, "status": project.status,
        "cost_total": str(project.cost_total), "budget_request": str(project.budget_request),
        "settlement_id": project.settlement_id, "initiator_kind": project.initiator_kind,
    }


def _attach_document(actor: Any, project: Project, document: Any) -> None:
    if document is None:
        return
    try:
        project.initiator_document = attachment_add(
            actor=actor, owner=project, file=document, title="Документ о полномочиях инициатора",
            is_public=False)
    except DomainError as exc:
        raise field_error("initiator_document", exc.message) from exc
    project.save(update_fields=["initiator_document", "updated_at"])


def project_create(*, actor: Any, round_: SelectionRound, data: ProjectData,
                   initiator_document: Any = None) -> Project:
    """A draft proposal; its author becomes the first confirmed member of the group."""
    require(actor, "initiatives.create", round_.municipality)
    if round_.status != RoundStatus.OPEN:
        raise DomainError("Приём проектов в этом отборе не идёт.")
    clean = _clean(round_, data)
    with transaction.atomic():
        project = Project.objects.create(
            round=round_, municipality=round_.municipality, created_by=actor,
            group_code=secrets.token_urlsafe(16), **clean.fields,
        )
        _write_lines(project, clean)
        InitiativeGroupMember.objects.create(project=project, user=actor,
                                             confirmed_at=timezone.now())
        _attach_document(actor, project, initiator_document)
        audit_record(actor=actor, action="initiatives.create", obj=project,
                     after=snapshot(project))
    return project


def _draft_for_update(actor: Any, project: Project) -> Project:
    require(actor, "initiatives.submit", project)
    project = Project.objects.select_for_update().select_related(
        "round", "municipality").get(pk=project.pk)
    if project.status != ProjectStatus.DRAFT:
        raise DomainError("Изменять можно только черновик проекта.")
    return project


def project_update(*, actor: Any, project: Project, data: ProjectData,
                   initiator_document: Any = None) -> Project:
    require(actor, "initiatives.submit", project)
    clean = _clean(project.round, data)
    with transaction.atomic():
        project = _draft_for_update(actor, project)
        before = snapshot(project)
        for name, value in clean.fields.items():
            setattr(project, name, value)
        project.save()
        _write_lines(project, clean)
        _attach_document(actor, project, initiator_document)
        audit_record(actor=actor, action="initiatives.edit", obj=project, before=before,
                     after=snapshot(project))
    return project


def evidence_add(*, actor: Any, project: Project, kind: str, count: Any, held_on: date | None,
                 file: Any) -> ProjectEvidence:
    """Attach a meeting protocol, signature sheets or poll results with the number of
    participants (131-ФЗ ст. 26.1 ч. 6)."""
    require(actor, "initiatives.attach", project)
    errors: dict[str, list[str]] = {}
    if kind not in EvidenceKind.values:
        errors["kind"] = ["Выберите вид документа из списка."]
    number = _count(errors, "count", count, "Число участников (подписей)")
    if held_on is None:
        errors["held_on"] = ["Укажите дату собрания, сбора подписей или опроса."]
    elif held_on > local_today(project.municipality):
        errors["held_on"] = ["Дата не может быть в будущем."]
    if file is None:
        errors["file"] = ["Приложите файл документа."]
    if errors:
        raise DomainError("Проверьте сведения о поддержке.", field_errors=errors)
    with transaction.atomic():
        project = _draft_for_update(actor, project)
        try:
            attachment = attachment_add(actor=actor, owner=project, file=file,
                                        title=EvidenceKind(kind).label)
        except DomainError as exc:
            raise field_error("file", exc.message) from exc
        evidence = ProjectEvidence.objects.create(project=project, kind=kind, count=number,
                                                  held_on=held_on, attachment=attachment)
        audit_record(actor=actor, action="initiatives.evidence_add", obj=project,
                     after={"kind": kind, "count": number, "held_on": str(held_on)})
    return evidence


def group_join(*, actor: Any, code: str) -> InitiativeGroupMember:
    """A verified resident confirms, personally, joining the group of a draft."""
    project = Project.objects.select_related("municipality", "round").filter(
        group_code=str(code or "")[:32]).first()
    if project is None:
        raise DomainError("Приглашение не найдено: проверьте ссылку.")
    require(actor, "initiatives.join_group", project)
    if project.status != ProjectStatus.DRAFT:
        raise DomainError("Проект уже внесён: состав инициативной группы не меняется.")
    with transaction.atomic():
        member, created = InitiativeGroupMember.objects.get_or_create(
            project=project, user=actor, defaults={"confirmed_at": timezone.now()})
        if not created:
            raise AlreadyDone("Вы уже в инициативной группе этого проекта.")
        audit_record(actor=actor, action="initiatives.join_group", obj=project,
                     after={"member": actor.pk})
    return member


def group_leave(*, actor: Any, project: Project) -> None:
    if project.created_by_id == getattr(actor, "pk", None):
        raise DomainError("Автор проекта не может выйти из инициативной группы.")
    with transaction.atomic():
        deleted, _ = InitiativeGroupMember.objects.filter(
            project=project, user=actor, project__status=ProjectStatus.DRAFT).delete()
        if not deleted:
            raise DomainError("Вы не состоите в группе этого черновика.")
        audit_record(actor=actor, action="initiatives.leave_group", obj=project,
                     before={"member": actor.pk})


def counted_group_size(project: Project, on: date) -> int:
    """Confirmed members of the minimum age on the day (131-ФЗ ст. 26.1 ч. 2)."""
    min_age = int(project.round.rule(legal.INITIATOR_MIN_AGE))
    members = project.group_members.filter(confirmed_at__isnull=False).values_list(
        "user__birth_date", flat=True)
    return sum(1 for born in members if (age_on(born, on) or 0) >= min_age)


def _submission_errors(project: Project, today: date) -> list[str]:
    round_ = project.round
    problems = []
    if round_.status != RoundStatus.OPEN or not (
            round_.acceptance_from <= today <= round_.acceptance_to):
        problems.append(
            f"Проекты принимаются с {round_.acceptance_from:%d.%m.%Y} "
            f"по {round_.acceptance_to:%d.%m.%Y}.")
    money_total = sum((r.money for r in project.financing.all()), Decimal("0"))
    if money_total != project.cost_total:
        problems.append(
            f"Сумма софинансирования по источникам ({money_total} руб.) должна равняться "
            f"стоимости проекта ({project.cost_total} руб.).")
    if project.budget_request <= 0:
        problems.append("Укажите объём средств местного бюджета, необходимый для проекта.")
    if project.initiator_kind == InitiatorKind.GROUP:
        size = int(round_.rule(legal.GROUP_MIN_SIZE))
        counted = counted_group_size(project, today)
        if counted < size:
            age = round_.rule(legal.INITIATOR_MIN_AGE)
            problems.append(
                f"В инициативной группе {counted} подтвердивших участие жителей от {age} лет, "
                f"нужно не меньше {size}.")
    elif project.initiator_document_id is None:
        problems.append("Приложите документ, подтверждающий полномочия ТОС или старосты.")
    if not project.evidence.exists():
        problems.append("Приложите протокол собрания, подписные листы или результаты опроса.")
    return problems


def project_submit(*, actor: Any, project: Project, now: datetime | None = None) -> Project:
    """Submit (внести) the project: from this moment run the deadlines of ч. 8–9,
    counted in the municipality's time zone by its production calendar. ``now`` is the
    moment of the act: pages never pass it; the demo replays a past round with it."""
    with transaction.atomic():
        project = _draft_for_update(actor, project)
        now = now or timezone.now()
        today = local_today(project.municipality, now)
        problems = _submission_errors(project, today)
        if problems:
            raise DomainError(" ".join(problems), field_errors={"__all__": problems})
        round_ = project.round
        project.status = ProjectStatus.SUBMITTED
        project.submitted_at = now
        project.publication_due = deadline_in_zone(
            project.municipality, now, int(round_.rule(legal.PUBLICATION_WORKING_DAYS)))
        project.comments_until = _comments_until(project, project.publication_due)
        project.decision_due = today + timedelta(days=int(round_.rule(legal.DECISION_DAYS)))
        project.save()
        audit_record(actor=actor, action="initiatives.submit", obj=project,
                     after={**snapshot(project), "publication_due": str(project.publication_due),
                            "decision_due": str(project.decision_due)})
        record_event(project, "Проект внесён в администрацию", actor=actor, at=now)
    return project


def _comments_until(project: Project, published_on: date) -> date:
    from zemstvo.core.workdays.services import add_working_days

    calendar = project.municipality.region.work_calendar or "ru"
    return add_working_days(published_on,
                            int(project.round.rule(legal.COMMENT_WORKING_DAYS)),
                            calendar=calendar)


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().select_related(
        "round", "municipality__region").get(pk=project.pk)


def project_publish(*, actor: Any, project: Project, now: datetime | None = None) -> Project:
    """Publish the submitted project; the comment window runs from today."""
    require(actor, "initiatives.publish", project)
    with transaction.atomic():
        project = _locked(project)
        if project.status != ProjectStatus.SUBMITTED:
            raise DomainError("Опубликовать можно только внесённый проект.")
        now = now or timezone.now()
        project.status = ProjectStatus.PUBLISHED
        project.published_at = now
        project.comments_until = deadline_in_zone(
            project.municipality, now, int(project.round.rule(legal.COMMENT_WORKING_DAYS)))
        project.save()
        audit_record(actor=actor, action="initiatives.publish", obj=project,
                     after={"status": project.status,
                            "comments_until": str(project.comments_until)})
        index_document(search_doc(project))
        record_event(project, f"Проект опубликован; замечания принимаются до "
                              f"{project.comments_until:%d.%m.%Y}", actor=actor, at=now)
    return project


def search_doc(project: Project) -> Any:
    from zemstvo.initiatives.selectors import search_doc as build

    return build(project)


def project_decide(*, actor: Any, project: Project, admit: bool, ground: str = "",
                   reason: str = "", now: datetime | None = None) -> Project:
    """Support the project or refuse it on one of the grounds of ч. 7, with reasons,
    after the residents' comment window has closed; the initiators are told."""
    require(actor, "initiatives.decide", project)
    reason = clean_text(reason)
    if not admit:
        if ground not in RefusalGround.values:
            raise field_error("ground", "Выберите основание отказа из перечня ч. 7 ст. 26.1 "
                                        "131-ФЗ.")
        if len(reason) < 10:
            raise field_error("reason", "Изложите мотивы отказа (не меньше 10 символов).")
    if len(reason) > 5000:
        raise field_error("reason", "Мотивировка: не больше 5000 символов.")
    with transaction.atomic():
        project = _locked(project)
        if project.status != ProjectStatus.PUBLISHED:
            raise DomainError("Решение принимается по опубликованному проекту.")
        now = now or timezone.now()
        if local_today(project.municipality, now) <= project.comments_until:
            raise DomainError(f"Жители направляют замечания до "
                              f"{project.comments_until:%d.%m.%Y}: решение — после.")
        before = snapshot(project)
        project.status = ProjectStatus.ADMITTED if admit else ProjectStatus.REFUSED
        project.refusal_ground = "" if admit else ground
        project.decision_reason = reason
        project.decided_at = now
        project.save()
        audit_record(actor=actor, action="initiatives.decide", obj=project, before=before,
                     after={**snapshot(project), "refusal_ground": project.refusal_ground,
                            "reason": reason})
        title = ("Администрация поддержала проект и допустила его к конкурсному отбору"
                 if admit else
                 f"Отказано в поддержке: {RefusalGround(ground).label}")
        record_event(project, title, actor=actor, notify_initiators=True, at=now)
    return project


def _support_checks(actor: Any, project: Project, action: str, now: datetime | None) -> None:
    reason = support_refusal(actor if getattr(actor, "is_active", False) else None, project)
    if reason is not None:
        raise NotAllowed(reason)
    require(actor, action, project)
    if project.status != ProjectStatus.PUBLISHED or (
            project.comments_until and local_today(project.municipality, now)
            > project.comments_until):
        raise DomainError("Поддержка принимается, пока идёт обсуждение проекта.")


def project_support(*, actor: Any, project: Project,
                    now: datetime | None = None) -> ProjectSupport:
    """One online support per resident and project: the unique constraint holds also
    under concurrent requests (a losing insert becomes AlreadyDone)."""
    _support_checks(actor, project, "initiatives.support", now)
    if ProjectSupport.objects.filter(project=project, user=actor).exists():
        raise AlreadyDone("Вы уже поддержали этот проект.")
    try:
        with transaction.atomic():
            support = ProjectSupport.objects.create(project=project, user=actor)
            audit_record(actor=actor, action="initiatives.support", obj=project)
    except IntegrityError as exc:
        raise AlreadyDone("Вы уже поддержали этот проект.") from exc
    return support


def project_withdraw_support(*, actor: Any, project: Project,
                             now: datetime | None = None) -> None:
    """Withdraw the support while the discussion goes on."""
    _support_checks(actor, project, "initiatives.withdraw_support", now)
    with transaction.atomic():
        deleted, _ = ProjectSupport.objects.filter(project=project, user=actor).delete()
        if not deleted:
            raise AlreadyDone("Вы не поддерживали этот проект.")
        audit_record(actor=actor, action="initiatives.withdraw_support", obj=project)
