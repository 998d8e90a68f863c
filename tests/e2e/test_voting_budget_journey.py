"""A verified resident votes in a budget vote in the browser, without JavaScript: the
running total and a clear error when over budget, then the ballot and its receipt
code; after the results are published, the receipt check finds the ballot."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.sessions import log_in
from tests.factories import MunicipalityFactory, SettlementFactory, VerifiedResidentFactory
from tests.voting.factories import budget_poll
from zemstvo.voting.models import Ballot, PollStatus, VoterRegister

RECEIPT = re.compile(r"^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$")


@pytest.fixture
def town(transactional_db):
    municipality = MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")
    settlement = SettlementFactory(municipality=municipality, name="Примероград", kind="г")
    return municipality, settlement


def test_resident_votes_in_a_budget_vote_and_checks_the_receipt(new_context, live_server,
                                                                 town):
    municipality, settlement = town
    poll = budget_poll(municipality, title="Благоустройство дворов", publish_ballots=True)
    voter = VerifiedResidentFactory(username="anna", residence_municipality=municipality,
                                    residence_settlement=settlement)
    context = new_context(java_script_enabled=False)
    log_in(context, voter, live_server.url)
    page = context.new_page()
    page.goto(f"/m/{municipality.slug}/voting/")
    page.get_by_role("link", name="Благоустройство дворов").click()

    page.get_by_label("Проект А — 600 000 ₽").check()
    page.get_by_label("Проект Б — 500 000 ₽").check()
    page.get_by_role("button", name="Посчитать сумму").click()
    expect(page.get_by_text("Выбрано на 1 100 000 ₽ из 1 000 000 ₽.")).to_be_visible()
    page.get_by_role("button", name="Проголосовать").click()
    expect(page.get_by_role("alert")).to_contain_text("больше бюджета 1 000 000 ₽")
    assert not Ballot.objects.exists()

    page.get_by_label("Проект А — 600 000 ₽").uncheck()
    page.get_by_label("Проект В — 300 000 ₽").check()
    page.get_by_label("Проект Г — 200 000 ₽").check()
    page.get_by_role("button", name="Проголосовать").click()
    expect(page.get_by_role("heading", name="Ваш голос учтён")).to_be_visible()
    code = page.locator("#receipt-code").inner_text().strip()
    assert RECEIPT.match(code), code
    assert VoterRegister.objects.filter(poll=poll, user=voter).count() == 1

    poll.status = PollStatus.PUBLISHED
    poll.closes_at = timezone.now() - timedelta(minutes=1)
    poll.eligible_count = 1
    poll.save()
    page.goto(f"/m/{municipality.slug}/voting/{poll.pk}/")
    page.get_by_role("link", name="Проверить бюллетень по коду").click()
    page.get_by_label("Код проверки").fill(code.lower())
    page.get_by_role("button", name="Проверить").click()
    expect(page.get_by_text("Бюллетень с этим кодом есть в опубликованном списке")).to_be_visible()
    for title in ("Проект Б", "Проект В", "Проект Г"):
        expect(page.get_by_role("listitem").filter(has_text=title)).to_be_visible()
