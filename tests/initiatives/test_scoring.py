"""Scoring, ranking and selection against a hand-computed example.

Matrix: C1 «co-financing share» in bands 0–5 % -> 0, 5–10 % -> 3, 10 % and more -> 5,
weight 2; C2 «social value», a scale 0..10 given by each member, weight 1.

| project | cost      | residents+business | share | C1 | member 1 C2 | member 2 C2 |
| A       | 1 000 000 | 100 000            | 10 %  | 5  | 8           | 6           |
| B       |   400 000 |  24 000            |  6 %  | 3  | 10          | 9           |
| C       |   100 000 |   2 000            |  2 %  | 0  | 10          | 10          |

Weighted totals (2·C1 + 1·C2): A: 18 and 16 -> mean 17; B: 16 and 15 -> 15.5;
C: 10 and 10 -> 10. Ranking A, B, C.
Budget 1 000 000 (600 000 + 400 000). Requests (local budget + subsidy):
A 900 000, B 376 000, C 98 000. A fits (100 000 left); B does not fit and is
skipped; C fits (2 000 left). Selected: A and C; B not selected.
"""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal

import pytest

from tests.initiatives.helpers import admitted
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.initiatives import rounds, scoring
from zemstvo.initiatives.models import ProjectStatus, Score
from zemstvo.initiatives.services import FinancingLine

pytestmark = pytest.mark.django_db


def _line(name, price):
    from zemstvo.initiatives.services import CostLine

    return [CostLine(name, "1", price)]


@pytest.fixture
def three(round_, verified_resident, municipal_admin):
    a = admitted(round_, verified_resident, municipal_admin, title="Проект А")
    b = admitted(round_, verified_resident, municipal_admin, title="Проект Б",
                 cost_items=_line("Сквер", "400000"),
                 financing=[FinancingLine("residents", "24000"),
                            FinancingLine("local_budget", "100000"),
                            FinancingLine("regional_subsidy", "276000")])
    c = admitted(round_, verified_resident, municipal_admin, title="Проект В",
                 cost_items=_line("Скамейки", "100000"),
                 financing=[FinancingLine("residents", "2000"),
                            FinancingLine("local_budget", "98000")])
    rounds.round_close_acceptance(actor=municipal_admin, round_=round_)
    return a, b, c


def _manual(round_):
    return round_.criteria.get(kind="scale").pk


def _score_all(round_, three, member1, member2):
    a, b, c = three
    manual = _manual(round_)
    for project, first, second in ((a, 8, 6), (b, 10, 9), (c, 10, 10)):
        scoring.score_sheet_save(actor=member1, project=project, points={manual: first})
        scoring.score_sheet_save(actor=member2, project=project, points={manual: second})


def test_the_hand_computed_example(round_, three, commission_member, second_member,
                                   municipal_admin):
    a, b, c = three
    _score_all(round_, three, commission_member, second_member)
    ranked = scoring.round_rank(actor=municipal_admin, round_=round_)
    assert [(p.title, p.rank, p.score_total) for p in ranked] == [
        ("Проект А", 1, Decimal("17.000")),
        ("Проект Б", 2, Decimal("15.500")),
        ("Проект В", 3, Decimal("10.000")),
    ]
    selected = scoring.round_select(actor=municipal_admin, round_=round_)
    assert selected == {a.pk, c.pk}
    for project, status in ((a, "selected"), (b, "not_selected"), (c, "selected")):
        project.refresh_from_db()
        assert project.status == status
    round_.refresh_from_db()
    assert round_.status == "results"


def test_band_points_come_from_the_project_not_from_the_member(round_, three,
                                                               commission_member):
    a, _b, _c = three
    c1 = round_.criteria.get(kind="bands")
    scoring.score_sheet_save(actor=commission_member, project=a,
                             points={_manual(round_): 8, c1.pk: 0})
    assert Score.objects.get(project=a, criterion=c1).points == 5


def test_points_outside_the_scale_are_refused_and_nothing_is_written(round_, three,
                                                                    commission_member):
    a, _b, _c = three
    for bad in (11, -1, "много", "1.234"):
        with pytest.raises(DomainError) as error:
            scoring.score_sheet_save(actor=commission_member, project=a,
                                     points={_manual(round_): bad})
        assert error.value.field_errors
    assert not Score.objects.exists()


def test_an_administrator_does_not_score(round_, three, municipal_admin):
    with pytest.raises(NotAllowed):
        scoring.score_sheet_save(actor=municipal_admin, project=three[0],
                                 points={_manual(round_): 5})


def test_ranking_waits_for_every_admitted_project_to_be_scored(round_, three,
                                                               commission_member,
                                                               municipal_admin):
    scoring.score_sheet_save(actor=commission_member, project=three[0],
                             points={_manual(round_): 5})
    with pytest.raises(DomainError, match="Не оценены проекты"):
        scoring.round_rank(actor=municipal_admin, round_=round_)
    assert not round_.projects.filter(status=ProjectStatus.SCORED).exists()


def test_pure_selection_skips_what_no_longer_fits():
    from datetime import datetime

    moment = datetime(2026, 1, 1, tzinfo=UTC)
    entries = [scoring.RankEntry(1, Decimal(9), Decimal(0), moment, Decimal(60)),
               scoring.RankEntry(2, Decimal(8), Decimal(0), moment, Decimal(50)),
               scoring.RankEntry(3, Decimal(7), Decimal(0), moment, Decimal(40))]
    assert scoring.select_within_budget(entries, Decimal(100)) == ({1, 3}, Decimal(0))


def test_ties_go_to_the_higher_co_financing_share():
    from datetime import datetime

    moment = datetime(2026, 1, 1, tzinfo=UTC)
    entries = [scoring.RankEntry(1, Decimal(9), Decimal(2), moment),
               scoring.RankEntry(2, Decimal(9), Decimal(7), moment)]
    assert [e.project_id for e in scoring.rank(entries)] == [2, 1]
