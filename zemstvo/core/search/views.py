"""The search page /search/: one box over every module's public documents, within
one portal (?m=<slug>) or across all of them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zemstvo.core.search import selectors
from zemstvo.core.territory.models import Municipality

PAGE_SIZE = 20


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    slug = request.GET.get("m", "").strip()
    municipality = (
        Municipality.objects.filter(slug=slug, is_active=True).select_related("region").first()
        if slug
        else None
    )
    if municipality is not None:
        request.municipality = municipality  # type: ignore[attr-defined]  # header shows the portal
    kinds = selectors.kind_titles()
    kind = request.GET.get("kind", "")
    if kind not in kinds:
        kind = ""
    page = _page_number(request.GET.get("page"))
    results = None
    if query or "q" in request.GET:
        results = selectors.search(
            query,
            municipality=municipality,
            kinds=[kind] if kind else None,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
    pages = -(-results.total // PAGE_SIZE) if results else 0
    context = {
        "query": query,
        "municipality": municipality,
        "kinds": sorted(kinds.items(), key=lambda item: item[1]),
        "kind": kind,
        "results": results,
        "page": page,
        "pages": pages,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if page < pages else None,
    }
    return render(request, "search/search.html", context)
