"""Comments on any record, threaded and moderated: reports from readers, hiding by a
moderator, and blocks that keep a person from commenting in a municipality."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Levels of a thread: a reply to a comment on the last level joins that level.
MAX_DEPTH = 3


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", _("опубликован")
    HIDDEN = "hidden", _("скрыт модератором")


class Comment(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("муниципальное образование"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments",
        verbose_name=_("автор"),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies",
        verbose_name=_("ответ на"),
    )
    # 0 for a comment on the record itself, parent's depth + 1 for a reply.
    depth = models.PositiveSmallIntegerField(default=0)
    # Sanitised HTML (services.sanitise): safe to render as it is.
    text = models.TextField(_("текст"))
    created_at = models.DateTimeField(_("когда"), default=timezone.now)
    status = models.CharField(_("состояние"), max_length=16, choices=CommentStatus.choices,
                              default=CommentStatus.PUBLISHED)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("кто скрыл"),
    )
    hidden_at = models.DateTimeField(_("когда скрыт"), null=True, blank=True)
    hidden_reason = models.CharField(_("причина"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("комментарий")
        verbose_name_plural = _("комментарии")
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"]),
            models.Index(fields=["municipality", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(depth__lt=MAX_DEPTH), name="comment_depth_limit"),
            models.CheckConstraint(condition=Q(status__in=CommentStatus.values),
                                   name="comment_status_valid"),
            models.CheckConstraint(
                condition=Q(status=CommentStatus.PUBLISHED) | ~Q(hidden_reason=""),
                name="comment_hidden_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Комментарий № {self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.status == CommentStatus.HIDDEN


class CommentReport(models.Model):
    """A reader's complaint about a comment; one per reader and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")
    reason = models.CharField(_("причина"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("когда"), default=timezone.now)
    resolved = models.BooleanField(_("рассмотрена"), default=False)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("жалоба на комментарий")
        verbose_name_plural = _("жалобы на комментарии")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"],
                                    name="comment_report_once"),
        ]
        indexes = [models.Index(fields=["resolved", "-created_at"])]

    def __str__(self) -> str:
        return f"Жалоба на комментарий № {self.comment_id}"


class CommentBlock(models.Model):
    """A moderator keeps a person from commenting in a municipality, until a date or
    until lifted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="comment_blocks", verbose_name=_("пользователь"))
    municipality = models.ForeignKey("territory.Municipality", on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("муниципальное образование"))
    blocked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("кто заблокировал"))
    created_at = models.DateTimeField(_("когда"), default=timezone.now)
    # None: until lifted.
    until = models.DateTimeField(_("до"), null=True, blank=True)
    reason = models.CharField(_("причина"), max_length=500)
    lifted_at = models.DateTimeField(_("снята"), null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("блокировка комментирования")
        verbose_name_plural = _("блокировки комментирования")
        constraints = [
            # At most one block in force (not lifted) per person and municipality.
            models.UniqueConstraint(fields=["user", "municipality"],
                                    condition=Q(lifted_at__isnull=True),
                                    name="comment_block_one_open"),
            models.CheckConstraint(condition=~Q(reason=""), name="comment_block_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.municipality_id}"

    def in_force(self, now=None) -> bool:
        now = now or timezone.now()
        return self.lifted_at is None and (self.until is None or self.until > now)
