"""Public pages: the ТОС registry and a ТОС's page, the rural starostas, completed
сходы with their decisions. Nothing here reads a roll entry or a ТОС member."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zemstvo.community import selectors
from zemstvo.core.errors import NotFound
from zemstvo.core.shell.portal import portal_view
from zemstvo.core.territory.models import Municipality


@portal_view
def community_index(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return render(request, "community/index.html", {
        "municipality": municipality, "tos_list": selectors.public_tos_list(municipality),
        "starostas": selectors.public_starostas(municipality),
        "gatherings": selectors.public_gatherings(municipality)})


@portal_view
def tos_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    try:
        tos = selectors.public_tos(pk, municipality)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    reports = selectors.public_report_files(list(tos.reports.all()))
    return render(request, "community/tos.html", {
        "municipality": municipality, "tos": tos, "reports": reports,
        "projects": selectors.tos_initiatives(tos)})


@portal_view
def starosta_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return render(request, "community/starostas.html", {
        "municipality": municipality, "starostas": selectors.public_starostas(municipality)})
