"""Сходы граждан (131-ФЗ ст. 25.1), ТОС (ст. 27) and rural starostas (ст. 27.1).

Personal data: a roll entry (name, birth date, address) and a ТОС member are for the
municipality's staff only. Office-holders (a starosta, the elected officers of a ТОС)
are public by the nature of their office.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RollSource(models.TextChoices):
    CSV = "csv", _("загружен из файла CSV")
    RESIDENTS = "residents", _("составлен по подтверждённым жителям")


class Roll(models.Model):
    """Список жителей населённого пункта, обладающих избирательным правом."""

    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT,
                                     related_name="community_rolls")
    settlement = models.ForeignKey("territory.Settlement", on_delete=models.PROTECT,
                                   related_name="community_rolls",
                                   verbose_name=_("населённый пункт"))
    title = models.CharField(_("название"), max_length=200)
    source = models.CharField(_("источник"), max_length=16, choices=RollSource.choices)
    compiled_on = models.DateField(_("дата составления"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-compiled_on", "-id")

    def __str__(self) -> str:
        return self.title


class RollEntry(models.Model):
    roll = models.ForeignKey(Roll, on_delete=models.CASCADE, related_name="entries")
    number = models.PositiveIntegerField(_("номер в списке"))
    full_name = models.CharField(_("фамилия, имя, отчество"), max_length=200)
    birth_date = models.DateField(_("дата рождения"))
    address = models.CharField(_("адрес места жительства"), max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=("roll", "number"), name="community_roll_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.full_name}"


class GatheringStatus(models.TextChoices):
    PLANNED = "planned", _("назначен")
    OPEN = "open", _("идёт регистрация и голосование")
    CLOSED = "closed", _("завершён, протокол оформлен")


class Gathering(models.Model):
    """Сход граждан (131-ФЗ ст. 25.1); its rules are frozen when it is called."""

    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT,
                                     related_name="community_gatherings")
    settlement = models.ForeignKey("territory.Settlement", on_delete=models.PROTECT,
                                   related_name="community_gatherings",
                                   verbose_name=_("населённый пункт"))
    roll = models.ForeignKey(Roll, on_delete=models.PROTECT, related_name="gatherings",
                             verbose_name=_("список жителей"))
    title = models.CharField(_("повестка (кратко)"), max_length=300)
    called_by = models.CharField(_("кем созван"), max_length=300)
    status = models.CharField(_("состояние"), max_length=16, choices=GatheringStatus.choices,
                              default=GatheringStatus.PLANNED)
    rules = models.JSONField(_("правила, действующие на день созыва"), default=dict)
    protocol_number = models.CharField(_("номер протокола"), max_length=40, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.title


class GatheringStage(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(_("номер этапа"))
    held_on = models.DateField(_("дата"))
    place = models.CharField(_("место"), max_length=300)

    class Meta:
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=("gathering", "number"), name="community_stage_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.held_on:%d.%m.%Y}"


class Attendance(models.Model):
    """Registration at the door. Nobody takes part at two stages (ст. 25.1 ч. 2.1)."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE,
                                  related_name="attendances")
    stage = models.ForeignKey(GatheringStage, on_delete=models.CASCADE,
                              related_name="attendances")
    entry = models.ForeignKey(RollEntry, on_delete=models.PROTECT, related_name="attendances")
    registered_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("gathering", "entry"),
                                    name="community_attend_once_per_gathering"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}@{self.stage_id}"


class QuestionKind(models.TextChoices):
    ORDINARY = "ordinary", _("вопрос повестки")
    NOMINATION = "nomination", _("выдвижение кандидатуры сельского старосты")


class Decision(models.TextChoices):
    PENDING = "", _("не голосовали")
    ADOPTED = "adopted", _("решение принято")
    REJECTED = "rejected", _("решение не принято")


class Question(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("номер"))
    text = models.TextField(_("формулировка"))
    kind = models.CharField(_("вид"), max_length=16, choices=QuestionKind.choices,
                            default=QuestionKind.ORDINARY)
    nominee = models.ForeignKey(RollEntry, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("кандидат в старосты"))
    votes_for = models.PositiveIntegerField(_("за"), default=0)
    votes_against = models.PositiveIntegerField(_("против"), default=0)
    votes_abstained = models.PositiveIntegerField(_("воздержались"), default=0)
    participants = models.PositiveIntegerField(_("участников на момент голосования"), default=0)
    decision = models.CharField(_("итог"), max_length=16, choices=Decision.choices,
                                default=Decision.PENDING, blank=True)

    class Meta:
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=("gathering", "number"),
                                    name="community_question_number"),
            models.CheckConstraint(
                condition=Q(kind="ordinary") | Q(nominee__isnull=False),
                name="community_nomination_has_nominee"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class StarostaNomination(models.Model):
    """A сход's adopted decision to nominate a starosta (131-ФЗ ст. 27.1 ч. 2)."""

    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT,
                                     related_name="starosta_nominations")
    settlement = models.ForeignKey("territory.Settlement", on_delete=models.PROTECT,
                                   related_name="+")
    question = models.OneToOneField(Question, on_delete=models.PROTECT,
                                    related_name="nomination")
    full_name = models.CharField(_("ФИО кандидата"), max_length=200)
    nominated_on = models.DateField(_("дата выдвижения"))

    def __str__(self) -> str:
        return self.full_name


