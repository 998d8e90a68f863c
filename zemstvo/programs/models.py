"""Municipal programs and the strategy of socio-economic development (прозрачное
отслеживание муниципальных программ и проектов).

Стратегия социально-экономического развития и план мероприятий по её реализации —
172-ФЗ «О стратегическом планировании» ст. 39, 40; муниципальные программы —
Бюджетный кодекс РФ ст. 179 (объём финансирования по годам и источникам).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 16, "decimal_places": 2}
VALUE = {"max_digits": 18, "decimal_places": 4}


class Strategy(models.Model):
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="strategies",
        verbose_name=_("муниципальное образование"),
    )
    title = models.CharField(_("название"), max_length=300)
    year_from = models.PositiveSmallIntegerField(_("начало периода"))
    year_to = models.PositiveSmallIntegerField(_("конец периода"))
    description = models.TextField(_("описание"), blank=True)

    class Meta:
        ordering = ["-year_from", "id"]
        verbose_name = _("стратегия")
        verbose_name_plural = _("стратегии")
        constraints = [models.CheckConstraint(condition=Q(year_to__gte=F("year_from")),
                                              name="programs_strategy_period")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:strategy",
                       kwargs={"municipality": self.municipality.slug, "pk": self.pk})


class Priority(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(_("приоритет"), max_length=300)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("приоритет")
        verbose_name_plural = _("приоритеты")

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("цель"), max_length=300)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("цель")
        verbose_name_plural = _("цели")

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("задача"), max_length=300)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)
    # План мероприятий по реализации стратегии: which programs carry out the task.
    programs = models.ManyToManyField("Program", through="ActionPlanItem",
                                      related_name="strategy_tasks", blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("задача")
        verbose_name_plural = _("задачи")

    def __str__(self) -> str:
        return self.title


class MeasuredIndicator(models.Model):
    """What a strategy target and a program indicator share: a measure with its unit,
    a baseline, and which direction is better (metrics mirror the deviation)."""

    title = models.CharField(_("показатель"), max_length=300)
    unit = models.CharField(_("единица измерения"), max_length=40)
    baseline_value = models.DecimalField(_("базовое значение"), **VALUE)
    baseline_year = models.PositiveSmallIntegerField(_("базовый год"))
    lower_is_better = models.BooleanField(_("чем меньше, тем лучше"), default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


class TargetIndicator(MeasuredIndicator):
    """A target indicator of a strategic goal (целевой показатель)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")

    class Meta:
        ordering = ["id"]
        verbose_name = _("целевой показатель")
        verbose_name_plural = _("целевые показатели")


class TargetValue(models.Model):
    indicator = models.ForeignKey(TargetIndicator, on_delete=models.CASCADE,
                                  related_name="values")
    year = models.PositiveSmallIntegerField(_("год"))
    target = models.DecimalField(_("целевое значение"), **VALUE)
    fact = models.DecimalField(_("факт"), null=True, blank=True, **VALUE)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"],
                                               name="programs_target_year_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id}:{self.year}"


