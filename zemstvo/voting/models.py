"""Votes and polls of residents (голосования, опросы граждан).

Опрос граждан — 131-ФЗ ст. 31 (advisory; the whole municipality or a part of it; for
the support of an initiative project — ст. 26.1 and the age from the rule set).
Народное голосование — a binding-by-programme vote on projects or territories
(regional programmes of инициативное бюджетирование, the «комфортная городская
среда» vote). Survey — a questionnaire (e.g. the residents' satisfaction survey of
ПП № 1317).

The secret ballot is a property of these tables, not of the code around them:

* ``VoterRegister`` says WHO voted (one row per person and poll, unique in the DB);
* ``Ballot`` / ``BallotChoice`` say WHAT was chosen, and carry no reference to a
  person, no time finer than the day, and a random UUID key, so neither a column, an
  index, nor the order of keys links a ballot to a register row. Ballots are never
  ordered by insertion: lists order them by the receipt hash (random).

Both rows are written in one transaction (services.ballot_cast). Residual channel,
documented rather than hidden: the physical order of rows in the storage (the heap
order in PostgreSQL, the hidden rowid in SQLite) follows insertion; only the database
superuser sees it, and the platform never reads or exports it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PollKind(models.TextChoices):
    ADVISORY = "advisory", _("опрос граждан")
    POPULAR = "popular", _("народное голосование")
    SURVEY = "survey", _("анкетирование")


class BallotType(models.TextChoices):
    SINGLE = "single", _("один вариант")
    MULTIPLE = "multiple", _("несколько вариантов")
    BUDGET = "budget", _("бюджетное голосование")
    CUMULATIVE = "cumulative", _("распределение баллов")


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    OPEN = "open", _("идёт голосование")
    CLOSED = "closed", _("голосование завершено")
    PUBLISHED = "published", _("итоги опубликованы")


class Poll(models.Model):
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="polls",
        verbose_name=_("муниципальное образование"),
    )
    # Empty: the whole municipality votes (131-ФЗ ст. 31: «на всей территории или на
    # части его территории»).
    settlements = models.ManyToManyField(
        "territory.Settlement", blank=True, related_name="polls",
        verbose_name=_("населённые пункты"),
    )
    kind = models.CharField(_("вид"), max_length=16, choices=PollKind.choices,
                            default=PollKind.ADVISORY)
    # A poll on the support of an initiative project has its own age (rule
    # voting.min_age: 16 under 131-ФЗ ст. 26.1, 18 under 33-ФЗ); any other poll is for
    # residents with voting rights (rule voting.min_age_voting_rights).
    for_initiative_project = models.BooleanField(_("выявление мнения об инициативном проекте"),
                                                 default=False)
    title = models.CharField(_("название"), max_length=200)
    description = models.TextField(_("описание"), blank=True)
    opens_at = models.DateTimeField(_("начало голосования"))
    closes_at = models.DateTimeField(_("окончание голосования"))
    ballot_type = models.CharField(_("тип бюллетеня"), max_length=16,
                                   choices=BallotType.choices, default=BallotType.SINGLE)
    min_choices = models.PositiveSmallIntegerField(_("не меньше вариантов"), default=1)
    max_choices = models.PositiveSmallIntegerField(_("не больше вариантов"), default=1)
    budget = models.DecimalField(_("бюджет, ₽"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    max_count = models.PositiveSmallIntegerField(_("не больше проектов"), null=True, blank=True)
    points_total = models.PositiveSmallIntegerField(_("баллов у участника"), null=True,
                                                    blank=True)
    # A free-text question of a survey; the answers are never published.
    free_text_question = models.CharField(_("вопрос со свободным ответом"), max_length=300,
                                          blank=True)
    publish_ballots = models.BooleanField(_("публиковать бюллетени после окончания"),
                                          default=False)
    results_live = models.BooleanField(_("показывать итоги во время голосования"),
                                       default=False)
    compute_mes = models.BooleanField(_("считать также методом равных долей"), default=False)
    status = models.CharField(_("состояние"), max_length=16, choices=PollStatus.choices,
                              default=PollStatus.DRAFT)
    # Fixed when the poll opens: the rules in force on the opening date (LAW.md).
    rules = models.JSONField(_("правила на дату начала"), default=dict, blank=True)
    min_age = models.PositiveSmallIntegerField(_("минимальный возраст"), null=True, blank=True)
    # The number of eligible residents when the poll closed (the turnout's base).
    eligible_count = models.PositiveIntegerField(_("число участников по списку"), null=True,
                                                 blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("создал"),
    )
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменено"), auto_now=True)

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("голосование")
        verbose_name_plural = _("голосования")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")),
                                   name="voting_poll_window_order"),
            models.CheckConstraint(condition=Q(min_choices__lte=models.F("max_choices")),
                                   name="voting_poll_choices_order"),
            models.CheckConstraint(
                condition=~Q(ballot_type="budget") | Q(budget__gt=0),
                name="voting_poll_budget_has_budget",
            ),
            models.CheckConstraint(
                condition=~Q(ballot_type="cumulative") | Q(points_total__gt=0),
                name="voting_poll_cumulative_has_points",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="voting_poll_public")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("voting:detail",
                       kwargs={"municipality": self.municipality.slug, "pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status != PollStatus.DRAFT

    @property
    def results_visible(self) -> bool:
        """Results are public after publication, or while the vote runs when so set."""
        if self.status == PollStatus.PUBLISHED:
            return True
        return self.results_live and self.status in (PollStatus.OPEN, PollStatus.CLOSED)

    @property
    def uses_points(self) -> bool:
        return self.ballot_type == BallotType.CUMULATIVE


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options",
                             verbose_name=_("голосование"))
    title = models.CharField(_("вариант"), max_length=200)
    description = models.TextField(_("описание"), blank=True)
    cost = models.DecimalField(_("стоимость, ₽"), max_digits=14, decimal_places=2, null=True,
                               blank=True)
    position = models.PositiveSmallIntegerField(_("порядок"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("вариант ответа")
        verbose_name_plural = _("варианты ответа")
        constraints = [
            models.UniqueConstraint(fields=["poll", "title"], name="voting_option_title_unique"),
            models.CheckConstraint(condition=Q(cost__isnull=True) | Q(cost__gt=0),
                                   name="voting_option_cost_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class VoteChannel(models.TextChoices):
    ONLINE = "online", _("электронно")
    PAPER = "paper", _("бумажный бюллетень на участке")


class VoterRegister(models.Model):
    """Who has voted in a poll (the register; never what they chose). The unique pair
    is the database's guarantee of one ballot per person, also under concurrent
    requests — whatever the channel: a resident given a paper ballot at a polling
    point (zemstvo.voting.paper_roll) cannot vote online, and the reverse. Only the
    day is kept, like on the ballot; a paper row names the point, never a ballot."""

    # The unique (poll, user) below serves lookups by poll: no index of its own.
    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="register",
                             db_index=False, verbose_name=_("голосование"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("участник"))
    voted_on = models.DateField(_("день голосования"))
    # The database default lets a raw INSERT without the column (the casting fast
    # path, the bench) write an online row.
    channel = models.CharField(_("способ голосования"), max_length=8,
                               choices=VoteChannel.choices, default=VoteChannel.ONLINE,
                               db_default=VoteChannel.ONLINE)
    # For a paper ballot: the polling point (its protocol row) that issued it.
    # Indexed only where set (see Meta): online rows, nearly all, carry no entry.
    polling_point = models.ForeignKey(
        "PaperResult", null=True, blank=True, on_delete=models.PROTECT, db_index=False,
        related_name="roll_entries", verbose_name=_("участок (пункт голосования)"),
    )

    class Meta:
        verbose_name = _("запись реестра проголосовавших")
        verbose_name_plural = _("реестр проголосовавших")
        constraints = [
            models.UniqueConstraint(fields=["poll", "user"], name="voting_register_once"),
            # A paper ballot is issued at a polling point; an online one at none.
            models.CheckConstraint(
                condition=(Q(channel="online") & Q(polling_point__isnull=True))
                | (Q(channel="paper") & Q(polling_point__isnull=False)),
                name="voting_register_channel_point",
            ),
        ]
        indexes = [models.Index(fields=["polling_point"], name="voting_register_point",
                                condition=Q(polling_point__isnull=False))]

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.user_id}"


class Ballot(models.Model):
    """A cast ballot: no voter, no time of day, a random key (see the module's
    docstring). ``receipt_hash`` is the SHA-256 of the code the voter was given."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="ballots",
                             verbose_name=_("голосование"))
    receipt_hash = models.CharField(_("хеш кода проверки"), max_length=64, unique=True)
    cast_on = models.DateField(_("день голосования"))
    # The answer to the survey's free-text question: never published.
    free_text = models.TextField(_("свободный ответ"), blank=True)

    class Meta:
        # The receipt hash is random: lists never follow the order of casting.
        ordering = ["receipt_hash"]
        verbose_name = _("бюллетень")
        verbose_name_plural = _("бюллетени")

    def __str__(self) -> str:
        return self.receipt_hash[:12]


