"""Оценка эффективности деятельности ОМСУ: the indicator catalogue (Указ Президента
№ 607 of 28.04.2008 and the region's own indicators), reporting campaigns, values with
their history, ratings (ПП № 1317 of 17.12.2012 and the region's own methods) and
improvement plans (комплексы мероприятий)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zemstvo.core.territory.models import Municipality, Region, Settlement


class Sphere(models.TextChoices):
    """The spheres of Указ № 607 (its section headings)."""

    ECONOMY = "economy", _("Экономическое развитие")
    PRESCHOOL = "preschool", _("Дошкольное образование")
    SCHOOL = "school", _("Общее и дополнительное образование")
    CULTURE = "culture", _("Культура")
    SPORT = "sport", _("Физическая культура и спорт")
    HOUSING = "housing", _("Жилищное строительство")
    UTILITIES = "utilities", _("Жилищно-коммунальное хозяйство")
    ADMINISTRATION = "administration", _("Организация муниципального управления")
    ENERGY = "energy", _("Энергосбережение и повышение энергетической эффективности")
    LIVING = "living", _("Качество городской (сельской) среды")


class Direction(models.TextChoices):
    HIGHER = "higher", _("чем больше, тем лучше")
    LOWER = "lower", _("чем меньше, тем лучше")
    NEUTRAL = "neutral", _("не оценивается")


class ValueType(models.TextChoices):
    NUMBER = "number", _("число")
    # БД ПМО codes a yes/no indicator as 1 (yes) / 2 (no), e.g. item 36.
    YES_NO = "yes_no", _("да = 1 / нет = 2")


class Level(models.TextChoices):
    MUNICIPALITY = "municipality", _("муниципальное образование")
    SETTLEMENT = "settlement", _("населённый пункт")


class Indicator(models.Model):
    """A показатель. ``region`` empty: the federal list of Указ № 607; set: the
    region's own indicator. An item with several parts (e.g. 8: salaries in several
    kinds of institutions) is a header whose values are entered on its sub-indicators."""

    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("субъект РФ"),
    )
    code = models.CharField(_("номер"), max_length=20)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
        verbose_name=_("входит в показатель"),
    )
    position = models.PositiveIntegerField(_("порядок"), default=0)
    sphere = models.CharField(_("сфера"), max_length=20, choices=Sphere.choices)
    name = models.CharField(_("наименование"), max_length=500)
    unit = models.CharField(_("единица измерения"), max_length=60, blank=True)
    direction = models.CharField(
        _("направление"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    value_type = models.CharField(
        _("вид значения"), max_length=10, choices=ValueType.choices, default=ValueType.NUMBER
    )
    level = models.CharField(
        _("уровень"), max_length=15, choices=Level.choices, default=Level.MUNICIPALITY
    )
    bdpmo_code = models.CharField(_("код БД ПМО"), max_length=120, blank=True)
    min_value = models.DecimalField(
        _("наименьшее допустимое значение"), max_digits=20, decimal_places=4, null=True,
        blank=True,
    )
    max_value = models.DecimalField(
        _("наибольшее допустимое значение"), max_digits=20, decimal_places=4, null=True,
        blank=True,
    )
    needs_confirmation = models.BooleanField(_("требует подтверждения"), default=False)
    is_active = models.BooleanField(_("действует"), default=True)
    # The survey of residents' satisfaction (item 37) feeds the survey index of a
    # rating, not the mean of indicator indices.
    is_survey = models.BooleanField(_("опрос удовлетворённости населения"), default=False)
    note = models.TextField(_("примечание"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("показатель")
        verbose_name_plural = _("показатели")
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="eff_indicator_code_region"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(region__isnull=True), name="eff_indicator_code_fed"
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True) | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="eff_indicator_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def is_rated(self) -> bool:
        return self.is_active and self.direction != Direction.NEUTRAL and not self.is_survey


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("идёт сбор")
    CLOSED = "closed", _("завершена")


class Campaign(models.Model):
    """A reporting campaign of a region for a reporting year: the heads report last
    year's values and plans for 3 years by 1 May (Указ № 607 п. 2)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("отчётный год"))
    deadline = models.DateField(_("срок представления"))
    status = models.CharField(
        max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    rules = models.JSONField(_("правила на дату открытия"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="eff_campaign_region_year")
        ]

    def __str__(self) -> str:
        return f"{self.region} — {self.year}"

    @property
    def is_open(self) -> bool:
        """Values, reports and their review are accepted only while the campaign is open."""
        return self.status == CampaignStatus.OPEN


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("заполняется")
    SUBMITTED = "submitted", _("представлен")
    RETURNED = "returned", _("возвращён на доработку")
    ACCEPTED = "accepted", _("принят")


class Report(models.Model):
    """One municipality's report in a campaign: its values for the year and the plans."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reports")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    curator_comment = models.TextField(_("замечания куратора"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "municipality"], name="eff_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} — {self.campaign.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in {ReportStatus.DRAFT, ReportStatus.RETURNED}


class ValueKind(models.TextChoices):
    ACTUAL = "actual", _("факт")
    PLAN = "plan", _("план")


class IndicatorValue(models.Model):
    """The value of an indicator for a year: actual, or planned (the plan entered in
    a report for one of the 3 following years). Settlement-level indicators carry the
    settlement; the municipality is always the tenant."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    settlement = models.ForeignKey(
        Settlement, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    year = models.PositiveIntegerField(_("год"))
    kind = models.CharField(max_length=10, choices=ValueKind.choices, default=ValueKind.ACTUAL)
    value = models.DecimalField(_("значение"), max_digits=20, decimal_places=4)
    comment = models.TextField(_("комментарий"), blank=True)
    source = models.CharField(_("источник"), max_length=255, blank=True)
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="values"
    )
    # Accepted values are public (open data, ratings, the head's report).
    is_accepted = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator", "year", "kind"],
                condition=Q(settlement__isnull=True), name="eff_value_once_mo",
            ),
            models.UniqueConstraint(
                fields=["settlement", "indicator", "year", "kind"],
                condition=Q(settlement__isnull=False), name="eff_value_once_np",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "year", "kind"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.kind}: {self.value}"


