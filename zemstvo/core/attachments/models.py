"""Files attached to any record (a news item, an appeal, a protocol): stored under a
random name, with their checksum, size and the type read from their content."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zemstvo.core.attachments.sniff import label_for_mime


class Attachment(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("тип владельца")
    )
    # A string, so that owners with integer and with text keys both fit.
    object_id = models.CharField(_("владелец"), max_length=64)
    owner = GenericForeignKey("content_type", "object_id")
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("муниципальное образование"),
    )
    # Stored under a random name: the original name is only ever shown, never a path.
    file = models.FileField(_("файл"), upload_to="attachments/%Y/%m/", max_length=255)
    original_name = models.CharField(_("имя файла"), max_length=255)
    size = models.PositiveBigIntegerField(_("размер, байт"))
    sha256 = models.CharField(_("контрольная сумма SHA-256"), max_length=64, db_index=True)
    # Read from the content, not taken from the browser.
    mime_type = models.CharField(_("тип содержимого"), max_length=100)
    title = models.CharField(_("название"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("кто загрузил"),
    )
    uploaded_at = models.DateTimeField(_("когда загружен"), default=timezone.now)
    is_public = models.BooleanField(_("доступен всем"), default=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("вложение")
        verbose_name_plural = _("вложения")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_not_empty"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.title or self.original_name

    @property
    def kind_label(self) -> str:
        """«PDF», «PNG», «CSV»: what the list shows as the file's type."""
        return label_for_mime(self.mime_type)
