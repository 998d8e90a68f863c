"""`zemstvo pb-import` and `zemstvo pb-export`: Pabulib files in and out of the platform."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.voting.factories import budget_poll
from zemstvo.core.audit.models import AuditEvent
from zemstvo.voting.models import Ballot, BallotChoice, BallotType, Poll, PollStatus, VoterRegister
from zemstvo.voting.pb import greedy_winners, load, mes_winners, parse

DATA = Path(__file__).parent / "data" / "pabulib"
FILES = sorted(DATA.glob("*.pb"))
pytestmark = pytest.mark.django_db


def _import(path: Path, municipality) -> Poll:
    call_command("pb_import", str(path), municipality=municipality.slug, stdout=StringIO())
    return Poll.objects.latest("id")


def _export(poll: Poll) -> str:
    out = StringIO()
    call_command("pb_export", str(poll.pk), stdout=out)
    return out.getvalue()


def _winners(election):
    projects, ballots, budget = election.pb_projects(), election.ballots(), election.budget
    return (greedy_winners(projects, ballots, budget),
            mes_winners(projects, ballots, budget, completion="greedy"))


def _renamed(election, new_ids):
    """The election with its project ids replaced (ties are broken by id)."""
    for row in election.projects:
        row["project_id"] = new_ids[row["project_id"]]
    for vote in election.votes:
        vote.projects = [new_ids[p] for p in vote.projects]
    return election


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem[:30])
def test_an_imported_election_exports_with_the_same_ballots_and_winners(path, municipality):
    original = load(path)
    poll = _import(path, municipality)

    assert poll.status == PollStatus.CLOSED and poll.budget == original.budget
    assert poll.ballot_type == (BallotType.CUMULATIVE if original.vote_type == "cumulative"
                                else BallotType.BUDGET)
    assert Ballot.objects.filter(poll=poll).count() == len(original.votes)
    assert not VoterRegister.objects.filter(poll=poll).exists()
    assert AuditEvent.objects.filter(action="voting.import").count() == 1

    exported = parse(_export(poll))
    # option ids replace Pabulib ids; the title starts with the original id
    original_ids = {row["project_id"]: row["name"].split(". ", 1)[0] for row in exported.projects}
    assert exported.vote_type == ("cumulative" if original.vote_type == "cumulative"
                                  else "approval")
    exported_votes = sorted(sorted(original_ids[p] for p in v.projects) for v in exported.votes)
    assert exported_votes == sorted(sorted(v.projects) for v in original.votes)
    assert _winners(_renamed(exported, original_ids)) == _winners(original)


def test_points_of_a_cumulative_election_are_imported(municipality):
    path = DATA / "Poland_Czestochowa_2020_Bleszno.pb"
    poll = _import(path, municipality)
    original = load(path)
    assert poll.points_total == 10
    total = sum(BallotChoice.objects.filter(poll=poll).values_list("points", flat=True))
    assert total == sum(sum(v.points) for v in original.votes)


def test_a_broken_file_is_refused_with_its_line_and_nothing_is_written(municipality, tmp_path):
    text = (DATA / "France_Toulouse_2022_17_-_Mirail-Universite_Reynerie_Bellefontaine.pb"
            ).read_text(encoding="utf-8")
    broken = tmp_path / "broken.pb"
    broken.write_text(text.replace("17-37;185", "17-37;999"), encoding="utf-8")
    with pytest.raises(CommandError, match="Строка 32: голос 17-37: неизвестный проект «999»"):
        call_command("pb_import", str(broken), municipality=municipality.slug)
    assert not Poll.objects.exists() and not Ballot.objects.exists()


def test_import_refuses_an_unknown_municipality_or_a_missing_file(municipality, tmp_path):
    with pytest.raises(CommandError, match="не найдено"):
        call_command("pb_import", str(FILES[0]), municipality="nowhere")
    with pytest.raises(CommandError, match="Не удалось прочитать файл"):
        call_command("pb_import", str(tmp_path / "none.pb"), municipality=municipality.slug)
    assert not Poll.objects.exists()


def test_a_running_vote_is_not_exported(municipality):
    poll = budget_poll(municipality)
    assert poll.status == PollStatus.OPEN
    with pytest.raises(CommandError, match="только завершённое"):
        _export(poll)
    with pytest.raises(CommandError, match="не найдено"):
        call_command("pb_export", "999999")


def test_export_writes_the_file_given(municipality, tmp_path):
    poll = _import(FILES[0], municipality)
    target = tmp_path / "out.pb"
    call_command("pb_export", str(poll.pk), "-o", str(target), stdout=StringIO())
    assert len(load(target).votes) == len(load(FILES[0]).votes)
