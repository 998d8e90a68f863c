"""Публичные слушания и общественные обсуждения.

Two families of procedures: public hearings under the municipal charter (131-ФЗ
ст. 28) and urban-planning hearings or discussions (ГрК РФ ст. 5.1). A procedure walks
the stages of its kind's timeline template (which the municipality edits); proposals
come only from identified participants (ГрК ст. 5.1 ч. 12), whose identification
data is personal data (152-ФЗ) kept in :class:`Participant` and never published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ProcedureKind(models.TextChoices):
    CHARTER = "charter", _("проект устава или изменений в устав")
    BUDGET = "budget", _("проект местного бюджета")
    BUDGET_REPORT = "budget_report", _("отчёт об исполнении местного бюджета")
    STRATEGY = "strategy", _("проект стратегии социально-экономического развития")
    TRANSFORMATION = "transformation", _("вопрос о преобразовании муниципального образования")
    GENPLAN = "genplan", _("проект генерального плана")
    PZZ = "pzz", _("проект правил землепользования и застройки")
    PLANNING = "planning", _("проект планировки и межевания территории")
    CONDITIONAL_USE = "conditional_use", _("условно разрешённый вид использования")
    DEVIATION = "deviation", _("отклонение от предельных параметров")
    IMPROVEMENT = "improvement", _("проект правил благоустройства")


class ProcedureForm(models.TextChoices):
    HEARING = "hearing", _("публичные слушания")
    DISCUSSION = "discussion", _("общественные обсуждения")


class StageKind(models.TextChoices):
    NOTICE = "notice", _("оповещение")
    PUBLICATION = "publication", _("размещение проекта и открытие экспозиции")
    EXPOSITION = "exposition", _("экспозиция и консультации, приём предложений")
    MEETING = "meeting", _("собрание участников")
    PROTOCOL = "protocol", _("подготовка протокола")
    CONCLUSION = "conclusion", _("подготовка и опубликование заключения")


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("календарные дни")
    WORKING = "working", _("рабочие дни")


class Status(models.TextChoices):
    DRAFT = "draft", _("подготовка")
    NOTICE = "notice", _("оповещение")
    PUBLICATION = "publication", _("проект размещён")
    EXPOSITION = "exposition", _("приём предложений")
    MEETING = "meeting", _("собрание участников")
    PROTOCOL = "protocol", _("подготовка протокола")
    CONCLUSION = "conclusion", _("подготовка заключения")
    CLOSED = "closed", _("завершены")


class TimelineTemplate(models.Model):
    """A municipality's timeline for a kind of procedure (its own act may set the
    durations within the limits of the law)."""

    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("муниципальное образование"),
    )
    kind = models.CharField(_("вид"), max_length=32, choices=ProcedureKind.choices)
    form = models.CharField(_("форма"), max_length=16, choices=ProcedureForm.choices)
    act = models.CharField(_("акт, которым установлен порядок"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    class Meta:
        verbose_name = _("шаблон сроков")
        verbose_name_plural = _("шаблоны сроков")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="hearings_tpl_unique"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class StageTemplate(models.Model):
    template = models.ForeignKey(TimelineTemplate, on_delete=models.CASCADE,
                                 related_name="stages")
    kind = models.CharField(_("этап"), max_length=16, choices=StageKind.choices)
    order = models.PositiveSmallIntegerField(_("порядок"))
    min_days = models.PositiveSmallIntegerField(_("не меньше"))
    default_days = models.PositiveSmallIntegerField(_("по умолчанию"))
    max_days = models.PositiveSmallIntegerField(_("не больше"))
    day_kind = models.CharField(_("дни"), max_length=16, choices=DayKind.choices,
                                default=DayKind.CALENDAR)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "kind"], name="hearings_stpl_unique"),
            models.CheckConstraint(
                condition=Q(min_days__lte=models.F("default_days"))
                & Q(default_days__lte=models.F("max_days")),
                name="hearings_stpl_min_default_max",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()



class Procedure(models.Model):
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="hearings",
        verbose_name=_("муниципальное образование"),
    )
    kind = models.CharField(_("вид"), max_length=32, choices=ProcedureKind.choices)
    form = models.CharField(_("форма"), max_length=16, choices=ProcedureForm.choices)
    title = models.CharField(_("наименование проекта"), max_length=300)
    # Empty territory: the whole municipality.
    settlements = models.ManyToManyField(
        "territory.Settlement", blank=True, related_name="hearings",
        verbose_name=_("территория"),
    )
    territory_note = models.CharField(_("описание территории"), max_length=500, blank=True)
    organiser = models.CharField(_("организатор"), max_length=300)
    status = models.CharField(_("этап"), max_length=16, choices=Status.choices,
                              default=Status.DRAFT)
    # The rules in force on the day of the notice (LAW.md: a process follows them).
    rules = models.JSONField(_("правила на дату начала"), default=dict)
    # Notice (оповещение), ГрК ст. 5.1 ч. 6–8.
    project_info = models.TextField(_("информация о проекте"), blank=True)
    materials_list = models.TextField(_("перечень информационных материалов"), blank=True)
    exposition_place = models.CharField(_("место экспозиции"), max_length=300, blank=True)
    exposition_hours = models.CharField(_("дни и часы посещения экспозиции"), max_length=300,
                                        blank=True)
    proposals_method = models.TextField(_("порядок и форма внесения предложений"), blank=True)
    site_url = models.URLField(_("официальный сайт, где размещён проект"), blank=True)
    meeting_place = models.CharField(_("место собрания"), max_length=300, blank=True)
    meeting_at = models.DateTimeField(_("дата и время собрания"), null=True, blank=True)
    notice_published_at = models.DateTimeField(_("оповещение опубликовано"), null=True,
                                               blank=True)
    protocol_number = models.CharField(_("номер протокола"), max_length=40, blank=True)
    protocol_signed_at = models.DateTimeField(_("протокол подписан"), null=True, blank=True)
    conclusion_summary = models.TextField(_("выводы по результатам"), blank=True)
    conclusion_published_at = models.DateTimeField(_("заключение опубликовано"), null=True,
                                                   blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("публичные слушания / общественные обсуждения")
        verbose_name_plural = _("публичные слушания и общественные обсуждения")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(notice_published_at__isnull=False),
                name="hearings_public_has_notice",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(conclusion_published_at__isnull=False),
                name="hearings_closed_has_conclusion",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="hearings_by_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("hearings:detail",
                       kwargs={"municipality": self.municipality.slug, "pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status != Status.DRAFT

    @property
    def has_meeting(self) -> bool:
        return self.form == ProcedureForm.HEARING


class Stage(models.Model):
    """A planned stage with dates in the municipality's time zone (both inclusive)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("этап"), max_length=16, choices=StageKind.choices)
    order = models.PositiveSmallIntegerField()
    starts_on = models.DateField(_("начало"))
    ends_on = models.DateField(_("окончание"))
    min_days = models.PositiveSmallIntegerField()
    max_days = models.PositiveSmallIntegerField()
    day_kind = models.CharField(max_length=16, choices=DayKind.choices)
    started_at = models.DateTimeField(_("фактически начат"), null=True, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "kind"], name="hearings_stage_unique"),
            models.CheckConstraint(condition=Q(starts_on__lte=models.F("ends_on")),
                                   name="hearings_stage_dates"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()



class Consultation(models.Model):
    """A consultation at the exposition: planned (schedule) and, once held, logged."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE,
                                  related_name="consultations")
    starts_at = models.DateTimeField(_("дата и время"))
    place = models.CharField(_("место"), max_length=300)
    consultant = models.CharField(_("консультант"), max_length=200)
    held = models.BooleanField(_("проведена"), default=False)
    visitors = models.PositiveIntegerField(_("число посетителей"), default=0)
    notes = models.TextField(_("вопросы и ответы"), blank=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.place} {self.starts_at:%d.%m.%Y}"

    @property
    def municipality(self):
        return self.procedure.municipality



class ParticipantKind(models.TextChoices):
    PERSON = "person", _("физическое лицо")
    ORGANISATION = "organisation", _("юридическое лицо")


class LocalBasis(models.TextChoices):
    """ГрК ст. 5.1 ч. 2: участники — жители территории и правообладатели земельных
    участков и объектов на ней; protocol and conclusion list them apart."""

    RESIDENT = "resident", _("постоянно проживает на территории")
    RIGHT_HOLDER = "right_holder", _("правообладатель на территории")
    OTHER = "other", _("иной участник")


class Participant(models.Model):
    """An identified participant (ГрК ст. 5.1 ч. 12). Personal data: shown only to the
    organiser's staff, every view audited."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE,
                                  related_name="participants")
    number = models.PositiveIntegerField(_("номер участника"))
    kind = models.CharField(_("вид"), max_length=16, choices=ParticipantKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    full_name = models.CharField(_("ФИО"), max_length=300, blank=True)
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    org_name = models.CharField(_("наименование организации"), max_length=300, blank=True)
    ogrn = models.CharField(_("ОГРН"), max_length=15, blank=True)
    address = models.CharField(_("адрес регистрации / место нахождения"), max_length=400)
    basis = models.CharField(_("связь с территорией"), max_length=16,
                             choices=LocalBasis.choices)
    identified_by_account = models.BooleanField(_("личность подтверждена учётной записью"),
                                                default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"],
                                    name="hearings_participant_number"),
            models.CheckConstraint(
                condition=(Q(kind="person") & ~Q(full_name="") & Q(birth_date__isnull=False))
                | (Q(kind="organisation") & ~Q(org_name="") & ~Q(ogrn="")),
                name="hearings_participant_identified",
            ),
        ]

    def __str__(self) -> str:
        return f"Участник № {self.number}"

    @property
    def municipality(self):
        return self.procedure.municipality

    @property
    def is_local(self) -> bool:
        return self.basis != LocalBasis.OTHER

    @property
    def display_name(self) -> str:
        return self.full_name if self.kind == ParticipantKind.PERSON else self.org_name


