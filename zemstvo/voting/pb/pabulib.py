"""Read and write the open Pabulib format (.pb) of participatory-budgeting elections.

A file has three sections, each a semicolon-separated table with a header row:
META (key;value: budget, vote_type, limits, description...), PROJECTS (project_id;cost;...)
and VOTES (voter_id;vote;... — `vote` lists project ids separated by commas; `points`
holds the matching points of a cumulative or scoring ballot; an ordinal ballot lists the
projects from the most preferred). Format: Faliszewski et al., "Participatory Budgeting:
Data, Tools and Analysis" (IJCAI 2023), and pabulib.org/format.

Errors are `PabulibError` with a Russian message that names the line of the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from zemstvo.voting.pb.rules import Ballot, PBProject

SECTIONS = ("meta", "projects", "votes")
VOTE_TYPES = ("approval", "choose-1", "ordinal", "cumulative", "scoring")
POINT_TYPES = ("cumulative", "scoring")


class PabulibError(ValueError):
    """A .pb file that cannot be read; the message is in Russian and names the line."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"Строка {line}: {message}" if line else message)


@dataclass
class PBVote:
    voter_id: str
    projects: list[str]  # in the order of the file (for ordinal ballots: best first)
    points: list[int] | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class PBElection:
    meta: dict[str, str]
    projects: list[dict[str, str]]  # each row with every column, project_id and cost included
    votes: list[PBVote]
    project_columns: list[str] = field(default_factory=lambda: ["project_id", "cost", "name"])
    vote_columns: list[str] = field(default_factory=lambda: ["voter_id", "vote"])

    @property
    def budget(self) -> Decimal:
        return Decimal(self.meta["budget"])

    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval")

    def pb_projects(self) -> list[PBProject]:
        return [PBProject(row["project_id"], Decimal(row["cost"])) for row in self.projects]

    def ballots(self) -> list[Ballot]:
        """Ballots for the rules: points for cumulative and scoring, approvals otherwise.

        An ordinal ballot counts as an approval of every ranked project (the greedy rule
        "by votes" of the issue; pabutools' Cost_Sat reads it the same way).
        """
        if self.vote_type in POINT_TYPES:
            return [dict(zip(v.projects, v.points or [], strict=True)) for v in self.votes]
        return [frozenset(v.projects) for v in self.votes]


def _number(text: str, what: str, line: int) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise PabulibError(f"{what}: «{text}» — не число.", line) from None
    if not value.is_finite():
        raise PabulibError(f"{what}: «{text}» — не число.", line)
    return value


def _integer(text: str, what: str, line: int) -> int:
    value = _number(text, what, line)
    if value != value.to_integral_value():
        raise PabulibError(f"{what}: «{text}» — нужно целое число.", line)
    return int(value)


def _read_sections(text: str) -> dict[str, tuple[list[str], list[tuple[int, list[str]]]]]:
    """Split the file into sections: header and (line number, cells) of each row."""
    sections: dict[str, tuple[list[str], list[tuple[int, list[str]]]]] = {}
    reader = csv.reader(io.StringIO(text), delimiter=";", quotechar='"')
    current: str | None = None
    expect_header = False
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or all(not c.strip() for c in cells):
                continue
            name = cells[0].strip().lower()
            if name in SECTIONS and len([c for c in cells if c.strip()]) == 1:
                if name in sections:
                    raise PabulibError(f"раздел {name.upper()} повторяется.", line)
                current, expect_header = name, True
                sections[name] = ([], [])
                continue
            if current is None:
                raise PabulibError("файл должен начинаться с раздела META.", line)
            if expect_header:
                sections[current] = ([c.strip() for c in cells], [])
                expect_header = False
                continue
            sections[current][1].append((line, cells))
    except csv.Error as exc:
        raise PabulibError(f"ошибка разбора CSV ({exc}).", reader.line_num) from None
    for name in SECTIONS:
        if name not in sections:
            raise PabulibError(f"В файле нет раздела {name.upper()}.")
    return sections


def _rows(section: str, header: list[str], rows, required: tuple[str, ...]):
    for column in required:
        if column not in header:
            raise PabulibError(f"в разделе {section.upper()} нет столбца «{column}».")
    for line, cells in rows:
        if len(cells) != len(header):
            raise PabulibError(
                f"в разделе {section.upper()} {len(cells)} столбцов, а в заголовке {len(header)}.",
                line,
            )
        yield line, dict(zip(header, (c.strip() for c in cells), strict=True))


def _parse_meta(header, rows) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line, cells in rows:
        if len(cells) < 2:
            raise PabulibError("в разделе META ожидается «ключ;значение».", line)
        key = cells[0].strip()
        if key in meta:
            raise PabulibError(f"ключ «{key}» в разделе META повторяется.", line)
        meta[key] = ";".join(cells[1:]).strip()
    if "budget" not in meta:
        raise PabulibError("В разделе META нет бюджета (budget).")
    vote_type = meta.setdefault("vote_type", "approval")
    if vote_type not in VOTE_TYPES:
        raise PabulibError(
            f"Неизвестный тип голосования «{vote_type}»; допустимы: {', '.join(VOTE_TYPES)}."
        )
    return meta


