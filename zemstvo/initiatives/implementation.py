"""A selected project carried out in the open: the contract, stages with planned and
actual dates, progress, plan and fact of spending by source, photos before and
after, and the acceptance of the works. Each step lands on the public timeline and
reaches the project's followers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from zemstvo.core.attachments import sniff
from zemstvo.core.attachments.services import attachment_add
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.initiatives.common import clean_text, field_error, money, record_event, require_text
from zemstvo.initiatives.models import (
    FinancingSource,
    PhotoPhase,
    Project,
    ProjectContract,
    ProjectPhoto,
    ProjectSpending,
    ProjectStage,
    ProjectStatus,
)

WORKING = (ProjectStatus.SELECTED, ProjectStatus.IMPLEMENTATION)
PHOTO_KINDS = {"jpg", "png", "webp"}


def _locked(actor: Any, project: Project, statuses: tuple[str, ...] = WORKING) -> Project:
    require(actor, "initiatives.manage_implementation", project)
    project = Project.objects.select_for_update().select_related("municipality").get(
        pk=project.pk)
    if project.status not in statuses:
        raise DomainError("Реализацию ведут по проекту, прошедшему отбор.")
    return project


def contract_set(*, actor: Any, project: Project, number: str, signed_on: date | None,
                 contractor: str, amount: Any, now: datetime | None = None) -> ProjectContract:
    """Record the contract; a selected project with a contract is being implemented."""
    errors: dict[str, list[str]] = {}
    number = require_text(errors, "number", number, "Номер контракта", maximum=100,
                          single_line=True)
    contractor = require_text(errors, "contractor", contractor, "Подрядчик", maximum=300,
                              single_line=True)
    value = money(errors, "amount", amount, "Цена контракта", positive=True)
    if signed_on is None:
        errors["signed_on"] = ["Укажите дату контракта."]
    if errors:
        raise DomainError("Проверьте сведения о контракте.", field_errors=errors)
    with transaction.atomic():
        project = _locked(actor, project)
        contract, _created = ProjectContract.objects.update_or_create(
            project=project, defaults={"number": number, "signed_on": signed_on,
                                       "contractor": contractor, "amount": value})
        audit_record(actor=actor, action="initiatives.contract", obj=project,
                     after={"number": number, "signed_on": str(signed_on),
                            "contractor": contractor, "amount": str(value)})
        if project.status == ProjectStatus.SELECTED:
            project.status = ProjectStatus.IMPLEMENTATION
            project.save(update_fields=["status", "updated_at"])
            record_event(project, f"Заключён контракт № {number} с «{contractor}»: "
                                  "начата реализация", actor=actor, at=now)
    return contract


def stage_save(*, actor: Any, project: Project, title: str, planned_start: date | None,
               planned_end: date | None, actual_start: date | None = None,
               actual_end: date | None = None, progress: Any = 0,
               stage: ProjectStage | None = None, now: datetime | None = None) -> ProjectStage:
    """Add or change a stage; the project's progress is the mean of its stages'."""
    errors: dict[str, list[str]] = {}
    title = require_text(errors, "title", title, "Этап", maximum=200, single_line=True)
    if planned_start is None or planned_end is None:
        errors["planned_end"] = ["Укажите плановые даты этапа."]
    elif planned_start > planned_end:
        errors["planned_end"] = ["Окончание по плану не раньше начала."]
    if actual_start and actual_end and actual_start > actual_end:
        errors["actual_end"] = ["Фактическое окончание не раньше начала."]
    try:
        percent = int(progress)
        if not 0 <= percent <= 100:
            raise ValueError
    except (TypeError, ValueError):
        errors["progress"] = ["Готовность — целое число от 0 до 100."]
        percent = 0
    if errors:
        raise DomainError("Проверьте этап.", field_errors=errors)
    with transaction.atomic():
        project = _locked(actor, project, (ProjectStatus.IMPLEMENTATION,))
        values = {"title": title, "planned_start": planned_start, "planned_end": planned_end,
                  "actual_start": actual_start, "actual_end": actual_end, "progress": percent}
        if stage is None:
            stage = ProjectStage.objects.create(project=project, **values)
        else:
            if stage.project_id != project.pk:
                raise DomainError("Этап относится к другому проекту.")
            for name, value in values.items():
                setattr(stage, name, value)
            stage.save()
        progresses = list(project.stages.values_list("progress", flat=True))
        project.progress = round(sum(progresses) / len(progresses))
        project.save(update_fields=["progress", "updated_at"])
        audit_record(actor=actor, action="initiatives.stage", obj=project,
                     after={k: str(v) for k, v in values.items()})
        record_event(project, f"Этап «{title}»: готовность {percent}%; проект — "
                              f"{project.progress}%", actor=actor, at=now)
    return stage


def spending_set(*, actor: Any, project: Project, source: str, planned: Any,
                 actual: Any) -> ProjectSpending:
    errors: dict[str, list[str]] = {}
    if source not in FinancingSource.values:
        errors["source"] = ["Выберите источник из списка."]
    planned_value = money(errors, "planned", planned, "План")
    actual_value = money(errors, "actual", actual, "Факт")
    if errors:
        raise DomainError("Проверьте расходы.", field_errors=errors)
    with transaction.atomic():
        project = _locked(actor, project, (ProjectStatus.IMPLEMENTATION,))
        row, _created = ProjectSpending.objects.update_or_create(
            project=project, source=source,
            defaults={"planned": planned_value, "actual": actual_value})
        audit_record(actor=actor, action="initiatives.spending", obj=project,
                     after={"source": source, "planned": str(planned_value),
                            "actual": str(actual_value)})
    return row


def photo_add(*, actor: Any, project: Project, phase: str, file: Any) -> ProjectPhoto:
    if phase not in PhotoPhase.values:
        raise field_error("phase", "Выберите, когда сделан снимок.")
    if file is None:
        raise field_error("file", "Выберите фотографию.")
    if sniff.sniff(file).code not in PHOTO_KINDS:
        raise field_error("file", "Фотография — изображение JPEG, PNG или WEBP.")
    with transaction.atomic():
        project = _locked(actor, project, (*WORKING, ProjectStatus.COMPLETED))
        try:
            attachment = attachment_add(actor=actor, owner=project, file=file,
                                        title=PhotoPhase(phase).label.capitalize())
        except DomainError as exc:
            raise field_error("file", exc.message) from exc
        photo = ProjectPhoto.objects.create(project=project, phase=phase, attachment=attachment)
        audit_record(actor=actor, action="initiatives.photo", obj=project,
                     after={"phase": phase, "attachment": attachment.pk})
    return photo


def project_accept(*, actor: Any, project: Project, note: str,
                   now: datetime | None = None) -> Project:
    """Accept the completed works: the project is реализован."""
    note = clean_text(note)
    if len(note) < 5:
        raise field_error("note", "Укажите реквизиты акта приёмки работ.")
    with transaction.atomic():
        project = _locked(actor, project, (ProjectStatus.IMPLEMENTATION,))
        if project.stages.exclude(progress=100).exists() or not project.stages.exists():
            raise DomainError("Принять работы можно, когда все этапы выполнены на 100%.")
        project.status = ProjectStatus.COMPLETED
        project.accepted_at = now or timezone.now()
        project.acceptance_note = note[:2000]
        project.progress = 100
        project.save()
        audit_record(actor=actor, action="initiatives.accept", obj=project,
                     after={"status": project.status, "note": project.acceptance_note})
        record_event(project, "Работы приняты: проект реализован", actor=actor,
                     notify_initiators=True, at=project.accepted_at)
    return project
