"""Reading and writing Pabulib files, and the rules on small hand-computed examples."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zemstvo.voting.pb import PabulibError, PBProject, dump, greedy_winners, load, parse
from zemstvo.voting.pb.rules import mes_outcome, mes_winners

DATA = Path(__file__).parent / "data" / "pabulib"

GOOD = '''META
key;value
description;Двор
num_projects;3
num_votes;3
budget;100
vote_type;approval
max_length;2
PROJECTS
project_id;cost;name
a;60;Площадка
b;50;"Сквер; ""Берёзки"""
c;40;Фонари
VOTES
voter_id;vote
1;a,b
2;b
3;c,a
'''


def test_a_file_is_read_with_meta_projects_and_votes():
    election = parse(GOOD)
    assert election.budget == Decimal(100) and election.vote_type == "approval"
    assert [row["project_id"] for row in election.projects] == ["a", "b", "c"]
    assert election.projects[1]["name"] == 'Сквер; "Берёзки"'
    assert election.ballots() == [frozenset("ab"), frozenset("b"), frozenset("ca")]


@pytest.mark.parametrize("path", sorted(DATA.glob("*.pb")), ids=lambda p: p.stem[:30])
def test_every_real_file_survives_a_write_and_a_read(path):
    election = load(path)
    again = parse(dump(election))
    assert again.meta == election.meta
    assert again.projects == election.projects
    assert again.votes == election.votes


def test_cumulative_points_are_kept_and_checked_against_the_maximum():
    text = GOOD.replace("vote_type;approval", "vote_type;cumulative\nmax_sum_points;5").replace(
        "voter_id;vote\n1;a,b\n2;b\n3;c,a", "voter_id;vote;points\n1;a,b;3,2\n2;b;5\n3;c,a;1,1")
    assert parse(text).ballots()[0] == {"a": 3, "b": 2}
    with pytest.raises(PabulibError, match="Строка 17: голос 1: сумма баллов больше 5"):
        parse(text.replace("1;a,b;3,2", "1;a,b;3,3"))


@pytest.mark.parametrize(("broken", "message"), [
    (GOOD.replace("budget;100\n", ""), "нет бюджета"),
    (GOOD.replace("PROJECTS", "PROJEKTS"), "раздела PROJECTS"),
    (GOOD.replace("a;60;", "a;шестьдесят;"), "Строка 11: стоимость проекта a: «шестьдесят»"),
    (GOOD.replace("c;40;", "a;40;"), "Строка 13: проект a указан дважды"),
    (GOOD.replace("2;b\n", "2;z\n"), "Строка 17: голос 2: неизвестный проект «z»"),
    (GOOD.replace("2;b\n", "2;b,c,a\n"), "Строка 17: голос 2: выбрано больше 2 проектов"),
    (GOOD.replace("2;b\n", "1;b\n"), "Строка 17: голосующий 1 встречается дважды"),
    (GOOD.replace("2;b\n", "2;b;лишнее\n"), "Строка 17: в разделе VOTES 3 столбцов"),
    (GOOD.replace("num_votes;3", "num_votes;4"), "num_votes = 4, а в файле 3"),
    (GOOD.replace("vote_type;approval", "vote_type;quadratic"), "Неизвестный тип голосования"),
    ("key;value\nbudget;1\n", "Строка 1: файл должен начинаться с раздела META"),
])
def test_a_broken_file_is_refused_with_the_line_in_russian(broken, message):
    with pytest.raises(PabulibError, match=message):
        parse(broken)


PROJECTS = [PBProject("a", 60), PBProject("b", 50), PBProject("c", 40), PBProject("d", 10)]


def test_greedy_funds_by_votes_and_skips_what_no_longer_fits():
    """GIVEN a: 3 votes, b: 2, c: 2, d: 0 and 100 to spend
    THEN a (60) is funded, b (50) no longer fits, c (40) does (tie b/c by id), d is
    funded with what is left, as the reference does."""
    ballots = [frozenset("ab"), frozenset("ac"), frozenset("abc")]
    assert greedy_winners(PROJECTS, ballots, 100) == ["a", "c"]
    assert greedy_winners(PROJECTS, ballots, 110) == ["a", "b"]
    assert greedy_winners(PROJECTS, ballots, 120) == ["a", "b", "d"]


def test_greedy_counts_points_of_cumulative_ballots():
    ballots = [{"a": 1, "b": 4}, {"a": 2, "c": 3}]
    assert greedy_winners(PROJECTS, ballots, 100) == ["b", "c", "d"]


def test_equal_shares_gives_the_minority_its_share():
    """GIVEN 3 voters for x and y (cost 60 each), 1 voter for z (cost 30), budget 120
    THEN each voter holds 30: the three buy x (20 each), the fourth buys z alone, and the
    three cannot afford y with their remaining 10 each; greedy would take x and y."""
    projects = [PBProject("x", 60), PBProject("y", 60), PBProject("z", 30)]
    ballots = [frozenset("xy")] * 3 + [frozenset("z")]
    assert greedy_winners(projects, ballots, 120) == ["x", "y"]
    assert mes_winners(projects, ballots, 120, completion="none") == ["x", "z"]
    outcome = mes_outcome(projects, ballots, 120)
    assert outcome.winners == ["x", "z"] and outcome.steps == 0


def test_bad_rule_arguments_are_refused():
    with pytest.raises(ValueError, match="повторяются"):
        greedy_winners([PBProject("a", 1), PBProject("a", 2)], [], 10)
    with pytest.raises(ValueError, match="Неизвестный вариант"):
        mes_winners(PROJECTS, [], 10, completion="add2")
    assert mes_winners(PROJECTS, [], 100) == []
