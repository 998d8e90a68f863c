"""In the browser: the clerk plans a session with an agenda and a broadcast; a
resident asks a question on the agenda (moderated); the clerk starts the broadcast,
records the roll-call vote and the decision; the resident watches and reads them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.sessions import log_in
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from zemstvo.council import services
from zemstvo.council.models import QuestionStatus, ResidentQuestion, Session


@pytest.fixture
def town(transactional_db):
    return MunicipalityFactory(slug="primerograd", name="Городской округ Примероград",
                               time_zone="Asia/Kamchatka")


def field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def test_session_planned_asked_broadcast_and_voted(new_context, town, live_server):
    clerk = UserFactory(username="clerk")
    MembershipFactory(user=clerk, role="clerk", municipality=town)
    moderator = UserFactory(username="moder")
    MembershipFactory(user=moderator, role="moderator", municipality=town)
    resident = UserFactory(username="anna")
    body = services.body_save(actor=clerk, municipality=town, kind="duma",
                              name="Дума Примерограда", seats=2)
    for name in ("Иванова Мария Петровна", "Петров Олег Иванович"):
        services.deputy_save(actor=clerk, body=body, full_name=name,
                             term_from=date(2021, 9, 20))
    starts = (timezone.now() + timedelta(days=2)).astimezone(town.tz)

    # The clerk plans the session with a broadcast and puts a question on the agenda.
    staff = new_context()
    log_in(staff, clerk, live_server.url)
    office = staff.new_page()
    office.goto(f"/office/council/add/session/?m={town.slug}")
    field(office, "Вид заседания").select_option("regular")
    field(office, "Название").fill("Заседание думы № 5")
    field(office, "Начало (местное время)").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    field(office, "Место").fill("Зал заседаний")
    field(office, "Адрес трансляции (https)").fill("https://video.example.ru/embed/5")
    office.get_by_role("button", name="Сохранить").click()
    expect(office.get_by_role("heading", name="Заседание думы № 5")).to_be_visible()
    field(office, "Вопрос повестки").fill("О бюджете на 2027 год")
    field(office, "Докладчик").fill("Иванова М. П.")
    office.get_by_role("button", name="Добавить в повестку").click()
    expect(office.get_by_role("heading", name="1. О бюджете на 2027 год")).to_be_visible()
    session = Session.objects.get()
    assert session.starts_at.astimezone(town.tz).strftime("%H:%M") == starts.strftime("%H:%M")

    # A resident asks a question in advance; the moderator publishes it.
    people = new_context()
    log_in(people, resident, live_server.url)
    page = people.new_page()
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name=re.compile("Задать вопрос по этому пункту")).click()
    field(page, "Ваш вопрос").fill("Сколько денег пойдёт на ремонт дорог?")
    page.get_by_role("button", name="Отправить вопрос").click()
    expect(page.get_by_text("после проверки модератором")).to_be_visible()
    services.question_moderate(actor=moderator, question=ResidentQuestion.objects.get(),
                               approve=True)
    assert ResidentQuestion.objects.get().status == QuestionStatus.APPROVED

    # The clerk opens the broadcast, records the vote and the decision.
    field(office, "Статус").select_option("live")
    office.get_by_role("button", name="Сохранить").nth(1).click()
    page.reload()
    expect(page.get_by_role("heading", name="Прямая трансляция")).to_be_visible()
    expect(page.locator('iframe[src="https://video.example.ru/embed/5"]')).to_have_count(1)
    expect(page.get_by_text("Сколько денег пойдёт на ремонт дорог?")).to_be_visible()
    office.get_by_text("Записать поимённое голосование").click()
    field(office, "Петров Олег Иванович").select_option("abstain")
    office.get_by_role("button", name="Записать голосование").click()
    office.get_by_text("Добавить принятое решение").click()
    field(office, "Номер решения").fill("5/1")
    field(office, "Наименование").fill("О бюджете на 2027 год")
    office.get_by_role("button", name="Сохранить решение").click()
    expect(office.get_by_text("Решение № 5/1: О бюджете на 2027 год")).to_be_visible()

    # The resident reads the roll call and the decision.
    page.reload()
    expect(page.get_by_text(re.compile(r"за 1, против 0, воздержались 1"))).to_be_visible()
    expect(page.get_by_role("cell", name="воздержался")).to_be_visible()
    expect(page.get_by_text(re.compile("Решение № 5/1"))).to_be_visible()
