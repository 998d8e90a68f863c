"""Forms of the council pages: they parse input; the services validate the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zemstvo.council.models import BodyKind, MeetingKind, SessionKind, SessionStatus

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Ваш вопрос"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=2000)


class BodyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид органа"), choices=BodyKind.choices)
    name = forms.CharField(label=_("Наименование"), max_length=200)
    seats = forms.IntegerField(label=_("Установленная численность депутатов"), min_value=0,
                               max_value=500)
    description = forms.CharField(label=_("Описание"), required=False, widget=forms.Textarea)


class DeputyForm(forms.Form):
    full_name = forms.CharField(label=_("ФИО"), max_length=200)
    district = forms.CharField(label=_("Избирательный округ"), max_length=200, required=False)
    faction = forms.ModelChoiceField(label=_("Фракция"), queryset=None, required=False)
    term_from = forms.DateField(label=_("Начало полномочий"), widget=DATE_WIDGET)
    term_to = forms.DateField(label=_("Окончание полномочий"), widget=DATE_WIDGET,
                              required=False)
    contacts = forms.CharField(label=_("Служебные контакты"), max_length=300, required=False)
    reception_hours = forms.CharField(label=_("Приём граждан"), max_length=300, required=False)

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["faction"].queryset = body.factions.all() if body else None


class NameForm(forms.Form):
    name = forms.CharField(label=_("Название"), max_length=200)


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид заседания"), choices=SessionKind.choices)
    committee = forms.ModelChoiceField(label=_("Комиссия (для заседания комиссии)"),
                                       queryset=None, required=False)
    title = forms.CharField(label=_("Название"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Начало (местное время)"), widget=DATETIME_WIDGET,
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=_("Место"), max_length=300)
    broadcast_url = forms.CharField(label=_("Адрес трансляции (https)"), max_length=500,
                                    required=False)

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = body.committees.all() if body else None


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Статус"), choices=SessionStatus.choices)
    recording_url = forms.CharField(label=_("Адрес записи (https)"), max_length=500,
                                    required=False)
    minutes = forms.CharField(label=_("Протокол"), required=False, widget=forms.Textarea)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Вопрос повестки"), max_length=500)
    rapporteur = forms.CharField(label=_("Докладчик"), max_length=200, required=False)
    files = forms.FileField(label=_("Проект документа"), required=False)


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Номер решения"), max_length=40)
    title = forms.CharField(label=_("Наименование"), max_length=500)
    adopted_on = forms.DateField(label=_("Дата принятия"), widget=DATE_WIDGET)
    published_on = forms.DateField(label=_("Дата официального опубликования"),
                                   widget=DATE_WIDGET, required=False)
    publication_source = forms.CharField(label=_("Источник официального опубликования"),
                                         max_length=300, required=False)
    text = forms.CharField(label=_("Текст"), required=False, widget=forms.Textarea)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Название"), max_length=200)
    hosts = forms.CharField(label=_("Кто проводит"), max_length=300, required=False)
    starts_at = forms.DateTimeField(label=_("Начало (местное время)"), widget=DATETIME_WIDGET,
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=_("Место"), max_length=300)
    topics = forms.CharField(label=_("Темы"), required=False, widget=forms.Textarea)
    capacity = forms.IntegerField(label=_("Число мест (пусто — без регистрации)"),
                                  required=False, min_value=1)


class MeetingQuestionForm(forms.Form):
    text = forms.CharField(label=_("Вопрос"), widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(label=_("Ответ"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Поручение"), max_length=300)
    responsible = forms.CharField(label=_("Ответственный"), max_length=200)
    deadline = forms.DateField(label=_("Срок"), widget=DATE_WIDGET)
