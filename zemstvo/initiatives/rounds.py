"""Selection rounds (конкурсный отбор) and their scoring matrix: create and change a
round while it is prepared, open it (the rule set in force that day is kept on the
round), close the acceptance of projects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.rules.services import rule_snapshot
from zemstvo.core.territory.models import Municipality
from zemstvo.initiatives import legal
from zemstvo.initiatives.common import field_error, local_today, money, require_text
from zemstvo.initiatives.models import (
    CriterionInput,
    CriterionKind,
    ProjectStatus,
    RoundStatus,
    ScoringCriterion,
    SelectionRound,
)


@dataclass
class RoundData:
    year: Any
    title: str
    budget_regional: Any
    budget_local: Any
    acceptance_from: date | None
    acceptance_to: date | None
    scoring_until: date | None
    results_date: date | None


def _clean_round(data: RoundData) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {
        "title": require_text(errors, "title", data.title, "Название", minimum=5, maximum=200,
                              single_line=True),
        "budget_regional": money(errors, "budget_regional", data.budget_regional,
                                 "Субсидия из бюджета субъекта"),
        "budget_local": money(errors, "budget_local", data.budget_local,
                              "Средства местного бюджета"),
    }
    try:
        clean["year"] = int(data.year)
        if not 2021 <= clean["year"] <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        errors["year"] = ["Год — число от 2021 (ст. 26.1 действует с 2021 года)."]
    if not errors and clean["budget_regional"] + clean["budget_local"] <= 0:
        errors["budget_local"] = ["Укажите бюджет отбора: хотя бы один источник больше нуля."]
    order = ["acceptance_from", "acceptance_to", "scoring_until", "results_date"]
    dates = {name: getattr(data, name) for name in order}
    for name, value in dates.items():
        if value is None:
            errors.setdefault(name, []).append("Укажите дату.")
        clean[name] = value
    if all(dates.values()):
        for earlier, later in zip(order, order[1:], strict=False):
            if dates[earlier] > dates[later]:
                errors.setdefault(later, []).append(
                    "Даты графика идут по порядку: приём, оценка, итоги.")
    if errors:
        raise DomainError("Проверьте поля отбора.", field_errors=errors)
    return clean


def _snapshot(round_: SelectionRound) -> dict[str, Any]:
    return {
        "title": round_.title, "year": round_.year, "status": round_.status,
        "budget_regional": str(round_.budget_regional), "budget_local": str(round_.budget_local),
        "acceptance_from": str(round_.acceptance_from), "acceptance_to": str(round_.acceptance_to),
        "scoring_until": str(round_.scoring_until), "results_date": str(round_.results_date),
    }


def round_create(*, actor: Any, municipality: Municipality, data: RoundData) -> SelectionRound:
    require(actor, "initiatives.manage_round", municipality)
    clean = _clean_round(data)
    with transaction.atomic():
        round_ = SelectionRound.objects.create(municipality=municipality, created_by=actor,
                                               **clean)
        audit_record(actor=actor, action="initiatives.round_create", obj=round_,
                     after=_snapshot(round_))
    return round_


def _locked(round_: SelectionRound) -> SelectionRound:
    return SelectionRound.objects.select_for_update().select_related("municipality").get(
        pk=round_.pk)


def round_update(*, actor: Any, round_: SelectionRound, data: RoundData) -> SelectionRound:
    """Change a round before its results; the budget is fixed once scoring starts."""
    require(actor, "initiatives.manage_round", round_)
    clean = _clean_round(data)
    with transaction.atomic():
        round_ = _locked(round_)
        if round_.status == RoundStatus.RESULTS:
            raise DomainError("Итоги отбора подведены: отбор не меняется.")
        if round_.status == RoundStatus.SCORING and (
                clean["budget_regional"] != round_.budget_regional
                or clean["budget_local"] != round_.budget_local):
            raise field_error("budget_local", "Идёт оценка проектов: бюджет отбора не меняется.")
        before = _snapshot(round_)
        for name, value in clean.items():
            setattr(round_, name, value)
        round_.save()
        audit_record(actor=actor, action="initiatives.round_update", obj=round_, before=before,
                     after=_snapshot(round_))
    return round_


def _bands(errors: dict[str, list[str]], raw: Any) -> list[dict[str, Any]]:
    """Parse ranges: a list of {"from", "to", "points"} or text lines «от-до:баллы»
    («20-:5» has no upper bound). Ranges must not overlap."""
    rows = raw
    if isinstance(raw, str):
        rows = []
        for line in raw.splitlines():
            if not line.strip():
                continue
            bounds, _sep, points = line.partition(":")
            low, _dash, high = bounds.partition("-")
            rows.append({"from": low.strip(), "to": high.strip() or None,
                         "points": points.strip()})
    bands = []
    try:
        for row in rows or []:
            low = Decimal(str(row["from"]).replace(",", "."))
            high = row.get("to")
            high = None if high in (None, "") else Decimal(str(high).replace(",", "."))
            points = Decimal(str(row["points"]).replace(",", "."))
            if points < 0 or (high is not None and high <= low) or not low.is_finite():
                raise ValueError
            bands.append({"from": str(low), "to": None if high is None else str(high),
                          "points": str(points)})
    except (KeyError, TypeError, ValueError, InvalidOperation):
        errors["bands"] = ["Диапазоны: по строке «от-до:баллы», например «0-5:1», "
                           "«5-:3»; «до» больше «от», баллы не меньше нуля."]
        return []
    bands.sort(key=lambda b: Decimal(b["from"]))
    for first, second in zip(bands, bands[1:], strict=False):
        if first["to"] is None or Decimal(first["to"]) > Decimal(second["from"]):
            errors["bands"] = ["Диапазоны не должны пересекаться."]
    if not bands:
        errors.setdefault("bands", ["Задайте хотя бы один диапазон."])
    return bands


def criterion_add(*, actor: Any, round_: SelectionRound, title: str, kind: str, input: str,
                  weight: Any, bands: Any = "", scale_min: Any = 0,
                  scale_max: Any = 0) -> ScoringCriterion:
    """A row of the matrix, while the round is prepared or takes projects."""
    require(actor, "initiatives.manage_round", round_)
    errors: dict[str, list[str]] = {}
    title = require_text(errors, "title", title, "Критерий", minimum=3, maximum=200,
                         single_line=True)
    try:
        weight_value = Decimal(str(weight).replace(",", "."))
        if not weight_value.is_finite() or not 0 < weight_value <= 1000:
            raise ValueError
    except (ValueError, InvalidOperation):
        errors["weight"] = ["Вес — положительное число (до 1000)."]
        weight_value = Decimal("0")
    clean: dict[str, Any] = {"bands": [], "scale_min": Decimal(0), "scale_max": Decimal(0)}
    if kind not in CriterionKind.values:
        errors["kind"] = ["Выберите вид критерия."]
    elif input not in CriterionInput.values:
        errors["input"] = ["Выберите, на чём основан критерий."]
    elif kind == CriterionKind.BANDS:
        if input == CriterionInput.MANUAL:
            errors["input"] = ["Диапазоны применяются к показателю проекта, не к ручной оценке."]
        clean["bands"] = _bands(errors, bands)
    else:
        if input != CriterionInput.MANUAL:
            errors["input"] = ["Шкала — это оценка члена комиссии: выберите «оценка члена "
                               "комиссии»."]
        try:
            clean["scale_min"] = Decimal(str(scale_min).replace(",", "."))
            clean["scale_max"] = Decimal(str(scale_max).replace(",", "."))
            if not (0 <= clean["scale_min"] < clean["scale_max"] <= 1000):
                raise ValueError
        except (ValueError, InvalidOperation):
            errors["scale_max"] = ["Шкала: от 0 до 1000, «до» больше «от»."]
    if errors:
        raise DomainError("Проверьте критерий.", field_errors=errors)
    with transaction.atomic():
        round_ = _locked(round_)
        if round_.status not in (RoundStatus.DRAFT, RoundStatus.OPEN):
            raise DomainError("Матрицу оценки меняют до начала оценки проектов.")
        criterion = ScoringCriterion.objects.create(
            round=round_, title=title, kind=kind, input=input, weight=weight_value,
            order=round_.criteria.count(), **clean)
        audit_record(actor=actor, action="initiatives.criterion_add", obj=round_,
                     after={"criterion": title, "kind": kind, "input": input,
                            "weight": str(weight_value), "bands": clean["bands"]})
    return criterion


def criterion_remove(*, actor: Any, criterion: ScoringCriterion) -> None:
    require(actor, "initiatives.manage_round", criterion.round)
    with transaction.atomic():
        round_ = _locked(criterion.round)
        if round_.status not in (RoundStatus.DRAFT, RoundStatus.OPEN):
            raise DomainError("Матрицу оценки меняют до начала оценки проектов.")
        audit_record(actor=actor, action="initiatives.criterion_remove", obj=round_,
                     before={"criterion": criterion.title})
        criterion.delete()


def round_open(*, actor: Any, round_: SelectionRound,
               now: datetime | None = None) -> SelectionRound:
    """Open the round: the rule set in force today (in the municipality's time zone)
    is kept on it and governs all its projects."""
    require(actor, "initiatives.manage_round", round_)
    with transaction.atomic():
        round_ = _locked(round_)
        if round_.status != RoundStatus.DRAFT:
            raise DomainError("Отбор уже открыт.")
        if not round_.criteria.exists():
            raise DomainError("Добавьте в матрицу оценки хотя бы один критерий.")
        today = local_today(round_.municipality, now)
        round_.rules = rule_snapshot(legal.RULE_KEYS, municipality=round_.municipality,
                                     on=today)
        round_.rules_on = today
        round_.status = RoundStatus.OPEN
        round_.save()
        audit_record(actor=actor, action="initiatives.round_open", obj=round_,
                     after={"status": round_.status, "rules": round_.rules,
                            "rules_on": str(today)})
    return round_


def round_close_acceptance(*, actor: Any, round_: SelectionRound) -> SelectionRound:
    """Stop taking projects and start the commission's scoring. Projects still under
    discussion are decided as before; only admitted projects are scored."""
    require(actor, "initiatives.manage_round", round_)
    with transaction.atomic():
        round_ = _locked(round_)
        if round_.status != RoundStatus.OPEN:
            raise DomainError("Закрыть приём можно только в открытом отборе.")
        round_.status = RoundStatus.SCORING
        round_.save(update_fields=["status"])
        drafts = round_.projects.filter(status=ProjectStatus.DRAFT).count()
        audit_record(actor=actor, action="initiatives.round_close_acceptance", obj=round_,
                     after={"status": round_.status, "drafts_left": drafts,
                            "at": timezone.now().isoformat()})
    return round_
