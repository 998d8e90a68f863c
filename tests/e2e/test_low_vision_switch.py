"""The «версия для слабовидящих» switch: larger text, high contrast, no images, and the
visitor's choice remembered (a cookie) until they switch back. The switch is a plain
POST form, so it works without JavaScript too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.public_pages import build_world

A11Y = re.compile(r"(^|\s)a11y(\s|$)")
TO_LOW_VISION = "Версия для слабовидящих"
TO_NORMAL = "Обычная версия"
COOKIE = "zemstvo_a11y"


@pytest.fixture
def portal(transactional_db):
    """A municipality whose home page shows a news item with its cover picture."""
    return build_world().municipality


def _font_px(page: Page) -> float:
    # A paragraph of the page's text (headings and small print are sized in rem).
    size = page.evaluate(
        "getComputedStyle(document.querySelector('main p:not(.small)')).fontSize"
    )
    return float(size.removesuffix("px"))


def _text_color(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('main')).color")


def _a11y_cookie(page: Page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == COOKIE), None)


def test_switch_enlarges_text_hides_images_and_is_remembered(page: Page, portal):
    path = f"/m/{portal.slug}/"
    page.goto(path)
    body = page.locator("body")
    expect(body).not_to_have_class(A11Y)
    normal_px = _font_px(page)
    normal_color = _text_color(page)
    picture = page.locator("main img").first
    expect(picture).to_be_visible()

    page.get_by_role("button", name=TO_LOW_VISION).click()

    expect(body).to_have_class(A11Y)
    assert page.url.endswith(path), "the switch returns to the page it was pressed on"
    assert _font_px(page) >= normal_px * 1.4
    assert _text_color(page) == "rgb(0, 0, 0)", "black text on white: the highest contrast"
    expect(picture).to_be_hidden()
    assert _a11y_cookie(page) == "1"

    # Remembered across navigation and on a new page load.
    page.get_by_role("link", name="Земство", exact=True).click()
    expect(body).to_have_class(A11Y)
    fresh = page.context.new_page()
    fresh.goto(path)
    expect(fresh.locator("body")).to_have_class(A11Y)
    expect(fresh.get_by_role("button", name=TO_NORMAL)).to_be_visible()

    fresh.get_by_role("button", name=TO_NORMAL).click()

    expect(fresh.locator("body")).not_to_have_class(A11Y)
    expect(fresh.locator("main img").first).to_be_visible()
    assert _font_px(fresh) == normal_px
    assert _text_color(fresh) == normal_color
    assert _a11y_cookie(fresh) is None
    page.reload()
    expect(body).not_to_have_class(A11Y)


def test_switch_works_without_javascript(new_context, portal):
    page = new_context(java_script_enabled=False).new_page()
    path = f"/m/{portal.slug}/"
    page.goto(path)
    body = page.locator("body")

    page.get_by_role("button", name=TO_LOW_VISION).click()

    expect(body).to_have_class(A11Y)
    assert page.url.endswith(path)
    page.goto("/")
    expect(body).to_have_class(A11Y)

    page.get_by_role("button", name=TO_NORMAL).click()

    expect(body).not_to_have_class(A11Y)
    page.goto(path)
    expect(body).not_to_have_class(A11Y)
