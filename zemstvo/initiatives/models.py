"""Инициативные проекты и конкурсный отбор (инициативное бюджетирование).

131-ФЗ ст. 26.1 (в ред. 236-ФЗ, с 01.01.2021; 33-ФЗ с 19.06.2025): who initiates
(ч. 2), what a project contains (ч. 3), how support is shown (ч. 6), publication,
comments and the decision after submission (ч. 7–11), competitive selection by a
collegial body (ч. 12). Regional programmes add the co-financing ledger and the
scoring matrix. Every legal number is a rule value snapshotted on the round
(``SelectionRound.rules``), never a constant here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("подготовка")
    OPEN = "open", _("приём проектов")
    SCORING = "scoring", _("оценка проектов")
    RESULTS = "results", _("итоги подведены")


class SelectionRound(models.Model):
    """Конкурсный отбор инициативных проектов of a municipality for a year."""

    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="initiative_rounds",
        verbose_name=_("муниципальное образование"),
    )
    year = models.PositiveSmallIntegerField(_("год"))
    title = models.CharField(_("название"), max_length=200)
    budget_regional = models.DecimalField(_("субсидия из бюджета субъекта, руб."), **MONEY)
    budget_local = models.DecimalField(_("средства местного бюджета, руб."), **MONEY)
    # The rule set in force on the day the round opened (rule_snapshot): a round
    # follows the rules of its start date even when the law or an act changes later.
    rules = models.JSONField(_("правила отбора"), default=dict, blank=True)
    rules_on = models.DateField(_("правила на дату"), null=True, blank=True)
    acceptance_from = models.DateField(_("приём проектов с"))
    acceptance_to = models.DateField(_("приём проектов по"))
    scoring_until = models.DateField(_("оценка проектов до"))
    results_date = models.DateField(_("дата подведения итогов"))
    status = models.CharField(
        _("состояние"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    results_published_at = models.DateTimeField(_("итоги опубликованы"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("конкурсный отбор")
        verbose_name_plural = _("конкурсные отборы")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_regional__gte=0) & Q(budget_local__gte=0),
                name="initiatives_round_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(acceptance_from__lte=F("acceptance_to"))
                & Q(acceptance_to__lte=F("scoring_until"))
                & Q(scoring_until__lte=F("results_date")),
                name="initiatives_round_schedule_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(rules_on__isnull=False),
                name="initiatives_round_open_has_rules",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:round", kwargs={
            "municipality": self.municipality.slug, "pk": self.pk})

    @property
    def budget_total(self) -> Decimal:
        return self.budget_regional + self.budget_local

    def rule(self, key: str) -> Any:
        """The value of a rule of the snapshot (KeyError when the round is a draft)."""
        return self.rules[key]["value"]

    @property
    def is_public(self) -> bool:
        return self.status != RoundStatus.DRAFT


class CriterionKind(models.TextChoices):
    BANDS = "bands", _("диапазоны значений")
    SCALE = "scale", _("шкала баллов")


class CriterionInput(models.TextChoices):
    """What a criterion reads. Computed inputs are percentages taken from the project;
    a manual criterion is scored by each commission member on the scale."""

    CO_FINANCING = "co_financing", _("доля софинансирования жителей и организаций, %")
    NON_MONETARY = "non_monetary", _("доля имущественного и трудового участия, %")
    BENEFICIARIES = "beneficiaries", _("доля благополучателей в численности населения, %")
    MEETING = "meeting", _("доля жителей, участвовавших в собрании, %")
    MANUAL = "manual", _("оценка члена комиссии")


class ScoringCriterion(models.Model):
    """A row of the scoring matrix. ``bands`` criteria map a computed value to points
    by ranges ``[{"from": a, "to": b, "points": p}, ...]`` (from inclusive, to
    exclusive, ``to`` null = no upper bound); ``scale`` criteria take the member's
    points between ``scale_min`` and ``scale_max``."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("критерий"), max_length=200)
    kind = models.CharField(_("вид"), max_length=8, choices=CriterionKind.choices)
    input = models.CharField(_("на чём основан"), max_length=16, choices=CriterionInput.choices)
    weight = models.DecimalField(_("вес"), max_digits=6, decimal_places=3)
    bands = models.JSONField(_("диапазоны"), default=list, blank=True)
    scale_min = models.DecimalField(_("баллов от"), max_digits=6, decimal_places=2, default=0)
    scale_max = models.DecimalField(_("баллов до"), max_digits=6, decimal_places=2, default=0)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("критерий оценки")
        verbose_name_plural = _("критерии оценки")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="initiatives_weight_positive"),
            models.CheckConstraint(
                condition=Q(scale_min__lte=F("scale_max")), name="initiatives_scale_ordered"
            ),
            # Bands read a computed value; a scale is the member's own judgement.
            models.CheckConstraint(
                condition=(Q(kind="bands") & ~Q(input="manual"))
                | (Q(kind="scale") & Q(input="manual")),
                name="initiatives_kind_matches_input",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def max_points(self) -> Decimal:
        if self.kind == CriterionKind.SCALE:
            return self.scale_max
        return max((Decimal(str(b["points"])) for b in self.bands), default=ZERO)


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    SUBMITTED = "submitted", _("внесён")
    PUBLISHED = "published", _("опубликован, идёт обсуждение")
    ADMITTED = "admitted", _("поддержан администрацией")
    REFUSED = "refused", _("отказано в поддержке")
    SCORED = "scored", _("оценён комиссией")
    SELECTED = "selected", _("прошёл отбор")
    NOT_SELECTED = "not_selected", _("не прошёл отбор")
    IMPLEMENTATION = "implementation", _("реализуется")
    COMPLETED = "completed", _("реализован")


# Statuses a visitor sees: from publication on (131-ФЗ ст. 26.1 ч. 7).
PUBLIC_STATUSES = (
    ProjectStatus.PUBLISHED, ProjectStatus.ADMITTED, ProjectStatus.REFUSED,
    ProjectStatus.SCORED, ProjectStatus.SELECTED, ProjectStatus.NOT_SELECTED,
    ProjectStatus.IMPLEMENTATION, ProjectStatus.COMPLETED,
)


class InitiatorKind(models.TextChoices):
    """131-ФЗ ст. 26.1 ч. 2: who may bring a project."""

    GROUP = "group", _("инициативная группа жителей")
    TOS = "tos", _("орган территориального общественного самоуправления")
    STAROSTA = "starosta", _("староста сельского населённого пункта")


class RefusalGround(models.TextChoices):
    """131-ФЗ ст. 26.1 ч. 7: the only grounds for refusing to support a project."""

    PROCEDURE = "procedure", _(
        "несоблюдение установленного порядка внесения инициативного проекта и его рассмотрения"
    )
    CONTRARY_TO_LAW = "contrary_to_law", _(
        "несоответствие проекта требованиям законов и иных нормативных правовых актов, "
        "уставу муниципального образования"
    )
    NO_POWERS = "no_powers", _(
        "невозможность реализации проекта ввиду отсутствия у органов местного "
        "самоуправления необходимых полномочий и прав"
    )
    NO_FUNDS = "no_funds", _(
        "отсутствие средств местного бюджета в объёме, необходимом для реализации проекта, "
        "источником формирования которых не являются инициативные платежи"
    )
    SOLVED_OTHERWISE = "solved_otherwise", _(
        "наличие возможности решения описанной в проекте проблемы более эффективным способом"
    )
    NOT_SELECTED = "not_selected", _("признание проекта не прошедшим конкурсный отбор")


class Project(models.Model):
    """Инициативный проект with every element of 131-ФЗ ст. 26.1 ч. 3."""

    round = models.ForeignKey(SelectionRound, on_delete=models.PROTECT, related_name="projects",
                              verbose_name=_("конкурсный отбор"))
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="initiative_projects",
        verbose_name=_("муниципальное образование"),
    )
    settlement = models.ForeignKey(
        "territory.Settlement", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("населённый пункт"),
    )
    territory = models.CharField(_("территория реализации"), max_length=300)
    title = models.CharField(_("название"), max_length=200)
    problem = models.TextField(_("описание проблемы"))
    justification = models.TextField(_("обоснование предложений по решению проблемы"))
    expected_result = models.TextField(_("ожидаемый результат"))
    timeline = models.CharField(_("сроки реализации"), max_length=300)
    # The residents the project serves and the population of its territory: the
    # shares of the scoring matrix are taken from these.
    beneficiaries = models.PositiveIntegerField(_("число благополучателей"))
    territory_population = models.PositiveIntegerField(_("численность населения территории"))
    participation = models.TextField(
        _("планируемое имущественное и трудовое участие заинтересованных лиц"), blank=True
    )
    # Sum of the estimate's lines and the budget money asked (local budget incl. the
    # regional subsidy), kept in step with the lines and the ledger by the services.
    cost_total = models.DecimalField(_("стоимость проекта, руб."), default=ZERO, **MONEY)
    budget_request = models.DecimalField(
        _("средства местного бюджета, руб."), default=ZERO, **MONEY
    )

    initiator_kind = models.CharField(
        _("инициатор"), max_length=16, choices=InitiatorKind.choices, default=InitiatorKind.GROUP
    )
    # A ТОС body or a rural starosta: their name and a document proving the authority
    # (the community registries come with a later module).
    initiator_name = models.CharField(_("наименование ТОС или ФИО старосты"), max_length=300,
                                      blank=True)
    initiator_document = models.ForeignKey(
        "attachments.Attachment", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("документ о полномочиях инициатора"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="initiative_projects",
        verbose_name=_("кто внёс"),
    )
    # Residents join the group through a link with this code (no names are looked up).
    group_code = models.CharField(max_length=32, unique=True)

    status = models.CharField(_("состояние"), max_length=16, choices=ProjectStatus.choices,
                              default=ProjectStatus.DRAFT)
    submitted_at = models.DateTimeField(_("внесён"), null=True, blank=True)
    published_at = models.DateTimeField(_("опубликован"), null=True, blank=True)
    # Deadlines of ч. 7–9, in the municipality's local dates.
    publication_due = models.DateField(_("опубликовать до"), null=True, blank=True)
    comments_until = models.DateField(_("замечания принимаются до"), null=True, blank=True)
    decision_due = models.DateField(_("решение до"), null=True, blank=True)
    decided_at = models.DateTimeField(_("решение принято"), null=True, blank=True)
    refusal_ground = models.CharField(_("основание отказа"), max_length=32,
                                      choices=RefusalGround.choices, blank=True)
    decision_reason = models.TextField(_("мотивировка решения"), blank=True)
    score_total = models.DecimalField(_("итоговый балл"), max_digits=10, decimal_places=3,
                                      null=True, blank=True)
    rank = models.PositiveIntegerField(_("место в рейтинге"), null=True, blank=True)
    selection_note = models.CharField(_("итог отбора"), max_length=300, blank=True)
    progress = models.PositiveSmallIntegerField(_("готовность, %"), default=0)
    accepted_at = models.DateTimeField(_("работы приняты"), null=True, blank=True)
    acceptance_note = models.TextField(_("акт приёмки"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("инициативный проект")
        verbose_name_plural = _("инициативные проекты")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100),
                                   name="initiatives_progress_percent"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="initiatives_submitted_has_moment",
            ),
            # A refusal always names one of the listed grounds (ч. 7).
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_ground=""),
                name="initiatives_refusal_has_ground",
            ),
            models.CheckConstraint(
                condition=Q(initiator_kind="group") | ~Q(initiator_name=""),
                name="initiatives_tos_starosta_named",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="initiatives_list")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={
            "municipality": self.municipality.slug, "pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def comments_open(self) -> bool:
        """Residents comment while the project is under discussion (ч. 8)."""
        return self.status == ProjectStatus.PUBLISHED


class ProjectCostItem(models.Model):
    """A line of the preliminary cost estimate (предварительный расчёт)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="cost_items")
    name = models.CharField(_("статья расходов"), max_length=200)
    quantity = models.DecimalField(_("количество"), max_digits=12, decimal_places=3)
    unit_price = models.DecimalField(_("цена за единицу, руб."), **MONEY)
    total = models.DecimalField(_("сумма, руб."), **MONEY)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0) & Q(unit_price__gte=0),
                                   name="initiatives_cost_item_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class FinancingSource(models.TextChoices):
    RESIDENTS = "residents", _("жители")
    BUSINESSES = "businesses", _("организации и предприниматели")
    LOCAL_BUDGET = "local_budget", _("местный бюджет")
    REGIONAL_SUBSIDY = "regional_subsidy", _("субсидия из бюджета субъекта")


BUDGET_SOURCES = (FinancingSource.LOCAL_BUDGET, FinancingSource.REGIONAL_SUBSIDY)


class ProjectFinancing(models.Model):
    """The co-financing ledger: money by source, and for residents and businesses the
    planned in-kind (имущественное) and labour (трудовое) participation."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="financing")
    source = models.CharField(_("источник"), max_length=20, choices=FinancingSource.choices)
    money = models.DecimalField(_("денежные средства, руб."), default=ZERO, **MONEY)
    in_kind_description = models.CharField(_("имущественное участие"), max_length=300,
                                           blank=True)
    in_kind_value = models.DecimalField(_("оценка имущественного участия, руб."), default=ZERO,
                                        **MONEY)
    labour_hours = models.PositiveIntegerField(_("трудовое участие, чел.-часов"), default=0)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "source"],
                                    name="initiatives_financing_one_row_per_source"),
            models.CheckConstraint(condition=Q(money__gte=0) & Q(in_kind_value__gte=0),
                                   name="initiatives_financing_not_negative"),
            # Budgets pay money only.
            models.CheckConstraint(
                condition=Q(source__in=["residents", "businesses"])
                | (Q(in_kind_value=0) & Q(labour_hours=0)),
                name="initiatives_budget_money_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.money}"


class InitiativeGroupMember(models.Model):
    """A member of the initiative group. A verified resident confirms membership
    personally; only confirmed members of the minimum age are counted."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="group_members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="initiative_groups")
    confirmed_at = models.DateTimeField(_("подтвердил участие"), null=True, blank=True)

    class Meta:
        ordering = ["confirmed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"],
                                    name="initiatives_group_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}:{self.user_id}"


class EvidenceKind(models.TextChoices):
    """131-ФЗ ст. 26.1 ч. 6: how support of residents is shown."""

    MEETING = "meeting", _("протокол собрания (схода, конференции)")
    SIGNATURES = "signatures", _("подписные листы")
    POLL = "poll", _("результаты опроса граждан")


class ProjectEvidence(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("вид"), max_length=16, choices=EvidenceKind.choices)
    # Meeting attendance, signatures collected or poll participants.
    count = models.PositiveIntegerField(_("число участников (подписей)"))
    held_on = models.DateField(_("дата"))
    attachment = models.ForeignKey("attachments.Attachment", on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("файл"))

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ProjectSupport(models.Model):
    """Online support: one per verified resident and project, enforced by the DB."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="initiative_supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"],
                                    name="initiatives_support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}:{self.user_id}"


class Score(models.Model):
    """One commission member's points for one criterion of one project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE,
                                  related_name="scores")
    points = models.DecimalField(_("баллы"), max_digits=6, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "member", "criterion"],
                                    name="initiatives_score_once"),
            models.CheckConstraint(condition=Q(points__gte=0),
                                   name="initiatives_points_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}:{self.member_id}:{self.criterion_id}={self.points}"


class ProjectEvent(models.Model):
    """The public timeline: one row for each status change and implementation step."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=16, choices=ProjectStatus.choices)
    title = models.CharField(max_length=300)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.title


class ProjectContract(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="contract")
    number = models.CharField(_("номер контракта"), max_length=100)
    signed_on = models.DateField(_("дата контракта"))
    contractor = models.CharField(_("подрядчик"), max_length=300)
    amount = models.DecimalField(_("цена контракта, руб."), **MONEY)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0),
                                   name="initiatives_contract_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.number


