"""Staff pages of news: list, create/edit with files, publish/withdraw/archive."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.news.factories import NewsItemFactory
from zemstvo.core.attachments.models import Attachment
from zemstvo.core.audit.models import AuditEvent
from zemstvo.news.models import NewsItem, NewsStatus
from zemstvo.news.module import manifest

pytestmark = pytest.mark.django_db

FORM = {"title": "Субботник на набережной", "lead": "Приглашаем всех.",
        "body": "Сбор в 10:00.\n\nИнвентарь выдадут."}


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("office_news:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["resident", "clerk", "moderator", "regional_curator"])
def test_people_without_news_rights_are_refused(client, person, role, municipality, draft):
    client.force_login(person(role))
    assert client.get(reverse("office_news:list")).status_code == 403
    assert client.get(reverse("office_news:create")).status_code == 403
    assert client.get(reverse("office_news:edit", args=[draft.pk])).status_code == 404
    response = client.post(reverse("office_news:transition", args=[draft.pk, "publish"]))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == NewsStatus.DRAFT


def test_editor_sees_the_list_with_a_status_filter(client, editor, draft, published_item,
                                                  other_municipality):
    NewsItemFactory(municipality=other_municipality, title="Чужая новость")
    client.force_login(editor)
    html = client.get(reverse("office_news:list")).content.decode()
    assert "Черновик новости" in html and "Ремонт дорог начался" in html
    assert "Чужая новость" not in html
    drafts = client.get(reverse("office_news:list"), {"status": "draft"}).content.decode()
    assert "Черновик новости" in drafts and "Ремонт дорог начался" not in drafts


@pytest.mark.parametrize("count", [2, 20])
def test_office_list_costs_a_fixed_number_of_queries(client, editor, municipality, count,
                                                     django_assert_max_num_queries):
    for _ in range(count):
        NewsItemFactory(municipality=municipality, author=editor)
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("office_news:list")).status_code == 200


def test_editor_creates_a_draft_with_files(client, editor, municipality, pdf_file, png_file):
    client.force_login(editor)
    response = client.post(f"{reverse('office_news:create')}?m={municipality.slug}",
                           {**FORM, "files": [pdf_file], "cover": png_file})
    item = NewsItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("office_news:edit", args=[item.pk])
    assert item.status == NewsStatus.DRAFT and item.municipality == municipality
    assert Attachment.objects.count() == 2 and item.cover is not None
    page = client.get(response["Location"]).content.decode()
    assert "plan.pdf" in page and "Опубликовать" in page


def test_a_file_with_a_false_extension_shows_the_russian_error_and_saves_nothing(
    client, editor, municipality, fake_pdf
):
    client.force_login(editor)
    response = client.post(reverse("office_news:create"),
                           {**FORM, "m": municipality.slug, "files": [fake_pdf]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Расширение .pdf не соответствует содержимому файла (обнаружен PNG)." in html
    assert response.context["form"].errors["files"]
    assert NewsItem.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    # what was typed stays in the form
    assert FORM["title"] in html


def test_form_shows_the_services_field_errors(client, editor, municipality):
    client.force_login(editor)
    response = client.post(reverse("office_news:create"),
                           {"m": municipality.slug, "title": "Ой", "body": "Текст"})
    assert response.context["form"].errors["title"] == [
        "Заголовок слишком короткий: не меньше 5 символов."
    ]
    assert NewsItem.objects.count() == 0


def test_editor_edits_an_item(client, editor, draft):
    client.force_login(editor)
    response = client.post(reverse("office_news:edit", args=[draft.pk]),
                           {**FORM, "title": "Исправленный заголовок"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Исправленный заголовок"


def test_editor_publishes_withdraws_and_archives(client, editor, draft):
    client.force_login(editor)
    url = reverse("office_news:transition", args=[draft.pk, "publish"])
    response = client.post(url)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == NewsStatus.PUBLISHED
    client.post(reverse("office_news:transition", args=[draft.pk, "unpublish"]))
    draft.refresh_from_db()
    assert draft.status == NewsStatus.DRAFT
    client.post(reverse("office_news:transition", args=[draft.pk, "archive"]),
                {"next": "https://evil.example/"})
    draft.refresh_from_db()
    assert draft.status == NewsStatus.ARCHIVED
    # a refused transition is a message, not an error page
    response = client.post(reverse("office_news:transition", args=[draft.pk, "archive"]),
                           follow=True)
    assert "Новость уже в архиве." in response.content.decode()


def test_transitions_are_post_only_and_named(client, editor, draft):
    client.force_login(editor)
    assert client.get(reverse("office_news:transition", args=[draft.pk, "publish"])
                      ).status_code == 405
    assert client.post(reverse("office_news:transition", args=[draft.pk, "delete"])
                       ).status_code == 404


def test_office_menu_and_dashboard_card_for_editors(client, editor, municipality, draft,
                                                   published_item, resident):
    client.force_login(editor)
    html = client.get(reverse("office_news:list")).content.decode()
    assert f'href="{reverse("office_news:list")}"' in html
    card = manifest.dashboard_cards[0]
    lines = {str(line.label): line.value for line in card.lines(editor, municipality)}
    assert lines == {"Черновики": 1, "Опубликовано в этом месяце": 1}
    assert card.lines(editor, None)[0].value == 1
