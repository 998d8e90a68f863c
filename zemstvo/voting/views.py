"""Public vote pages of a portal, under /m/<slug>/voting/: the list, a vote with its
ballot form (works without JavaScript), the results with a chart drawn on the
server, the published ballot list and the receipt check.

The receipt code is shown once, in the answer to the ballot's POST (never stored in
the session: the session belongs to the voter), and the page is not cached. The
receipt is checked by POST, so a code never lands in an address or an access log.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from zemstvo.core.errors import DomainError, NotFound
from zemstvo.core.shell.portal import portal_view
from zemstvo.core.territory.models import Municipality
from zemstvo.voting import eligibility, selectors
from zemstvo.voting.ballots import has_voted
from zemstvo.voting.charts import bar_chart
from zemstvo.voting.models import BallotType, Poll, PollStatus
from zemstvo.voting.services import AlreadyVoted, NotEligible, OutsideWindow, ballot_cast


def _poll(municipality: Municipality, pk: int) -> Poll:
    try:
        return selectors.public_poll(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@portal_view
def poll_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    page = selectors.public_page(municipality, request.GET.get("page"))
    return render(request, "voting/list.html", {"municipality": municipality, "page": page})


def _ballot_input(request: HttpRequest, poll: Poll) -> dict[str, Any]:
    if poll.uses_points:
        points = {}
        for option in poll.options.all():
            raw = request.POST.get(f"points-{option.pk}", "").strip()
            points[str(option.pk)] = raw or "0"
        return {"points": points}
    return {"choices": request.POST.getlist("choices")}


def _selected(poll: Poll, given: dict[str, Any]) -> tuple[set[str], dict[str, str], Decimal]:
    """What the voter had marked, to show it again with the running total."""
    chosen = {str(c) for c in given.get("choices", [])}
    points = {str(k): str(v) for k, v in (given.get("points") or {}).items()}
    total = sum((o.cost or Decimal(0) for o in poll.options.all() if str(o.pk) in chosen),
                Decimal(0))
    return chosen, points, total


@portal_view
@require_http_methods(["GET", "POST"])
def poll_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    poll = _poll(municipality, pk)
    user = request.user if request.user.is_authenticated else None
    context: dict[str, Any] = {
        "municipality": municipality, "poll": poll, "BallotType": BallotType,
        "min_age": eligibility.min_age(poll), "chosen": set(), "points": {}, "total": None,
        "free_text": "",
    }
    if request.method == "POST" and user is not None:
        given = _ballot_input(request, poll)
        free_text = request.POST.get("free_text", "")
        if request.POST.get("action") == "total":
            context["chosen"], context["points"], context["total"] = _selected(poll, given)
            context["free_text"] = free_text
        else:
            try:
                code = ballot_cast(actor=user, poll=poll, free_text=free_text, **given)
            except (AlreadyVoted, OutsideWindow, NotEligible) as exc:
                context["refusal"] = exc.message
            except DomainError as exc:
                context["error"] = exc.message
                context["chosen"], context["points"], context["total"] = _selected(poll, given)
                context["free_text"] = free_text
            else:
                response = render(request, "voting/receipt_issued.html",
                                  {"municipality": municipality, "poll": poll, "code": code})
                add_never_cache_headers(response)
                return response
    if "refusal" not in context:
        context["refusal"] = eligibility.refusal(user, poll) if user else None
    context["voted"] = has_voted(user, poll)
    now = timezone.now()
    context["not_started"] = now < poll.opens_at
    context["running"] = (poll.status == PollStatus.OPEN and not context["not_started"]
                          and now < poll.closes_at)
    if poll.ballot_type == BallotType.BUDGET and context["total"] is None:
        context["total"] = Decimal(0)
    status = 200 if "error" not in context else 422
    return render(request, "voting/detail.html", context, status=status)


@portal_view
def poll_results(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    poll = _poll(municipality, pk)
    if not poll.results_visible:
        raise Http404("Итоги ещё не опубликованы.")
    found = selectors.results(poll)
    context = {"municipality": municipality, "poll": poll, "results": found,
               "chart": bar_chart(found)}
    return render(request, "voting/results.html", context)


@portal_view
def poll_ballots(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    poll = _poll(municipality, pk)
    if poll.status != PollStatus.PUBLISHED or not poll.publish_ballots:
        raise Http404("Список бюллетеней не публикуется.")
    page = selectors.published_ballots(poll, request.GET.get("page"))
    return render(request, "voting/ballots.html",
                  {"municipality": municipality, "poll": poll, "page": page})


@portal_view
@require_http_methods(["GET", "POST"])
def receipt_check(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    poll = _poll(municipality, pk)
    available = poll.status == PollStatus.PUBLISHED and poll.publish_ballots
    context: dict[str, Any] = {"municipality": municipality, "poll": poll,
                               "available": available, "checked": False}
    if request.method == "POST" and available:
        code = request.POST.get("code", "")
        context["checked"] = True
        context["ballot"] = selectors.ballot_by_receipt(poll, code)
        if not code.strip():
            context["error"] = "Введите код проверки."
    response = render(request, "voting/receipt.html", context)
    add_never_cache_headers(response)
    return response
