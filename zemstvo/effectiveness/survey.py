"""The residents' satisfaction survey (Указ № 607 item 37) run as a survey poll of the
voting domain.

ПП № 1317 of 17.12.2012: the municipality's score takes the survey index — the share
of residents satisfied with the work of local government — beside the mean of the
indicator indices. When a curator links a published survey poll to a municipality and
year, and says which of its options mean "satisfied", the index comes from the poll's
published result: satisfied answers / all answers × 100 (electronic ballots and the
polling points' paper protocols, as the poll's results page counts them). Without a
link, or without the voting app, the value entered in the report is used.

The voting app is optional: every import of it is guarded with
``apps.is_installed`` and the link keeps the poll's number, not a foreign key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError, NotFound
from zemstvo.core.permissions import require
from zemstvo.core.territory.models import Region
from zemstvo.effectiveness.models import SurveyLink

VOTING = "zemstvo.voting"
SOURCE_ENTERED = "indicator"
PERCENT = Decimal("0.01")


def voting_installed() -> bool:
    return apps.is_installed(VOTING)


def poll_source(poll_id: int) -> str:
    """How a rating's inputs name a value taken from a poll."""
    return f"poll:{poll_id}"


# --- reads -------------------------------------------------------------------------------

def survey_polls(region: Region) -> list[Any]:
    """Published single-choice survey polls of the region's municipalities, newest first,
    with their options (2 queries); empty without the voting app."""
    if not voting_installed():
        return []
    return list(_survey_polls(region).order_by("-closes_at", "-id"))


def survey_poll(region: Region, poll_id: int) -> Any:
    found = _survey_polls(region).filter(pk=poll_id).first() if voting_installed() else None
    if found is None:
        raise NotFound("Опрос не найден среди опубликованных анкетирований региона.")
    return found


def _survey_polls(region: Region) -> Any:
    from zemstvo.voting.models import BallotType, Poll, PollKind, PollStatus

    return Poll.objects.filter(
        municipality__region=region, kind=PollKind.SURVEY, status=PollStatus.PUBLISHED,
        ballot_type=BallotType.SINGLE,
    ).select_related("municipality").prefetch_related("options")


def links(region: Region) -> list[SurveyLink]:
    return list(SurveyLink.objects.filter(municipality__region=region)
                .select_related("municipality").order_by("-year", "municipality__name"))


def link_for(region: Region, pk: int) -> SurveyLink:
    found = (SurveyLink.objects.select_related("municipality")
             .filter(pk=pk, municipality__region=region).first())
    if found is None:
        raise NotFound("Связь с опросом не найдена.")
    return found


