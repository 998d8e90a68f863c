"""The fast computation gives the digits of the all-Decimal reference, bit for bit: on
generated data of every kind the methods meet (mirrored and yes/no indicators, gaps,
equal values, a previous value of zero, weights, rounding ties), on both snapshot
shapes, and where the floats cannot promise the digits (more than 4 decimals, growths
almost equal) the group is computed in Decimal."""

from __future__ import annotations

import random

import pytest

from zemstvo.effectiveness import scoring

TYPES = ("urban_okrug", "municipal_okrug", "municipal_district")
DIRECTIONS = ("higher", "lower", "higher", "lower", "neutral")


def _indicators(rng: random.Random, count: int) -> list[dict]:
    found = []
    for n in range(count):
        yes_no = n % 7 == 3
        found.append({"code": str(n + 1), "sphere": ("economy", "school", "culture")[n % 3],
                      "direction": "higher" if yes_no else rng.choice(DIRECTIONS),
                      "value_type": "yes_no" if yes_no else "number", "name": f"П {n}"})
    return found


def _value(rng: random.Random, kind: str) -> str:
    """Values as PostgreSQL writes numeric(20, 4). "ties": on 0..2 (``_inputs`` puts 0
    and 2 in every group), every value with an odd last digit scales to a tie x.xxxx5."""
    if kind == "ties":
        return f"{rng.randint(0, 20_000) / 10_000:.4f}"
    if kind == "big":
        return f"{rng.randint(10 ** 14, 10 ** 15 - 1)}.{rng.randint(0, 9999):04d}"
    return f"{rng.uniform(0, 200):.4f}"


