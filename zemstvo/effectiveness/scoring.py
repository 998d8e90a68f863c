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

The numbers are those of Decimal arithmetic in a fixed context (28 digits, half-up),
rounded half-up to 4 places, so recomputing from the stored inputs and parameters gives
identical numbers. ``compute_exact`` does every step in Decimal; ``compute`` gets the
same digits faster: level indices from exact integer counts of 0.0001, the rest in
binary floating point with a bound on its distance from the Decimal value, and each
number whose float lies within that bound of a rounding tie (x.xxxx5) is computed again
in Decimal, step by step as ``compute_exact`` does. Data the bound does not cover (more
than 4 decimal places, more than 20 digits, a negative zero, a trend whose values lie
too close together) sends the whole group to ``compute_exact``'s path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
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


def recode_yes_no(value: Decimal | None, yes_no: bool) -> Decimal | None:
    """БД ПМО codes yes/no as 1 = yes / 2 = no: as 1 and 0, so "yes" is the higher,
    better value; any other indicator's value as it is."""
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


CONTEXT = Context(prec=28, rounding=ROUND_HALF_UP)
# Scaled values are counts of 0.0001 below 10**20 (numeric(20, 4)): their differences are
# exact in 28 digits, and a ratio of two of them that is not a rounding tie lies farther
# from one (> 2.5e-25) than Decimal's rounding to 28 digits moves it, so rounding the
# exact ratio once gives Decimal's digits.
_SCALE, _LIMIT = 10_000, 10 ** 20
_EPS = 1.2e-16  # a correctly rounded float operation's relative error (2 ** -53, rounded up)
_TREND_BOUND = 1e-7  # a larger error bound of a trend sends the group to Decimal
_TEXT4 = [f"{n // _SCALE}.{n % _SCALE:04d}" for n in range(_SCALE + 1)]


class _Inexact(Exception):
    """The fast path cannot promise Decimal's digits for this group."""


Columns = dict[str, tuple[list[Any], list[Any]]]


def columns(inputs: Mapping[str, Any]) -> Columns:
    """indicator code -> (previous year's values, current year's values), each a list
    aligned with ``inputs["municipalities"]`` (strings, None where missing).

    Reads both snapshot shapes: ``series`` (code -> [previous list, current list], the
    compact shape ``ratings.rating_inputs`` stores) and the older ``values`` (slug ->
    code -> [previous, current]) of ratings stored before it, which stay as they are."""
    if "series" in inputs:
        return {code: (pair[0], pair[1]) for code, pair in inputs["series"].items()}
    count = len(inputs["municipalities"])
    found: Columns = {}
    for position, municipality in enumerate(inputs["municipalities"]):
        for code, pair in inputs["values"].get(municipality["slug"], {}).items():
            if not pair:
                continue
            column = found.get(code)
            if column is None:
                column = found[code] = ([None] * count, [None] * count)
            column[0][position], column[1][position] = pair[0], pair[1]
    return found


