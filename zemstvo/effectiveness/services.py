"""Every change in the effectiveness evaluation: the catalogue, campaigns, values and
reports, and improvement plans. Ratings are made in ``ratings.py``; file import in
``importing.py``.

Each function: policy check -> validation -> one transaction with the audit event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from zemstvo.core.attachments.services import attachment_add
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.notifications.services import notify
from zemstvo.core.permissions import require
from zemstvo.core.rules.services import rule_snapshot, rule_value
from zemstvo.core.territory.models import Municipality, Region
from zemstvo.effectiveness.checks import Entry, check_entry
from zemstvo.effectiveness.models import (
    Campaign,
    CampaignStatus,
    Direction,
    Indicator,
    IndicatorValue,
    Level,
    Measure,
    MeasureStatus,
    Report,
    ReportStatus,
    Sphere,
    ValueKind,
    ValueRevision,
    ValueType,
)

CAMPAIGN_RULES = ["effectiveness.report_deadline", "effectiveness.jump_threshold"]


# --- catalogue -------------------------------------------------------------------------

def _indicator_errors(fields: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not str(fields.get("code", "")).strip():
        errors["code"] = ["Укажите номер показателя."]
    if len(str(fields.get("name", "")).strip()) < 5:
        errors["name"] = ["Наименование слишком короткое."]
    for name, choices in (("sphere", Sphere), ("direction", Direction),
                          ("value_type", ValueType), ("level", Level)):
        if fields.get(name) not in choices.values:
            errors[name] = ["Выберите значение из списка."]
    low, high = fields.get("min_value"), fields.get("max_value")
    if low is not None and high is not None and low > high:
        errors["max_value"] = ["Наибольшее значение меньше наименьшего."]
    return errors


_INDICATOR_FIELDS = ("code", "name", "sphere", "unit", "direction", "value_type", "level",
                     "bdpmo_code", "min_value", "max_value", "needs_confirmation",
                     "is_active", "note")


def _indicator_state(indicator: Indicator) -> dict[str, Any]:
    return {name: getattr(indicator, name) for name in _INDICATOR_FIELDS}


def indicator_save(*, actor: Any, region: Region, indicator: Indicator | None = None,
                   **fields: Any) -> Indicator:
    """Create the region's own indicator (municipal or settlement level) or correct
    one of the catalogue (a seeded item of Указ № 607 may be confirmed or corrected)."""
    require(actor, "effectiveness.manage_catalogue", indicator or region)
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()
              if k in _INDICATOR_FIELDS}
    merged = {**(_indicator_state(indicator) if indicator else {}), **fields}
    errors = _indicator_errors(merged)
    owner = indicator.region if indicator else region
    clash = Indicator.objects.filter(region=owner, code=merged.get("code"))
    if indicator:
        clash = clash.exclude(pk=indicator.pk)
    if clash.exists():
        errors["code"] = ["Показатель с таким номером уже есть."]
    if errors:
        raise DomainError("Проверьте поля показателя.", field_errors=errors)
    with transaction.atomic():
        before = _indicator_state(indicator) if indicator else None
        if indicator is None:
            indicator = Indicator(region=region, position=100_000)
        for name, value in merged.items():
            setattr(indicator, name, value)
        indicator.save()
        audit_record(actor=actor, action="effectiveness.manage_catalogue", obj=indicator,
                     before=before, after=_indicator_state(indicator))
    return indicator


# --- campaigns ---------------------------------------------------------------------------

def default_deadline(region: Region, year: int, municipality: Municipality | None) -> date:
    """The deadline of a campaign: the rule "effectiveness.report_deadline" (day.month,
    1 May by Указ № 607 п. 2) in the year after the reporting year."""
    text = str(rule_value("effectiveness.report_deadline", municipality=municipality,
                          on=date(year + 1, 1, 1)))
    day, month = (int(part) for part in text.split("."))
    return date(year + 1, month, day)


def campaign_open(*, actor: Any, region: Region, year: int,
                  deadline: date | None = None) -> Campaign:
    """Open the reporting campaign for ``year`` (the values of that year and the plans
    for the 3 following ones), with the rules in force frozen on the campaign."""
    require(actor, "effectiveness.manage_campaign", region)
    today = timezone.localdate()
    if not 2008 <= year <= today.year:
        raise DomainError("Отчётный год — не раньше 2008 и не позже текущего.",
                          field_errors={"year": ["Укажите прошедший или текущий год."]})
    if Campaign.objects.filter(region=region, year=year).exists():
        raise DomainError("Кампания за этот год уже открыта.",
                          field_errors={"year": ["Кампания за этот год уже открыта."]})
    anchor = region.municipalities.order_by("pk").first()
    deadline = deadline or default_deadline(region, year, anchor)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            region=region, year=year, deadline=deadline,
            rules=rule_snapshot(CAMPAIGN_RULES, municipality=anchor, on=date(year + 1, 1, 1)),
        )
        audit_record(actor=actor, action="effectiveness.manage_campaign", obj=campaign,
                     after={"year": year, "deadline": deadline})
    return campaign


def campaign_close(*, actor: Any, campaign: Campaign) -> Campaign:
    """Close the campaign: the collection is over, its reports and values are frozen
    (no entry, upload, submission, return or acceptance any more)."""
    require(actor, "effectiveness.manage_campaign", campaign.region)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().select_related("region").get(
            pk=campaign.pk)
        if campaign.status == CampaignStatus.CLOSED:
            raise DomainError(closed_message(campaign))
        before = {"status": campaign.status}
        campaign.status = CampaignStatus.CLOSED
        campaign.save(update_fields=["status"])
        audit_record(actor=actor, action="effectiveness.manage_campaign", obj=campaign,
                     before=before, after={"status": campaign.status})
    return campaign


def closed_message(campaign: Campaign) -> str:
    return f"Кампания {campaign.year} года завершена: изменения не принимаются."


def _require_open(campaign: Campaign) -> None:
    if not campaign.is_open:
        raise DomainError(closed_message(campaign))


def report_get_or_create(campaign: Campaign, municipality: Municipality) -> Report:
    if municipality.region_id != campaign.region_id:
        raise DomainError("Муниципальное образование не входит в регион кампании.")
    report = Report.objects.filter(campaign=campaign, municipality=municipality).first()
    if report is None:
        _require_open(campaign)
        report, _ = Report.objects.get_or_create(campaign=campaign, municipality=municipality)
    return report


# --- values ----------------------------------------------------------------------------

def _threshold(report: Report) -> Decimal:
    rule = report.campaign.rules.get("effectiveness.jump_threshold")
    if rule is not None:
        return Decimal(str(rule["value"]))
    return Decimal(str(rule_value("effectiveness.jump_threshold",
                                  municipality=report.municipality,
                                  on=date(report.campaign.year + 1, 1, 1))))


def _previous_values(report: Report, entries: Sequence[Entry]) -> dict[tuple, Decimal]:
    """Last year's actual values of the entered indicators (one query)."""
    ids = {e.indicator.pk for e in entries}
    rows = IndicatorValue.objects.filter(
        municipality=report.municipality, indicator_id__in=ids,
        year=report.campaign.year - 1, kind=ValueKind.ACTUAL,
    ).values_list("indicator_id", "settlement_id", "value")
    return {(i, s): v for i, s, v in rows}