class ProjectStage(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stages")
    title = models.CharField(_("этап"), max_length=200)
    planned_start = models.DateField(_("начало по плану"))
    planned_end = models.DateField(_("окончание по плану"))
    actual_start = models.DateField(_("начало фактически"), null=True, blank=True)
    actual_end = models.DateField(_("окончание фактически"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("готовность, %"), default=0)

    class Meta:
        ordering = ["planned_start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100),
                                   name="initiatives_stage_progress_percent"),
            models.CheckConstraint(condition=Q(planned_start__lte=F("planned_end")),
                                   name="initiatives_stage_plan_ordered"),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectSpending(models.Model):
    """Plan and fact of spending by source."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="spending")
    source = models.CharField(_("источник"), max_length=20, choices=FinancingSource.choices)
    planned = models.DecimalField(_("план, руб."), default=ZERO, **MONEY)
    actual = models.DecimalField(_("факт, руб."), default=ZERO, **MONEY)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "source"],
                                    name="initiatives_spending_one_row_per_source"),
            models.CheckConstraint(condition=Q(planned__gte=0) & Q(actual__gte=0),
                                   name="initiatives_spending_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.planned}/{self.actual}"


class PhotoPhase(models.TextChoices):
    BEFORE = "before", _("до начала работ")
    AFTER = "after", _("после завершения")


class ProjectPhoto(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="photos")
    phase = models.CharField(_("когда снято"), max_length=8, choices=PhotoPhase.choices)
    attachment = models.ForeignKey("attachments.Attachment", on_delete=models.CASCADE,
                                   related_name="+")

    class Meta:
        ordering = ["phase", "id"]

    def __str__(self) -> str:
        return self.get_phase_display()


def money_shares(rows: list[ProjectFinancing], cost_total: Decimal) -> dict[str, Decimal]:
    """Share of each source's money in the cost, in percent (two decimals)."""
    if cost_total <= 0:
        return {row.source: ZERO for row in rows}
    return {row.source: (row.money * 100 / cost_total).quantize(Decimal("0.01"))
            for row in rows}
