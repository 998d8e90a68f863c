"""Notifications: in-app messages, each person's choice of channels, subscriptions to
records, and the time of each person's last daily digest."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ALL_KINDS = "*"


class Channel(models.TextChoices):
    IN_APP = "in_app", _("на сайте")
    EMAIL = "email", _("письмом сразу")
    DIGEST = "digest", _("ежедневной сводкой")


# When a person has chosen nothing: on the site and by e-mail, no digest.
DEFAULT_CHANNELS: dict[str, bool] = {Channel.IN_APP: True, Channel.EMAIL: True,
                                     Channel.DIGEST: False}


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("получатель"),
    )
    # "<module>.<event>", e.g. "comments.reply": preferences are set per kind.
    kind = models.CharField(_("вид"), max_length=100)
    title = models.CharField(_("заголовок"), max_length=200)
    body = models.TextField(_("текст"), blank=True)
    url = models.CharField(_("ссылка"), max_length=500, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("муниципальное образование"),
    )
    created_at = models.DateTimeField(_("когда"), default=timezone.now)
    read_at = models.DateTimeField(_("прочитано"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("уведомление")
        verbose_name_plural = _("уведомления")
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["user", "read_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """One switch: a channel for a kind of notification, or for all kinds ("*"). A
    switch for a kind overrides the one for all kinds; no switch means the default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("вид"), max_length=100, default=ALL_KINDS)
    channel = models.CharField(_("канал"), max_length=16, choices=Channel.choices)
    enabled = models.BooleanField(_("включено"), default=True)

    class Meta:
        verbose_name = _("настройка уведомлений")
        verbose_name_plural = _("настройки уведомлений")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"],
                                    name="notification_preference_unique"),
            models.CheckConstraint(condition=models.Q(channel__in=Channel.values),
                                   name="notification_preference_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.channel}={self.enabled}"


class Subscription(models.Model):
    """A person follows a record (a news item, an initiative) and hears of its news."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
        related_name="notification_subscriptions",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("подписка")
        verbose_name_plural = _("подписки")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"],
                                    name="notification_subscription_unique"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"


class DigestLog(models.Model):
    """When a person was last sent the daily digest: each notification goes into at
    most one digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    last_sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("ежедневная сводка")
        verbose_name_plural = _("ежедневные сводки")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.last_sent_at:%Y-%m-%d %H:%M}"
