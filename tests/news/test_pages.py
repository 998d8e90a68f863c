"""Public news pages: list, detail, RSS, home block. Each costs a fixed number of
queries whatever the number of items."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.news.factories import NewsItemFactory, PublishedNewsFactory
from zemstvo.core.attachments.services import attachment_add
from zemstvo.news.models import NewsStatus
from zemstvo.news.module import manifest

pytestmark = pytest.mark.django_db


def list_url(municipality) -> str:
    return reverse("news:list", kwargs={"municipality": municipality.slug})


def fill(municipality, count: int, editor, png_file=None):
    items = [PublishedNewsFactory(municipality=municipality, author=editor)
             for _ in range(count)]
    if png_file is not None:
        for item in items:
            png_file.seek(0)
            item.cover = attachment_add(actor=editor, owner=item, file=png_file)
            item.save()
    return items


@pytest.mark.parametrize("count", [2, 20])
def test_list_costs_a_fixed_number_of_queries(
    client, municipality, editor, png_file, count, django_assert_max_num_queries
):
    fill(municipality, count, editor, png_file)
    # municipality + count + page
    with django_assert_max_num_queries(3):
        response = client.get(list_url(municipality))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 10)
    assert "news-cover-thumb" in response.content.decode()


@pytest.mark.parametrize("count", [2, 20])
def test_list_for_a_signed_in_resident_costs_a_fixed_number_of_queries(
    client, municipality, editor, resident, count, django_assert_max_num_queries
):
    fill(municipality, count, editor)
    client.force_login(resident)
    # session + user + memberships + municipality + count + page + unread notifications
    with django_assert_max_num_queries(7):
        assert client.get(list_url(municipality)).status_code == 200


def test_list_shows_only_published_items_of_the_portal(client, municipality, other_municipality,
                                                       published_item, draft):
    PublishedNewsFactory(municipality=other_municipality, title="Новость соседей")
    NewsItemFactory(municipality=municipality, title="Архивная", status=NewsStatus.ARCHIVED)
    html = client.get(list_url(municipality)).content.decode()
    assert "Ремонт дорог начался" in html
    assert "Черновик новости" not in html
    assert "Новость соседей" not in html and "Архивная" not in html
    assert reverse("news:rss", kwargs={"municipality": municipality.slug}) in html


def test_list_paginates(client, municipality, editor):
    fill(municipality, 12, editor)
    second = client.get(list_url(municipality), {"page": 2})
    assert len(second.context["page"].object_list) == 2
    assert 'rel="prev"' in second.content.decode()


def test_unknown_portal_is_404(client):
    assert client.get("/m/nowhere/news/").status_code == 404


@pytest.mark.parametrize("comments", [0, 5])
def test_detail_shows_text_files_comments_and_subscription(
    client, municipality, editor, published_item, pdf_file, resident, comments,
    django_assert_max_num_queries,
):
    from zemstvo.core.comments.services import comment_post

    published_item.body = "Первый абзац <b>жирно</b>.\n\nВторой абзац."
    published_item.save()
    plan = attachment_add(actor=editor, owner=published_item, file=pdf_file, title="План работ")
    for n in range(comments):
        comment_post(actor=resident, target=published_item, text=f"Комментарий {n}")
    # municipality, item, files, comments (+ content types while their cache is cold)
    with django_assert_max_num_queries(6):
        response = client.get(published_item.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<p>Первый абзац &lt;b&gt;жирно&lt;/b&gt;.</p>" in html
    assert "План работ" in html
    assert reverse("attachments:download", args=[plan.pk]) in html
    assert all(f"Комментарий {n}" in html for n in range(comments))
    assert "Комментарий 5" not in html
    assert "Подписка на новости" in html


@pytest.mark.parametrize("comments", [1, 8])
def test_detail_for_a_signed_in_resident_costs_a_fixed_number_of_queries(
    client, published_item, resident, comments, django_assert_max_num_queries
):
    from zemstvo.core.comments.services import comment_post

    for n in range(comments):
        comment_post(actor=resident, target=published_item, text=f"Комментарий {n}")
    client.force_login(resident)
    # + session, user, memberships, subscription state, block and report state,
    # unread notifications in the header
    with django_assert_max_num_queries(11):
        response = client.get(published_item.get_absolute_url())
    assert response.status_code == 200
    assert 'name="text"' in response.content.decode()  # the comment form


def test_detail_of_a_draft_or_another_portals_item_is_404(client, draft, other_municipality,
                                                          published_item):
    assert client.get(f"/m/{draft.municipality.slug}/news/{draft.pk}-{draft.slug}/"
                      ).status_code == 404
    assert client.get(f"/m/{other_municipality.slug}/news/{published_item.pk}-"
                      f"{published_item.slug}/").status_code == 404


def test_detail_with_an_old_slug_redirects_to_the_current_address(client, published_item):
    response = client.get(f"/m/{published_item.municipality.slug}/news/"
                          f"{published_item.pk}-staryy-adres/")
    assert response.status_code == 301
    assert response["Location"] == published_item.get_absolute_url()


@pytest.mark.parametrize("count", [2, 20])
def test_rss_feed_lists_the_latest_published_items(
    client, municipality, editor, draft, count, django_assert_max_num_queries
):
    fill(municipality, count, editor)
    with django_assert_max_num_queries(2):
        response = client.get(reverse("news:rss", kwargs={"municipality": municipality.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert xml.count("<item>") == count
    assert "Черновик новости" not in xml
    assert f"<title>Новости — {municipality.name}</title>" in xml


@pytest.mark.parametrize("count", [2, 20])
def test_home_block_shows_the_last_five(municipality, editor, count,
                                        django_assert_max_num_queries):
    fill(municipality, count, editor)
    block = manifest.home_blocks[0]
    with django_assert_max_num_queries(1):
        context = block.context(municipality)
        items = [(i.title, i.get_absolute_url()) for i in context["news_items"]]
    assert len(items) == min(count, 5)
    from django.template.loader import render_to_string

    html = render_to_string(block.template, context)
    assert items[0][1] in html


def test_times_are_shown_in_the_municipalitys_own_time_zone(client, municipality):
    from datetime import UTC, datetime

    municipality.time_zone = "Asia/Vladivostok"
    municipality.save()
    item = PublishedNewsFactory(municipality=municipality,
                                published_at=datetime(2026, 1, 1, 20, 30, tzinfo=UTC))
    for url in (list_url(municipality), item.get_absolute_url()):
        assert 'datetime="2026-01-02T06:30:00+10:00"' in client.get(url).content.decode()


def test_a_resident_subscribes_from_a_news_page_and_hears_of_the_next_item(
    client, municipality, published_item, resident, editor, draft
):
    """GIVEN a resident on a news page WHEN they press «Подписаться» and an editor
    publishes the next item THEN the resident has a notification about it."""
    import re

    from zemstvo.core.notifications.models import Notification
    from zemstvo.news.services import news_publish

    client.force_login(resident)
    html = client.get(published_item.get_absolute_url()).content.decode()
    action = reverse("notifications:subscribe")
    form = re.search(rf'action="{action}".*?name="owner_type" value="(\d+)".*?'
                     r'name="owner_id" value="(\d+)"', html, re.S)
    assert form is not None
    owner_type, owner_id = form.groups()
    assert owner_id == str(municipality.pk)
    client.post(action, {"owner_type": owner_type, "owner_id": owner_id})
    news_publish(actor=editor, item=draft)
    assert Notification.objects.filter(user=resident, title=draft.title).exists()
