"""What the open-data catalogue remembers about each published set: when its content
last changed and how (the passport's «дата последнего внесения изменений» and
«содержание последнего изменения»). The rows themselves are never stored here: each
module yields them from its own tables."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DataSetRevision(models.Model):
    code = models.CharField(_("код набора"), max_length=64)
    # None: the platform-wide set (every municipality's rows).
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.CASCADE,
        related_name="+", verbose_name=_("муниципальное образование"),
    )
    checksum = models.CharField(_("контрольная сумма"), max_length=64)
    row_count = models.PositiveIntegerField(_("записей"), default=0)
    modified_at = models.DateTimeField(_("изменён"))
    checked_at = models.DateTimeField(_("проверен"))
    provenance = models.CharField(_("содержание последнего изменения"), max_length=255)

    class Meta:
        verbose_name = _("версия набора открытых данных")
        verbose_name_plural = _("версии наборов открытых данных")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "municipality"], condition=Q(municipality__isnull=False),
                name="opendata_revision_unique_municipal",
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(municipality__isnull=True),
                name="opendata_revision_unique_platform",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.municipality or 'платформа'}) {self.modified_at:%Y-%m-%d}"