def entry_errors(report: Report, entries: Sequence[Entry]) -> dict[int, list[str]]:
    """Messages by position of the entry; empty when every entry is fine."""
    threshold = _threshold(report)
    previous = _previous_values(report, entries)
    headers = set(Indicator.objects.filter(
        parent_id__in={e.indicator.pk for e in entries}).values_list("parent_id", flat=True))
    for entry in entries:
        entry.indicator.children_count = int(entry.indicator.pk in headers)
    errors: dict[int, list[str]] = {}
    for position, entry in enumerate(entries):
        key = (entry.indicator.pk, getattr(entry.settlement, "pk", None))
        found = check_entry(entry, campaign_year=report.campaign.year,
                            municipality=report.municipality, previous=previous.get(key),
                            threshold=threshold)
        if found:
            errors[position] = found
    seen: dict[tuple, int] = {}
    for position, entry in enumerate(entries):
        key = (entry.indicator.pk, getattr(entry.settlement, "pk", None), entry.year, entry.kind)
        if key in seen:
            errors.setdefault(position, []).append("Значение указано дважды.")
        seen[key] = position
    return errors


def _require_editable(actor: Any, report: Report) -> None:
    require(actor, "effectiveness.enter_values", report.municipality)
    _require_open(report.campaign)
    if not report.is_editable:
        raise DomainError("Отчёт представлен или принят: изменять значения нельзя.")


