"""The representative body of a municipality and its public work: deputies, factions,
committees, sessions with agendas, roll-call votes, decisions (municipal legal acts),
residents' questions, and meetings with residents.

Legal basis: 131-ФЗ ст. 35 (представительный орган), ст. 47 (вступление в силу и
официальное опубликование муниципальных правовых актов); 8-ФЗ «Об обеспечении
доступа к информации о деятельности государственных органов и органов местного
самоуправления» ст. 13, 15 (информация о деятельности, присутствие на заседаниях).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zemstvo.core.territory.models import Municipality


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Совет депутатов")
    DUMA = "duma", _("Дума")
    ASSEMBLY = "assembly", _("Собрание депутатов")


class RepresentativeBody(models.Model):
    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="representative_body",
        verbose_name=_("муниципальное образование"),
    )
    kind = models.CharField(_("вид органа"), max_length=16, choices=BodyKind.choices)
    name = models.CharField(_("наименование"), max_length=200)
    description = models.TextField(_("описание"), blank=True)
    seats = models.PositiveSmallIntegerField(_("установленная численность депутатов"), default=0)

    class Meta:
        verbose_name = _("представительный орган")
        verbose_name_plural = _("представительные органы")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("council:body", kwargs={"municipality": self.municipality.slug})


class Faction(models.Model):
    body = models.ForeignKey(RepresentativeBody, on_delete=models.CASCADE,
                             related_name="factions")
    name = models.CharField(_("название фракции"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"],
                                               name="council_faction_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def municipality(self) -> Municipality:
        return self.body.municipality


class Deputy(models.Model):
    """A deputy: a public figure; name, district, faction and official contacts are
    published by law (8-ФЗ ст. 13 ч. 1 п. 2)."""

    body = models.ForeignKey(RepresentativeBody, on_delete=models.CASCADE,
                             related_name="deputies")
    full_name = models.CharField(_("ФИО"), max_length=200)
    district = models.CharField(_("избирательный округ"), max_length=200, blank=True)
    faction = models.ForeignKey(Faction, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="deputies", verbose_name=_("фракция"))
    term_from = models.DateField(_("начало полномочий"))
    term_to = models.DateField(_("окончание полномочий"), null=True, blank=True)
    contacts = models.CharField(_("служебные контакты"), max_length=300, blank=True)
    reception_hours = models.CharField(_("приём граждан"), max_length=300, blank=True)
    is_chair = models.BooleanField(_("председатель"), default=False)

    class Meta:
        ordering = ["full_name"]
        constraints = [models.CheckConstraint(
            condition=Q(term_to__isnull=True) | Q(term_to__gte=models.F("term_from")),
            name="council_deputy_term_order")]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("council:deputy", kwargs={"municipality": self.body.municipality.slug,
                                                 "pk": self.pk})

    @property
    def municipality(self) -> Municipality:
        return self.body.municipality


class Committee(models.Model):
    body = models.ForeignKey(RepresentativeBody, on_delete=models.CASCADE,
                             related_name="committees")
    name = models.CharField(_("название комиссии"), max_length=200)
    members = models.ManyToManyField(Deputy, through="CommitteeMembership",
                                     related_name="committees")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def municipality(self) -> Municipality:
        return self.body.municipality


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("председатель")
    MEMBER = "member", _("член комиссии")


class CommitteeMembership(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE,
                                  related_name="memberships")
    deputy = models.ForeignKey(Deputy, on_delete=models.CASCADE,
                               related_name="committee_memberships")
    role = models.CharField(max_length=8, choices=CommitteeRole.choices,
                            default=CommitteeRole.MEMBER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["committee", "deputy"],
                                               name="council_committee_member_once")]

    def __str__(self) -> str:
        return f"{self.deputy_id} in {self.committee_id}"


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("очередное заседание")
    EXTRAORDINARY = "extraordinary", _("внеочередное заседание")
    COMMITTEE = "committee", _("заседание комиссии")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("запланировано")
    LIVE = "live", _("идёт трансляция")
    HELD = "held", _("состоялось")


class Session(models.Model):
    body = models.ForeignKey(RepresentativeBody, on_delete=models.CASCADE,
                             related_name="sessions")
    kind = models.CharField(_("вид"), max_length=16, choices=SessionKind.choices,
                            default=SessionKind.REGULAR)
    committee = models.ForeignKey(Committee, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="sessions", verbose_name=_("комиссия"))
    number = models.PositiveIntegerField(_("номер заседания"), null=True, blank=True)
    title = models.CharField(_("название"), max_length=200)
    # Stored in UTC (USE_TZ); shown in the municipality's time zone.
    starts_at = models.DateTimeField(_("начало"))
    place = models.CharField(_("место"), max_length=300)
    status = models.CharField(_("статус"), max_length=8, choices=SessionStatus.choices,
                              default=SessionStatus.PLANNED)
    broadcast_url = models.URLField(_("адрес трансляции"), blank=True, max_length=500)
    recording_url = models.URLField(_("адрес записи"), blank=True, max_length=500)
    minutes = models.TextField(_("протокол (текст)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council:session", kwargs={"municipality": self.body.municipality.slug,
                                                  "pk": self.pk})

    @property
    def municipality(self) -> Municipality:
        return self.body.municipality


class AgendaItem(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("порядковый номер"))
    title = models.CharField(_("вопрос повестки"), max_length=500)
    rapporteur = models.CharField(_("докладчик"), max_length=200, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["session", "order"],
                                               name="council_agenda_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def municipality(self) -> Municipality:
        return self.session.body.municipality


class Decision(models.Model):
    """A municipal legal act adopted on an agenda item (131-ФЗ ст. 47: in force after
    official publication; the date and source of publication are public)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE,
                                    related_name="decisions")
    number = models.CharField(_("номер"), max_length=40)
    adopted_on = models.DateField(_("дата принятия"))
    title = models.CharField(_("наименование акта"), max_length=500)
    published_on = models.DateField(_("дата официального опубликования"), null=True,
                                    blank=True)
    publication_source = models.CharField(_("источник официального опубликования"),
                                          max_length=300, blank=True)
    text = models.TextField(_("текст"), blank=True)

    class Meta:
        ordering = ["adopted_on", "number"]
        constraints = [models.CheckConstraint(
            condition=Q(published_on__isnull=True) | Q(published_on__gte=models.F("adopted_on")),
            name="council_decision_published_after_adoption")]

    def __str__(self) -> str:
        return f"№ {self.number} {self.title}"

    @property
    def municipality(self) -> Municipality:
        return self.agenda_item.session.body.municipality


