"""The rating computation: one pipeline whose behaviour is set by parameters only, so a
method is configuration (ПП № 1317 of 17.12.2012 and the regions' variants).

For each peer group (municipalities of one type) and each indicator:

* level index ``(A − Amin)/(Amax − Amin)``, mirrored ``(Amax − A)/(Amax − Amin)`` where
  lower is better;
* trend index: the growth rate ``A(t)/A(t−1)`` on the same min–max scale (for a
  yes/no indicator the change of its recoded value);
* indicator index ``(wt·trend + wl·level)/(wt + wl)`` — 0.6 and 0.4 in ПП № 1317;
* municipality score ``wm·mean + ws·survey index``, the mean weighted by the sphere's
  and the indicator's weights (1 by default), the survey index the share of
  satisfied residents (item 37) divided by 100 — 0.8 and 0.2 in ПП № 1317.

Edge cases, explained on the rating page:

* equal minimum and maximum: everyone who reported gets ``equal_value`` (1 by
  default: nobody is behind anybody);
* a missing value (or, when the trend counts, a missing previous value or a previous
  value of zero) leaves that indicator out of the municipality's mean; a municipality
  with more than ``max_missing`` such gaps is left out of the rating, before the
  group's minima and maxima are taken;
* a missing survey counts as one gap, and the score is the mean alone;
* an indicator that nobody in the group reported for the year is left out;
* yes/no coded 1 = yes / 2 = no (БД ПМО) is recoded to 1 / 0 before scaling.

Arithmetic is Decimal in a fixed context; results are rounded half-up to 4 places, so
recomputing from the stored inputs and parameters gives identical numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any

PLACES = Decimal("0.0001")
ZERO, ONE = Decimal(0), Decimal(1)

PRESETS: dict[str, dict[str, Any]] = {
    "pp1317": {
        "level_weight": "0.4", "trend_weight": "0.6", "mean_weight": "0.8",
        "survey_weight": "0.2", "equal_value": "1", "max_missing": 3,
        "sphere_weights": {}, "indicator_weights": {}, "group_by_type": True,
    },
    "minmax": {
        "level_weight": "1", "trend_weight": "0", "mean_weight": "1", "survey_weight": "0",
        "equal_value": "1", "max_missing": 3, "sphere_weights": {}, "indicator_weights": {},
        "group_by_type": True,
    },
    "weighted": {
        "level_weight": "1", "trend_weight": "0", "mean_weight": "0.8", "survey_weight": "0.2",
        "equal_value": "1", "max_missing": 3,
        "sphere_weights": {"economy": "2", "administration": "1.5"}, "indicator_weights": {},
        "group_by_type": True,
    },
}


class ParameterError(ValueError):
    """Bad method parameters (the message is Russian)."""


def normalise_parameters(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as stored (strings for decimals), checked."""
    out: dict[str, Any] = {}
    try:
        for name in ("level_weight", "trend_weight", "mean_weight", "survey_weight",
                     "equal_value"):
            value = Decimal(str(raw[name]))
            if value < 0:
                raise ParameterError(f"Параметр «{name}» не может быть отрицательным.")
            out[name] = str(value)
        out["max_missing"] = int(raw["max_missing"])
        out["sphere_weights"] = {k: str(Decimal(str(v)))
                                 for k, v in dict(raw.get("sphere_weights") or {}).items()}
        out["indicator_weights"] = {k: str(Decimal(str(v)))
                                    for k, v in dict(raw.get("indicator_weights") or {}).items()}
        out["group_by_type"] = bool(raw.get("group_by_type", True))
    except (KeyError, ArithmeticError, TypeError, ValueError) as exc:
        if isinstance(exc, ParameterError):
            raise
        raise ParameterError("Параметры методики заданы неверно.") from exc
    if Decimal(out["level_weight"]) + Decimal(out["trend_weight"]) == 0:
        raise ParameterError("Вес уровня и вес динамики не могут оба быть нулевыми.")
    if out["max_missing"] < 0:
        raise ParameterError("Допустимое число пропусков не может быть отрицательным.")
    return out


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _q(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(PLACES, rounding=ROUND_HALF_UP))


def _recode(value: Decimal | None, yes_no: bool) -> Decimal | None:
    if value is None or not yes_no:
        return value
    return ONE if value == 1 else ZERO


def _scale(values: dict[str, Decimal], lower_better: bool, equal: Decimal
           ) -> tuple[dict[str, Decimal], dict[str, Any]]:
    """Min–max scale over the group's present values (mirrored when lower is better)."""
    if not values:
        return {}, {"min": None, "max": None, "equal": False}
    low, high = min(values.values()), max(values.values())
    info = {"min": str(low), "max": str(high), "equal": low == high}
    if low == high:
        return {slug: equal for slug in values}, info
    span = high - low
    if lower_better:
        return {slug: (high - v) / span for slug, v in values.items()}, info
    return {slug: (v - low) / span for slug, v in values.items()}, info


def _growth(prev: Decimal | None, cur: Decimal | None, yes_no: bool) -> Decimal | None:
    if prev is None or cur is None:
        return None
    if yes_no:
        return cur - prev
    if prev == 0:
        return None
    return cur / prev


