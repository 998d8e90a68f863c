"""Every change to news: create, edit, publish, withdraw, archive.

Each function: policy check -> validation -> one transaction with the audit event,
the search index and the notifications (in-app rows; e-mails leave after commit).
A published item is in the search index and open data; any other status is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from zemstvo.core.attachments import sniff
from zemstvo.core.attachments.services import attachment_add
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.notifications.services import notify_subscribers
from zemstvo.core.permissions import require
from zemstvo.core.search.services import index_document, remove_document
from zemstvo.core.territory.models import Municipality
from zemstvo.core.territory.translit import slugify_ru
from zemstvo.news.models import NewsItem, NewsStatus
from zemstvo.news.selectors import search_doc

TITLE_MIN, TITLE_MAX = 5, 200
LEAD_MAX = 500
BODY_MAX = 50_000
COVER_KINDS = {"jpg", "png", "webp"}
# C0/C1 control characters except tab and line breaks: never part of a text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_AUDITED = ("title", "slug", "lead", "body", "status", "published_at", "cover_id",
            "related_type_id", "related_id")
# news_update's default for ``related``: keep the item's link as it is.
KEEP = object()


def _clean_text(value: str) -> str:
    text = _CONTROL.sub("", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _validate(title: str, lead: str, body: str) -> tuple[str, str, str]:
    title = " ".join(_clean_text(title).split())
    lead = " ".join(_clean_text(lead).split())
    body = _clean_text(body)
    errors: dict[str, list[str]] = {}
    if len(title) < TITLE_MIN:
        errors["title"] = [f"Заголовок слишком короткий: не меньше {TITLE_MIN} символов."]
    elif len(title) > TITLE_MAX:
        errors["title"] = [f"Заголовок слишком длинный: не больше {TITLE_MAX} символов."]
    if len(lead) > LEAD_MAX:
        errors["lead"] = [f"Анонс слишком длинный: не больше {LEAD_MAX} символов."]
    if not body:
        errors["body"] = ["Напишите текст новости."]
    elif len(body) > BODY_MAX:
        errors["body"] = [f"Текст слишком длинный: не больше {BODY_MAX} символов."]
    if errors:
        raise DomainError("Проверьте поля новости.", field_errors=errors)
    return title, lead, body


def _unique_slug(municipality: Municipality, title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify_ru(title, max_length=80)
    if base == "mo":  # a title without letters or digits
        base = "novost"
    taken = set(
        NewsItem.objects.filter(municipality=municipality, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _snapshot(item: NewsItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in _AUDITED}


def _attach(actor: Any, item: NewsItem, files: Sequence[Any], cover: Any) -> None:
    """Attach the uploaded files; an image given as ``cover`` becomes the cover. A
    refused file raises DomainError on the form's field, so the whole change rolls
    back."""
    for file in files:
        try:
            attachment_add(actor=actor, owner=item, file=file)
        except DomainError as exc:
            raise DomainError(exc.message, field_errors={"files": [exc.message]}) from exc
    if cover is None:
        return
    if sniff.sniff(cover).code not in COVER_KINDS:
        message = "Обложка должна быть изображением: JPEG, PNG или WEBP."
        raise DomainError(message, field_errors={"cover": [message]})
    try:
        item.cover = attachment_add(actor=actor, owner=item, file=cover, title="Обложка")
    except DomainError as exc:
        raise DomainError(exc.message, field_errors={"cover": [exc.message]}) from exc
    item.save(update_fields=["cover", "updated_at"])


def _set_related(item: NewsItem, related: Any) -> None:
    """Link the item to a record of its own municipality (or unlink with None)."""
    if related is None:
        item.related_type, item.related_id = None, None
        return
    # Some records hold their municipality through a parent (a session through its
    # council), so compare the municipality itself, not a column.
    owner = getattr(related, "municipality", None)
    if getattr(owner, "pk", None) != item.municipality_id:
        message = "Новость можно связать только с записью своего муниципального образования."
        raise DomainError(message, field_errors={"related": [message]})
    item.related_type = ContentType.objects.get_for_model(related)
    item.related_id = related.pk


def news_create(
    *,
    actor: Any,
    municipality: Municipality,
    title: str,
    body: str,
    lead: str = "",
    files: Sequence[Any] = (),
    cover: Any = None,
    related: Any = None,
) -> NewsItem:
    """A new draft in the municipality, with its files; ``related`` links it to a
    record (zemstvo.news.linking)."""
    require(actor, "news.create", municipality)
    title, lead, body = _validate(title, lead, body)
    _set_related(NewsItem(municipality=municipality), related)
    with transaction.atomic():
        item = NewsItem.objects.create(
            municipality=municipality,
            title=title,
            slug=_unique_slug(municipality, title),
            lead=lead,
            body=body,
            author=actor,
        )
        if related is not None:
            _set_related(item, related)
            item.save(update_fields=["related_type", "related_id"])
        _attach(actor, item, files, cover)
        audit_record(actor=actor, action="news.create", obj=item, after=_snapshot(item))
    return item


def news_update(
    *,
    actor: Any,
    item: NewsItem,
    title: str,
    body: str,
    lead: str = "",
    files: Sequence[Any] = (),
    cover: Any = None,
    related: Any = KEEP,
) -> NewsItem:
    """Edit the text and add files. The address (slug) of a published item stays, so
    links to it keep working; a draft's address follows its title. ``related`` sets
    the linked record (None unlinks; by default the link stays)."""
    require(actor, "news.edit", item)
    title, lead, body = _validate(title, lead, body)
    with transaction.atomic():
        item = NewsItem.objects.select_for_update().select_related("municipality").get(
            pk=item.pk
        )
        before = _snapshot(item)
        if item.status == NewsStatus.DRAFT and title != item.title:
            item.slug = _unique_slug(item.municipality, title, exclude_pk=item.pk)
        item.title, item.lead, item.body = title, lead, body
        if related is not KEEP:
            _set_related(item, related)
        item.save()
        _attach(actor, item, files, cover)
        if item.is_public:
            index_document(search_doc(item))
        audit_record(actor=actor, action="news.edit", obj=item, before=before,
                     after=_snapshot(item))
    return item


def _transition(actor: Any, item: NewsItem, action: str, status: str, **changes: Any) -> NewsItem:
    """Change the status inside the caller's transaction, with the audit event."""
    item = NewsItem.objects.select_for_update().select_related("municipality").get(pk=item.pk)
    before = _snapshot(item)
    item.status = status
    for name, value in changes.items():
        setattr(item, name, value)
    item.save()
    audit_record(actor=actor, action=action, obj=item, before=before, after=_snapshot(item))
    return item


