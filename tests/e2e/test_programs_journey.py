"""Programs in the browser: a clerk posts a progress update on an activity; a resident
opens the programs list, reads the program's progress page (late point with its
reason, money by year as a table) and subscribes to the program."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.sessions import log_in
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory


@pytest.fixture
def town(transactional_db):
    return MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")


def test_clerk_reports_and_resident_reads_the_program(new_context, town, live_server):
    from tests.programs.factories import hand_program
    from zemstvo.core.notifications.models import Subscription
    from zemstvo.programs.models import ProgressUpdate

    analyst = UserFactory(username="analyst")
    MembershipFactory(user=analyst, role="analyst", municipality=town)
    clerk = UserFactory(username="clerk")
    MembershipFactory(user=clerk, role="clerk", municipality=town)
    resident = UserFactory(username="resident")
    program = hand_program(town, analyst, date.today())
    activity = program.activities.get(title="Освещение")

    staff = new_context()
    log_in(staff, clerk, live_server.url)
    page = staff.new_page()
    page.goto(f"/office/programs/activities/{activity.pk}/")
    page.get_by_label("Что сделано").fill("Смонтированы 20 опор освещения")
    page.get_by_label("Готовность, %").fill("80")
    page.get_by_role("button", name="Сохранить").first.click()
    expect(page.get_by_text("Сохранено.")).to_be_visible()
    assert ProgressUpdate.objects.get(activity=activity).progress == 80

    visitor = new_context()
    log_in(visitor, resident, live_server.url)
    page = visitor.new_page()
    page.goto(f"/m/{town.slug}/programs/")
    page.get_by_role("link", name="Развитие инфраструктуры").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Развитие инфраструктуры")
    expect(page.locator("#late + ul")).to_contain_text("Подрядчик сорвал поставку")
    years = page.get_by_role("table", name=re.compile("По годам"))
    expect(years.get_by_role("row", name=re.compile("2026"))).to_contain_text("62,5")
    page.get_by_role("link", name="Освещение").click()
    expect(page.get_by_text("Смонтированы 20 опор освещения")).to_be_visible()
    page.go_back()
    page.get_by_role("button", name=re.compile("Подписаться")).click()
    expect(page.get_by_role("button", name=re.compile("Отписаться"))).to_be_visible()
    assert Subscription.objects.filter(user=resident).exists()