def compute(inputs: Mapping[str, Any], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The rating from a snapshot of inputs (see ``selectors.rating_inputs``)."""
    with localcontext(Context(prec=28, rounding=ROUND_HALF_UP)):
        return _compute(inputs, normalise_parameters(parameters))


def _compute(inputs: Mapping[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    wl, wt = Decimal(p["level_weight"]), Decimal(p["trend_weight"])
    wm, ws = Decimal(p["mean_weight"]), Decimal(p["survey_weight"])
    equal = Decimal(p["equal_value"])
    indicators = inputs["indicators"]
    groups: dict[str, list[dict]] = {}
    for municipality in inputs["municipalities"]:
        key = municipality["type"] if p["group_by_type"] else "all"
        groups.setdefault(key, []).append(municipality)
    result: dict[str, Any] = {"groups": {}, "excluded": [], "indicators": {}}
    for key in sorted(groups):
        rows, excluded, notes = _compute_group(groups[key], indicators, inputs, p, wl, wt,
                                               wm, ws, equal)
        result["groups"][key] = rows
        result["excluded"].extend(excluded)
        result["indicators"][key] = notes
    return result


def _values(inputs: Mapping[str, Any], slug: str, code: str, yes_no: bool
            ) -> tuple[Decimal | None, Decimal | None]:
    pair = inputs["values"].get(slug, {}).get(code) or [None, None]
    return _recode(_dec(pair[0]), yes_no), _recode(_dec(pair[1]), yes_no)


def _compute_group(members, indicators, inputs, p, wl, wt, wm, ws, equal):
    use_trend = wt > 0
    # An indicator nobody in the group reported is not a gap of anybody: it is left out.
    indicators = [ind for ind in indicators if any(
        (inputs["values"].get(m["slug"], {}).get(ind["code"]) or [None, None])[1] is not None
        for m in members)]
    raw: dict[str, dict[str, tuple]] = {}
    missing: dict[str, int] = {}
    for m in members:
        slug = m["slug"]
        raw[slug] = {}
        gaps = 0
        for ind in indicators:
            yes_no = ind["value_type"] == "yes_no"
            prev, cur = _values(inputs, slug, ind["code"], yes_no)
            growth = _growth(prev, cur, yes_no) if use_trend else None
            raw[slug][ind["code"]] = (cur, growth)
            if cur is None or (use_trend and growth is None):
                gaps += 1
        if ws > 0 and inputs["survey"].get(slug) is None:
            gaps += 1
        missing[slug] = gaps
    kept = [m for m in members if missing[m["slug"]] <= p["max_missing"]]
    excluded = [{"slug": m["slug"], "name": m["name"], "missing": missing[m["slug"]]}
                for m in members if missing[m["slug"]] > p["max_missing"]]
    indices: dict[str, dict[str, dict]] = {m["slug"]: {} for m in kept}
    notes: dict[str, Any] = {}
    for ind in indicators:
        code, lower = ind["code"], ind["direction"] == "lower"
        yes_no = ind["value_type"] == "yes_no"
        mirror = lower and not yes_no
        levels_in = {m["slug"]: raw[m["slug"]][code][0] for m in kept
                     if raw[m["slug"]][code][0] is not None}
        level, level_info = _scale(levels_in, mirror, equal)
        trend, trend_info = {}, None
        if use_trend:
            trends_in = {m["slug"]: raw[m["slug"]][code][1] for m in kept
                         if raw[m["slug"]][code][1] is not None}
            trend, trend_info = _scale(trends_in, mirror, equal)
        notes[code] = {"level": level_info, "trend": trend_info, "mirrored": mirror}
        for m in kept:
            slug = m["slug"]
            lv, tr = level.get(slug), trend.get(slug) if use_trend else None
            index = None
            if lv is not None and (not use_trend or tr is not None):
                index = (wl * lv + wt * (tr or ZERO)) / (wl + wt)
            indices[slug][code] = {"level": lv, "trend": tr, "index": index}
    rows = []
    for m in kept:
        slug = m["slug"]
        total = weight = ZERO
        for ind in indicators:
            index = indices[slug][ind["code"]]["index"]
            if index is None:
                continue
            w = (Decimal(p["sphere_weights"].get(ind["sphere"], "1"))
                 * Decimal(p["indicator_weights"].get(ind["code"], "1")))
            total += w * index
            weight += w
        mean = total / weight if weight else ZERO
        survey = _dec(inputs["survey"].get(slug))
        survey_index = survey / 100 if survey is not None else None
        if ws > 0 and survey_index is not None:
            score = wm * mean + ws * survey_index
        else:
            score = mean
        rows.append({
            "slug": slug, "name": m["name"], "score": _q(score), "mean": _q(mean),
            "survey_index": _q(survey_index), "missing": missing[slug],
            "indices": {code: {k: _q(v) for k, v in parts.items()}
                        for code, parts in indices[slug].items()},
        })
    rows.sort(key=lambda r: (-Decimal(r["score"]), r["name"], r["slug"]))
    rank, previous = 0, None
    for position, row in enumerate(rows, start=1):
        if row["score"] != previous:
            rank, previous = position, row["score"]
        row["rank"] = rank
    return rows, excluded, notes
