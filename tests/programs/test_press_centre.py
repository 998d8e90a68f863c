"""The press centre: the news office form lists the programs and projects a news item
can be linked to; a record of another municipality cannot be linked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zemstvo.core.errors import DomainError
from zemstvo.news import linking
from zemstvo.news import services as news_services
from zemstvo.news.models import NewsItem
from zemstvo.programs import services

pytestmark = pytest.mark.django_db


def test_news_form_links_an_item_to_a_project(client, editor, municipality, program, analyst):
    sub = services.subprogram_add(actor=analyst, program=program, kind="project",
                                  title="Региональный проект «Дороги»",
                                  national_project="Инфраструктура для жизни")
    client.force_login(editor)
    page = client.get(reverse("office_news:create") + f"?m={municipality.slug}")
    labels = dict(page.context["form"].fields["related"].choices)
    assert labels[linking.value_of(program)].startswith("Программа 05")
    assert linking.value_of(sub) in labels
    client.post(reverse("office_news:create"), {
        "m": municipality.slug, "title": "Дороги отремонтированы", "body": "Текст",
        "related": linking.value_of(sub)})
    item = NewsItem.objects.get()
    assert item.related_id == sub.pk


def test_record_of_another_municipality_is_refused(other_municipality, program, operator):
    with pytest.raises(DomainError) as exc:
        news_services.news_create(actor=operator, municipality=other_municipality,
                                  title="Чужая программа", body="Текст", related=program)
    assert "related" in exc.value.field_errors
    assert not NewsItem.objects.exists()
    assert linking.resolve(linking.value_of(program), other_municipality) is None


def test_update_keeps_the_link_unless_asked(editor, municipality, program):
    item = news_services.news_create(actor=editor, municipality=municipality,
                                     title="Новость о программе", body="Текст", related=program)
    item = news_services.news_update(actor=editor, item=item, title="Новость о программе",
                                     body="Новый текст")
    assert item.related_id == program.pk
    item = news_services.news_update(actor=editor, item=item, title="Новость о программе",
                                     body="Новый текст", related=None)
    assert item.related_id is None


def test_rss_of_news_linked_to_a_program(client, editor, municipality, other_municipality,
                                         program):
    item = news_services.news_create(actor=editor, municipality=municipality,
                                     title="Новость о дорогах", body="Текст", related=program)
    news_services.news_publish(actor=editor, item=item)
    news_services.news_publish(actor=editor, item=news_services.news_create(
        actor=editor, municipality=municipality, title="Другая новость", body="Текст"))
    url = linking.feed_url(program)
    xml = client.get(url).content.decode()
    assert "Новость о дорогах" in xml and "Другая новость" not in xml
    assert url in client.get(program.get_absolute_url()).content.decode()
    foreign = url.replace(f"/m/{municipality.slug}/", f"/m/{other_municipality.slug}/")
    assert client.get(foreign).status_code == 404
