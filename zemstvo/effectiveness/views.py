"""Public pages of the effectiveness evaluation at /effectiveness/: the region's
ratings with the method explained, one rating, a municipality's scorecard, the
regional comparison and the опорные населённые пункты."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from zemstvo.core.errors import NotFound
from zemstvo.core.shell.portal import portal_view
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region
from zemstvo.effectiveness import charts, scorecard, selectors
from zemstvo.effectiveness.ratings import rating_rows
from zemstvo.effectiveness.selectors import RATED_TYPES


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None


def region_ratings(request: HttpRequest, region: str) -> HttpResponse:
    found = get_object_or_404(Region, slug=region)
    context = {"region": found, "ratings": selectors.latest_ratings(found),
               "support": selectors.region_support_settlements(found)}
    return render(request, "effectiveness/region.html", context)


def rating_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        rating = selectors.rating(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    rows = rating_rows(rating)
    names = {i["code"]: i["name"] for i in rating.inputs["indicators"]}
    equal = sorted({code for notes in rating.results["indicators"].values()
                    for code, note in notes.items()
                    if (note["level"] or {}).get("equal")})
    context = {
        "rating": rating, "rows": rows, "equal": [(c, names.get(c, "")) for c in equal],
        "excluded": rating.results["excluded"], "parameters": rating.parameters,
        "chart": charts.bars(f"Итоговая оценка — {rating.method_name}",
                             [(r["name"], r["score"]) for r in rows[:40]]),
        "types": dict(MunicipalityType.choices),
    }
    return render(request, "effectiveness/rating.html", context)


@portal_view
def municipality_scorecard(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    context = {"municipality": municipality, **scorecard.scorecard(municipality, _year(request))}
    return render(request, "effectiveness/scorecard.html", context)


def region_compare(request: HttpRequest, region: str) -> HttpResponse:
    found = get_object_or_404(Region, slug=region)
    group = request.GET.get("type", "")
    if group not in RATED_TYPES:
        group = ""
    data = scorecard.comparison(found, _year(request), group, request.GET.get("indicator", ""))
    context = {"region": found, "group": group, **data,
               "types": [(t, MunicipalityType(t).label) for t in RATED_TYPES]}
    return render(request, "effectiveness/compare.html", context)


def support_settlement(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        settlement = selectors.support_settlement(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "effectiveness/support.html", scorecard.support_page(settlement))
