"""The effectiveness report in the browser: the analyst uploads a file with an error,
sees the bad cell, fixes it and submits; the curator returns the report with a
comment; the analyst corrects a value and submits again; the curator accepts and
computes a rating; a visitor reads the scorecard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.sessions import log_in
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

YEAR = 2024
HEADER = ("Код показателя;Показатель;Единица измерения;ОКТМО населённого пункта;Год;"
          "Вид (факт/план);Значение;Комментарий;Источник")


@pytest.fixture
def town(transactional_db):
    from zemstvo.effectiveness.catalogue import load_decree_607

    load_decree_607()
    return MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")


def _csv(rows: list[str]) -> dict:
    return {"name": "pokazateli.csv", "mimeType": "text/csv",
            "buffer": "\n".join([HEADER, *rows]).encode("utf-8")}


def _field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def test_upload_fix_submit_return_correct_accept_rate_and_read(new_context, town, live_server):
    from zemstvo.effectiveness import services
    from zemstvo.effectiveness.models import IndicatorValue, Rating

    curator = UserFactory(username="curator")
    MembershipFactory(user=curator, role="regional_curator", municipality=None,
                      region=town.region)
    analyst = UserFactory(username="analyst")
    MembershipFactory(user=analyst, role="analyst", municipality=town)
    campaign = services.campaign_open(actor=curator, region=town.region, year=YEAR)
    peer = MunicipalityFactory(region=town.region, name="Городской округ Соседний")
    from zemstvo.effectiveness.models import Indicator

    one = Indicator.objects.get(region=None, code="1")
    IndicatorValue.objects.create(municipality=peer, indicator=one, year=YEAR, value=300,
                                  is_accepted=True)

    # The analyst opens the report and uploads a file with a bad cell.
    staff = new_context()
    log_in(staff, analyst, live_server.url)
    page = staff.new_page()
    page.goto(f"/office/effectiveness/campaigns/{campaign.pk}/m/{town.slug}/")
    expect(page.get_by_role("heading", name=re.compile("Отчёт: Городской округ"))
           ).to_be_visible()
    _field(page, "Заполненный шаблон (XLSX или CSV)").set_input_files(
        _csv([f"1;;;;{YEAR};факт;320;;ФНС", f"2;;;;{YEAR};факт;140;;Росстат"]))
    page.get_by_role("button", name="Загрузить").click()
    bad = page.locator("#bad-cells")
    expect(bad).to_contain_text("больше допустимого")
    expect(bad.locator("tbody tr")).to_have_count(1)
    expect(bad.locator("tbody tr td").nth(1)).to_have_text("3")
    expect(bad.locator("tbody tr td").nth(2)).to_have_text("G")
    assert not IndicatorValue.objects.filter(municipality=town).exists()

    # The analyst fixes the file, uploads it again and submits.
    page.get_by_role("link", name="Вернуться к отчёту").click()
    _field(page, "Заполненный шаблон (XLSX или CSV)").set_input_files(
        _csv([f"1;;;;{YEAR};факт;320;;ФНС", f"2;;;;{YEAR};факт;40;;Росстат"]))
    page.get_by_role("button", name="Загрузить").click()
    expect(page.get_by_text("Файл загружен, сохранено значений: 2.")).to_be_visible()
    page.get_by_role("button", name="Представить куратору").click()
    expect(page.locator("#report-status")).to_have_text("представлен")
    report_url = page.url

    # The curator returns it with a comment.
    review = new_context()
    log_in(review, curator, live_server.url)
    office = review.new_page()
    office.goto(report_url)
    _field(office, "Что исправить").fill("Уточните показатель 1 по данным ФНС.")
    office.get_by_role("button", name="Вернуть на доработку").click()
    expect(office.locator("#report-status")).to_have_text("возвращён на доработку")

    # The analyst sees the comment, corrects the value in the form and submits again.
    page.goto(report_url)
    expect(page.locator("#curator-comment")).to_contain_text("Уточните показатель 1")
    page.get_by_label(re.compile(f"^Значение 1 {YEAR}$")).fill("310")
    page.get_by_label(re.compile(f"^Комментарий 1 {YEAR}$")).fill("Данные ФНС уточнены")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Сохранено значений: 1.")).to_be_visible()
    page.get_by_role("button", name="Представить куратору").click()
    expect(page.locator("#report-status")).to_have_text("представлен")

    # The curator accepts and computes a rating.
    office.goto(report_url)
    office.get_by_role("button", name="Принять").click()
    expect(office.locator("#report-status")).to_have_text("принят")
    office.goto("/office/effectiveness/ratings/")
    office.get_by_role("button", name="Создать типовые методики").click()
    _field(office, "Год").fill(str(YEAR))
    office.get_by_role("button", name="Рассчитать").click()
    expect(office.get_by_role("heading", name=re.compile("Рейтинг:"))).to_be_visible()
    assert Rating.objects.count() == 1

    # A visitor reads the scorecard.
    visitor = new_context().new_page()
    visitor.goto(f"/effectiveness/m/{town.slug}/?year={YEAR}")
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Примероград")
    expect(visitor.get_by_role("cell", name="310", exact=True)).to_be_visible()
    expect(visitor.get_by_text(re.compile(r"Место \d из 2"))).to_be_visible()