class VoteResult(models.TextChoices):
    PASSED = "pass", _("принято")
    FAILED = "fail", _("не принято")


class VoteEvent(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE,
                                    related_name="vote_events")
    motion = models.CharField(_("предмет голосования"), max_length=500)
    result = models.CharField(_("результат"), max_length=4, choices=VoteResult.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item__order", "pk"]

    def __str__(self) -> str:
        return self.motion

    @property
    def municipality(self) -> Municipality:
        return self.agenda_item.session.body.municipality


class VoteOption(models.TextChoices):
    YES = "yes", _("за")
    NO = "no", _("против")
    ABSTAIN = "abstain", _("воздержался")
    ABSENT = "absent", _("отсутствовал")


class RollCallVote(models.Model):
    vote_event = models.ForeignKey(VoteEvent, on_delete=models.CASCADE, related_name="votes")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="votes")
    option = models.CharField(max_length=8, choices=VoteOption.choices)

    class Meta:
        ordering = ["deputy__full_name"]
        constraints = [models.UniqueConstraint(fields=["vote_event", "deputy"],
                                               name="council_one_vote_per_deputy")]

    def __str__(self) -> str:
        return f"{self.deputy_id}: {self.option}"


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("на модерации")
    APPROVED = "approved", _("опубликован")
    REJECTED = "rejected", _("отклонён")


class ResidentQuestion(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE,
                                    related_name="questions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="council_questions")
    text = models.TextField(_("вопрос"))
    status = models.CharField(max_length=8, choices=QuestionStatus.choices,
                              default=QuestionStatus.PENDING)
    moderation_note = models.CharField(_("причина отклонения"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def municipality(self) -> Municipality:
        return self.agenda_item.session.body.municipality


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("встреча с жителями")
    FIELD = "field", _("выездное мероприятие")
    RECEPTION = "reception", _("приём граждан")


class Meeting(models.Model):
    body = models.ForeignKey(RepresentativeBody, on_delete=models.CASCADE,
                             related_name="meetings")
    kind = models.CharField(_("вид"), max_length=10, choices=MeetingKind.choices)
    title = models.CharField(_("название"), max_length=200)
    deputies = models.ManyToManyField(Deputy, blank=True, related_name="meetings")
    hosts = models.CharField(_("кто проводит"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("начало"))
    place = models.CharField(_("место"), max_length=300)
    topics = models.TextField(_("темы"), blank=True)
    # None: registration is not needed; a number: places are limited.
    capacity = models.PositiveIntegerField(_("мест"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council:meeting", kwargs={"municipality": self.body.municipality.slug,
                                                  "pk": self.pk})

    @property
    def municipality(self) -> Municipality:
        return self.body.municipality


class MeetingRegistration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE,
                                related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="council_registrations")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"],
                                               name="council_register_once")]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.meeting_id}"


class MeetingQuestion(models.Model):
    """A question raised at a meeting and the answer given (no author's name: the
    public page shows the substance only)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("вопрос"))
    answer = models.TextField(_("ответ"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:60]


class TaskStatus(models.TextChoices):
    OPEN = "open", _("в работе")
    DONE = "done", _("выполнено")


class FollowUpTask(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tasks")
    question = models.ForeignKey(MeetingQuestion, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="tasks")
    title = models.CharField(_("поручение"), max_length=300)
    responsible = models.CharField(_("ответственный"), max_length=200)
    deadline = models.DateField(_("срок"))
    status = models.CharField(max_length=8, choices=TaskStatus.choices,
                              default=TaskStatus.OPEN)
    result = models.TextField(_("результат"), blank=True)

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title
