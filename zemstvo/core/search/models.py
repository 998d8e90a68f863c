"""The cross-module search index: one row per public document of any module.

The full-text part lives beside the table and differs by database:
- PostgreSQL: a stored generated ``tsvector`` column (``search_vector``, title weighted
  A, body B, configuration 'russian') with a GIN index, both created in migration 0001;
- SQLite (embedded profile): the FTS5 table ``search_fts`` (rowid = SearchEntry.id)
  holding Snowball stems of the title and the body, written by the services.
Neither is a model field: the selector queries them with raw SQL.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

FTS_TABLE = "search_fts"


class SearchEntry(models.Model):
    kind = models.CharField(_("раздел"), max_length=40)
    object_id = models.CharField(_("объект"), max_length=64)
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.CASCADE,
        related_name="+", verbose_name=_("муниципальное образование"),
    )
    title = models.CharField(_("заголовок"), max_length=500)
    body = models.TextField(_("текст"), blank=True)
    url = models.CharField(_("адрес"), max_length=500)
    published_at = models.DateTimeField(_("опубликовано"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("проиндексировано"), auto_now=True)

    class Meta:
        verbose_name = _("запись поискового индекса")
        verbose_name_plural = _("поисковый индекс")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique"),
        ]
        indexes = [models.Index(fields=["municipality", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
