"""Notifying people: an in-app row for each recipient, and e-mail sent after the
transaction commits, as each person's preferences allow. A failed e-mail is logged,
never raised: the change that caused it has already happened."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection, send_mail
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError, NotFound
from zemstvo.core.notifications import selectors
from zemstvo.core.notifications.models import (
    Channel,
    DigestLog,
    Notification,
    Preference,
    Subscription,
)
from zemstvo.core.permissions import require
from zemstvo.core.territory.models import Municipality

logger = logging.getLogger(__name__)

DIGEST_PERIOD = timedelta(days=1)
# (address, subject, text) of one e-mail.
Mail = tuple[str, str, str]


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.ZEMSTVO_SITE_URL.rstrip("/") + url


def _mail_footer() -> str:
    return (
        "\n\n—\nВы получили это письмо, потому что включили уведомления на платформе "
        f"«Земство». Настроить уведомления: {_absolute(reverse('notifications:settings'))}\n"
    )


def _can_mail(user: Any) -> bool:
    # Only a confirmed address: an unconfirmed one may belong to someone else (152-ФЗ).
    return bool(user.email and getattr(user, "email_confirmed_at", None))


def _send(mails: list[Mail]) -> int:
    """Send each e-mail on one connection; a failure is logged and the rest go on."""
    sent = 0
    try:
        connection = get_connection()
    except Exception:  # a broken mail set-up must not break the request that notified
        logger.exception("Почтовое соединение не открылось: %d писем не отправлено", len(mails))
        return 0
    for address, subject, text in mails:
        try:
            sent += send_mail(subject, text, None, [address], connection=connection)
        except Exception:  # SMTP and socket errors of every kind: log and go on
            logger.exception("Письмо «%s» на %s не отправлено", subject, address)
    return sent


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str,
    url: str = "",
    municipality: Any = None,
) -> list[Notification]:
    """Tell each recipient (active users; duplicates dropped): an in-app row for those
    whose preferences keep it (or collect it for a digest), an e-mail after commit for
    those who want one at once. Two queries, whatever the number of recipients."""
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not people:
        return []
    channels = selectors.channels_for(people, kind)
    title = title[:200]
    municipality_id = getattr(municipality, "pk", municipality)
    rows = [
        Notification(user=user, kind=kind, title=title, body=body, url=url[:500],
                     municipality_id=municipality_id)
        for user_id, user in people.items()
        if channels[user_id][Channel.IN_APP] or channels[user_id][Channel.DIGEST]
    ]
    if rows:
        Notification.objects.bulk_create(rows)
    text = f"{title}\n\n{body}".strip()
    if url:
        text += f"\n\nОткрыть: {_absolute(url)}"
    text += _mail_footer()
    mails = [
        (user.email, title, text)
        for user_id, user in people.items()
        if channels[user_id][Channel.EMAIL] and not channels[user_id][Channel.DIGEST]
        and _can_mail(user)
    ]
    if mails:
        transaction.on_commit(partial(_send, mails))
    return rows


def mark_read(*, user: Any, notification: Notification) -> Notification:
    """The person's own inbox state: not audited (a log of who read what when would be
    a record of reading habits that no purpose needs)."""
    if notification.user_id != getattr(user, "pk", None):
        raise NotFound("Уведомление не найдено.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the person read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _municipality_of(target: models.Model) -> Any:
    # A municipality is its own tenant (residents follow a municipality's news).
    if isinstance(target, Municipality):
        return target
    return getattr(target, "municipality", None)


def _target_ref(target: models.Model) -> tuple[ContentType, str]:
    if target.pk is None:
        raise ValueError("Subscribe to a saved record")
    return ContentType.objects.get_for_model(target), str(target.pk)


def subscribe(*, user: Any, target: models.Model) -> Subscription:
    """Follow ``target``; subscribing twice keeps one subscription."""
    require(user, "notifications.subscribe", target)
    content_type, object_id = _target_ref(target)
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(
            user=user, content_type=content_type, object_id=object_id
        )
        if created:
            audit_record(actor=user, action="notifications.subscribe", obj=subscription,
                         after={"target": f"{content_type.app_label}.{content_type.model}"
                                          f":{object_id}"},
                         municipality=_municipality_of(target))
    return subscription


def unsubscribe(*, user: Any, target: models.Model) -> bool:
    """Stop following ``target``; returns whether there was a subscription."""
    require(user, "notifications.subscribe", target)
    content_type, object_id = _target_ref(target)
    with transaction.atomic():
        subscription = Subscription.objects.filter(
            user=user, content_type=content_type, object_id=object_id
        ).first()
        if subscription is None:
            return False
        audit_record(actor=user, action="notifications.unsubscribe", obj=subscription,
                     before={"target": f"{content_type.app_label}.{content_type.model}"
                                       f":{object_id}"},
                     municipality=_municipality_of(target))
        subscription.delete()
    return True


def notify_subscribers(
    *, target: models.Model, kind: str, title: str, body: str, url: str = "",
    exclude: Any = None,
) -> list[Notification]:
    """Notify everyone who follows ``target`` (except ``exclude``, usually the actor)."""
    people = [u for u in selectors.subscribers(target)
              if exclude is None or u.pk != getattr(exclude, "pk", exclude)]
    return notify(recipients=people, kind=kind, title=title, body=body, url=url,
                  municipality=_municipality_of(target))


def preference_set(*, user: Any, kind: str, channel: str, enabled: bool) -> Preference:
    """Switch a channel on or off for a kind ("*": all kinds)."""
    kind = (kind or "").strip()
    if channel not in Channel.values:
        raise DomainError("Неизвестный способ доставки уведомлений.",
                          field_errors={"channel": ["Выберите способ из списка."]})
    if not kind or len(kind) > 100:
        raise DomainError("Не указан вид уведомлений.",
                          field_errors={"kind": ["Не указан вид уведомлений."]})
    if user is None or not getattr(user, "is_authenticated", False):
        raise DomainError("Войдите, чтобы настроить уведомления.")
    with transaction.atomic():
        preference, _created = Preference.objects.update_or_create(
            user=user, kind=kind, channel=channel, defaults={"enabled": enabled}
        )
        audit_record(actor=user, action="notifications.preference_set", obj=preference,
                     after={"kind": kind, "channel": channel, "enabled": enabled})
    return preference


def _digest_text(user: Any, notifications: list[Notification]) -> str:
    lines = [f"Здравствуйте, {user.first_name or user.get_username()}!", "",
             "Новые уведомления за сутки:", ""]
    for note in notifications:
        lines.append(f"• {note.title}")
        if note.url:
            lines.append(f"  {_absolute(note.url)}")
    lines += ["", f"Все уведомления: {_absolute(reverse('notifications:list'))}"]
    return "\n".join(lines) + _mail_footer()


def send_digests(*, now: datetime | None = None) -> int:
    """Mail each person who chose the daily digest their unread notifications since
    their last digest (at most a day back), once: the time of the digest is recorded.
    Returns the number of digests sent."""
    now = now or timezone.now()
    user_ids = (Preference.objects.filter(channel=Channel.DIGEST, enabled=True)
                .values_list("user_id", flat=True).distinct())
    people = (
        get_user_model().objects.filter(pk__in=user_ids, is_active=True)
        .annotate(last_digest=Subquery(
            DigestLog.objects.filter(user=OuterRef("pk")).values("last_sent_at")[:1]
        ))
        .order_by("pk")
    )
    sent = 0
    for user in people.iterator(chunk_size=500):
        since = max(now - DIGEST_PERIOD, user.last_digest or now - DIGEST_PERIOD)
        rows = selectors.preference_rows(user)
        unread = [
            note for note in Notification.objects.filter(
                user=user, read_at__isnull=True, created_at__gt=since, created_at__lte=now
            ).order_by("created_at", "id")
            if selectors.resolve_channels(rows, note.kind)[Channel.DIGEST]
        ]
        if unread and _can_mail(user):
            subject = f"Земство: новые уведомления за сутки ({len(unread)})"
            if not _send([(user.email, subject, _digest_text(user, unread))]):
                continue  # not recorded: the next run tries again
            sent += 1
        DigestLog.objects.update_or_create(user=user, defaults={"last_sent_at": now})
    return sent