def _option_totals(poll_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """poll id -> option id -> answers (electronic marks plus paper protocols), counted
    as the voting domain counts its results, in two queries whatever the number of
    polls."""
    from zemstvo.voting.models import PaperResult
    from zemstvo.voting.selectors import electronic_counts, paper_counts

    ids = list(poll_ids)
    protocols: dict[int, list[Any]] = defaultdict(list)
    for point in PaperResult.objects.filter(poll_id__in=ids):
        protocols[point.poll_id].append(point)
    electronic = electronic_counts(ids)
    totals: dict[int, dict[int, int]] = {}
    for poll_id in ids:
        answers = dict(electronic.get(poll_id, {}))
        for option_id, count in paper_counts(protocols[poll_id]).items():
            answers[option_id] = answers.get(option_id, 0) + count
        totals[poll_id] = answers
    return totals


def satisfied_share(totals: dict[int, int], satisfied: Iterable[int]) -> Decimal | None:
    """Satisfied answers among all answers, in percent, rounded half-up to 0.01; None
    when nobody answered."""
    answers = sum(totals.values())
    if not answers:
        return None
    chosen = sum(totals.get(int(option_id), 0) for option_id in satisfied)
    return (Decimal(100) * chosen / answers).quantize(PERCENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PollResult:
    link: SurveyLink
    share: Decimal | None  # None: the poll is not published or nobody answered


def poll_results(found: list[SurveyLink]) -> list[PollResult]:
    """The published result of each linked poll (3 queries for any number of links)."""
    if not found or not voting_installed():
        return [PollResult(link, None) for link in found]
    from zemstvo.voting.models import Poll, PollStatus

    published = set(Poll.objects.filter(pk__in=[link.poll_id for link in found],
                                        status=PollStatus.PUBLISHED)
                    .values_list("pk", flat=True))
    totals = _option_totals(published)
    return [PollResult(link, satisfied_share(totals.get(link.poll_id, {}),
                                             link.satisfied_options)
                       if link.poll_id in published else None) for link in found]


def survey_from_polls(year: int, slugs_by_id: dict[int, str]) -> dict[str, tuple[str, str]]:
    """slug -> (share in percent as a string, source) of the municipalities whose survey
    of ``year`` is a linked, published poll with answers."""
    if not slugs_by_id or not voting_installed():
        return {}
    found = list(SurveyLink.objects.filter(year=year, municipality_id__in=list(slugs_by_id)))
    return {slugs_by_id[r.link.municipality_id]: (str(r.share), poll_source(r.link.poll_id))
            for r in poll_results(found) if r.share is not None}


# --- writes ------------------------------------------------------------------------------

def _link_state(link: SurveyLink) -> dict[str, Any]:
    return {"municipality": link.municipality_id, "year": link.year, "poll": link.poll_id,
            "poll_title": link.poll_title, "satisfied_options": list(link.satisfied_options)}


def _checked_options(poll: Any, satisfied: Iterable[Any]) -> list[int]:
    own = {option.pk for option in poll.options.all()}
    try:
        chosen = sorted({int(value) for value in satisfied})
    except (TypeError, ValueError):
        chosen = []
    message = ""
    if not chosen or not set(chosen) <= own:
        message = "Отметьте варианты ответа, которые означают «удовлетворён»."
    elif set(chosen) == own:
        message = ("Отметьте не все варианты: иначе доля удовлетворённых всегда будет "
                   "100 %.")
    if message:
        raise DomainError(message, field_errors={"satisfied": [message]})
    return chosen


def survey_link_save(*, actor: Any, region: Region, poll_id: int, year: Any,
                     satisfied: Iterable[Any]) -> SurveyLink:
    """Link the municipality's survey poll for ``year`` (replacing an earlier link of
    that year): from now on the rating takes the poll's published result."""
    if not voting_installed():
        raise DomainError("Модуль голосований не подключён: опрос можно только ввести "
                          "в отчёте как значение показателя 37.")
    require(actor, "effectiveness.link_survey", region)
    try:
        poll = survey_poll(region, int(poll_id))
    except (TypeError, ValueError, NotFound) as exc:
        message = "Выберите опубликованное анкетирование муниципального образования региона."
        raise DomainError(message, field_errors={"poll": [message]}) from exc
    require(actor, "effectiveness.link_survey", poll.municipality)
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not 2008 <= year <= timezone.localdate().year:
        message = "Год — не раньше 2008 и не позже текущего."
        raise DomainError(message, field_errors={"year": [message]})
    chosen = _checked_options(poll, satisfied)
    with transaction.atomic():
        link = (SurveyLink.objects.select_for_update()
                .filter(municipality=poll.municipality, year=year).first())
        before = _link_state(link) if link else None
        # Who linked first stays; each later change is in the audit log.
        link = link or SurveyLink(municipality=poll.municipality, year=year, created_by=actor)
        link.poll_id, link.poll_title = poll.pk, poll.title[:200]
        link.satisfied_options = chosen
        link.save()
        audit_record(actor=actor, action="effectiveness.link_survey", obj=link, before=before,
                     after=_link_state(link), municipality=poll.municipality)
    return link


def survey_link_remove(*, actor: Any, link: SurveyLink) -> None:
    """Remove the link: the rating goes back to the value entered in the report."""
    require(actor, "effectiveness.link_survey", link.municipality)
    with transaction.atomic():
        before = _link_state(link)
        audit_record(actor=actor, action="effectiveness.link_survey", obj=link, before=before,
                     after=None, municipality=link.municipality)
        link.delete()