def compute(inputs: Mapping[str, Any], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The rating from a snapshot of inputs (see ``ratings.rating_inputs``): the digits of
    ``compute_exact``, computed faster (see the module's docstring)."""
    with localcontext(CONTEXT):
        return _compute(inputs, normalise_parameters(parameters), fast=True)


def compute_exact(inputs: Mapping[str, Any], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The rating with every step in Decimal: the reference ``compute`` is held to."""
    with localcontext(CONTEXT):
        return _compute(inputs, normalise_parameters(parameters), fast=False)


class _Weights:
    def __init__(self, p: dict[str, Any]):
        self.level, self.trend = Decimal(p["level_weight"]), Decimal(p["trend_weight"])
        self.mean, self.survey = Decimal(p["mean_weight"]), Decimal(p["survey_weight"])
        self.equal = Decimal(p["equal_value"])
        self.max_missing = p["max_missing"]
        self.spheres, self.indicators = p["sphere_weights"], p["indicator_weights"]

    def of(self, indicator: Mapping[str, Any]) -> Decimal:
        return (Decimal(self.spheres.get(indicator["sphere"], "1"))
                * Decimal(self.indicators.get(indicator["code"], "1")))


def _compute(inputs: Mapping[str, Any], p: dict[str, Any], *, fast: bool) -> dict[str, Any]:
    weights = _Weights(p)
    series = columns(inputs)
    groups: dict[str, list[int]] = {}
    for position, municipality in enumerate(inputs["municipalities"]):
        key = municipality["type"] if p["group_by_type"] else "all"
        groups.setdefault(key, []).append(position)
    result: dict[str, Any] = {"groups": {}, "excluded": [], "indicators": {}}
    for key in sorted(groups):
        group = _Group(inputs, series, groups[key], weights)
        rows = None
        if fast:
            try:
                rows, excluded, notes = _fast_group(group)
            except _Inexact:
                rows = None
        if rows is None:
            rows, excluded, notes = _exact_group(group)
        _rank(rows)
        result["groups"][key] = rows
        result["excluded"].extend(excluded)
        result["indicators"][key] = notes
    return result


class _Group:
    """One peer group: its members (positions in the snapshot) and the indicators
    anybody in it reported for the year (the others are nobody's gap)."""

    def __init__(self, inputs: Mapping[str, Any], series: Columns, positions: list[int],
                 weights: _Weights):
        self.members = [inputs["municipalities"][i] for i in positions]
        self.positions = positions
        self.survey = inputs["survey"]
        self.weights = weights
        self.indicators = []
        self.columns = {}
        for indicator in inputs["indicators"]:
            column = series.get(indicator["code"])
            if column is None:
                continue
            previous, current = column
            if any(current[i] is not None for i in positions):
                self.indicators.append(indicator)
                self.columns[indicator["code"]] = ([previous[i] for i in positions],
                                                   [current[i] for i in positions])


def _rank(rows: list[dict[str, Any]]) -> None:
    rows.sort(key=lambda r: (-Decimal(r["score"]), r["name"], r["slug"]))
    rank, previous = 0, None
    for position, row in enumerate(rows, start=1):
        if row["score"] != previous:
            rank, previous = position, row["score"]
        row["rank"] = rank


# --- the reference: every step in Decimal -------------------------------------------------

def _exact_group(group: _Group):
    w = group.weights
    wl, wt, ws, equal = w.level, w.trend, w.survey, w.equal
    use_trend = wt > 0
    indicators = group.indicators
    raw: list[dict[str, tuple]] = []
    missing: list[int] = []
    for j, m in enumerate(group.members):
        cells: dict[str, tuple] = {}
        gaps = 0
        for ind in indicators:
            yes_no = ind["value_type"] == "yes_no"
            previous, current = group.columns[ind["code"]]
            prev = recode_yes_no(_dec(previous[j]), yes_no)
            cur = recode_yes_no(_dec(current[j]), yes_no)
            growth = _growth(prev, cur, yes_no) if use_trend else None
            cells[ind["code"]] = (cur, growth)
            if cur is None or (use_trend and growth is None):
                gaps += 1
        if ws > 0 and group.survey.get(m["slug"]) is None:
            gaps += 1
        raw.append(cells)
        missing.append(gaps)
    kept = [j for j in range(len(group.members)) if missing[j] <= w.max_missing]
    excluded = [{"slug": m["slug"], "name": m["name"], "missing": missing[j]}
                for j, m in enumerate(group.members) if missing[j] > w.max_missing]
    indices: dict[int, dict[str, dict]] = {j: {} for j in kept}
    notes: dict[str, Any] = {}
    for ind in indicators:
        code, lower = ind["code"], ind["direction"] == "lower"
        mirror = lower and ind["value_type"] != "yes_no"
        levels_in = {j: raw[j][code][0] for j in kept if raw[j][code][0] is not None}
        level, level_info = _scale(levels_in, mirror, equal)
        trend, trend_info = {}, None
        if use_trend:
            trends_in = {j: raw[j][code][1] for j in kept if raw[j][code][1] is not None}
            trend, trend_info = _scale(trends_in, mirror, equal)
        notes[code] = {"level": level_info, "trend": trend_info, "mirrored": mirror}
        for j in kept:
            lv, tr = level.get(j), trend.get(j) if use_trend else None
            index = None
            if lv is not None and (not use_trend or tr is not None):
                index = (wl * lv + wt * (tr or ZERO)) / (wl + wt)
            indices[j][code] = {"level": lv, "trend": tr, "index": index}
    rows = []
    for j in kept:
        m = group.members[j]
        mean, survey_index, score = _exact_score(
            group, m["slug"], [(ind, indices[j][ind["code"]]["index"]) for ind in indicators])
        rows.append({
            "slug": m["slug"], "name": m["name"], "score": _q(score), "mean": _q(mean),
            "survey_index": _q(survey_index), "missing": missing[j],
            "indices": {code: {k: _q(v) for k, v in parts.items()}
                        for code, parts in indices[j].items()},
        })
    return rows, excluded, notes


def _exact_score(group: _Group, slug: str, indices: list[tuple[Mapping[str, Any], Any]]
                 ) -> tuple[Decimal, Decimal | None, Decimal]:
    """Weighted mean of the indicator indices, survey index and score, in Decimal."""
    w = group.weights
    total = weight = ZERO
    for ind, index in indices:
        if index is None:
            continue
        factor = w.of(ind)
        total += factor * index
        weight += factor
    mean = total / weight if weight else ZERO
    survey = _dec(group.survey.get(slug))
    survey_index = survey / 100 if survey is not None else None
    if w.survey > 0 and survey_index is not None:
        return mean, survey_index, w.mean * mean + w.survey * survey_index
    return mean, survey_index, mean


# --- the fast path ------------------------------------------------------------------------

# Values as PostgreSQL writes numeric(20, 4): at most 16 + 4 digits, no negative zero.
_CANONICAL = re.compile(r"(?:(?:-(?!0+\.0000(?:,|$)))?[0-9]{1,16}\.[0-9]{4}(?:,|$))*")


def _scaled_column(texts: list[Any]) -> list[int | None]:
    """``_scaled`` of each value; one pattern check for a column of canonical texts."""
    present = [t for t in texts if t is not None]
    if all(type(t) is str for t in present) and _CANONICAL.fullmatch(",".join(present)):
        return [None if t is None else int(t.replace(".", "")) for t in texts]
    return [_scaled(t) for t in texts]


def _scaled(text: Any) -> int | None:
    """A value as an exact count of 0.0001 (recoding is the caller's)."""
    if text is None:
        return None
    if type(text) is str and len(text) > 5 and text[-5] == ".":
        head, tail = text[:-5], text[-4:]
        digits = head[1:] if head[:1] == "-" else head
        if digits.isascii() and digits.isdigit() and tail.isascii() and tail.isdigit():
            number = int(head + tail)
            if not -_LIMIT < number < _LIMIT or (number == 0 and head[:1] == "-"):
                raise _Inexact
            return number
    try:
        value = Decimal(str(text))
    except InvalidOperation as exc:
        raise _Inexact from exc
    if not value.is_finite() or (value == 0 and value.is_signed()):
        raise _Inexact
    scaled = value * _SCALE
    number = int(scaled)
    if number != scaled or not -_LIMIT < number < _LIMIT:
        raise _Inexact
    return number


def _half_up(x: float, err: float) -> str | None:
    """``x`` rounded half-up to 4 places, or None when the Decimal value, within ``err``
    of ``x``, may lie on the other side of a tie."""
    y = x * 10000.0
    if not -0.5 < y < 1e14:
        return None
    n = int(y)
    frac = y - n
    band = err * 10000.0 + y * 3e-16
    if frac > 0.5 + band:
        n += 1
    elif not frac < 0.5 - band:
        return None
    return _TEXT4[n] if n <= _SCALE else f"{n // _SCALE}.{n % _SCALE:04d}"


def _ratio_text(a: int, span: int) -> str:
    """``a/span`` (0 <= a <= span, exact integers) rounded half-up to 4 places."""
    return _TEXT4[(2 * _SCALE * a + span) // (2 * span)]


def _text(value: Decimal) -> str:
    return str(value.quantize(PLACES, rounding=ROUND_HALF_UP))


class _Column:
    """One indicator over the kept members of a group: how to get each member's level
    and trend index as a float with its error bound, as a string, and again in
    Decimal."""

    def __init__(self, ind: Mapping[str, Any], previous: list[Any], current: list[Any],
                 kept: list[int], cur: list[int | None], growth: list[Any],
                 use_trend: bool, equal: Decimal, magnitude: float):
        self.code = ind["code"]
        self.yes_no = ind["value_type"] == "yes_no"
        self.mirror = ind["direction"] == "lower" and not self.yes_no
        self.previous, self.current, self.cur, self.growth = previous, current, cur, growth
        self.equal = equal
        self.level_info = self._level_stats([j for j in kept if cur[j] is not None])
        self.trend_info = None
        self.err_trend = 0.0
        if use_trend:
            self.trend_info = self._trend_stats([j for j in kept if growth[j] is not None],
                                                magnitude)

    def _level_stats(self, present: list[int]) -> dict[str, Any]:
        if not present:
            return {"min": None, "max": None, "equal": False}
        values = [self.cur[j] for j in present]
        low, high = min(values), max(values)
        self.low, self.span = low, high - low
        first_low = present[values.index(low)]
        first_high = present[values.index(high)]
        return {"min": self._level_text(first_low), "max": self._level_text(first_high),
                "equal": low == high}

    def _level_text(self, j: int) -> str:
        if self.yes_no:
            return "1" if self.cur[j] else "0"
        return str(Decimal(str(self.current[j])))

    def _trend_stats(self, present: list[int], magnitude: float) -> dict[str, Any]:
        if not present:
            return {"min": None, "max": None, "equal": False}
        values = [self.growth[j] for j in present]
        if self.yes_no:  # changes of 0/1 codes: exact integers
            low, high = min(values), max(values)
            self.glow, self.gspan = low, high - low
            return {"min": str(Decimal(low)), "max": str(Decimal(high)), "equal": low == high}
        low_f, high_f = min(values), max(values)
        size = max(abs(low_f), abs(high_f))
        tolerance = 4.5 * _EPS * size
        low_d = self._extreme(present, values, low_f + tolerance, lambda v, f: v <= f, min)
        high_d = self._extreme(present, values, high_f - tolerance, lambda v, f: v >= f, max)
        self.glow_d, self.ghigh_d = low_d, high_d
        info = {"min": str(low_d), "max": str(high_d), "equal": low_d == high_d}
        if low_d != high_d:
            self.glow, self.ghigh = float(low_d), float(high_d)
            span = self.ghigh - self.glow
            if span <= 0:
                raise _Inexact
            self.err_trend = 4e-15 * size / span + 1e-15 * magnitude
            if self.err_trend > _TREND_BOUND:
                raise _Inexact
        return info

    def _extreme(self, present, values, limit, near, pick) -> Decimal:
        """The Decimal minimum (maximum) growth, the first in order among equals: the
        floats within the rounding bound of the float extreme are its candidates."""
        found = None
        for j, value in zip(present, values, strict=True):
            if near(value, limit):
                exact = self._growth_decimal(j)
                if found is None or pick(exact, found) != found:
                    found = exact
        return found

    def _growth_decimal(self, j: int) -> Decimal:
        return Decimal(str(self.current[j])) / Decimal(str(self.previous[j]))

    def level_decimal(self, j: int) -> Decimal:
        if self.span == 0:
            return self.equal
        v = self.cur[j]
        a = self.low + self.span - v if self.mirror else v - self.low
        return Decimal(a) / Decimal(self.span)

    def trend_decimal(self, j: int) -> Decimal:
        if self.yes_no:
            if self.gspan == 0:
                return self.equal
            return Decimal(self.growth[j] - self.glow) / Decimal(self.gspan)
        if self.glow_d == self.ghigh_d:
            return self.equal
        growth = self._growth_decimal(j)
        span = self.ghigh_d - self.glow_d
        if self.mirror:
            return (self.ghigh_d - growth) / span
        return (growth - self.glow_d) / span


def _fast_group(group: _Group):
    w = group.weights
    wl, wt, wm, ws, equal = w.level, w.trend, w.mean, w.survey, w.equal
    use_trend = wt > 0
    wl_f, wt_f, wm_f, ws_f = float(wl), float(wt), float(wm), float(ws)
    wsum_f = float(wl + wt)
    equal_f = float(equal)
    magnitude = max(1.0, equal_f)
    equal_text = _text(equal)
    members, count = group.members, len(group.members)
    missing = [0] * count
    parsed = []
    for ind in group.indicators:
        yes_no = ind["value_type"] == "yes_no"
        previous, current = group.columns[ind["code"]]
        cur = _scaled_column(current)
        growth: list[Any] = [None] * count
        if use_trend:
            prev = _scaled_column(previous)
            if yes_no:
                cur = [None if v is None else int(v == _SCALE) for v in cur]
                prev = [None if v is None else int(v == _SCALE) for v in prev]
                growth = [None if a is None or b is None else b - a
                          for a, b in zip(prev, cur, strict=True)]
            else:
                growth = [None if a is None or b is None or a == 0 else b / a
                          for a, b in zip(prev, cur, strict=True)]
            for j in range(count):
                if cur[j] is None or growth[j] is None:
                    missing[j] += 1
        else:
            if yes_no:
                cur = [None if v is None else int(v == _SCALE) for v in cur]
            for j in range(count):
                if cur[j] is None:
                    missing[j] += 1
        parsed.append((ind, previous, current, cur, growth))
    if ws > 0:
        for j, m in enumerate(members):
            if group.survey.get(m["slug"]) is None:
                missing[j] += 1
    kept = [j for j in range(count) if missing[j] <= w.max_missing]
    excluded = [{"slug": m["slug"], "name": m["name"], "missing": missing[j]}
                for j, m in enumerate(members) if missing[j] > w.max_missing]
    notes: dict[str, Any] = {}
    rows = {j: {"slug": members[j]["slug"], "name": members[j]["name"], "missing": missing[j],
                "indices": {}} for j in kept}
    # Per kept member: the weighted sum of its indices and the sum of their weights.
    totals = dict.fromkeys(kept, 0.0)
    weights = dict.fromkeys(kept, 0.0)
    if magnitude >= 1e9:
        raise _Inexact
    err_rows = 0.0
    columns: list[tuple[_Column, Decimal]] = []
    for ind, previous, current, cur, growth in parsed:
        column = _Column(ind, previous, current, kept, cur, growth, use_trend, equal,
                         magnitude)
        factor = w.of(ind)
        factor_f = float(factor)
        if (factor_f == 0) != (factor == 0):
            raise _Inexact
        columns.append((column, factor))
        code = column.code
        notes[code] = {"level": column.level_info, "trend": column.trend_info,
                       "mirrored": column.mirror}
        err_index = max(4 * _EPS * magnitude, column.err_trend) + 2e-15 * magnitude
        err_rows = max(err_rows, err_index)
        level_equal = column.level_info["equal"]
        trend_equal = use_trend and column.trend_info["equal"]
        if not level_equal and column.level_info["min"] is not None:
            low, span, mirror = column.low, column.span, column.mirror
            high, twice = low + span, 2 * span
        # A number indicator's trend scaled in floats here (yes/no: exact, in _trend_float).
        float_trend = use_trend and not trend_equal and not column.yes_no
        if float_trend:
            glow, ghigh, trend_mirror = column.glow, column.ghigh, column.mirror
            gspan = ghigh - glow
        for j in kept:
            entry = {"level": None, "trend": None, "index": None}
            rows[j]["indices"][code] = entry
            v = cur[j]
            if v is None:
                continue
            if level_equal:
                lv_f = equal_f
                entry["level"] = equal_text
            else:
                a = high - v if mirror else v - low
                lv_f = a / span
                entry["level"] = _TEXT4[(20_000 * a + span) // twice]
            if use_trend:
                if growth[j] is None:
                    continue
                if float_trend:
                    g = growth[j]
                    tr_f = (ghigh - g) / gspan if trend_mirror else (g - glow) / gspan
                    entry["trend"] = (_half_up(tr_f, column.err_trend)
                                      or _text(column.trend_decimal(j)))
                elif trend_equal:
                    tr_f = equal_f
                    entry["trend"] = equal_text
                else:
                    tr_f, entry["trend"] = _yes_no_trend(column, j)
                index_f = (wl_f * lv_f + wt_f * tr_f) / wsum_f
            else:
                index_f = (wl_f * lv_f) / wsum_f
            entry["index"] = (_half_up(index_f, err_index)
                              or _text(_index_decimal(column, j, wl, wt, use_trend)))
            totals[j] += factor_f * index_f
            weights[j] += factor_f
    out = []
    count_columns = len(columns)
    for j in kept:
        row = rows[j]
        slug = row["slug"]
        texts = _fast_score(group, slug, totals[j], weights[j], err_rows, count_columns,
                            magnitude, wm_f, ws_f)
        if texts is None:
            indices = [(column.code, factor, _index_decimal(column, j, wl, wt, use_trend)
                        if row["indices"][column.code]["index"] is not None else None)
                       for column, factor in columns]
            texts = _replica_score(group, slug, indices)
        row["score"], row["mean"], row["survey_index"] = texts
        out.append(row)
    return out, excluded, notes


def _yes_no_trend(column: _Column, j: int) -> tuple[float, str]:
    """The trend of a yes/no indicator: changes of 0/1 codes, exact integers."""
    a = column.growth[j] - column.glow
    return a / column.gspan, _ratio_text(a, column.gspan)


def _index_decimal(column: _Column, j: int, wl: Decimal, wt: Decimal, use_trend: bool
                   ) -> Decimal:
    lv = column.level_decimal(j)
    tr = column.trend_decimal(j) if use_trend else None
    return (wl * lv + wt * (tr or ZERO)) / (wl + wt)


def _fast_score(group: _Group, slug: str, total: float, weight: float, err: float, n: int,
                magnitude: float, wm_f: float, ws_f: float
                ) -> tuple[str, str, str | None] | None:
    """(score, mean, survey index) texts, or None when one needs Decimal."""
    w = group.weights
    mean_f = total / weight if weight else 0.0
    err_mean = err + (n + 4) * 5 * _EPS * magnitude
    mean = _half_up(mean_f, err_mean)
    raw = group.survey.get(slug)
    survey = survey_f = None
    if raw is not None:
        value = Decimal(str(raw))
        if not value.is_finite() or value < 0 or value > 10 ** 12:
            return None
        survey_f = float(value) / 100.0
        survey = _half_up(survey_f, 3 * _EPS * survey_f)
        if survey is None:
            return None
    if mean is None:
        return None
    if w.survey > 0 and survey_f is not None:
        score_f = wm_f * mean_f + ws_f * survey_f
        err_score = (wm_f * err_mean + ws_f * 3 * _EPS * survey_f
                     + 4 * _EPS * (wm_f * magnitude + ws_f * survey_f))
        score = _half_up(score_f, err_score)
        if score is None:
            return None
        return score, mean, survey
    return mean, mean, survey


def _replica_score(group: _Group, slug: str, indices: list[tuple[str, Decimal, Any]]
                   ) -> tuple[str | None, str, str | None]:
    by_code = {ind["code"]: ind for ind in group.indicators}
    mean, survey_index, score = _exact_score(
        group, slug, [(by_code[code], index) for code, _factor, index in indices])
    return _q(score), _q(mean), _q(survey_index)
