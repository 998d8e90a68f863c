"""Office forms of votes. Field checks live in the services; the forms carry input
and show the services' messages. Times are typed in the municipality's local time
(the views activate its zone while parsing and rendering)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zemstvo.voting.models import BallotType, PollKind, PollOption
from zemstvo.voting.services import DESCRIPTION_MAX, OPTION_TITLE_MAX, TITLE_MAX, PollInput

_LOCAL = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=_LOCAL, **kwargs)


class PollForm(forms.Form):
    title = forms.CharField(label=_("Название"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Описание"), required=False, max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("О чём голосование, как будут использованы итоги."),
    )
    kind = forms.ChoiceField(label=_("Вид"), choices=PollKind.choices)
    for_initiative_project = forms.BooleanField(
        label=_("Выявление мнения о поддержке инициативного проекта"), required=False,
        help_text=_("Возраст участников — по правилу «voting.min_age» (131-ФЗ ст. 26.1; "
                    "33-ФЗ); иначе участвуют жители с избирательным правом."),
    )
    settlements = forms.MultipleChoiceField(
        label=_("Населённые пункты"), required=False,
        help_text=_("Не выбрано — голосует всё муниципальное образование."),
    )
    opens_at = forms.DateTimeField(label=_("Начало (местное время)"),
                                   widget=LocalDateTimeInput(), input_formats=[_LOCAL])
    closes_at = forms.DateTimeField(label=_("Окончание (местное время)"),
                                    widget=LocalDateTimeInput(), input_formats=[_LOCAL])
    ballot_type = forms.ChoiceField(label=_("Тип бюллетеня"), choices=BallotType.choices)
    min_choices = forms.IntegerField(label=_("Не меньше вариантов"), min_value=1,
                                     initial=1, required=False,
                                     help_text=_("Для выбора нескольких вариантов."))
    max_choices = forms.IntegerField(label=_("Не больше вариантов"), min_value=1,
                                     initial=1, required=False,
                                     help_text=_("Для выбора нескольких вариантов."))
    budget = forms.DecimalField(label=_("Бюджет, ₽"), min_value=0, max_digits=14,
                                decimal_places=2, required=False,
                                help_text=_("Для бюджетного голосования."))
    max_count = forms.IntegerField(label=_("Не больше проектов"), min_value=1,
                                   required=False,
                                   help_text=_("Для бюджетного голосования; пусто — без "
                                               "ограничения."))
    compute_mes = forms.BooleanField(label=_("Считать также методом равных долей"),
                                     required=False)
    points_total = forms.IntegerField(label=_("Баллов у участника"), min_value=1,
                                      required=False,
                                      help_text=_("Для распределения баллов."))
    free_text_question = forms.CharField(
        label=_("Вопрос со свободным ответом"), max_length=300, required=False,
        help_text=_("Только для анкетирования; ответы не публикуются."),
    )
    publish_ballots = forms.BooleanField(
        label=_("Опубликовать список бюллетеней после окончания"), required=False,
        help_text=_("Участник сможет проверить свой бюллетень по коду."),
    )
    results_live = forms.BooleanField(label=_("Показывать итоги во время голосования"),
                                      required=False)

    def __init__(self, *args: Any, settlements: list[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settlements"].choices = [(str(s.pk), str(s)) for s in settlements]

    def to_input(self, settlements: list[Any]) -> PollInput:
        data = self.cleaned_data
        return PollInput(
            title=data["title"], description=data.get("description", ""),
            kind=data["kind"], ballot_type=data["ballot_type"],
            opens_at=data["opens_at"], closes_at=data["closes_at"],
            min_choices=data.get("min_choices") or 1, max_choices=data.get("max_choices") or 1,
            budget=data.get("budget"), max_count=data.get("max_count"),
            points_total=data.get("points_total"),
            free_text_question=data.get("free_text_question", ""),
            publish_ballots=data.get("publish_ballots", False),
            results_live=data.get("results_live", False),
            compute_mes=data.get("compute_mes", False),
            for_initiative_project=data.get("for_initiative_project", False),
            settlements=settlements,
        )


def poll_initial(poll: Any) -> dict[str, Any]:
    names = ("title", "description", "kind", "for_initiative_project", "opens_at",
             "closes_at", "ballot_type", "min_choices", "max_choices", "budget", "max_count",
             "compute_mes", "points_total", "free_text_question", "publish_ballots",
             "results_live")
    initial = {name: getattr(poll, name) for name in names}
    initial["settlements"] = [str(s.pk) for s in poll.settlements.all()]
    return initial


class OptionForm(forms.Form):
    title = forms.CharField(label=_("Вариант"), max_length=OPTION_TITLE_MAX)
    description = forms.CharField(label=_("Описание варианта"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    cost = forms.DecimalField(label=_("Стоимость, ₽"), required=False, max_digits=14,
                              decimal_places=2,
                              help_text=_("Обязательна в бюджетном голосовании."))


class PaperResultForm(forms.Form):
    """The protocol of a polling point: one number per option."""

    point_name = forms.CharField(label=_("Участок (пункт голосования)"), max_length=200)
    ballots_count = forms.IntegerField(label=_("Бумажных бюллетеней в урне"), min_value=0)

    def __init__(self, *args: Any, options: list[PollOption] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.option_fields = []
        for option in options:
            name = f"option_{option.pk}"
            self.fields[name] = forms.IntegerField(label=option.title, min_value=0, initial=0)
            self.option_fields.append((option, name))

    def counts(self) -> dict[int, int]:
        return {option.pk: self.cleaned_data.get(name) or 0
                for option, name in self.option_fields}


class RollSearchForm(forms.Form):
    """Finding a resident in the eligible roll at a polling point (GET: the page keeps
    the point and the search in its address)."""

    point = forms.CharField(label=_("Участок (пункт голосования)"), max_length=200,
                            required=False,
                            help_text=_("Как в протоколе участка: бюллетени, выданные по "
                                        "списку, сверяются с ним."))
    q = forms.CharField(label=_("Фамилия, имя или отчество"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Дата рождения"), required=False,
                                 input_formats=["%Y-%m-%d", "%d.%m.%Y"],
                                 widget=forms.DateInput(attrs={"type": "date"},
                                                        format="%Y-%m-%d"))


class PaperIssueForm(forms.Form):
    """Mark a resident of the roll as given a paper ballot."""

    resident = forms.IntegerField(widget=forms.HiddenInput)
    point = forms.CharField(max_length=200, widget=forms.HiddenInput)