class BallotChoice(models.Model):
    """One mark of a ballot (for counting in SQL). Its key is random too: a sequential
    key would order the marks as the register is ordered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Ballot and poll have no index of their own: the unique (ballot, option) and the
    # index (poll, option) start with them, and every ballot writes each index (the
    # rate of casting, bench/voting.py, rose by a sixth without the two duplicates).
    # No database constraint either: PostgreSQL checks a foreign key with a query it
    # plans once per connection, and planned while the ballot table is nearly empty
    # (at the opening of a vote, after an ANALYZE) that query reads the whole table for
    # every mark until the next autoanalyze: 292 million rows read for 20,000 ballots in
    # bench/voting.py. A mark is written in the same statement as its ballot (ballots.py)
    # and ballots are never deleted but with their poll, which Django cascades.
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices",
                               db_index=False, db_constraint=False)
    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="+",
                             db_index=False)
    option = models.ForeignKey(PollOption, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["option_id"]
        verbose_name = _("отметка в бюллетене")
        verbose_name_plural = _("отметки в бюллетенях")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "option"], name="voting_choice_once"),
            models.CheckConstraint(condition=Q(points__gt=0), name="voting_choice_points"),
        ]
        indexes = [models.Index(fields=["poll", "option"], name="voting_choice_count")]

    def __str__(self) -> str:
        return f"{self.option_id}×{self.points}"


class PaperResult(models.Model):
    """The protocol of a polling point (paper ballots): counts per option, entered by
    staff; shown apart from the electronic count and added to the totals."""

    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="paper_results",
                             verbose_name=_("голосование"))
    point_name = models.CharField(_("участок (пункт голосования)"), max_length=200)
    ballots_count = models.PositiveIntegerField(_("бумажных бюллетеней"))
    # {"<option id>": count or points}
    counts = models.JSONField(_("итоги по вариантам"), default=dict)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("внёс"))
    entered_at = models.DateTimeField(_("внесено"), auto_now=True)

    class Meta:
        ordering = ["point_name"]
        verbose_name = _("протокол участка")
        verbose_name_plural = _("протоколы участков")
        constraints = [
            models.UniqueConstraint(fields=["poll", "point_name"], name="voting_paper_point_once"),
        ]

    def __str__(self) -> str:
        return self.point_name

    @property
    def municipality(self):
        return self.poll.municipality