def _inputs(seed: int, municipalities: int = 60, indicators: int = 12) -> dict:
    rng = random.Random(seed)
    inds = _indicators(rng, indicators)
    slugs = [f"m{n}" for n in range(municipalities)]
    series = {}
    for ind in inds:
        kind = rng.choice(["ties", "plain", "plain", "big"])
        constant = rng.random() < 0.1
        flat_now = not constant and rng.random() < 0.15  # equal levels, trends differ
        previous, current = [], []
        for position, _slug in enumerate(slugs):
            if kind == "ties" and position < 6 and ind["value_type"] == "number":
                previous.append("1.0000")
                current.append(("0.0000", "2.0000")[position // 3])
                continue
            if ind["value_type"] == "yes_no":
                prev, cur = str(rng.choice((1, 2))), str(rng.choice((1, 2)))
            elif constant:
                prev = cur = "60.0000"
            elif flat_now:
                prev, cur = _value(rng, "plain"), "50.0000"
            else:
                prev, cur = _value(rng, kind), _value(rng, kind)
                if rng.random() < 0.05:
                    prev = "0.0000"
            previous.append(None if rng.random() < 0.04 else prev)
            current.append(None if rng.random() < 0.04 else cur)
        series[ind["code"]] = [previous, current]
    return {
        "year": 2024, "indicators": inds,
        "municipalities": [{"slug": s, "name": f"МО {n % 17}", "type": TYPES[n % 3]}
                           for n, s in enumerate(slugs)],
        "series": series,
        "survey": {s: f"{rng.uniform(20, 90):.2f}" for s in slugs if rng.random() < 0.95},
    }


PARAMETERS = [
    scoring.PRESETS["pp1317"], scoring.PRESETS["minmax"], scoring.PRESETS["weighted"],
    {**scoring.PRESETS["pp1317"], "equal_value": "0.5", "max_missing": 1},
    {**scoring.PRESETS["pp1317"], "level_weight": "0.3", "trend_weight": "0.7",
     "sphere_weights": {"school": "3"}, "indicator_weights": {"2": "0.25"},
     "group_by_type": False},
    {**scoring.PRESETS["weighted"], "equal_value": "2.5", "max_missing": 20},
]


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("parameters", PARAMETERS)
def test_fast_and_decimal_give_identical_results_on_generated_data(seed, parameters):
    inputs = _inputs(seed)
    assert scoring.compute(inputs, parameters) == scoring.compute_exact(inputs, parameters)


def test_both_snapshot_shapes_give_the_same_rating():
    inputs = _inputs(99)
    old = {**inputs, "values": {}}
    del old["series"]
    for code, (previous, current) in inputs["series"].items():
        for position, m in enumerate(inputs["municipalities"]):
            if previous[position] is not None or current[position] is not None:
                old["values"].setdefault(m["slug"], {})[code] = [previous[position],
                                                                 current[position]]
    for parameters in PARAMETERS:
        assert scoring.compute(old, parameters) == scoring.compute(inputs, parameters)
        assert scoring.compute_exact(old, parameters) == scoring.compute(inputs, parameters)


def _single(values: list[tuple[str | None, str | None]], direction: str = "higher") -> dict:
    slugs = [f"m{n}" for n in range(len(values))]
    return {
        "year": 2024,
        "indicators": [{"code": "1", "sphere": "economy", "direction": direction,
                        "value_type": "number"}],
        "municipalities": [{"slug": s, "name": s, "type": "urban_okrug"} for s in slugs],
        "series": {"1": [[p for p, _c in values], [c for _p, c in values]]},
        "survey": {},
    }


def _rows(result):
    return {r["slug"]: r for r in result["groups"]["urban_okrug"]}


def test_an_exact_rounding_tie_rounds_half_up_like_decimal():
    """Levels over 0..2: 1.2223/2 = 0.61115 exactly, which the float 0.61115 misses
    (it is 0.611149999…); half-up gives 0.6112 in the level and in the index."""
    inputs = _single([(None, "0.0000"), (None, "1.2223"), (None, "2.0000")])
    fast = scoring.compute(inputs, scoring.PRESETS["minmax"])
    assert fast == scoring.compute_exact(inputs, scoring.PRESETS["minmax"])
    assert _rows(fast)["m1"]["indices"]["1"] == {"level": "0.6112", "trend": None,
                                                  "index": "0.6112"}
    assert _rows(fast)["m1"]["score"] == "0.6112"


def test_a_tie_in_the_trend_and_the_score_is_computed_in_decimal():
    """Growths 1, 1.00061115 and 1.0001: the middle trend (0.00061115/0.001) = 0.61115
    is a tie; the score 0.8·mean + 0.2·survey lands on ties as well."""
    inputs = _single([("10000.0000", "10000.0000"), ("10000.0000", "10006.1115"),
                      ("10000.0000", "10010.0000")])
    inputs["survey"] = {"m0": "50.0025", "m1": "50.0025", "m2": "0.0025"}
    for parameters in (scoring.PRESETS["pp1317"], scoring.PRESETS["weighted"]):
        assert scoring.compute(inputs, parameters) == scoring.compute_exact(inputs,
                                                                            parameters)
    trend = _rows(scoring.compute(inputs, scoring.PRESETS["pp1317"]))["m1"]["indices"]["1"]
    assert trend["trend"] == "0.6112"


@pytest.mark.parametrize("values", [
    # more than 4 decimal places (a hand-made snapshot)
    [(None, "0.12345"), (None, "1"), (None, "2.5")],
    # growths a float cannot tell apart: the trend would be noise
    [("100000000000.0000", "100000000000.0001"), ("100000000000.0000", "100000000000.0002"),
     ("100000000000.0000", "100000000000.0003")],
    # a negative zero
    [(None, "-0.0000"), (None, "1.0000"), (None, "2.0000")],
    # integers and exponents as a person may type them
    [("10", "12"), ("1E+1", "2E+1"), ("20.5", "20.25")],
])
def test_data_the_floats_cannot_promise_goes_to_decimal(values):
    inputs = _single(values, direction="lower")
    for parameters in PARAMETERS:
        assert scoring.compute(inputs, parameters) == scoring.compute_exact(inputs,
                                                                            parameters)


def test_a_negative_survey_is_computed_in_decimal():
    inputs = _single([(None, "1.0000"), (None, "2.0000")])
    inputs["survey"] = {"m0": "-0.001", "m1": "10"}
    result = scoring.compute(inputs, scoring.PRESETS["weighted"])
    assert result == scoring.compute_exact(inputs, scoring.PRESETS["weighted"])
    assert _rows(result)["m0"]["survey_index"] == "-0.0000"


def test_the_generated_data_reaches_the_decimal_fallbacks(monkeypatch):
    """The equality tests above are not vacuous: the fast path does compute the groups
    (no whole group falls back to Decimal), rounding ties do occur in the generated data,
    and the fast path computes those indices again in Decimal."""
    index_calls, group_calls = [], []
    index_decimal, exact_group = scoring._index_decimal, scoring._exact_group

    def counted_index(*args):
        index_calls.append(args)
        return index_decimal(*args)

    def counted_group(group):
        group_calls.append(group)
        return exact_group(group)

    monkeypatch.setattr(scoring, "_index_decimal", counted_index)
    monkeypatch.setattr(scoring, "_exact_group", counted_group)
    inputs = _inputs(3)
    fast = scoring.compute(inputs, scoring.PRESETS["minmax"])
    assert group_calls == [] and len(index_calls) > 10
    assert fast == scoring.compute_exact(inputs, scoring.PRESETS["minmax"])
    assert len(group_calls) == 3
