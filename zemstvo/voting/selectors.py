"""Reads of votes for pages, the API and the dashboard; each costs a fixed number of
queries whatever the number of polls, options and ballots."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from zemstvo.core.errors import NotFound
from zemstvo.core.permissions import can
from zemstvo.core.territory.models import Municipality
from zemstvo.voting import eligibility
from zemstvo.voting.ballots import normalise_receipt, receipt_hash
from zemstvo.voting.models import (
    Ballot,
    BallotChoice,
    BallotType,
    PaperResult,
    Poll,
    PollOption,
    PollStatus,
    VoteChannel,
)

# The register's rows of the electronic vote (paper rows are the roll's check, and
# paper ballots are counted from the protocols: counting both would count twice).
ONLINE_VOTERS = Count("register", filter=Q(register__channel=VoteChannel.ONLINE))

PAGE_SIZE = 20
BALLOTS_PAGE_SIZE = 50


def _with_parts(polls: QuerySet[Poll]) -> QuerySet[Poll]:
    return polls.select_related("municipality").prefetch_related(
        "settlements", Prefetch("options", queryset=PollOption.objects.order_by("position", "id"))
    )


def public_polls(municipality: Municipality | None = None) -> QuerySet[Poll]:
    """Polls the public sees (every status but draft): running first, then newest."""
    polls = Poll.objects.exclude(status=PollStatus.DRAFT).select_related("municipality")
    if municipality is not None:
        polls = polls.filter(municipality=municipality)
    return polls.order_by("-opens_at", "-id")


def public_page(municipality: Municipality, page: Any) -> Page:
    return Paginator(public_polls(municipality), PAGE_SIZE).get_page(page)


def public_poll(pk: int, municipality: Municipality | None = None) -> Poll:
    """A public poll with its options and settlements, else NotFound."""
    polls = _with_parts(Poll.objects.exclude(status=PollStatus.DRAFT))
    if municipality is not None:
        polls = polls.filter(municipality=municipality)
    poll = polls.filter(pk=pk).first()
    if poll is None:
        raise NotFound("Голосование не найдено.")
    return poll


def office_polls(municipality: Municipality, status: str = "") -> QuerySet[Poll]:
    polls = Poll.objects.filter(municipality=municipality).select_related("municipality")
    if status in PollStatus.values:
        polls = polls.filter(status=status)
    return polls.annotate(voted=ONLINE_VOTERS).order_by("-opens_at", "-id")


def office_poll(user: Any, pk: int) -> Poll:
    poll = _with_parts(Poll.objects.all()).filter(pk=pk).first()
    if poll is None or not can(user, "voting.view_office", poll):
        raise NotFound("Голосование не найдено.")
    return poll


@dataclass
class OptionResult:
    option: PollOption
    electronic: int = 0
    paper: int = 0
    share: float = 0.0  # percent of ballots (of points for a cumulative vote)

    @property
    def total(self) -> int:
        return self.electronic + self.paper


@dataclass
class Results:
    poll: Poll
    options: list[OptionResult]
    electronic_ballots: int
    paper_ballots: int
    eligible: int
    paper_points: list[PaperResult] = field(default_factory=list)
    greedy: list[int] | None = None
    mes: list[int] | None = None

    @property
    def ballots(self) -> int:
        return self.electronic_ballots + self.paper_ballots

    @property
    def turnout(self) -> float:
        """Electronic ballots against the eligible roll (paper voters are not on the
        electronic roll's register, so they are shown apart)."""
        return round(100 * self.electronic_ballots / self.eligible, 1) if self.eligible else 0.0

    @property
    def issued_by_roll(self) -> int:
        """Paper ballots issued by the roll at all points (a check, not a count)."""
        return sum(p.issued for p in self.paper_points)

    @property
    def over_issued_points(self) -> list[PaperResult]:
        """Points whose protocol counts more paper ballots than the roll issued."""
        return [p for p in self.paper_points if p.ballots_count > p.issued]

    @property
    def max_total(self) -> int:
        return max((o.total for o in self.options), default=0)

    def winners(self, ids: list[int] | None) -> list[OptionResult]:
        chosen = set(ids or [])
        return [o for o in self.options if o.option.pk in chosen]

    @property
    def greedy_options(self) -> list[OptionResult]:
        return self.winners(self.greedy)

    @property
    def mes_options(self) -> list[OptionResult]:
        return self.winners(self.mes)

    @property
    def greedy_cost(self) -> Decimal:
        return sum((o.option.cost or Decimal(0) for o in self.greedy_options), Decimal(0))


def eligible_now(poll: Poll) -> int:
    """The roll's size: fixed at close, counted live before."""
    if poll.eligible_count is not None:
        return poll.eligible_count
    return eligibility.eligible_roll(poll).count()


def paper_points(poll: Poll) -> list[PaperResult]:
    """The protocols of the polling points, each with ``issued``: the paper ballots
    the paper roll issued there (the check beside the protocol's count)."""
    return list(PaperResult.objects.filter(poll=poll)
                .annotate(issued=Count("roll_entries")).order_by("point_name"))


def electronic_counts(poll_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """poll id -> option id -> electronic marks (points summed; a tick is 1 point), in
    one query whatever the number of polls."""
    found: dict[int, dict[int, int]] = defaultdict(dict)
    rows = (BallotChoice.objects.filter(poll_id__in=list(poll_ids))
            .values("poll_id", "option_id").annotate(n=Sum("points"))
            .values_list("poll_id", "option_id", "n"))
    for poll_id, option_id, count in rows:
        found[poll_id][option_id] = int(count)
    return found


def paper_counts(points: Iterable[PaperResult]) -> dict[int, int]:
    """option id -> votes entered on these polling points' protocols."""
    totals: dict[int, int] = defaultdict(int)
    for point in points:
        for option_id, count in (point.counts or {}).items():
            totals[int(option_id)] += int(count)
    return totals


def has_winners(poll: Poll, options: list[PollOption]) -> bool:
    """A budget vote, or a vote of points whose options have costs within a budget
    (an imported Pabulib cumulative election): winners are computed."""
    if poll.ballot_type == BallotType.BUDGET:
        return True
    return (poll.ballot_type == BallotType.CUMULATIVE and poll.budget is not None
            and bool(options) and all(o.cost is not None for o in options))


def results(poll: Poll, *, with_winners: bool = True) -> Results:
    """Counts per option (electronic from the ballots' rows, paper from the polling
    points' protocols), the turnout, and for a budget vote its winners. ``poll``
    comes with its options prefetched (public_poll / office_poll). The register's
    paper rows are not counted: the protocols carry the paper ballots."""
    options = list(poll.options.all())
    counted = electronic_counts([poll.pk]).get(poll.pk, {})
    electronic_ballots = Ballot.objects.filter(poll=poll).count()
    points = paper_points(poll)
    on_paper = paper_counts(points)
    rows = [OptionResult(o, electronic=counted.get(o.pk, 0), paper=on_paper.get(o.pk, 0))
            for o in options]
    paper_ballots = sum(p.ballots_count for p in points)
    if poll.ballot_type == BallotType.CUMULATIVE:
        base = sum(r.total for r in rows)
    else:
        base = electronic_ballots + paper_ballots
    for row in rows:
        row.share = round(100 * row.total / base, 1) if base else 0.0
    rows.sort(key=lambda r: (-r.total, r.option.position, r.option.pk))
    found = Results(poll, rows, electronic_ballots, paper_ballots, eligible_now(poll), points)
    if with_winners and has_winners(poll, options):
        found.greedy, found.mes = budget_winners(poll, options, points)
    return found


def _electronic_ballots(poll: Poll) -> list[frozenset[int] | dict[int, int]]:
    """Whole electronic ballots: the ticked options (a frozenset), or for a vote of
    points the points per option (a dict) — the rules weigh a project by them."""
    by_ballot: dict[Any, dict[int, int]] = {}
    marks = BallotChoice.objects.filter(poll=poll).values_list("ballot_id", "option_id",
                                                               "points")
    for ballot_id, option_id, amount in marks.iterator(chunk_size=5000):
        by_ballot.setdefault(ballot_id, {})[option_id] = amount
    if poll.uses_points:
        return list(by_ballot.values())
    return [frozenset(b) for b in by_ballot.values()]


def budget_winners(poll: Poll, options: list[PollOption],
                   points: list[PaperResult]) -> tuple[list[int], list[int] | None]:
    """Greedy (by votes — by the sum of points in a vote of points — skipping what no
    longer fits) over electronic and paper votes. Greedy depends only on each
    project's total, so a polling point's protocol enters as one weighted ballot
    (votes or points per option). The Method of Equal Shares needs whole ballots, so
    it counts the electronic ballots only (the results page says so). The rules are
    zemstvo.voting.pb.rules, imported here so that a vote page never depends on them."""
    from zemstvo.voting.pb.rules import PBProject, greedy_winners, mes_winners

    projects = [PBProject(o.pk, o.cost) for o in options if o.cost is not None]
    ballots = _electronic_ballots(poll)
    paper = [{int(option_id): int(n) for option_id, n in p.counts.items() if int(n)}
             for p in points]
    greedy = list(greedy_winners(projects, ballots + [b for b in paper if b], poll.budget))
    mes = list(mes_winners(projects, ballots, poll.budget)) if poll.compute_mes else None
    return greedy, mes


def published_ballots(poll: Poll, page: Any) -> Page:
    """The published ballot list (random order: by receipt hash), with the marks."""
    ballots = Ballot.objects.filter(poll=poll).order_by("receipt_hash").prefetch_related(
        Prefetch("choices", queryset=BallotChoice.objects.select_related("option")
                 .order_by("option__position", "option_id"))
    ).only("id", "receipt_hash", "cast_on", "poll_id")
    return Paginator(ballots, BALLOTS_PAGE_SIZE).get_page(page)


def ballot_by_receipt(poll: Poll, code: str) -> Ballot | None:
    if len(normalise_receipt(code)) < 8:
        return None
    return (
        Ballot.objects.filter(poll=poll, receipt_hash=receipt_hash(code))
        .prefetch_related(Prefetch("choices", queryset=BallotChoice.objects
                                   .select_related("option")
                                   .order_by("option__position", "option_id")))
        .only("id", "receipt_hash", "cast_on", "poll_id").first()
    )


def free_text_answers(poll: Poll, limit: int = 500) -> list[str]:
    """The survey's free-text answers, for staff only (never published)."""
    return list(Ballot.objects.filter(poll=poll).exclude(free_text="")
                .order_by("receipt_hash").values_list("free_text", flat=True)[:limit])


def running_polls(municipality: Municipality, limit: int = 3) -> list[Poll]:
    return list(public_polls(municipality).filter(status=PollStatus.OPEN)[:limit])


def dashboard_polls(municipality_ids: list[int] | None) -> list[Poll]:
    """Running votes with their turnout so far (two queries: polls, eligible rolls are
    counted per poll — a dashboard shows at most a few)."""
    polls = Poll.objects.filter(status=PollStatus.OPEN).select_related("municipality")
    if municipality_ids is not None:
        polls = polls.filter(municipality_id__in=municipality_ids)
    return list(polls.prefetch_related("settlements").annotate(voted=ONLINE_VOTERS)
                .order_by("closes_at")[:5])


def counts_by_status(municipality_ids: list[int] | None) -> dict[str, int]:
    polls = Poll.objects.all()
    if municipality_ids is not None:
        polls = polls.filter(municipality_id__in=municipality_ids)
    return polls.aggregate(
        drafts=Count("pk", filter=Q(status=PollStatus.DRAFT)),
        closed=Count("pk", filter=Q(status=PollStatus.CLOSED)),
    )
