"""Overrides of the legal rule defaults by a municipality's or a region's own act."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RuleOverride(models.Model):
    """A value a municipality (or a region, for all its municipalities) sets for a rule
    from a date, by its own act; the defaults live in the modules' manifests."""

    key = models.CharField(_("правило"), max_length=100, db_index=True)
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.CASCADE,
        related_name="rule_overrides", verbose_name=_("муниципальное образование"),
    )
    region = models.ForeignKey(
        "territory.Region", null=True, blank=True, on_delete=models.CASCADE,
        related_name="rule_overrides", verbose_name=_("субъект РФ"),
    )
    value = models.JSONField(_("значение"))
    effective_from = models.DateField(_("действует с"))
    source = models.CharField(_("основание (акт)"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["key", "-effective_from"]
        verbose_name = _("значение правила")
        verbose_name_plural = _("значения правил")
        constraints = [
            models.CheckConstraint(
                condition=(Q(municipality__isnull=False) & Q(region__isnull=True))
                | (Q(municipality__isnull=True) & Q(region__isnull=False)),
                name="rule_override_one_scope",
            ),
            models.UniqueConstraint(
                fields=["key", "municipality", "effective_from"],
                condition=Q(municipality__isnull=False), name="rule_override_unique_municipal",
            ),
            models.UniqueConstraint(
                fields=["key", "region", "effective_from"],
                condition=Q(region__isnull=False), name="rule_override_unique_regional",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value} с {self.effective_from:%d.%m.%Y}"
