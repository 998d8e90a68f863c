"""Territory: субъекты РФ, муниципальные образования, населённые пункты.

Every record of every domain belongs to a Municipality (the tenant); a Region sees
its municipalities.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """Субъект Российской Федерации."""

    name = models.CharField(_("название"), max_length=200, unique=True)
    # e.g. "обл", "Респ", "край", "г" as in the source data (ФИАС abbreviations)
    kind = models.CharField(_("вид"), max_length=40, blank=True)
    slug = models.SlugField(_("адрес страницы"), max_length=100, unique=True)
    # First two digits of ОКТМО/ОКАТО codes of the region ("79" for Адыгея).
    code = models.CharField(_("код ОКТМО"), max_length=2, blank=True, db_index=True)
    federal_district = models.CharField(_("федеральный округ"), max_length=60, blank=True)
    time_zone = models.CharField(_("часовой пояс"), max_length=64, default="Europe/Moscow")
    # The production calendar its deadlines are counted by (zemstvo.core.workdays):
    # "ru" is the federal one, "ru-tatar" the federal one with Tatarstan's holidays.
    work_calendar = models.CharField(
        _("производственный календарь"), max_length=40, default="ru",
        help_text=_("ru — федеральный; ru-tatar — федеральный и праздники Татарстана."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("субъект РФ")
        verbose_name_plural = _("субъекты РФ")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """«Вологодская область», «Республика Адыгея», «Удмуртская Республика»,
        «Москва»: the name with its kind written out, as people read it."""
        word = _REGION_KIND_WORDS.get(self.kind, self.kind)
        if not word or self.kind == "г" or word.lower() in self.name.lower():
            return self.name
        if self.kind == "Респ" and not self.name.endswith("ская"):
            return f"{word} {self.name}"
        return f"{self.name} {word}"


# ФИАС abbreviations of the kinds of субъекты РФ, written out.
_REGION_KIND_WORDS = {
    "обл": "область",
    "край": "край",
    "Респ": "Республика",
    "АО": "автономный округ",
    "Аобл": "автономная область",
    "г": "город",
}


class MunicipalityType(models.TextChoices):
    """Виды муниципальных образований (131-ФЗ ст. 2; 33-ФЗ)."""

    URBAN_OKRUG = "urban_okrug", _("городской округ")
    URBAN_OKRUG_WITH_DIVISION = "urban_okrug_div", _("городской округ с внутригородским делением")
    MUNICIPAL_OKRUG = "municipal_okrug", _("муниципальный округ")
    MUNICIPAL_DISTRICT = "municipal_district", _("муниципальный район")
    URBAN_SETTLEMENT = "urban_settlement", _("городское поселение")
    RURAL_SETTLEMENT = "rural_settlement", _("сельское поселение")
    INTRA_CITY = "intra_city", _("внутригородское муниципальное образование")
    INTRA_CITY_DISTRICT = "intra_city_district", _("внутригородской район")


class Municipality(models.Model):
    """Муниципальное образование: the tenant every record belongs to."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("входит в"),
    )
    name = models.CharField(_("название"), max_length=255)
    type = models.CharField(_("вид"), max_length=32, choices=MunicipalityType.choices)
    oktmo = models.CharField(_("код ОКТМО"), max_length=11, unique=True)
    slug = models.SlugField(_("адрес портала"), max_length=120, unique=True)
    time_zone = models.CharField(_("часовой пояс"), max_length=64, default="Europe/Moscow")
    population = models.PositiveIntegerField(_("население"), null=True, blank=True)
    # The administrative centre (for a городской округ the city itself).
    centre = models.ForeignKey(
        "Settlement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("административный центр"),
    )
    # The official site and the publisher's INN identify the open-data publisher.
    inn = models.CharField(_("ИНН администрации"), max_length=12, blank=True)
    website = models.URLField(_("официальный сайт"), blank=True)
    is_active = models.BooleanField(_("действует"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("муниципальное образование")
        verbose_name_plural = _("муниципальные образования")
        indexes = [models.Index(fields=["region", "type"])]

    def __str__(self) -> str:
        return self.name

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


class Settlement(models.Model):
    """Населённый пункт."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="settlements",
        verbose_name=_("муниципальное образование"),
    )
    name = models.CharField(_("название"), max_length=255)
    # e.g. "г", "пгт", "с", "д", "п" (ОКТМО/ФИАС abbreviations)
    kind = models.CharField(_("тип"), max_length=40, blank=True)
    oktmo = models.CharField(_("код ОКТМО"), max_length=11, unique=True)
    population = models.PositiveIntegerField(_("население"), null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Опорный населённый пункт (распоряжение Правительства № 4132-р от 23.12.2022)
    # and the прилегающие территории it serves.
    is_support = models.BooleanField(_("опорный населённый пункт"), default=False)
    adjacent = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="support_settlements",
        verbose_name=_("прилегающие населённые пункты"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("населённый пункт")
        verbose_name_plural = _("населённые пункты")

    def __str__(self) -> str:
        return f"{self.kind} {self.name}".strip()
