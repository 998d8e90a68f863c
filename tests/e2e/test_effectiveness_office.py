"""The curator's new office pages in the browser, without JavaScript tricks: a rating
method edited through its form, a campaign closed through its confirmation page, a
survey poll linked as indicator 37; axe-core finds no serious violation on them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.sessions import log_in
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

YEAR = 2024
BLOCKING = {"serious", "critical"}


@pytest.fixture
def curator(transactional_db):
    from zemstvo.effectiveness.catalogue import load_decree_607

    load_decree_607()
    town = MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")
    user = UserFactory(username="kurator")
    MembershipFactory(user=user, role="regional_curator", municipality=None, region=town.region)
    return user, town


def _clean(page) -> None:
    found = [v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING]
    assert not found, [(v["id"], v["help"]) for v in found]


def test_curator_edits_a_method_closes_a_campaign_and_links_a_survey(
    new_context, curator, live_server
):
    from django.utils import timezone

    from tests.voting.factories import poll_with_options
    from zemstvo.effectiveness import services
    from zemstvo.effectiveness.models import Campaign, RatingMethod, SurveyLink

    user, town = curator
    context = new_context()
    log_in(context, user, live_server.url)
    page = context.new_page()

    page.goto("/office/effectiveness/ratings/")
    page.get_by_role("button", name="Создать типовые методики").click()
    page.get_by_role("link", name="Новая методика").click()
    _clean(page)
    page.get_by_label("Название").fill("Методика с весом экономики")
    page.get_by_label(re.compile("^Сфера «Экономическое развитие»")).fill("3")
    page.get_by_label("Вес динамики").fill("0")
    page.get_by_label("Вес уровня").fill("0")
    page.get_by_role("button", name="Сохранить методику").click()
    expect(page.locator(".errorlist").get_by_text(
        "Вес уровня и вес динамики не могут оба быть нулевыми.")).to_be_visible()
    assert not RatingMethod.objects.filter(name="Методика с весом экономики").exists()
    page.get_by_label("Вес уровня").fill("0.5")
    page.get_by_label("Вес динамики").fill("0.5")
    page.get_by_role("button", name="Сохранить методику").click()
    expect(page.get_by_text(re.compile("сохранена"))).to_be_visible()
    method = RatingMethod.objects.get(name="Методика с весом экономики")
    assert method.parameters["sphere_weights"] == {"economy": "3"}

    campaign = services.campaign_open(actor=user, region=town.region, year=YEAR)
    page.goto(f"/office/effectiveness/campaigns/{campaign.pk}/")
    expect(page.locator("#campaign-status")).to_have_text("идёт сбор")
    page.get_by_role("link", name="Завершить кампанию").click()
    _clean(page)
    page.get_by_role("button", name="Да, завершить кампанию").click()
    expect(page.locator("#campaign-status")).to_have_text("завершена")
    assert Campaign.objects.get().status == "closed"

    now = timezone.now()
    poll = poll_with_options(town, titles=("Удовлетворён", "Не удовлетворён"), kind="survey",
                             status="published", opens_at=now - timedelta(days=9),
                             closes_at=now - timedelta(days=2),
                             title="Опрос об удовлетворённости работой администрации")
    page.goto("/office/effectiveness/survey/")
    page.get_by_role("link", name="связать с показателем 37").click()
    _clean(page)
    page.get_by_label("Год, за который опрос — показатель 37").fill(str(YEAR))
    page.get_by_label("Удовлетворён", exact=True).check()
    page.get_by_role("button", name="Связать").click()
    expect(page.get_by_text("Опрос связан с показателем 37.")).to_be_visible()
    _clean(page)
    assert SurveyLink.objects.get().poll_id == poll.pk
