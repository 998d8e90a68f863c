"""News services: policy, validation, transaction, audit, search and notifications."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import MunicipalityFactory
from zemstvo.core.attachments.models import Attachment
from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.notifications.models import Notification
from zemstvo.core.notifications.services import subscribe
from zemstvo.core.search.models import SearchEntry
from zemstvo.core.search.selectors import search
from zemstvo.news import services
from zemstvo.news.models import NewsItem, NewsStatus

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "Собрание по инициативному бюджетированию",
    "lead": "Жители выберут проекты.",
    "body": "Собрание пройдёт в субботу.\n\nПриглашаем всех.",
}


def actions_logged() -> list[str]:
    return list(AuditEvent.objects.values_list("action", flat=True))


def test_an_editor_creates_a_draft_with_an_audit_event(editor, municipality):
    item = services.news_create(actor=editor, municipality=municipality, **TEXT)
    assert item.status == NewsStatus.DRAFT
    assert item.slug == "sobranie-po-initsiativnomu-byudzhetirovaniyu"
    assert item.author == editor
    event = AuditEvent.objects.get(action="news.create")
    assert event.actor == editor and event.object_id == str(item.pk)
    assert event.municipality_id == municipality.pk
    assert event.after["title"] == TEXT["title"]
    # a draft is not public: not in search
    assert search("бюджетирования").total == 0


@pytest.mark.parametrize("role", ["anonymous", "resident", "verified_resident", "clerk",
                                  "moderator", "regional_curator", "other_editor"])
def test_people_without_the_right_cannot_create(role, person, municipality):
    with pytest.raises(NotAllowed):
        services.news_create(actor=person(role), municipality=municipality, **TEXT)
    assert NewsItem.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("role", ["resident", "clerk", "moderator", "other_editor"])
def test_people_without_the_right_cannot_publish_edit_or_archive(role, person, draft,
                                                                 published_item):
    actor = person(role)
    with pytest.raises(NotAllowed):
        services.news_publish(actor=actor, item=draft)
    with pytest.raises(NotAllowed):
        services.news_update(actor=actor, item=draft, **TEXT)
    with pytest.raises(NotAllowed):
        services.news_unpublish(actor=actor, item=published_item)
    with pytest.raises(NotAllowed):
        services.news_archive(actor=actor, item=published_item)
    draft.refresh_from_db()
    assert draft.status == NewsStatus.DRAFT and draft.title == "Черновик новости"
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": "  Ой "}, "title", "Заголовок слишком короткий: не меньше 5 символов."),
        ({"title": "Я" * 201}, "title", "Заголовок слишком длинный: не больше 200 символов."),
        ({"lead": "а" * 501}, "lead", "Анонс слишком длинный: не больше 500 символов."),
        ({"body": " \n\x00 "}, "body", "Напишите текст новости."),
    ],
)
def test_bad_input_gets_a_russian_message_and_writes_nothing(
    editor, municipality, changes, field, message
):
    with pytest.raises(DomainError) as caught:
        services.news_create(actor=editor, municipality=municipality, **{**TEXT, **changes})
    assert caught.value.field_errors == {field: [message]}
    assert NewsItem.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_control_characters_are_removed_from_text(editor, municipality):
    item = services.news_create(actor=editor, municipality=municipality,
                                title="Новость\x07 дня", body="Текст\x00\r\nвторая строка")
    assert item.title == "Новость дня"
    assert item.body == "Текст\nвторая строка"


def test_slugs_are_unique_within_a_municipality_only(editor, municipality, other_municipality,
                                                     operator):
    first = services.news_create(actor=editor, municipality=municipality, **TEXT)
    second = services.news_create(actor=editor, municipality=municipality, **TEXT)
    elsewhere = services.news_create(actor=operator, municipality=other_municipality, **TEXT)
    assert second.slug == first.slug + "-2"
    assert elsewhere.slug == first.slug


def test_publishing_indexes_audits_and_notifies_subscribers(
    editor, municipality, draft, resident, verified_resident, other_municipality
):
    subscribe(user=resident, target=municipality)
    subscribe(user=editor, target=municipality)  # the actor is not told of their own act
    outsider = verified_resident
    subscribe(user=outsider, target=other_municipality)
    item = services.news_publish(actor=editor, item=draft)
    assert item.status == NewsStatus.PUBLISHED and item.published_at is not None
    assert actions_logged()[-1] == "news.publish"
    hits = search("черновик", municipality=municipality)
    assert [h.url for h in hits.hits] == [item.get_absolute_url()]
    notified = Notification.objects.get()
    assert notified.user == resident
    assert notified.kind == "news.published"
    assert notified.title == draft.title
    assert notified.url == item.get_absolute_url()


def test_publishing_keeps_a_given_past_date_but_refuses_a_future_one(editor, draft):
    past = timezone.now() - timedelta(days=40)
    with pytest.raises(DomainError) as caught:
        services.news_publish(actor=editor, item=draft,
                              published_at=timezone.now() + timedelta(days=1))
    assert caught.value.field_errors == {
        "published_at": ["Дата публикации не может быть в будущем."]
    }
    item = services.news_publish(actor=editor, item=draft, published_at=past)
    assert item.published_at == past
    assert SearchEntry.objects.get().published_at == past


def test_publishing_twice_is_refused(editor, published_item):
    with pytest.raises(DomainError, match="уже опубликована"):
        services.news_publish(actor=editor, item=published_item)


def test_unpublish_and_archive_take_the_item_out_of_search(editor, municipality, draft):
    item = services.news_publish(actor=editor, item=draft)
    item = services.news_unpublish(actor=editor, item=item)
    assert item.status == NewsStatus.DRAFT
    assert search("черновик").total == 0
    item = services.news_publish(actor=editor, item=item)
    assert search("черновик").total == 1
    item = services.news_archive(actor=editor, item=item)
    assert item.status == NewsStatus.ARCHIVED
    assert search("черновик").total == 0
    assert actions_logged() == ["news.publish", "news.unpublish", "news.publish",
                                "news.archive"]
    with pytest.raises(DomainError, match="только опубликованную"):
        services.news_unpublish(actor=editor, item=item)
    with pytest.raises(DomainError, match="уже в архиве"):
        services.news_archive(actor=editor, item=item)


def test_editing_a_published_item_updates_search_and_keeps_its_address(editor, draft):
    item = services.news_publish(actor=editor, item=draft)
    slug = item.slug
    item = services.news_update(actor=editor, item=item, title="Субботник в парке",
                                lead="", body="Приходите с граблями.")
    assert item.slug == slug
    assert search("черновик").total == 0
    assert [h.title for h in search("субботник").hits] == ["Субботник в парке"]
    event = AuditEvent.objects.filter(action="news.edit").get()
    assert event.before["title"] == "Черновик новости"
    assert event.after["title"] == "Субботник в парке"


def test_editing_a_draft_title_moves_its_address(editor, municipality):
    item = services.news_create(actor=editor, municipality=municipality, **TEXT)
    item = services.news_update(actor=editor, item=item, title="Новое название",
                                body=TEXT["body"])
    assert item.slug == "novoe-nazvanie"


def test_files_and_a_cover_are_attached(editor, municipality, pdf_file, png_file):
    item = services.news_create(actor=editor, municipality=municipality, files=[pdf_file],
                                cover=png_file, **TEXT)
    files = attachments_for(item)
    assert [a.mime_type for a in files] == ["application/pdf", "image/png"]
    assert item.cover == files[1]
    assert {"attachments.add", "news.create"} <= set(actions_logged())


def test_a_file_with_a_false_extension_saves_nothing(editor, municipality, pdf_file, fake_pdf):
    with pytest.raises(DomainError) as caught:
        services.news_create(actor=editor, municipality=municipality,
                             files=[pdf_file, fake_pdf], **TEXT)
    assert caught.value.field_errors == {
        "files": ["Расширение .pdf не соответствует содержимому файла (обнаружен PNG)."]
    }
    assert NewsItem.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_cover_must_be_an_image(editor, municipality, pdf_file):
    with pytest.raises(DomainError) as caught:
        services.news_create(actor=editor, municipality=municipality, cover=pdf_file, **TEXT)
    assert caught.value.field_errors == {
        "cover": ["Обложка должна быть изображением: JPEG, PNG или WEBP."]
    }
    assert NewsItem.objects.count() == 0 and Attachment.objects.count() == 0


def test_another_municipalitys_item_is_out_of_an_editors_reach(editor):
    foreign = NewsItem.objects.create(municipality=MunicipalityFactory(), title="Чужая",
                                      slug="chuzhaya", body="Текст")
    with pytest.raises(NotAllowed):
        services.news_publish(actor=editor, item=foreign)
