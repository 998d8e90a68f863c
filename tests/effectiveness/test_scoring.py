"""Each rating method against a hand-computed example: 4 municipalities (A, B, C, D of
one type) and 3 indicators — "1" higher is better, "6" lower is better (mirrored),
"9" equal everywhere (min = max) — with D's current value of "1" missing.

Data (previous -> current year) and the survey (share of satisfied residents, %):

    ind   A        B        C        D
    1     10->12   20->20   40->30   20->—
    6     50->40   20->20   10->10   40->50
    9     60->60   60->60   60->60   60->60
    37    60       50       40       70
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from zemstvo.effectiveness import scoring

IND = [
    {"code": "1", "sphere": "economy", "direction": "higher", "value_type": "number"},
    {"code": "6", "sphere": "economy", "direction": "lower", "value_type": "number"},
    {"code": "9", "sphere": "preschool", "direction": "higher", "value_type": "number"},
]
INPUTS = {
    "year": 2024,
    "indicators": IND,
    "municipalities": [{"slug": s, "name": s, "type": "urban_okrug"} for s in "ABCD"],
    "values": {
        "A": {"1": ["10", "12"], "6": ["50", "40"], "9": ["60", "60"]},
        "B": {"1": ["20", "20"], "6": ["20", "20"], "9": ["60", "60"]},
        "C": {"1": ["40", "30"], "6": ["10", "10"], "9": ["60", "60"]},
        "D": {"1": ["20", None], "6": ["40", "50"], "9": ["60", "60"]},
    },
    "survey": {"A": "60", "B": "50", "C": "40", "D": "70"},
}


def _by_slug(result):
    return {row["slug"]: row for row in result["groups"]["urban_okrug"]}


def test_pp1317_template_matches_the_hand_computation():
    """Ind 1 (D missing): levels over 12..30: A 0, B 8/18, C 1; growth 1.2, 1, 0.75 over
    0.75..1.2: trend A 1, B 5/9, C 0. Index = 0.6·trend + 0.4·level: A 0.6, B 4.6/9,
    C 0.4.
    Ind 6 (mirrored): level (50 − A)/40: A 0.25, B 0.75, C 1, D 0; growth 0.8, 1, 1,
    1.25, mirrored (1.25 − g)/0.45: A 1, B 5/9, C 5/9, D 0. Index: A 0.7, B 0.6333,
    C 0.7333, D 0.
    Ind 9: min = max, everybody gets equal_value 1.
    Mean: A 2.3/3 = 0.7667, B 2.1444/3 = 0.7148, C 2.1333/3 = 0.7111, D (0 + 1)/2 = 0.5.
    Score = 0.8·mean + 0.2·survey/100: A 0.6133 + 0.12 = 0.7333, B 0.5719 + 0.10 =
    0.6719, C 0.5689 + 0.08 = 0.6489, D 0.4 + 0.14 = 0.54."""
    rows = _by_slug(scoring.compute(INPUTS, scoring.PRESETS["pp1317"]))
    assert {s: rows[s]["score"] for s in "ABCD"} == {
        "A": "0.7333", "B": "0.6719", "C": "0.6489", "D": "0.5400"}
    assert {s: rows[s]["rank"] for s in "ABCD"} == {"A": 1, "B": 2, "C": 3, "D": 4}
    assert rows["A"]["indices"]["1"] == {"level": "0.0000", "trend": "1.0000", "index": "0.6000"}
    assert rows["B"]["indices"]["1"]["index"] == "0.5111"
    assert rows["A"]["indices"]["6"] == {"level": "0.2500", "trend": "1.0000", "index": "0.7000"}
    assert rows["D"]["indices"]["6"]["index"] == "0.0000"
    assert rows["D"]["indices"]["1"]["index"] is None
    assert rows["C"]["indices"]["9"]["index"] == "1.0000"
    assert rows["D"]["missing"] == 1 and rows["D"]["mean"] == "0.5000"


def test_plain_minmax_on_the_current_year_matches_the_hand_computation():
    """Level only, no survey. Ind 1: A 0, B 8/18 = 0.4444, C 1 (D missing); ind 6
    mirrored: A 0.25, B 0.75, C 1, D 0; ind 9: 1. Means: A 1.25/3 = 0.4167,
    B 2.1944/3 = 0.7315, C 1, D 1/2 = 0.5."""
    rows = _by_slug(scoring.compute(INPUTS, scoring.PRESETS["minmax"]))
    assert {s: rows[s]["score"] for s in "ABCD"} == {
        "A": "0.4167", "B": "0.7315", "C": "1.0000", "D": "0.5000"}
    assert [r["slug"] for r in scoring.compute(INPUTS, scoring.PRESETS["minmax"])["groups"][
        "urban_okrug"]] == ["C", "B", "D", "A"]


def test_weighted_spheres_and_indicators_match_the_hand_computation():
    """Weights: economy 2, indicator 6 × 0.5 -> ind 1: 2, ind 6: 1, ind 9: 1.
    Weighted mean of levels: A (0 + 0.25 + 1)/4 = 0.3125, B (2·0.4444 + 0.75 + 1)/4 =
    0.6597, C 4/4 = 1, D (0 + 1)/(1 + 1) = 0.5. Score 0.8·mean + 0.2·survey/100:
    A 0.25 + 0.12 = 0.37, B 0.5278 + 0.10 = 0.6278, C 0.8 + 0.08 = 0.88, D 0.4 + 0.14."""
    parameters = {**scoring.PRESETS["weighted"], "sphere_weights": {"economy": "2"},
                  "indicator_weights": {"6": "0.5"}}
    rows = _by_slug(scoring.compute(INPUTS, parameters))
    assert {s: rows[s]["score"] for s in "ABCD"} == {
        "A": "0.3700", "B": "0.6278", "C": "0.8800", "D": "0.5400"}


def test_a_municipality_with_more_gaps_than_allowed_is_left_out_before_scaling():
    result = scoring.compute(INPUTS, {**scoring.PRESETS["minmax"], "max_missing": 0})
    assert result["excluded"] == [{"slug": "D", "name": "D", "missing": 1}]
    rows = _by_slug(result)
    # Without D, ind 6 runs 10..40: A (40 − 40)/30 = 0.
    assert rows["A"]["indices"]["6"]["level"] == "0.0000"


def test_equal_min_and_max_is_reported_and_takes_the_configured_value():
    result = scoring.compute(INPUTS, {**scoring.PRESETS["minmax"], "equal_value": "0.5"})
    assert result["indicators"]["urban_okrug"]["9"]["level"]["equal"] is True
    assert _by_slug(result)["A"]["indices"]["9"]["level"] == "0.5000"


def test_yes_no_coded_one_two_counts_yes_as_best():
    inputs = {**INPUTS, "indicators": [
        {"code": "36", "sphere": "administration", "direction": "higher",
         "value_type": "yes_no"}],
        "values": {"A": {"36": ["2", "1"]}, "B": {"36": ["2", "2"]},
                   "C": {"36": ["1", "1"]}, "D": {"36": ["1", "2"]}}}
    rows = _by_slug(scoring.compute(inputs, scoring.PRESETS["minmax"]))
    assert {s: rows[s]["score"] for s in "ABCD"} == {
        "A": "1.0000", "B": "0.0000", "C": "1.0000", "D": "0.0000"}
    # A improved (no -> yes), D got worse: the trend separates them.
    trend = _by_slug(scoring.compute(inputs, scoring.PRESETS["pp1317"]))
    assert trend["A"]["indices"]["36"]["trend"] == "1.0000"
    assert trend["D"]["indices"]["36"]["trend"] == "0.0000"


def test_ties_share_a_rank():
    rows = scoring.compute(INPUTS, {**scoring.PRESETS["minmax"], "level_weight": "1"})[
        "groups"]["urban_okrug"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    inputs = {**INPUTS, "values": {s: {"9": ["60", "60"]} for s in "ABCD"},
              "indicators": [IND[2]]}
    assert {r["rank"] for r in scoring.compute(inputs, scoring.PRESETS["minmax"])["groups"][
        "urban_okrug"]} == {1}


@pytest.mark.parametrize("bad", [
    {"level_weight": "-1"}, {"level_weight": "0", "trend_weight": "0"},
    {"max_missing": "много"}, {"mean_weight": "x"},
])
def test_bad_parameters_are_refused_in_russian(bad):
    with pytest.raises(scoring.ParameterError, match="[А-Яа-я]"):
        scoring.normalise_parameters({**scoring.PRESETS["pp1317"], **bad})


def test_decimal_results_do_not_depend_on_the_ambient_context():
    import decimal

    with decimal.localcontext(decimal.Context(prec=5)):
        low = scoring.compute(INPUTS, scoring.PRESETS["pp1317"])
    assert low == scoring.compute(INPUTS, scoring.PRESETS["pp1317"])
    assert Decimal(_by_slug(low)["A"]["score"]) == Decimal("0.7333")
