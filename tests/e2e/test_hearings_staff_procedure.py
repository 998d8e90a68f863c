"""In the browser: the organiser's staff run a general-plan public discussion from the
notice to the conclusion through the office pages (ГрК РФ ст. 5.1, ст. 28), and a
visitor reads the conclusion and downloads the protocol and the conclusion.

The live server runs on real time. The procedure is dated so that every step is lawful
today: its notice date is 22 days ago, so the exposition (days 7–21 of the schedule)
ended yesterday and the protocol stage runs today. Only one step cannot be taken in the
browser today: publishing the notice, which the law allows no later than the notice
date itself (services._check_advance refuses it once that date has passed), while the
later stages need their own start dates to have come. No single real day satisfies
both, so that one step goes through the service with ``now=`` on the notice date; every
other step is a button or a form of the office. The written and visitor-book proposals
carry their real receipt time inside the exposition (entered the day after it ended,
as a letter posted on its last day would be), which the service checks.

axe-core checks each office page as the staff see it (no serious or critical issues).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.sessions import log_in
from tests.factories import MembershipFactory, MunicipalityFactory, SettlementFactory, UserFactory
from zemstvo.core.workdays.services import calendar_load
from zemstvo.hearings import services
from zemstvo.hearings.demo import tiny_pdf
from zemstvo.hearings.models import Channel, Procedure, Recommendation, Status

BLOCKING = {"serious", "critical"}
TITLE = "Генеральный план Примерограда 2045"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def town(transactional_db):
    calendar_load()
    municipality = MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")
    SettlementFactory(municipality=municipality, name="Примероград", kind="г")
    return municipality


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def field(page: Page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def assert_accessible(axe: Axe, page: Page) -> None:
    violations = [v for v in axe.run(page).response["violations"] if v["impact"] in BLOCKING]
    assert not violations, page.url + "\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(n["html"][:120] for n in v["nodes"]) for v in violations)


def local(municipality, day, hour: int) -> str:
    """A datetime-local input value for ``hour`` o'clock of ``day`` in the town."""
    return datetime.combine(day, time(hour), tzinfo=municipality.tz).strftime("%Y-%m-%dT%H:%M")


def advance(page: Page, button: str, stage: str) -> None:
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text(f"Этап: {stage}.")).to_be_visible()