def values_save(*, actor: Any, report: Report, entries: Sequence[Entry],
                via: str = "form") -> int:
    """Save checked values of a report; every change leaves a revision. Nothing is
    written unless every entry is fine (DomainError with the messages by position)."""
    _require_editable(actor, report)
    errors = entry_errors(report, entries)
    if errors:
        raise DomainError(
            "Проверьте значения: исправьте ошибки, ничего не сохранено.",
            field_errors={str(position): messages for position, messages in errors.items()},
        )
    with transaction.atomic():
        changed = _store(actor, report, entries, via)
        if changed:
            report.save(update_fields=["updated_at"])
            audit_record(actor=actor, action="effectiveness.enter_values", obj=report,
                         after={"changed": changed, "via": via})
    return changed


def _store(actor: Any, report: Report, entries: Sequence[Entry], via: str) -> int:
    """Write the changed values and one revision each (a fixed number of queries)."""
    years = {e.year for e in entries}
    existing = {
        (v.indicator_id, v.settlement_id, v.year, v.kind): v
        for v in IndicatorValue.objects.select_for_update().filter(
            municipality=report.municipality, year__in=years,
            indicator_id__in={e.indicator.pk for e in entries})
    }
    created, updated, revisions = [], [], []
    for entry in entries:
        assert entry.value is not None
        key = (entry.indicator.pk, getattr(entry.settlement, "pk", None), entry.year, entry.kind)
        comment, source = entry.comment.strip()[:2000], entry.source.strip()[:255]
        current = existing.get(key)
        if current is not None and (current.value, current.comment, current.source) == (
            entry.value, comment, source
        ):
            continue
        old = current.value if current is not None else None
        if current is None:
            current = IndicatorValue(municipality=report.municipality, indicator=entry.indicator,
                                     settlement=entry.settlement, year=entry.year,
                                     kind=entry.kind)
            created.append(current)
        else:
            updated.append(current)
        current.value, current.comment, current.source = entry.value, comment, source
        current.report, current.is_accepted = report, False
        current.updated_at = timezone.now()
        revisions.append((current, old))
    IndicatorValue.objects.bulk_create(created)
    if updated:
        IndicatorValue.objects.bulk_update(
            updated, ["value", "comment", "source", "report", "is_accepted", "updated_at"])
    if created and any(v.pk is None for v in created):  # backends without RETURNING ids
        fresh = {(v.indicator_id, v.settlement_id, v.year, v.kind): v.pk
                 for v in IndicatorValue.objects.filter(municipality=report.municipality,
                                                        year__in=years)}
        for v in created:
            v.pk = fresh[(v.indicator_id, v.settlement_id, v.year, v.kind)]
    ValueRevision.objects.bulk_create([
        ValueRevision(value=v, old_value=old, new_value=v.value, comment=v.comment,
                      source=v.source, changed_by=actor, via=via) for v, old in revisions
    ])
    return len(revisions)


# --- the report's way: submit, accept, return --------------------------------------------

def _report_state(report: Report) -> dict[str, Any]:
    return {"status": report.status, "curator_comment": report.curator_comment}


def report_submit(*, actor: Any, report: Report) -> Report:
    """The analyst submits the report to the regional curator."""
    require(actor, "effectiveness.submit", report.municipality)
    _require_open(report.campaign)
    if not report.is_editable:
        raise DomainError("Отчёт уже представлен или принят.")
    if not IndicatorValue.objects.filter(report=report).exists():
        raise DomainError("В отчёте нет ни одного значения.")
    with transaction.atomic():
        before = _report_state(report)
        report.status, report.submitted_at = ReportStatus.SUBMITTED, timezone.now()
        report.save(update_fields=["status", "submitted_at", "updated_at"])
        audit_record(actor=actor, action="effectiveness.submit", obj=report, before=before,
                     after=_report_state(report))
    return report


def report_accept(*, actor: Any, report: Report) -> Report:
    """The curator accepts: the values become public (open data, ratings, the head's
    report)."""
    require(actor, "effectiveness.review", report.municipality)
    _require_open(report.campaign)
    if report.status != ReportStatus.SUBMITTED:
        raise DomainError("Принять можно только представленный отчёт.")
    with transaction.atomic():
        before = _report_state(report)
        report.status, report.decided_at = ReportStatus.ACCEPTED, timezone.now()
        report.curator_comment = ""
        report.save(update_fields=["status", "decided_at", "curator_comment", "updated_at"])
        IndicatorValue.objects.filter(report=report).update(is_accepted=True)
        audit_record(actor=actor, action="effectiveness.accept", obj=report, before=before,
                     after=_report_state(report))
    return report