def _parse_projects(header, rows) -> list[dict[str, str]]:
    projects: list[dict[str, str]] = []
    seen: set[str] = set()
    for line, row in _rows("projects", header, rows, ("project_id", "cost")):
        pid = row["project_id"]
        if not pid or "," in pid:
            raise PabulibError("пустой или недопустимый идентификатор проекта.", line)
        if pid in seen:
            raise PabulibError(f"проект {pid} указан дважды.", line)
        if _number(row["cost"], f"стоимость проекта {pid}", line) < 0:
            raise PabulibError(f"стоимость проекта {pid} отрицательна.", line)
        seen.add(pid)
        projects.append(row)
    if not projects:
        raise PabulibError("В разделе PROJECTS нет ни одного проекта.")
    return projects


def _limit(meta: dict[str, str], key: str) -> int | None:
    return _integer(meta[key], f"META {key}", 0) if meta.get(key) else None


def _parse_vote(line: int, row: dict[str, str], meta, known: set[str]) -> PBVote:
    vote_type = meta["vote_type"]
    chosen = [p.strip() for p in row["vote"].split(",")] if row["vote"] else []
    voter = row["voter_id"]
    for pid in chosen:
        if pid not in known:
            raise PabulibError(f"голос {voter}: неизвестный проект «{pid}».", line)
    if len(set(chosen)) != len(chosen):
        raise PabulibError(f"голос {voter}: проект указан дважды.", line)
    if vote_type == "choose-1" and len(chosen) > 1:
        raise PabulibError(f"голос {voter}: при типе choose-1 выбирают один проект.", line)
    min_length, max_length = _limit(meta, "min_length"), _limit(meta, "max_length")
    if min_length is not None and len(chosen) < min_length:
        raise PabulibError(f"голос {voter}: выбрано меньше {min_length} проектов.", line)
    if max_length is not None and len(chosen) > max_length:
        raise PabulibError(f"голос {voter}: выбрано больше {max_length} проектов.", line)
    points = None
    if vote_type in POINT_TYPES:
        if "points" not in row:
            raise PabulibError("в разделе VOTES нет столбца «points».", line)
        raw = [p for p in row["points"].split(",")] if row["points"] else []
        points = [_integer(p, f"голос {voter}: баллы", line) for p in raw]
        if len(points) != len(chosen):
            raise PabulibError(f"голос {voter}: число баллов не равно числу проектов.", line)
        if any(p < 0 for p in points):
            raise PabulibError(f"голос {voter}: баллы не могут быть отрицательными.", line)
        max_sum = _limit(meta, "max_sum_points")
        if max_sum is not None and sum(points) > max_sum:
            raise PabulibError(f"голос {voter}: сумма баллов больше {max_sum}.", line)
    extra = {k: v for k, v in row.items() if k not in ("voter_id", "vote", "points")}
    return PBVote(voter, chosen, points, extra)


def parse(text: str) -> PBElection:
    """Parse the text of a .pb file."""
    text = text.lstrip("\ufeff")
    sections = _read_sections(text)
    meta = _parse_meta(*sections["meta"])
    project_header, project_rows = sections["projects"]
    projects = _parse_projects(project_header, project_rows)
    _number(meta["budget"], "META budget", 0)
    if Decimal(meta["budget"]) < 0:
        raise PabulibError("Бюджет (budget) отрицателен.")
    vote_header, vote_rows = sections["votes"]
    known = {row["project_id"] for row in projects}
    votes: list[PBVote] = []
    voters: set[str] = set()
    for line, row in _rows("votes", vote_header, vote_rows, ("voter_id", "vote")):
        if row["voter_id"] in voters:
            raise PabulibError(f"голосующий {row['voter_id']} встречается дважды.", line)
        voters.add(row["voter_id"])
        votes.append(_parse_vote(line, row, meta, known))
    for key, actual in (("num_projects", len(projects)), ("num_votes", len(votes))):
        if meta.get(key) and _limit(meta, key) != actual:
            raise PabulibError(f"В META {key} = {meta[key]}, а в файле {actual}.")
    return PBElection(meta, projects, votes, project_header, vote_header)


def load(path: str | Path) -> PBElection:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PabulibError("Файл не в кодировке UTF-8.") from None
    return parse(text)


def dump(election: PBElection) -> str:
    """The election as the text of a .pb file."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    for key, value in election.meta.items():
        writer.writerow([key, value])
    writer.writerow(["PROJECTS"])
    writer.writerow(election.project_columns)
    for row in election.projects:
        writer.writerow([row.get(column, "") for column in election.project_columns])
    writer.writerow(["VOTES"])
    columns = list(election.vote_columns)
    if election.vote_type in POINT_TYPES and "points" not in columns:
        columns.append("points")
    writer.writerow(columns)
    for vote in election.votes:
        cells = {
            "voter_id": vote.voter_id,
            "vote": ",".join(vote.projects),
            "points": ",".join(str(p) for p in vote.points or []),
            **vote.extra,
        }
        writer.writerow([cells.get(column, "") for column in columns])
    return out.getvalue()
