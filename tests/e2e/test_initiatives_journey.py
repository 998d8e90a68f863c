"""A resident's way with initiative projects, in the browser: she proposes a project
(the law's fields, the cost estimate rows, the co-financing), residents confirm
membership of her initiative group through the invitation link, she attaches the
meeting protocol and submits the project; then she supports another project."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.sessions import log_in
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    SettlementFactory,
    UserFactory,
    VerifiedResidentFactory,
)
from tests.initiatives.factories import PDF_BYTES, open_round
from tests.initiatives.helpers import published
from zemstvo.core.workdays.services import calendar_load
from zemstvo.initiatives.models import Project, ProjectStatus, ProjectSupport


@pytest.fixture
def town(transactional_db):
    calendar_load()
    municipality = MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")
    settlement = SettlementFactory(municipality=municipality, name="Примероград", kind="г")
    admin = UserFactory(username="admin")
    MembershipFactory(user=admin, role="administrator", municipality=municipality)
    round_ = open_round(municipality, admin)
    neighbour = VerifiedResidentFactory(residence_municipality=municipality)
    other = published(round_, neighbour, admin, title="Ремонт колодца на Набережной")
    anna = VerifiedResidentFactory(username="anna", first_name="Анна",
                                   residence_municipality=municipality,
                                   residence_settlement=settlement)
    neighbours = [VerifiedResidentFactory(residence_municipality=municipality)
                  for _ in range(9)]
    return {"municipality": municipality, "anna": anna, "other": other,
            "neighbours": neighbours}


def field(page: Page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def _propose(page: Page) -> None:
    page.goto("/m/primerograd/initiatives/")
    page.get_by_role("link", name="Предложить проект").click()
    field(page, "Название проекта").fill("Спортивная площадка у школы")
    field(page, "Территория реализации (адрес, место)").fill("ул. Школьная, 5")
    field(page, "Описание проблемы").fill("Подросткам негде заниматься спортом.")
    field(page, "Обоснование предложений по решению проблемы").fill(
        "Площадка у школы доступна всем кварталам.")
    field(page, "Ожидаемый результат").fill("Площадка с тренажёрами.")
    field(page, "Сроки реализации").fill("июнь — август")
    field(page, "Число благополучателей").fill("400")
    field(page, "Численность населения территории").fill("2000")
    field(page, "Статья расходов 1").fill("Тренажёры")
    field(page, "Количество 1").fill("5")
    field(page, "Цена за единицу, руб. 1").fill("100000")
    field(page, "Жители: денежные средства, руб.").fill("25000")
    field(page, "Местный бюджет: денежные средства, руб.").fill("475000")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Черновик проекта сохранён.")).to_be_visible()


def test_resident_proposes_with_a_group_and_supports_another(new_context, live_server, town):
    context = new_context()
    log_in(context, town["anna"], live_server.url)
    page = context.new_page()
    _propose(page)
    invitation = page.get_by_label(
        "Ссылка-приглашение для жителей (каждый подтверждает участие сам)").input_value()

    for neighbour in town["neighbours"]:
        other_context = new_context()
        log_in(other_context, neighbour, live_server.url)
        their = other_context.new_page()
        their.goto(invitation)
        their.get_by_role("button", name="Подтверждаю участие в инициативной группе").click()
        expect(their.get_by_text("Вы подтвердили участие в инициативной группе.")).to_be_visible()
        other_context.close()

    page.reload()
    expect(page.get_by_text("Подтвердили участие (с учётом минимального возраста): 10")
           ).to_be_visible()
    field(page, "Документ").select_option(label="протокол собрания (схода, конференции)")
    field(page, "Число участников собрания (подписей, опрошенных)").fill("120")
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    field(page, "Дата").fill(yesterday)
    field(page, "Файл").set_input_files(
        {"name": "protokol.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES})
    page.get_by_role("button", name="Приложить документ").click()
    expect(page.get_by_text("Документ о поддержке приложен.")).to_be_visible()
    page.get_by_role("button", name="Внести проект в администрацию").click()
    expect(page.get_by_text("Проект внесён.")).to_be_visible()
    project = Project.objects.get(title="Спортивная площадка у школы")
    assert project.status == ProjectStatus.SUBMITTED
    assert project.cost_total == 500000 and project.group_members.count() == 10
    assert project.publication_due is not None

    page.goto(town["other"].get_absolute_url())
    page.get_by_role("button", name="Поддержать проект").click()
    expect(page.get_by_text("Спасибо: ваша поддержка учтена.")).to_be_visible()
    expect(page.get_by_text("Проект поддержал онлайн 1 житель.")).to_be_visible()
    assert ProjectSupport.objects.filter(project=town["other"], user=town["anna"]).count() == 1
