"""axe-core finds no serious or critical accessibility violation on any public page,
in the normal version of the site and in the version for the visually impaired."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.public_pages import World, all_pages, build_world
from tests.e2e.sessions import log_in

BLOCKING = {"serious", "critical"}
A11Y_COOKIE = "zemstvo_a11y"
PAGES = all_pages()


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def world(transactional_db) -> World:
    return build_world()


def _report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    {target}: {node['html'][:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize("version", ["normal", "low-vision"])
@pytest.mark.parametrize("public_page", PAGES, ids=[p.name for p in PAGES])
def test_public_page_has_no_serious_accessibility_violations(
    context, axe, world, live_server, public_page, version
):
    if version == "low-vision":
        context.add_cookies([{"name": A11Y_COOKIE, "value": "1", "url": live_server.url}])
    if public_page.user:
        log_in(context, world.users[public_page.user], live_server.url)
    page = context.new_page()
    path = public_page.path(world)

    response = page.goto(path)

    assert response is not None, path
    assert response.status == 200, f"{path} answered {response.status}"
    if public_page.shows:
        expect(page.get_by_text(public_page.shows(world)).first).to_be_visible()
    body_class = page.locator("body").get_attribute("class") or ""
    assert ("a11y" in body_class.split()) == (version == "low-vision")
    violations = [
        v for v in axe.run(page).response["violations"] if v["impact"] in BLOCKING
    ]
    assert not violations, f"{path} ({version}):\n{_report(violations)}"
