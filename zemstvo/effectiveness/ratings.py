"""Making ratings: methods as configuration, and a rating as an immutable record of
the method, its parameters and a snapshot of its inputs (ПП № 1317 of 17.12.2012)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.territory.models import MunicipalityType, Region
from zemstvo.effectiveness import scoring, selectors
from zemstvo.effectiveness.models import MethodKind, Rating, RatingMethod

METHOD_NAMES = {
    MethodKind.PP1317: "Типовая методика ПП № 1317",
    MethodKind.MINMAX: "Мин–макс по текущему году",
    MethodKind.WEIGHTED: "Взвешенные сферы",
}


def method_save(*, actor: Any, region: Region, name: str, kind: str,
                parameters: dict[str, Any] | None = None,
                method: RatingMethod | None = None) -> RatingMethod:
    """A method of the region: a preset's parameters, changed where the region says."""
    require(actor, "effectiveness.compute_rating", region)
    if kind not in MethodKind.values:
        raise DomainError("Выберите вид методики.", field_errors={"kind": ["Выберите вид."]})
    if len(name.strip()) < 3:
        raise DomainError("Назовите методику.", field_errors={"name": ["Назовите методику."]})
    merged = {**scoring.PRESETS[kind], **(parameters or {})}
    try:
        clean = scoring.normalise_parameters(merged)
    except scoring.ParameterError as exc:
        raise DomainError(str(exc), field_errors={"parameters": [str(exc)]}) from exc
    with transaction.atomic():
        method = method or RatingMethod(region=region)
        before = _method_state(method) if method.pk else None
        method.name, method.kind, method.parameters = name.strip()[:200], kind, clean
        method.save()
        audit_record(actor=actor, action="effectiveness.method_save", obj=method,
                     before=before, after=_method_state(method))
    return method


def _method_state(method: RatingMethod) -> dict[str, Any]:
    return {"name": method.name, "kind": method.kind, "parameters": method.parameters}


def standard_methods(*, actor: Any, region: Region) -> list[RatingMethod]:
    """The three presets for the region, created once."""
    existing = {m.kind: m for m in RatingMethod.objects.filter(region=region)}
    return [existing.get(kind) or method_save(actor=actor, region=region,
                                               name=str(METHOD_NAMES[kind]), kind=kind)
            for kind in MethodKind.values]


def survey_values(region: Region, year: int, slugs_by_id: dict[int, str]
                  ) -> tuple[dict[str, str], dict[str, str]]:
    """The residents' satisfaction (item 37) by municipality, and where each value came
    from: "indicator" (the accepted value entered in the report) or "poll:<id>" (a
    linked, published survey poll of the voting domain, which replaces it)."""
    from zemstvo.effectiveness.survey import SOURCE_ENTERED, survey_from_polls

    values: dict[str, str] = {}
    survey = selectors.survey_indicator(region)
    if survey is not None:
        # By region rather than by a list of thousands of ids: one short query.
        rows = selectors.accepted_values(region=region, years=(year, year))
        values = {slugs_by_id[m]: str(v) for m, v in rows.filter(indicator=survey)
                  .values_list("municipality_id", "value") if m in slugs_by_id}
    sources = dict.fromkeys(values, SOURCE_ENTERED)
    for slug, (share, source) in survey_from_polls(year, slugs_by_id).items():
        values[slug], sources[slug] = share, source
    return values, sources


def rating_inputs(region: Region, year: int, group: str = "") -> dict[str, Any]:
    """A JSON snapshot of everything a rating reads: indicators, municipalities,
    accepted actual values of the year and the year before, the survey (a fixed number
    of queries whatever the number of municipalities).

    The values are stored by indicator (``series``: code -> [previous year's values,
    this year's values], each list aligned with ``municipalities``, None where missing):
    a third smaller than a dict per municipality. Ratings stored before keep the older
    ``values`` (slug -> code -> [previous, current]); ``scoring.columns`` reads both."""
    indicators = selectors.rated_indicators(region)
    municipalities = selectors.rated_municipalities(region, group)
    chosen = selectors.rated_municipalities_query(region, group)
    slugs = {m.pk: m.slug for m in municipalities}
    position = {m.pk: i for i, m in enumerate(municipalities)}
    codes = {i.pk: i.code for i in indicators}
    count = len(municipalities)
    series: dict[str, list[list[str | None]]] = {}
    for indicator_id, value_year, cells in selectors.value_cells(
        chosen.values("pk"), list(codes), (year - 1, year)
    ):
        pair = series.setdefault(codes[indicator_id], [[None] * count, [None] * count])
        column = pair[value_year - year + 1]
        for municipality_id, text in cells:
            if municipality_id in position:  # the same set, read in one transaction or not
                column[position[municipality_id]] = text
    survey, survey_sources = survey_values(region, year, slugs)
    return {
        "year": year,
        "indicators": [{"code": i.code, "sphere": i.sphere, "direction": i.direction,
                        "value_type": i.value_type, "name": i.name} for i in indicators],
        "municipalities": [{"slug": m.slug, "name": m.name, "type": m.type}
                           for m in municipalities],
        "series": series,
        "survey": survey,
        "survey_source": survey_sources,
    }


def rating_compute(*, actor: Any, method: RatingMethod, year: int, group: str = "") -> Rating:
    """Compute and store a rating (the curator)."""
    require(actor, "effectiveness.compute_rating", method.region)
    if group and group not in MunicipalityType.values:
        raise DomainError("Неизвестная группа.", field_errors={"group": ["Выберите вид МО."]})
    with _without_cycle_collection():
        return _rating_store(actor, method, year, group)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A country-sized rating builds a few hundred thousand dicts, lists and strings,
    none in a reference cycle (reference counting frees them), and the cycle collector
    would walk them all several times over: about a tenth of a second."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rating_store(actor: Any, method: RatingMethod, year: int, group: str) -> Rating:
    inputs = rating_inputs(method.region, year, group)
    if not inputs["series"]:
        message = f"За {year} год нет принятых значений: рейтинг не из чего считать."
        raise DomainError(message, field_errors={"year": [message]})
    try:
        results = scoring.compute(inputs, method.parameters)
    except scoring.ParameterError as exc:
        raise DomainError(str(exc)) from exc
    with transaction.atomic():
        rating = Rating.objects.create(
            region=method.region, method=method, method_name=method.name,
            method_kind=method.kind, parameters=method.parameters, year=year, group=group,
            inputs=inputs, results=results, created_by=actor,
        )
        audit_record(actor=actor, action="effectiveness.compute_rating", obj=rating,
                     after={"method": method.name, "year": year, "group": group})
    return rating


def rating_recompute(rating: Rating) -> dict[str, Any]:
    """The results again from the stored snapshot: equal to ``rating.results``."""
    return scoring.compute(rating.inputs, rating.parameters)


def rating_rows(rating: Rating) -> list[dict[str, Any]]:
    """Every ranked municipality of the rating with its group label, in rank order."""
    labels = dict(MunicipalityType.choices)
    rows = []
    for group, members in rating.results["groups"].items():
        for row in members:
            rows.append({**row, "group": group, "group_label": labels.get(group, group)})
    return rows
