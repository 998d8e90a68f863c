"""Open data pages: /opendata/ (catalogue), /opendata/list.csv, and for each set its
passport page, data.csv, data.json, structure.csv and meta.csv."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse

from zemstvo.core.errors import NotFound
from zemstvo.core.opendata import selectors
from zemstvo.core.opendata.formats import csv_lines, json_array
from zemstvo.core.opendata.services import revision_refresh
from zemstvo.core.territory.models import Municipality

CSV_TYPE = "text/csv; charset=utf-8"


def _municipality(request: HttpRequest) -> Municipality | None:
    slug = request.GET.get("m", "").strip()
    if not slug:
        return None
    found = Municipality.objects.filter(slug=slug, is_active=True).select_related("region").first()
    if found is None:
        raise Http404("Муниципальное образование не найдено.")
    return found


def _set(identifier: str) -> selectors.PublishedSet:
    try:
        return selectors.find_set(identifier)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _urls(request: HttpRequest, published: selectors.PublishedSet) -> dict[str, str]:
    names = ("passport", "data_csv", "data_json", "structure_csv", "meta_csv")
    return {
        name: request.build_absolute_uri(
            reverse(f"opendata:{name}", kwargs={"identifier": published.identifier})
        )
        for name in names
    }


def _download(body: Iterator[str], content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def catalogue(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    if municipality is not None:
        request.municipality = municipality  # type: ignore[attr-defined]  # header shows the portal
    context = {
        "municipality": municipality,
        "sets": selectors.catalogue(municipality),
        "license": settings.ZEMSTVO_OPENDATA_LICENSE,
        "license_url": settings.ZEMSTVO_OPENDATA_LICENSE_URL,
    }
    return render(request, "opendata/catalogue.html", context)


def catalogue_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The list of sets (list.csv): property (identifier), title, value (the URL of
    the set's meta.csv), format."""
    sets = selectors.catalogue(_municipality(request))
    rows = (
        (s.identifier, str(s.dataset.title), _urls(request, s)["meta_csv"], "csv") for s in sets
    )
    return _download(csv_lines(("property", "title", "value", "format"), rows), CSV_TYPE,
                     "list.csv")


def passport(request: HttpRequest, identifier: str) -> HttpResponse:
    published = _set(identifier)
    if published.municipality is not None:
        request.municipality = published.municipality  # type: ignore[attr-defined]
    info = selectors.passport(published, revision_refresh(published))
    urls = _urls(request, published)
    context = {
        "published": published,
        "passport": info,
        "urls": urls,
        "meta": dict(info.meta_rows(urls)),
        "license": settings.ZEMSTVO_OPENDATA_LICENSE,
        "license_url": settings.ZEMSTVO_OPENDATA_LICENSE_URL,
    }
    return render(request, "opendata/passport.html", context)


def data_csv(request: HttpRequest, identifier: str) -> StreamingHttpResponse:
    published = _set(identifier)
    dataset = published.dataset
    names = [f.name for f in dataset.fields]
    rows = (
        [row.get(name) for name in names] for row in dataset.rows(published.municipality)
    )
    return _download(csv_lines(names, rows), CSV_TYPE, f"{published.identifier}-data.csv")


def data_json(request: HttpRequest, identifier: str) -> StreamingHttpResponse:
    published = _set(identifier)
    objects = (
        selectors.declared_row(published.dataset, row)
        for row in published.dataset.rows(published.municipality)
    )
    return _download(json_array(objects), "application/json; charset=utf-8",
                     f"{published.identifier}-data.json")


def structure_csv(request: HttpRequest, identifier: str) -> StreamingHttpResponse:
    """The set's structure: field name, English description (the field's code),
    Russian description, format (string, integer, number, date, datetime, boolean)."""
    published = _set(identifier)
    rows = ((f.name, f.name, str(f.title), f.type) for f in published.dataset.fields)
    header = ("field name", "english description", "russian description", "format")
    return _download(csv_lines(header, rows), CSV_TYPE,
                     f"structure-{published.structure_version}.csv")


def meta_csv(request: HttpRequest, identifier: str) -> StreamingHttpResponse:
    published = _set(identifier)
    info = selectors.passport(published, revision_refresh(published))
    rows = info.meta_rows(_urls(request, published))
    return _download(csv_lines(("property", "value"), rows), CSV_TYPE, "meta.csv")