class Starosta(models.Model):
    """Сельский староста, appointed by the representative body (ст. 27.1 ч. 2)."""

    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT,
                                     related_name="starostas")
    settlement = models.ForeignKey("territory.Settlement", on_delete=models.PROTECT,
                                   related_name="starostas", verbose_name=_("населённый пункт"))
    nomination = models.OneToOneField(StarostaNomination, on_delete=models.PROTECT,
                                      related_name="starosta")
    full_name = models.CharField(_("фамилия, имя, отчество"), max_length=200)
    decision_number = models.CharField(_("номер решения представительного органа"),
                                       max_length=40)
    decision_date = models.DateField(_("дата решения"))
    term_years = models.PositiveSmallIntegerField(_("срок полномочий, лет"))
    term_ends_on = models.DateField(_("окончание полномочий"))
    territory = models.TextField(_("территория"), blank=True)
    phone = models.CharField(_("телефон"), max_length=40, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    rules = models.JSONField(default=dict)

    class Meta:
        ordering = ("settlement__name", "full_name")

    def __str__(self) -> str:
        return self.full_name


class StarostaReport(models.Model):
    starosta = models.ForeignKey(Starosta, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("год"))
    text = models.TextField(_("отчёт"))

    class Meta:
        ordering = ("-year",)
        constraints = [
            models.UniqueConstraint(fields=("starosta", "year"), name="community_starosta_year"),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def municipality(self):
        return self.starosta.municipality


class FoundingForm(models.TextChoices):
    MEETING = "meeting", _("собрание граждан")
    CONFERENCE = "conference", _("конференция граждан")


class TosStatus(models.TextChoices):
    FOUNDING = "founding", _("учреждается (устав не зарегистрирован)")
    ESTABLISHED = "established", _("учреждено (устав зарегистрирован)")


class Tos(models.Model):
    """Территориальное общественное самоуправление (131-ФЗ ст. 27)."""

    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT,
                                     related_name="tos_bodies")
    settlement = models.ForeignKey("territory.Settlement", on_delete=models.PROTECT,
                                   related_name="tos_bodies", verbose_name=_("населённый пункт"))
    name = models.CharField(_("наименование"), max_length=300)
    territory = models.TextField(_("территория: улицы и дома, по одной на строке"))
    founding_form = models.CharField(_("форма учредительного мероприятия"), max_length=16,
                                     choices=FoundingForm.choices)
    founded_on = models.DateField(_("дата учредительного мероприятия"))
    eligible = models.PositiveIntegerField(
        _("жителей территории 16 лет и старше / избранных делегатов"))
    present = models.PositiveIntegerField(_("приняло участие"))
    rules = models.JSONField(default=dict)
    charter_number = models.CharField(_("регистрационный номер устава"), max_length=40,
                                      blank=True)
    charter_registered_on = models.DateField(_("дата регистрации устава"), null=True,
                                             blank=True)
    status = models.CharField(_("состояние"), max_length=16, choices=TosStatus.choices,
                              default=TosStatus.FOUNDING)
    address = models.CharField(_("адрес для обращений"), max_length=300, blank=True)
    phone = models.CharField(_("телефон"), max_length=40, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(fields=("municipality", "name"), name="community_tos_name"),
            models.CheckConstraint(condition=Q(present__lte=models.F("eligible")),
                                   name="community_tos_present_le_eligible"),
            models.CheckConstraint(
                condition=Q(status="founding") | (Q(charter_registered_on__isnull=False)
                                                  & ~Q(charter_number="")),
                name="community_tos_established_has_charter"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def territory_lines(self) -> list[str]:
        return [line.strip() for line in self.territory.splitlines() if line.strip()]


class TosOfficer(models.Model):
    """An elected officer of a ТОС body: public as an office-holder."""

    tos = models.ForeignKey(Tos, on_delete=models.CASCADE, related_name="officers")
    office = models.CharField(_("должность"), max_length=200)
    full_name = models.CharField(_("фамилия, имя, отчество"), max_length=200)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.office}: {self.full_name}"


class TosMember(models.Model):
    """A member of a ТОС: personal data, staff only."""

    tos = models.ForeignKey(Tos, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("фамилия, имя, отчество"), max_length=200)
    address = models.CharField(_("адрес"), max_length=300, blank=True)

    class Meta:
        ordering = ("full_name",)

    def __str__(self) -> str:
        return self.full_name


class TosReport(models.Model):
    tos = models.ForeignKey(Tos, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("год"))
    text = models.TextField(_("отчёт о деятельности"))

    class Meta:
        ordering = ("-year",)
        constraints = [
            models.UniqueConstraint(fields=("tos", "year"), name="community_tos_year"),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def municipality(self):
        return self.tos.municipality
