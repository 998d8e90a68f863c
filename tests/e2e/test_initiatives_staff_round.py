"""Staff run a selection round of initiative projects in the browser (issue 3: «a staff
member runs the round through scoring to published results").

Given an open round with its scoring matrix and three admitted projects (prepared
through the services), the administrator closes the acceptance; two commission members
each fill the score sheet of every project; the administrator ranks the projects,
selects them within the budget and publishes the results. A visitor then sees the
ranking and the selected projects on the public round page and downloads the
commission's protocol. Every office page visited passes axe-core (no serious or
critical violation).

The figures are the hand-computed example of tests/initiatives/test_scoring.py:
matrix 2 × co-financing bands (0–5 % → 0, 5–10 % → 3, 10 %+ → 5) + 1 × a 0..10 scale;

| project | share | bands | member 1 | member 2 | score  | request | result       |
| А       | 10 %  | 5     | 8        | 6        | 17.000 | 900 000 | selected     |
| Б       |  6 %  | 3     | 10       | 9        | 15.500 | 376 000 | not selected |
| В       |  2 %  | 0     | 10       | 10       | 10.000 |  98 000 | selected     |

Budget 1 000 000: А fits (100 000 left), Б no longer fits and is skipped, В fits.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.sessions import log_in
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    SettlementFactory,
    UserFactory,
    VerifiedResidentFactory,
)
from tests.initiatives.factories import open_round
from tests.initiatives.helpers import admitted
from zemstvo.core.workdays.services import calendar_load
from zemstvo.initiatives.models import Project, ProjectStatus, RoundStatus, Score
from zemstvo.initiatives.services import CostLine, FinancingLine

BLOCKING = {"serious", "critical"}
ROUND_TITLE = "Народный бюджет: отбор проектов"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Each member's points on the «Социальная значимость» scale, by project.
POINTS = {
    "Проект А": ("8", "6"),
    "Проект Б": ("10", "9"),
    "Проект В": ("10", "10"),
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def town(transactional_db):
    calendar_load()
    municipality = MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")
    SettlementFactory(municipality=municipality, name="Примероград", kind="г")
    admin = UserFactory(username="admin")
    MembershipFactory(user=admin, role="administrator", municipality=municipality)
    members = []
    for name in ("commission1", "commission2"):
        member = UserFactory(username=name)
        MembershipFactory(user=member, role="commission_member", municipality=municipality)
        members.append(member)
    round_ = open_round(municipality, admin, title=ROUND_TITLE)
    initiator = VerifiedResidentFactory(residence_municipality=municipality)
    projects = {
        "Проект А": admitted(round_, initiator, admin, title="Проект А"),
        "Проект Б": admitted(
            round_, initiator, admin, title="Проект Б",
            cost_items=[CostLine("Сквер", "1", "400000")],
            financing=[FinancingLine("residents", "24000"),
                       FinancingLine("local_budget", "100000"),
                       FinancingLine("regional_subsidy", "276000")]),
        "Проект В": admitted(
            round_, initiator, admin, title="Проект В",
            cost_items=[CostLine("Скамейки", "1", "100000")],
            financing=[FinancingLine("residents", "2000"),
                       FinancingLine("local_budget", "98000")]),
    }
    return {"municipality": municipality, "admin": admin, "members": members,
            "round": round_, "projects": projects}


def _report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    {target}: {node['html'][:160]}")
    return "\n".join(lines)


def _accessible(page: Page, axe: Axe) -> None:
    """The office page now shown has no serious or critical axe-core violation."""
    violations = [v for v in axe.run(page).response["violations"] if v["impact"] in BLOCKING]
    assert not violations, f"{page.url}:\n{_report(violations)}"


def _staff(new_context, live_server, user) -> Page:
    context: BrowserContext = new_context()
    log_in(context, user, live_server.url)
    return context.new_page()


def _open_round_in_office(page: Page, axe: Axe) -> None:
    page.goto("/office/initiatives/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Инициативные проекты")
    _accessible(page, axe)
    page.get_by_role("link", name=ROUND_TITLE).click()
    expect(page.get_by_role("heading", level=1, name=ROUND_TITLE)).to_be_visible()
    _accessible(page, axe)


def _score_every_project(page: Page, axe: Axe, member_index: int) -> None:
    page.get_by_role("link", name="Мои оценки проектов").click()
    expect(page.get_by_role("heading", level=1, name="Оценка проектов")).to_be_visible()
    _accessible(page, axe)
    for title, points in POINTS.items():
        sheet = page.get_by_role("table", name="Допущенные проекты")
        sheet.get_by_role("link", name=title, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Оценка проекта: {title}")
        _accessible(page, axe)
        page.get_by_label(re.compile(r"^Социальная значимость")).fill(points[member_index])
        page.get_by_role("button", name="Сохранить оценки").click()
        expect(page.get_by_text("Оценки сохранены.")).to_be_visible()
        row = page.get_by_role("row").filter(
            has=page.get_by_role("link", name=title, exact=True))
        # Both criteria: the scale given by hand, the bands computed from the project.
        expect(row.get_by_role("cell").nth(1)).to_have_text("2 / 2")
        _accessible(page, axe)


def _step(page: Page, axe: Axe, button: str, done: str, status: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text(done)).to_be_visible()
    expect(page.get_by_text(status, exact=True)).to_be_visible()
    _accessible(page, axe)


def test_staff_run_a_round_through_scoring_to_published_results(new_context, live_server,
                                                                 town, axe):
    round_ = town["round"]
    admin = _staff(new_context, live_server, town["admin"])
    _open_round_in_office(admin, axe)
    _step(admin, axe, "Закрыть приём и начать оценку",
          "Приём закрыт: идёт оценка проектов.", "оценка проектов")

    for index, member in enumerate(town["members"]):
        page = _staff(new_context, live_server, member)
        _open_round_in_office(page, axe)
        _score_every_project(page, axe, index)
        page.context.close()
    assert Score.objects.filter(project__round=round_).count() == 3 * 2 * 2

    admin.reload()
    _step(admin, axe, "Подсчитать баллы и ранжировать", "Проекты ранжированы.",
          "оценка проектов")
    office_ranking = admin.get_by_role("table", name="Рейтинг проектов")
    expect(office_ranking.get_by_role("row")).to_have_count(4)
    _step(admin, axe, "Отобрать в пределах бюджета и опубликовать итоги",
          "Проекты отобраны, итоги опубликованы.", "итоги подведены")
    round_.refresh_from_db()
    assert round_.status == RoundStatus.RESULTS
    statuses = dict(Project.objects.filter(round=round_).values_list("title", "status"))
    assert statuses == {"Проект А": ProjectStatus.SELECTED,
                        "Проект Б": ProjectStatus.NOT_SELECTED,
                        "Проект В": ProjectStatus.SELECTED}

    admin.get_by_role("link", name="Открыть на портале").click()
    expect(admin.get_by_role("heading", level=1, name=ROUND_TITLE)).to_be_visible()
    visitor = new_context().new_page()
    visitor.goto(admin.url)
    expect(visitor.get_by_role("heading", name="Итоги отбора")).to_be_visible()
    ranking = visitor.get_by_role("table", name="Рейтинг проектов")
    rows = ranking.get_by_role("row")
    expect(rows).to_have_count(4)
    expected = [("1", "Проект А", "17.000", "прошёл отбор"),
                ("2", "Проект Б", "15.500", "не прошёл отбор"),
                ("3", "Проект В", "10.000", "прошёл отбор")]
    for number, (place, title, score, result) in enumerate(expected, start=1):
        cells = rows.nth(number).get_by_role("cell")
        expect(cells.nth(0)).to_have_text(place)
        expect(cells.nth(1)).to_have_text(title)
        expect(cells.nth(2)).to_have_text(re.compile(rf"^{re.escape(score)}$|^"
                                                     rf"{re.escape(score.replace('.', ','))}$"))
        expect(cells.nth(4)).to_have_text(result)

    for label, content_type, magic in (("Протокол комиссии (DOCX)", DOCX, b"PK"),
                                       ("Протокол комиссии (PDF)", "application/pdf",
                                        b"%PDF")):
        href = visitor.get_by_role("link", name=label).get_attribute("href")
        assert href
        response = visitor.request.get(href)
        assert response.ok, f"{href} answered {response.status}"
        assert response.headers["content-type"].startswith(content_type)
        body = response.body()
        assert body and body.startswith(magic), href
