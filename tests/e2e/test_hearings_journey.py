"""In the browser: the organiser runs a general-plan discussion (condensed: the
procedure is prepared through the services up to the exposition, the way a procedure
started earlier stands today), a resident sends a proposal during the exposition and
later reads the conclusion; the organiser closes it from the office."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.sessions import log_in
from tests.factories import MembershipFactory, MunicipalityFactory, SettlementFactory, UserFactory
from tests.hearings.factories import advance_to, procedure
from zemstvo.core.workdays.services import calendar_load
from zemstvo.hearings import services
from zemstvo.hearings.models import Procedure, Status


@pytest.fixture
def town(transactional_db):
    calendar_load()
    municipality = MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")
    SettlementFactory(municipality=municipality, name="Примероград", kind="г")
    return municipality


def field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def _login(context, user, live_server):
    log_in(context, user, live_server.url)


def test_general_plan_discussion_from_notice_to_conclusion(new_context, town, live_server):
    clerk = UserFactory(username="clerk")
    MembershipFactory(user=clerk, role="clerk", municipality=town)
    resident = UserFactory(username="anna", first_name="Анна", last_name="Жителева")
    today = timezone.now().astimezone(town.tz).date()

    # The organiser creates the procedure and publishes the notice in the office.
    staff = new_context()
    _login(staff, clerk, live_server)
    office = staff.new_page()
    office.goto(f"/office/hearings/new/?m={town.slug}")
    field(office, "Вид").select_option("genplan")
    field(office, "Наименование проекта").fill("Генеральный план Примерограда 2040")
    field(office, "Дата оповещения").fill(today.isoformat())
    office.get_by_role("button", name="Создать").click()
    expect(office.get_by_role("heading", name="Генеральный план Примерограда 2040")
           ).to_be_visible()
    for label, value in (("Информация о проекте", "Новый генплан."),
                         ("Перечень информационных материалов", "Карты."),
                         ("Место экспозиции", "Администрация"),
                         ("Дни и часы посещения экспозиции", "пн–пт 9–17"),
                         ("Порядок и форма внесения предложений", "Через портал."),
                         ("Официальный сайт, где размещается проект", "https://example.org")):
        field(office, label).fill(value)
    office.get_by_role("button", name="Сохранить оповещение").click()
    office.get_by_role("button", name="Опубликовать оповещение").click()
    expect(office.get_by_text("Этап: оповещение.")).to_be_visible()

    # Condensed: a second discussion, started nine days ago, is at its exposition.
    running = procedure(clerk, town, notice_date=today - timedelta(days=9),
                        title="Изменения в генеральный план")
    running = advance_to(clerk, running, Status.EXPOSITION)

    # A resident sends a proposal with the identification data the law asks for.
    people = new_context()
    _login(people, resident, live_server)
    page = people.new_page()
    page.goto(running.get_absolute_url())
    page.get_by_role("link", name="Направить предложение или замечание").click()
    field(page, "Фамилия, имя, отчество").fill("Жителева Анна Сергеевна")
    field(page, "Дата рождения").fill("1985-05-17")
    field(page, "Адрес регистрации (для организации — место нахождения)").fill("ул. Садовая, 1")
    field(page, "Предложение или замечание").fill("Сохранить сквер у реки.")
    page.get_by_role("button", name="Отправить").click()
    expect(page.get_by_text("Предложение принято")).to_be_visible()
    expect(page.get_by_text("Сохранить сквер у реки.")).to_be_visible()
    expect(page.get_by_text("Жителева Анна")).to_have_count(0)

    # The window closes; the organiser signs the protocol and recommends in the office.
    closes = services.proposals_window(running)[1]
    running = services.procedure_advance(actor=clerk, procedure=running,
                                         now=closes + timedelta(hours=1))
    running = services.procedure_advance(actor=clerk, procedure=running,
                                         now=closes + timedelta(hours=2))
    office.goto(f"/office/hearings/{running.pk}/")
    field(office, "Аргументация").fill("Соответствует схеме озеленения.")
    office.get_by_role("button", name="Сохранить", exact=True).click()
    field(office, "Выводы по результатам").fill("Рекомендовать проект к утверждению.")
    office.get_by_role("button", name="Сохранить выводы").click()
    office.get_by_role("button", name="Опубликовать заключение и завершить").click()
    expect(office.get_by_text("Этап: завершены.")).to_be_visible()
    assert Procedure.objects.get(pk=running.pk).status == Status.CLOSED

    # The resident reads the conclusion.
    page.goto(running.get_absolute_url())
    expect(page.get_by_role("heading", name="Выводы по результатам")).to_be_visible()
    expect(page.get_by_text("Рекомендовать проект к утверждению.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").nth(1).click()
    assert download.value.suggested_filename.endswith(".docx")