def news_publish(*, actor: Any, item: NewsItem, published_at: datetime | None = None) -> NewsItem:
    """Publish: the item appears on the portal, in search, in the RSS feed and in open
    data, and the municipality's subscribers are notified. ``published_at`` keeps an
    earlier date (moving news from an old site); by default it is now, or the date of
    the first publication when an item comes back."""
    require(actor, "news.publish", item)
    if item.status == NewsStatus.PUBLISHED:
        raise DomainError("Новость уже опубликована.")
    if published_at is not None and published_at > timezone.now():
        message = "Дата публикации не может быть в будущем."
        raise DomainError(message, field_errors={"published_at": [message]})
    with transaction.atomic():
        item = _transition(
            actor, item, "news.publish", NewsStatus.PUBLISHED,
            published_at=published_at or item.published_at or timezone.now(),
        )
        index_document(search_doc(item))
        notify_subscribers(
            target=item.municipality,
            kind="news.published",
            title=item.title,
            body=item.lead or item.body[:300],
            url=item.get_absolute_url(),
            exclude=actor,
        )
    return item


def news_unpublish(*, actor: Any, item: NewsItem) -> NewsItem:
    """Withdraw a published item to drafts (to correct it): it leaves the portal."""
    require(actor, "news.publish", item)
    if item.status != NewsStatus.PUBLISHED:
        raise DomainError("Снять с публикации можно только опубликованную новость.")
    with transaction.atomic():
        item = _transition(actor, item, "news.unpublish", NewsStatus.DRAFT)
        remove_document("news", item.pk)
    return item


def news_archive(*, actor: Any, item: NewsItem) -> NewsItem:
    """Move an item to the archive: it leaves the portal but is kept in the office."""
    require(actor, "news.publish", item)
    if item.status == NewsStatus.ARCHIVED:
        raise DomainError("Новость уже в архиве.")
    with transaction.atomic():
        item = _transition(actor, item, "news.archive", NewsStatus.ARCHIVED)
        remove_document("news", item.pk)
    return item