class Program(models.Model):
    """A municipal program (муниципальная программа, БК РФ ст. 179)."""

    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="programs",
        verbose_name=_("муниципальное образование"),
    )
    code = models.CharField(_("код"), max_length=30)
    title = models.CharField(_("название"), max_length=300)
    description = models.TextField(_("описание"), blank=True)
    year_from = models.PositiveSmallIntegerField(_("начало периода"))
    year_to = models.PositiveSmallIntegerField(_("конец периода"))
    responsible_unit = models.CharField(_("ответственный исполнитель"), max_length=300)

    class Meta:
        ordering = ["code", "id"]
        verbose_name = _("муниципальная программа")
        verbose_name_plural = _("муниципальные программы")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"],
                                    name="programs_program_code_unique"),
            models.CheckConstraint(condition=Q(year_to__gte=F("year_from")),
                                   name="programs_program_period"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("programs:detail",
                       kwargs={"municipality": self.municipality.slug, "pk": self.pk})

    @property
    def comments_open(self) -> bool:
        return True


class ActionPlanItem(models.Model):
    """A line of the action plan: a strategy task carried out by a program."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="plan_items")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="plan_items")
    note = models.CharField(_("примечание"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "program"],
                                               name="programs_plan_item_unique")]

    def __str__(self) -> str:
        return f"{self.task_id}->{self.program_id}"


class SubprogramKind(models.TextChoices):
    SUBPROGRAM = "subprogram", _("подпрограмма")
    PROJECT = "project", _("проект")


class Subprogram(models.Model):
    """A subprogram or a project of a program, possibly the municipal part of a
    national project (муниципальная составляющая национального проекта)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="subprograms")
    kind = models.CharField(_("вид"), max_length=16, choices=SubprogramKind.choices,
                            default=SubprogramKind.SUBPROGRAM)
    title = models.CharField(_("название"), max_length=300)
    is_national_project = models.BooleanField(_("часть национального проекта"), default=False)
    national_project = models.CharField(_("национальный проект"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("подпрограмма или проект")
        verbose_name_plural = _("подпрограммы и проекты")
        constraints = [models.CheckConstraint(
            condition=Q(is_national_project=False) | ~Q(national_project=""),
            name="programs_national_project_named")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.program.get_absolute_url()

    @property
    def municipality(self):
        return self.program.municipality

    @property
    def municipality_id(self) -> int:
        return self.program.municipality_id


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("запланировано")
    IN_PROGRESS = "in_progress", _("выполняется")
    DONE = "done", _("выполнено")
    CANCELLED = "cancelled", _("отменено")


class Activity(models.Model):
    """A program activity (мероприятие)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="activities")
    subprogram = models.ForeignKey(Subprogram, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="activities")
    title = models.CharField(_("название"), max_length=300)
    responsible_unit = models.CharField(_("ответственный исполнитель"), max_length=300)
    status = models.CharField(_("состояние"), max_length=16, choices=ActivityStatus.choices,
                              default=ActivityStatus.PLANNED)
    weight = models.PositiveSmallIntegerField(_("вес в программе"), default=1)
    # The readiness the unit reported last (0–100); see metrics.activity_progress.
    reported_progress = models.PositiveSmallIntegerField(_("готовность, %"), default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("мероприятие")
        verbose_name_plural = _("мероприятия")
        constraints = [
            models.CheckConstraint(condition=Q(reported_progress__lte=100),
                                   name="programs_activity_progress_percent"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="programs_activity_weight"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:activity", kwargs={
            "municipality": self.program.municipality.slug, "pk": self.pk})

    @property
    def municipality(self):
        return self.program.municipality


class FundingSource(models.TextChoices):
    FEDERAL = "federal", _("федеральный бюджет")
    REGIONAL = "regional", _("бюджет субъекта РФ")
    LOCAL = "local", _("местный бюджет")
    EXTRA = "extra", _("внебюджетные источники")


class BudgetLine(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="budget")
    year = models.PositiveSmallIntegerField(_("год"))
    source = models.CharField(_("источник"), max_length=16, choices=FundingSource.choices)
    plan = models.DecimalField(_("план, руб."), **MONEY)
    fact = models.DecimalField(_("факт, руб."), default=0, **MONEY)

    class Meta:
        ordering = ["year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "year", "source"],
                                    name="programs_budget_line_unique"),
            models.CheckConstraint(condition=Q(plan__gte=0) & Q(fact__gte=0),
                                   name="programs_budget_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}:{self.year}:{self.source}"


class ProgramIndicator(MeasuredIndicator):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="indicators")

    class Meta:
        ordering = ["id"]
        verbose_name = _("показатель программы")
        verbose_name_plural = _("показатели программ")


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(ProgramIndicator, on_delete=models.CASCADE,
                                  related_name="values")
    year = models.PositiveSmallIntegerField(_("год"))
    plan = models.DecimalField(_("план"), **VALUE)
    fact = models.DecimalField(_("факт"), null=True, blank=True, **VALUE)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"],
                                               name="programs_indicator_year_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id}:{self.year}"


class Milestone(models.Model):
    """A control point (контрольная точка) of an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("контрольная точка"), max_length=300)
    planned_date = models.DateField(_("плановая дата"))
    actual_date = models.DateField(_("фактическая дата"), null=True, blank=True)
    delay_reason = models.CharField(_("причина задержки"), max_length=500, blank=True)

    class Meta:
        ordering = ["planned_date", "id"]
        verbose_name = _("контрольная точка")
        verbose_name_plural = _("контрольные точки")
        indexes = [models.Index(fields=["planned_date"], name="programs_milestone_date")]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    """A unit's report on an activity; its evidence is in attachments."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT,
                                     related_name="+")
    text = models.TextField(_("что сделано"))
    progress = models.PositiveSmallIntegerField(_("готовность, %"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("дата"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100),
                                              name="programs_update_progress_percent")]

    def __str__(self) -> str:
        return f"{self.activity_id}:{self.created_at:%Y-%m-%d}"
