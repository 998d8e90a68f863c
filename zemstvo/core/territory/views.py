"""Public pages of the territory: a region, a municipality's portal home and its
settlements."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from zemstvo.core import registry
from zemstvo.core.shell.portal import portal_view
from zemstvo.core.territory import selectors
from zemstvo.core.territory.models import Municipality, Region

SETTLEMENTS_PER_PAGE = 100


def region_page(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region, slug=slug)
    return render(request, "territory/region.html", selectors.region_overview(region))


def _home_blocks(request: HttpRequest, municipality: Municipality) -> list[dict[str, str]]:
    """Every module's blocks for the home page, by their order; the page gives each a
    section headed by its title, the block's template renders what goes inside."""
    blocks = sorted(
        (block for manifest in registry.modules() for block in manifest.home_blocks),
        key=lambda block: block.order,
    )
    return [
        {
            "title": str(block.title),
            "html": render_to_string(block.template, block.context(municipality), request),
        }
        for block in blocks
    ]


def municipality_home(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(selectors.portal_municipalities(), slug=slug)
    request.municipality = municipality  # type: ignore[attr-defined]
    context = selectors.municipality_overview(municipality)
    context["blocks"] = _home_blocks(request, municipality)
    return render(request, "territory/municipality.html", context)


@portal_view
def settlements(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    paginator = Paginator(selectors.settlements_page(municipality), SETTLEMENTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request, "territory/settlements.html", {"municipality": municipality, "page": page}
    )
