"""A resident's way to a verified identity, in the browser: register, confirm the
address by the e-mailed link, log in, choose the place of residence; a clerk of the
municipality verifies them in person; the resident sees the verified status."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import BrowserContext, Page, expect

from tests.factories import MembershipFactory, MunicipalityFactory, SettlementFactory, UserFactory
from zemstvo.core.accounts.models import User, VerificationDocument

PASSWORD = "Sobaka-na-sene-42"
CLERK_PASSWORD = "correct-horse-9"  # tests.factories.UserFactory's password
LINK = re.compile(r"https?://\S+/accounts/confirm/\S+")


@pytest.fixture
def town(transactional_db):
    municipality = MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")
    SettlementFactory(municipality=municipality, name="Примероград", kind="г")
    SettlementFactory(municipality=municipality, name="Заречье", kind="д")
    return municipality


@pytest.fixture
def town_clerk(town):
    clerk = UserFactory(username="clerk", first_name="Ольга", last_name="Делова")
    MembershipFactory(user=clerk, role="clerk", municipality=town)
    return clerk


def field(page: Page, label: str):
    """The form field with this label (Django writes labels with a trailing colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def _log_in(page: Page, login: str, password: str) -> None:
    field(page, "Логин или электронная почта").fill(login)
    field(page, "Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()


def _register(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Регистрация").click()
    field(page, "Имя пользователя (логин)").fill("anna")
    field(page, "Электронная почта").fill("anna@example.org")
    field(page, "Фамилия").fill("Жителева")
    field(page, "Имя").fill("Анна")
    field(page, "Отчество (если есть)").fill("Сергеевна")
    field(page, "Пароль").fill(PASSWORD)
    field(page, "Пароль ещё раз").fill(PASSWORD)
    field(page, "Согласен на обработку персональных данных").check()
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page.get_by_role("heading", name="Проверьте почту")).to_be_visible()


def _confirm_by_mail(page: Page) -> None:
    messages = [m for m in mail.outbox if "anna@example.org" in m.to]
    assert len(messages) == 1, [m.subject for m in mail.outbox]
    link = LINK.search(messages[0].body)
    assert link, messages[0].body
    page.goto(link.group())
    expect(page.get_by_text("Адрес электронной почты подтверждён.")).to_be_visible()


def _choose_residence(page: Page) -> None:
    page.get_by_role("link", name="Указать место жительства").click()
    field(page, "Название муниципального образования").fill("Примероград")
    page.get_by_role("button", name="Найти").click()
    field(page, "Муниципальное образование").select_option(value="primerograd")
    page.get_by_role("button", name="Далее: населённый пункт").click()
    field(page, "Населённый пункт").select_option(label="г Примероград")
    page.get_by_role("button", name="Сохранить место жительства").click()
    expect(page.get_by_text("Место жительства сохранено.")).to_be_visible()


def _clerk_verifies(context: BrowserContext, clerk: User) -> None:
    page = context.new_page()
    page.goto("/accounts/login/")
    _log_in(page, clerk.username, CLERK_PASSWORD)
    page.get_by_role("link", name="Кабинет сотрудника").click()
    page.get_by_role("link", name="Люди и роли").click()
    field(page, "ФИО или электронная почта").fill("Жителева")
    page.get_by_role("button", name="Найти").click()
    page.get_by_role("link", name="Жителева Анна Сергеевна").click()
    page.get_by_role("link", name="Подтвердить личность").click()
    field(page, "Предъявленный документ").select_option(label="паспорт гражданина РФ")
    field(page, "Населённый пункт проживания").select_option(label="г Примероград")
    field(page, "ФИО, дата рождения и место жительства сверены с документом").check()
    page.get_by_role("button", name="Подтвердить личность и место жительства").click()
    expect(page.get_by_text("Личность и место жительства подтверждены.")).to_be_visible()
    expect(page.get_by_text("Подтвердил(а): Делова Ольга")).to_be_visible()


def test_registered_resident_is_verified_in_person_and_sees_it(
    new_context, live_server, settings, town, town_clerk
):
    # The e-mailed links point at the server under test.
    settings.ZEMSTVO_SITE_URL = live_server.url
    resident_context = new_context()
    clerk_context = new_context()
    page = resident_context.new_page()
    _register(page)
    _confirm_by_mail(page)
    expect(field(page, "Логин или электронная почта")).to_have_value("anna")
    _log_in(page, "anna", PASSWORD)
    expect(page.get_by_role("heading", name="Личный кабинет", level=1)).to_be_visible()
    expect(page.get_by_text("Личность не подтверждена", exact=True)).to_be_visible()
    _choose_residence(page)

    _clerk_verifies(clerk_context, town_clerk)

    page.reload()
    expect(page.get_by_text("Личность подтверждена", exact=True)).to_be_visible()
    expect(page.get_by_text("способ: паспорт гражданина РФ")).to_be_visible()
    anna = User.objects.get(username="anna")
    assert anna.is_verified
    assert anna.verified_by == town_clerk
    assert anna.verification_document == VerificationDocument.PASSPORT
    assert anna.residence_settlement.name == "Примероград"