def test_staff_run_general_plan_discussion_in_the_office(new_context, town, live_server, axe):
    clerk = UserFactory(username="clerk")
    MembershipFactory(user=clerk, role="clerk", municipality=town)
    today = timezone.now().astimezone(town.tz).date()
    notice_date = today - timedelta(days=22)

    staff = new_context()
    log_in(staff, clerk, live_server.url)
    office = staff.new_page()

    # The office list, then a new procedure through the form.
    office.goto(f"/office/hearings/?m={town.slug}")
    expect(office.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(axe, office)
    office.goto(f"/office/hearings/new/?m={town.slug}")
    assert_accessible(axe, office)
    field(office, "Вид").select_option("genplan")
    field(office, "Форма").select_option("discussion")
    field(office, "Наименование проекта").fill(TITLE)
    field(office, "Дата оповещения").fill(notice_date.isoformat())
    office.get_by_role("button", name="Создать").click()
    expect(office.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(office.get_by_text("Процедура создана: заполните оповещение.")).to_be_visible()
    assert_accessible(axe, office)
    procedure = Procedure.objects.get(title=TITLE)
    detail_url = office.url

    # The notice, with every item the law requires.
    for label, value in (("Информация о проекте", "Новый генеральный план городского округа."),
                         ("Перечень информационных материалов", "Карты, пояснительная записка."),
                         ("Место экспозиции", "Администрация, каб. 12"),
                         ("Дни и часы посещения экспозиции", "пн–пт 9–17"),
                         ("Порядок и форма внесения предложений",
                          "Через портал, письменно и в книге посетителей."),
                         ("Официальный сайт, где размещается проект", "https://example.org/gp")):
        field(office, label).fill(value)
    office.get_by_role("button", name="Сохранить оповещение").click()
    expect(office.get_by_text("Оповещение сохранено.")).to_be_visible()
    expect(office.get_by_text("В оповещении не хватает")).to_have_count(0)

    # The draft of the general plan.
    field(office, "Название файла").fill("Проект генерального плана")
    field(office, "Файл").set_input_files(files=[{
        "name": "genplan.pdf", "mimeType": "application/pdf",
        "buffer": tiny_pdf("Проект генерального плана")}])
    office.get_by_role("button", name="Прикрепить").click()
    expect(office.get_by_text("Файл добавлен.")).to_be_visible()
    expect(office.get_by_text("Проект генерального плана").first).to_be_visible()
    assert_accessible(axe, office)

    # Publishing the notice: the one step through the service (see the module docstring:
    # allowed only up to the notice date, which is 22 days ago for this procedure).
    notice_moment = datetime.combine(notice_date, time(9), tzinfo=town.tz)
    services.procedure_advance(actor=clerk, procedure=procedure, now=notice_moment)

    # The draft is placed, then the exposition opens: both stage buttons in the office.
    office.goto(detail_url)
    advance(office, "Перейти к следующему этапу", "проект размещён")
    advance(office, "Перейти к следующему этапу", "приём предложений")
    assert_accessible(axe, office)
    exposition = procedure.stages.get(kind="exposition")

    # A consultation at the exposition, then marked held with its questions.
    field(office, "Дата и время консультации").fill(
        local(town, exposition.starts_on + timedelta(days=2), 15))
    field(office, "Место консультации").fill("Администрация, каб. 12")
    field(office, "Консультант").fill("Главный архитектор")
    office.get_by_role("button", name="Добавить консультацию").click()
    expect(office.get_by_text("Консультация добавлена в график.")).to_be_visible()
    field(office, "Посетителей").fill("4")
    field(office, "Вопросы и ответы").fill("Спрашивали о зонах застройки у реки.")
    office.get_by_role("button", name="Отметить проведённой").click()
    expect(office.get_by_text("Консультация отмечена проведённой.")).to_be_visible()
    expect(office.get_by_text("проведена, 4 посетителей")).to_be_visible()

    # Two participants identified by the staff, a letter and a visitor-book entry.
    for name, birth, address in (("Письменов Пётр Ильич", "1970-02-03", "ул. Луговая, 5"),
                                 ("Книгина Ольга Павловна", "1988-09-21", "ул. Речная, 9")):
        field(office, "Фамилия, имя, отчество").fill(name)
        field(office, "Дата рождения").fill(birth)
        field(office, "Адрес регистрации (для организации — место нахождения)").fill(address)
        field(office, "Связь с территорией").select_option("resident")
        office.get_by_role("button", name="Зарегистрировать").click()
        expect(office.get_by_text(re.compile(r"Участник зарегистрирован под номером \d+\.")
                                  )).to_be_visible()
    numbers = dict(procedure.participants.values_list("full_name", "number"))
    for name, channel, day, text in (
        ("Письменов Пётр Ильич", Channel.WRITTEN, 5, "Перенести промзону дальше от жилья."),
        ("Книгина Ольга Павловна", Channel.VISITOR_BOOK, 13, "Сохранить сквер у реки."),
    ):
        field(office, "Номер участника").fill(str(numbers[name]))
        field(office, "Способ внесения").select_option(channel)
        field(office, "Дата и время поступления").fill(
            local(town, exposition.starts_on + timedelta(days=day), 11))
        field(office, "Предложение или замечание").fill(text)
        office.get_by_role("button", name="Внести предложение").click()
        expect(office.get_by_text("Предложение внесено.")).to_be_visible()
        expect(office.get_by_role("cell", name=text)).to_be_visible()

    # The exposition ended yesterday: the window is closed, the protocol is prepared.
    advance(office, "Перейти к следующему этапу", "подготовка протокола")
    assert_accessible(axe, office)
    office.get_by_role("link", name="Участники (персональные данные)").click()
    expect(office.get_by_text("Письменов Пётр Ильич")).to_be_visible()
    assert_accessible(axe, office)
    office.goto(detail_url)

    # A reasoned recommendation on each proposal.
    for text, choice, reason in (
        ("Перенести промзону дальше от жилья.", Recommendation.ACCEPT,
         "Соответствует санитарно-защитным зонам."),
        ("Сохранить сквер у реки.", Recommendation.REJECT,
         "Сквер уже сохранён в проекте как зона рекреации."),
    ):
        row = office.get_by_role("row").filter(has_text=text)
        row.get_by_label("Рекомендация").select_option(choice)
        row.get_by_label("Аргументация").fill(reason)
        row.get_by_role("button", name="Сохранить", exact=True).click()
        expect(office.get_by_text(re.compile(r"Рекомендация по предложению № \d+ сохранена\."))
               ).to_be_visible()
        expect(office.get_by_role("row").filter(has_text=text).get_by_text(reason).first
               ).to_be_visible()

    # The protocol is signed; its office copy with the annex downloads.
    advance(office, "Подписать протокол", "подготовка заключения")
    assert_accessible(axe, office)
    for fmt, content_type in (("docx", DOCX), ("pdf", "application/pdf")):
        link = office.get_by_role("link", name=fmt.upper(), exact=True)
        response = office.request.get(link.get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == content_type
        assert len(response.body()) > 0

    # The findings, then the conclusion is published and the procedure closes.
    field(office, "Выводы по результатам").fill(
        "Рекомендовать проект генерального плана к утверждению с учётом предложения № 1.")
    office.get_by_role("button", name="Сохранить выводы").click()
    expect(office.get_by_text("Выводы сохранены.")).to_be_visible()
    advance(office, "Опубликовать заключение и завершить", "завершены")
    assert_accessible(axe, office)
    procedure.refresh_from_db()
    assert procedure.status == Status.CLOSED
    assert procedure.protocol_number and procedure.conclusion_published_at
    assert set(procedure.proposals.values_list("recommendation", flat=True)) == {
        Recommendation.ACCEPT, Recommendation.REJECT}
    assert procedure.consultations.get().held

    # A visitor (not logged in) reads the conclusion and downloads both documents.
    visitor = new_context().new_page()
    visitor.goto(procedure.get_absolute_url())
    expect(visitor.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(visitor.get_by_role("heading", name="Выводы по результатам")).to_be_visible()
    expect(visitor.get_by_text("Рекомендовать проект генерального плана к утверждению")
           ).to_be_visible()
    expect(visitor.get_by_text("Сквер уже сохранён в проекте как зона рекреации.")
           ).to_be_visible()
    expect(visitor.get_by_text("Письменов")).to_have_count(0)
    for doc in ("Протокол", "Заключение о результатах"):
        item = visitor.get_by_role("listitem").filter(has_text=re.compile(rf"^{doc}:"))
        for fmt, content_type in (("docx", DOCX), ("pdf", "application/pdf")):
            link = item.get_by_role("link", name=fmt.upper(), exact=True)
            response = visitor.request.get(link.get_attribute("href"))
            assert response.status == 200, (doc, fmt)
            assert response.headers["content-type"] == content_type
            assert len(response.body()) > 0
