"""The commission's scoring, the ranking and the selection within the budget
(131-ФЗ ст. 26.1 ч. 12: конкурсный отбор by a collegial body; the matrix is the
regional programme's).

How the score is made (the commission's protocol says the same):
1. Each commission member fills a score sheet for each admitted project: for a
   «bands» criterion the points follow from the project's own figures (the same for
   every member); for a «scale» criterion the member gives points within its scale.
2. A member's weighted total = Σ weight × points over the criteria of the round.
3. A project's score = the arithmetic mean of the weighted totals of the members who
   scored every criterion of it (rounded to 0.001 for display only).
4. Rank by score (higher first); ties go to the higher co-financing share of
   residents and businesses, then to the earlier submission.
5. Selection: in rank order, a project is selected when its budget request fits the
   rest of the round's budget (regional subsidy + local budget); a project that no
   longer fits is skipped and the next ones are still tried.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.initiatives.common import record_event
from zemstvo.initiatives.models import (
    CriterionInput,
    CriterionKind,
    EvidenceKind,
    FinancingSource,
    Project,
    ProjectStatus,
    RoundStatus,
    Score,
    ScoringCriterion,
    SelectionRound,
)

HUNDRED = Decimal(100)
PLACES = Decimal("0.01")


def _percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    if not whole:
        return Decimal(0)
    return min(HUNDRED, Decimal(part) * HUNDRED / Decimal(whole)).quantize(PLACES)


def input_values(project: Project) -> dict[str, Decimal]:
    """The project's figures the «bands» criteria read, in percent. Reads the prefetched
    ``financing`` and ``evidence`` of the project."""
    financing = list(project.financing.all())
    co = sum((r.money for r in financing
              if r.source in (FinancingSource.RESIDENTS, FinancingSource.BUSINESSES)),
             Decimal(0))
    in_kind = sum((r.in_kind_value for r in financing), Decimal(0))
    meeting = max((e.count for e in project.evidence.all() if e.kind == EvidenceKind.MEETING),
                  default=0)
    return {
        CriterionInput.CO_FINANCING: _percent(co, project.cost_total),
        CriterionInput.NON_MONETARY: _percent(in_kind, project.cost_total),
        CriterionInput.BENEFICIARIES: _percent(project.beneficiaries,
                                               project.territory_population),
        CriterionInput.MEETING: _percent(meeting, project.territory_population),
    }


def band_points(bands: list[dict[str, Any]], value: Decimal) -> Decimal:
    """Points of the range holding ``value`` (from inclusive, to exclusive); 0 if none."""
    for band in bands:
        low = Decimal(band["from"])
        high = None if band["to"] is None else Decimal(band["to"])
        if value >= low and (high is None or value < high):
            return Decimal(band["points"])
    return Decimal(0)


def weighted_total(criteria: list[ScoringCriterion], points: dict[int, Decimal]) -> Decimal:
    return sum((c.weight * points[c.pk] for c in criteria), Decimal(0))


def member_totals(criteria: list[ScoringCriterion], scores: list[Score]) -> dict[int, Decimal]:
    """Weighted totals of the members with a complete sheet (member id -> total)."""
    sheets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for score in scores:
        sheets[score.member_id][score.criterion_id] = score.points
    wanted = {c.pk for c in criteria}
    return {member: weighted_total(criteria, sheet)
            for member, sheet in sheets.items() if wanted <= set(sheet)}


def aggregate(totals: list[Decimal]) -> Decimal | None:
    """The project's score: the mean of the members' weighted totals."""
    if not totals:
        return None
    return sum(totals, Decimal(0)) / len(totals)


@dataclass
class RankEntry:
    project_id: int
    score: Decimal
    co_financing: Decimal
    submitted_at: datetime
    request: Decimal = Decimal(0)


def rank(entries: list[RankEntry]) -> list[RankEntry]:
    return sorted(entries, key=lambda e: (-e.score, -e.co_financing, e.submitted_at,
                                          e.project_id))


def select_within_budget(ranked: list[RankEntry], budget: Decimal) -> tuple[set[int], Decimal]:
    """Greedy in rank order, skipping a project that no longer fits. Returns the
    selected ids and the budget left."""
    selected, left = set(), budget
    for entry in ranked:
        if entry.request <= left:
            selected.add(entry.project_id)
            left -= entry.request
    return selected, left


def score_sheet_save(*, actor: Any, project: Project, points: dict[int, Any]) -> list[Score]:
    """A commission member's sheet for a project: points for the «scale» criteria
    (within the scale); the «bands» criteria are computed from the project."""
    require(actor, "initiatives.score", project)
    project = Project.objects.select_related("round").prefetch_related(
        "financing", "evidence").get(pk=project.pk)
    if project.status != ProjectStatus.ADMITTED or project.round.status != RoundStatus.SCORING:
        raise DomainError("Оценивают допущенные проекты, пока идёт оценка в отборе.")
    criteria = list(project.round.criteria.all())
    values = input_values(project)
    sheet: dict[int, Decimal] = {}
    errors: dict[str, list[str]] = {}
    for criterion in criteria:
        if criterion.kind == CriterionKind.BANDS:
            sheet[criterion.pk] = band_points(criterion.bands, values[criterion.input])
            continue
        name = f"criterion_{criterion.pk}"
        try:
            value = Decimal(str(points.get(criterion.pk, points.get(name, ""))).replace(",", "."))
            if not value.is_finite() or value != value.quantize(PLACES):
                raise InvalidOperation
        except InvalidOperation:
            errors[name] = [f"«{criterion.title}»: поставьте балл числом."]
            continue
        if not criterion.scale_min <= value <= criterion.scale_max:
            errors[name] = [f"«{criterion.title}»: балл от {criterion.scale_min} "
                            f"до {criterion.scale_max}."]
            continue
        sheet[criterion.pk] = value
    if errors:
        raise DomainError("Проверьте баллы.", field_errors=errors)
    with transaction.atomic():
        saved = []
        for criterion in criteria:
            score, _created = Score.objects.update_or_create(
                project=project, member=actor, criterion=criterion,
                defaults={"points": sheet[criterion.pk]})
            saved.append(score)
        audit_record(actor=actor, action="initiatives.score", obj=project,
                     after={str(c.pk): str(sheet[c.pk]) for c in criteria})
    return saved


def _locked_round(round_: SelectionRound) -> SelectionRound:
    return SelectionRound.objects.select_for_update().select_related("municipality").get(
        pk=round_.pk)


def round_rank(*, actor: Any, round_: SelectionRound,
               now: datetime | None = None) -> list[Project]:
    """Aggregate the sheets and rank the admitted projects (they become «scored»)."""
    require(actor, "initiatives.decide", round_)
    with transaction.atomic():
        round_ = _locked_round(round_)
        if round_.status != RoundStatus.SCORING:
            raise DomainError("Ранжирование — после закрытия приёма, на этапе оценки.")
        criteria = list(round_.criteria.all())
        projects = list(round_.projects.filter(status=ProjectStatus.ADMITTED)
                        .prefetch_related("financing", "evidence", "scores"))
        if not projects:
            raise DomainError("Нет допущенных проектов для ранжирования.")
        entries, unscored = [], []
        for project in projects:
            score = aggregate(list(member_totals(criteria, list(project.scores.all())).values()))
            if score is None:
                unscored.append(project.title)
                continue
            entries.append(RankEntry(project.pk, score,
                                     input_values(project)[CriterionInput.CO_FINANCING],
                                     project.submitted_at, project.budget_request))
        if unscored:
            raise DomainError("Не оценены проекты: " + "; ".join(unscored) + ".")
        by_id = {p.pk: p for p in projects}
        ordered = []
        for place, entry in enumerate(rank(entries), start=1):
            project = by_id[entry.project_id]
            project.score_total = entry.score.quantize(Decimal("0.001"))
            project.rank = place
            project.status = ProjectStatus.SCORED
            project.save(update_fields=["score_total", "rank", "status", "updated_at"])
            record_event(project, f"Проект оценён комиссией: {project.score_total} баллов, "
                                  f"{place}-е место", actor=actor, at=now)
            ordered.append(project)
        audit_record(actor=actor, action="initiatives.rank", obj=round_,
                     after={str(p.pk): [p.rank, str(p.score_total)] for p in ordered})
    return ordered


def round_select(*, actor: Any, round_: SelectionRound,
                 now: datetime | None = None) -> set[int]:
    """Select within the budget in rank order and publish the results."""
    require(actor, "initiatives.decide", round_)
    with transaction.atomic():
        round_ = _locked_round(round_)
        if round_.status != RoundStatus.SCORING:
            raise DomainError("Отбор проводится на этапе оценки.")
        pending = round_.projects.filter(status__in=[
            ProjectStatus.SUBMITTED, ProjectStatus.PUBLISHED, ProjectStatus.ADMITTED]).count()
        if pending:
            raise DomainError(f"Есть нерассмотренные или неоценённые проекты ({pending}): "
                              "примите решения и проведите ранжирование.")
        projects = list(round_.projects.filter(status=ProjectStatus.SCORED).order_by("rank"))
        if not projects:
            raise DomainError("Нет оценённых проектов.")
        entries = [RankEntry(p.pk, p.score_total or Decimal(0), Decimal(0), p.submitted_at,
                             p.budget_request) for p in projects]
        selected, left = select_within_budget(entries, round_.budget_total)
        for project in projects:
            chosen = project.pk in selected
            project.status = ProjectStatus.SELECTED if chosen else ProjectStatus.NOT_SELECTED
            project.selection_note = ("Прошёл отбор" if chosen else
                                      "Не хватило средств бюджета отбора")
            project.save(update_fields=["status", "selection_note", "updated_at"])
            record_event(project, "Проект прошёл конкурсный отбор" if chosen else
                         "Проект не прошёл конкурсный отбор: не хватило средств",
                         actor=actor, notify_initiators=True, at=now)
        round_.status = RoundStatus.RESULTS
        round_.results_published_at = now or timezone.now()
        round_.save(update_fields=["status", "results_published_at"])
        audit_record(actor=actor, action="initiatives.select", obj=round_,
                     after={"selected": sorted(selected), "left": str(left)})
    return selected

