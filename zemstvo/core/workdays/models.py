"""The production calendar (производственный календарь): for each calendar and year,
the days that differ from the plain Monday–Friday week.

Трудовой кодекс РФ ст. 112 lists the non-working holidays and lets the Government
move days off by a yearly decree; regions add their own holidays (ст. 6; e.g. the
Republic of Tatarstan). Such a year is data an administrator loads and updates
(``zemstvo load-calendar``, the admin); deadlines are never computed for a year that
is not loaded.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    # t=1 in the xmlcalendar files: a holiday or a day off moved onto a weekday
    HOLIDAY = "holiday", _("нерабочий день")
    # t=2: a working day one hour shorter, the day before a holiday (ТК РФ ст. 95)
    SHORTENED = "shortened", _("сокращённый рабочий день")
    # t=3: a Saturday or Sunday made a working day by a transfer
    WORKING_WEEKEND = "working_weekend", _("рабочий выходной день")


class CalendarYear(models.Model):
    """One year of one calendar: ``ru`` (federal) or a region's own (``tatar``)."""

    calendar = models.CharField(
        _("календарь"), max_length=20,
        help_text=_("ru — федеральный; код региона (tatar) — его собственные праздники."),
    )
    year = models.PositiveSmallIntegerField(_("год"))
    source = models.CharField(_("источник"), max_length=255, blank=True)
    # The date the source says it was compiled (the decree for a year can change it).
    source_date = models.DateField(_("дата составления"), null=True, blank=True)
    checksum = models.CharField(_("контрольная сумма файла"), max_length=64, blank=True)
    loaded_at = models.DateTimeField(_("загружен"))

    class Meta:
        ordering = ["calendar", "year"]
        verbose_name = _("год производственного календаря")
        verbose_name_plural = _("производственный календарь")
        constraints = [
            models.UniqueConstraint(fields=["calendar", "year"], name="workdays_calendar_year"),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100), name="workdays_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.calendar} {self.year}"


class CalendarDay(models.Model):
    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("год")
    )
    date = models.DateField(_("дата"))
    kind = models.CharField(_("вид дня"), max_length=20, choices=DayKind.choices)
    title = models.CharField(_("праздник"), max_length=255, blank=True)
    moved_from = models.DateField(_("перенесён с"), null=True, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("день производственного календаря")
        verbose_name_plural = _("дни производственного календаря")
        constraints = [
            models.UniqueConstraint(fields=["calendar_year", "date"], name="workdays_one_day"),
            models.CheckConstraint(
                condition=Q(kind__in=DayKind.values), name="workdays_day_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} — {self.get_kind_display()}"

    def clean(self) -> None:
        if self.calendar_year_id and self.date and self.date.year != self.calendar_year.year:
            raise ValidationError({"date": _("Дата должна быть в году календаря.")})