def report_return(*, actor: Any, report: Report, comment: str) -> Report:
    """The curator returns the report with comments for the analyst to correct."""
    require(actor, "effectiveness.review", report.municipality)
    _require_open(report.campaign)
    if report.status != ReportStatus.SUBMITTED:
        raise DomainError("Вернуть можно только представленный отчёт.")
    comment = comment.strip()
    if len(comment) < 5:
        raise DomainError("Напишите, что исправить.",
                          field_errors={"comment": ["Напишите, что исправить."]})
    with transaction.atomic():
        before = _report_state(report)
        report.status, report.decided_at = ReportStatus.RETURNED, timezone.now()
        report.curator_comment = comment[:5000]
        report.save(update_fields=["status", "decided_at", "curator_comment", "updated_at"])
        audit_record(actor=actor, action="effectiveness.return", obj=report, before=before,
                     after=_report_state(report))
        notify(recipients=_analysts(report.municipality), kind="effectiveness.returned",
               title="Отчёт об эффективности возвращён на доработку", body=comment[:500],
               municipality=report.municipality)
    return report


def _analysts(municipality: Municipality) -> list[Any]:
    from zemstvo.core.accounts.models import Membership, Role

    return [m.user for m in Membership.objects.select_related("user").filter(
        municipality=municipality, role=Role.ANALYST, user__is_active=True)]


# --- improvement plans -------------------------------------------------------------------

def _measure_state(measure: Measure) -> dict[str, Any]:
    return {"title": measure.title, "owner": measure.owner, "deadline": measure.deadline,
            "indicator": measure.indicator_id, "expected_change": measure.expected_change,
            "status": measure.status, "result": measure.result}


def measure_create(*, actor: Any, municipality: Municipality, year: int, title: str,
                   owner: str, deadline: date, indicator: Indicator,
                   expected_change: Decimal) -> Measure:
    """A measure of the improvement plan: who, by when, which indicator and by how much."""
    require(actor, "effectiveness.manage_plan", municipality)
    errors: dict[str, list[str]] = {}
    if len(title.strip()) < 5:
        errors["title"] = ["Опишите мероприятие (не короче 5 символов)."]
    if not owner.strip():
        errors["owner"] = ["Укажите ответственного."]
    if expected_change == 0:
        errors["expected_change"] = ["Укажите, на сколько мероприятие изменит показатель."]
    if indicator.region_id not in (None, municipality.region_id) or not indicator.is_active:
        errors["indicator"] = ["Выберите действующий показатель."]
    if errors:
        raise DomainError("Проверьте поля мероприятия.", field_errors=errors)
    with transaction.atomic():
        measure = Measure.objects.create(
            municipality=municipality, year=year, title=title.strip()[:300],
            owner=owner.strip()[:200], deadline=deadline, indicator=indicator,
            expected_change=expected_change,
        )
        audit_record(actor=actor, action="effectiveness.manage_plan", obj=measure,
                     after=_measure_state(measure))
    return measure


def measure_update(*, actor: Any, measure: Measure, status: str, result: str = "",
                   evidence: Any = None) -> Measure:
    """Move a measure on (planned -> in progress -> done or cancelled), with evidence."""
    require(actor, "effectiveness.manage_plan", measure.municipality)
    if status not in MeasureStatus.values:
        raise DomainError("Выберите состояние.", field_errors={"status": ["Выберите состояние."]})
    if status == MeasureStatus.DONE and not result.strip() and evidence is None:
        message = "Опишите результат или приложите подтверждение."
        raise DomainError(message, field_errors={"result": [message]})
    with transaction.atomic():
        before = _measure_state(measure)
        measure.status, measure.result = status, result.strip()[:5000]
        measure.save(update_fields=["status", "result"])
        if evidence is not None:
            try:
                attachment_add(actor=actor, owner=measure, file=evidence,
                               title="Подтверждение выполнения")
            except DomainError as exc:
                raise DomainError(exc.message, field_errors={"evidence": [exc.message]}) from exc
        audit_record(actor=actor, action="effectiveness.manage_plan", obj=measure,
                     before=before, after=_measure_state(measure))
    return measure
