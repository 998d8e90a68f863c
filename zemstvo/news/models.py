"""Municipal news (новости муниципального образования): the first domain module, and
the example the others follow.

Публикация новостей на официальном сайте — 8-ФЗ ст. 13 ч. 1 (информация о
деятельности органов местного самоуправления).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    PUBLISHED = "published", _("опубликована")
    ARCHIVED = "archived", _("в архиве")


class NewsItem(models.Model):
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="news",
        verbose_name=_("муниципальное образование"),
    )
    title = models.CharField(_("заголовок"), max_length=200)
    slug = models.SlugField(_("адрес страницы"), max_length=100)
    lead = models.CharField(_("анонс"), max_length=500, blank=True)
    # Plain text: paragraphs are separated by blank lines; escaped when shown.
    body = models.TextField(_("текст"))
    status = models.CharField(
        _("состояние"), max_length=16, choices=NewsStatus.choices, default=NewsStatus.DRAFT
    )
    published_at = models.DateTimeField(_("дата публикации"), null=True, blank=True)
    # An image among the item's attachments, shown above the text and in lists.
    cover = models.ForeignKey(
        "attachments.Attachment", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("обложка"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("автор"),
    )
    # The press centre: the record the item is about (a program, a session...), shown
    # on that record's page; see zemstvo.news.linking.
    related_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("тип связанной записи"),
    )
    related_id = models.PositiveBigIntegerField(_("связанная запись"), null=True, blank=True)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("новость")
        verbose_name_plural = _("новости")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="news_slug_unique"),
            # A published item always says when it was published.
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="news_published_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "-published_at"],
                         name="news_public_list"),
            models.Index(fields=["related_type", "related_id"], name="news_related"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # Callers select_related("municipality"), so this costs no query.
        return reverse(
            "news:detail",
            kwargs={"municipality": self.municipality.slug, "pk": self.pk, "slug": self.slug},
        )

    @property
    def is_public(self) -> bool:
        return self.status == NewsStatus.PUBLISHED

    @property
    def comments_open(self) -> bool:
        """The comments module takes comments only on items the public can read."""
        return self.is_public