class ValueRevision(models.Model):
    """One change of a value: the history shown to staff."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="revisions")
    old_value = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    new_value = models.DecimalField(max_digits=20, decimal_places=4)
    comment = models.TextField(blank=True)
    source = models.CharField(max_length=255, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    via = models.CharField(max_length=20, default="form")  # form | upload | api | demo

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.old_value} -> {self.new_value}"


class MethodKind(models.TextChoices):
    PP1317 = "pp1317", _("Типовая методика ПП № 1317 (уровень и динамика)")
    MINMAX = "minmax", _("Мин–макс по текущему году")
    WEIGHTED = "weighted", _("Взвешенные сферы и показатели")


class RatingMethod(models.Model):
    """A method of rating as configuration: the computation (zemstvo.effectiveness.
    scoring) reads only ``parameters``; ``kind`` names the preset it started from."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("название"), max_length=200)
    kind = models.CharField(_("вид"), max_length=10, choices=MethodKind.choices)
    parameters = models.JSONField(_("параметры"), default=dict)
    description = models.TextField(_("описание"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """A computed rating. Method, parameters and inputs are copied when it is made and
    never change, so ``scoring.compute(inputs, parameters)`` gives the same results."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    method = models.ForeignKey(RatingMethod, null=True, on_delete=models.SET_NULL,
                               related_name="ratings")
    method_name = models.CharField(max_length=200)
    method_kind = models.CharField(max_length=10, choices=MethodKind.choices)
    parameters = models.JSONField()
    year = models.PositiveIntegerField(_("год"))
    # A municipality type (peer group) or "" for every type, each ranked in its type.
    group = models.CharField(max_length=32, blank=True)
    inputs = models.JSONField()
    results = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.method_name} — {self.year}"

    def save(self, *args, **kwargs):
        if self.pk and Rating.objects.filter(pk=self.pk).exists():
            raise ValueError("A rating is immutable once computed.")
        super().save(*args, **kwargs)


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("запланировано")
    IN_PROGRESS = "in_progress", _("выполняется")
    DONE = "done", _("выполнено")
    CANCELLED = "cancelled", _("отменено")


class Measure(models.Model):
    """A measure of a municipality's improvement plan (комплекс мероприятий по
    повышению эффективности): who does what by when, and which indicator it moves."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("год плана"))
    title = models.CharField(_("мероприятие"), max_length=300)
    owner = models.CharField(_("ответственный"), max_length=200)
    deadline = models.DateField(_("срок"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("показатель"))
    expected_change = models.DecimalField(_("ожидаемое изменение"), max_digits=20,
                                          decimal_places=4)
    status = models.CharField(max_length=12, choices=MeasureStatus.choices,
                              default=MeasureStatus.PLANNED)
    result = models.TextField(_("результат"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.title


class SurveyLink(models.Model):
    """The residents' satisfaction survey (Указ № 607 item 37; ПП № 1317: the survey
    index) of a municipality for a year, run as a survey poll of the voting domain.
    ``poll_id`` is a plain number, not a foreign key, so this module works (and
    migrates) without the voting app; the options that mean "satisfied" are listed by
    id. While the link exists the rating reads the poll's published result instead of
    the value entered in the report."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("муниципальное образование"))
    year = models.PositiveIntegerField(_("год"))
    poll_id = models.PositiveIntegerField(_("опрос (номер голосования)"))
    poll_title = models.CharField(_("название опроса"), max_length=200)
    satisfied_options = models.JSONField(_("варианты «удовлетворён»"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "municipality__name"]
        verbose_name = _("опрос удовлетворённости")
        verbose_name_plural = _("опросы удовлетворённости")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="eff_survey_link_once")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} — {self.year}: {self.poll_title}"