class Channel(models.TextChoices):
    ONLINE = "online", _("через портал")
    WRITTEN = "written", _("в письменной форме")
    ORAL = "oral", _("устно на собрании")
    VISITOR_BOOK = "visitor_book", _("запись в книге посетителей экспозиции")


class Recommendation(models.TextChoices):
    ACCEPT = "accept", _("целесообразно учесть")
    REJECT = "reject", _("нецелесообразно учитывать")


class Proposal(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE,
                                  related_name="proposals")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT,
                                    related_name="proposals")
    number = models.PositiveIntegerField(_("номер"))
    channel = models.CharField(_("способ внесения"), max_length=16, choices=Channel.choices)
    text = models.TextField(_("предложение или замечание"))
    # Copied from the participant: the public split needs it without personal data.
    is_local = models.BooleanField(_("от жителя или правообладателя территории"))
    submitted_at = models.DateTimeField(_("поступило"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    recommendation = models.CharField(_("рекомендация организатора"), max_length=16,
                                      choices=Recommendation.choices, blank=True)
    reason = models.TextField(_("аргументация"), blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"],
                                    name="hearings_proposal_number"),
            models.CheckConstraint(condition=Q(recommendation="") | ~Q(reason=""),
                                   name="hearings_recommendation_reasoned"),
        ]

    def __str__(self) -> str:
        return f"Предложение № {self.number}"

    @property
    def municipality(self):
        return self.procedure.municipality



class Attendance(models.Model):
    """Registration of a participant at the meeting (hearings only)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE,
                                  related_name="attendances")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="attendances")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["procedure", "participant"],
                                    name="hearings_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"Регистрация участника {self.participant_id}"



class Speech(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="speeches")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT,
                                    related_name="speeches")
    summary = models.TextField(_("содержание выступления"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Выступление {self.pk}"
