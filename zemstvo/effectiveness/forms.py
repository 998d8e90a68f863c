"""Office forms of the effectiveness module. Checks live in the services; the forms
carry input and show the services' messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zemstvo.effectiveness.models import Direction, Level, MeasureStatus, Sphere, ValueType


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Номер"), max_length=20)
    name = forms.CharField(label=_("Наименование"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))
    sphere = forms.ChoiceField(label=_("Сфера"), choices=Sphere.choices)
    unit = forms.CharField(label=_("Единица измерения"), max_length=60, required=False)
    direction = forms.ChoiceField(label=_("Направление"), choices=Direction.choices)
    value_type = forms.ChoiceField(label=_("Вид значения"), choices=ValueType.choices)
    level = forms.ChoiceField(label=_("Уровень"), choices=Level.choices)
    bdpmo_code = forms.CharField(label=_("Код БД ПМО"), max_length=120, required=False)
    min_value = forms.DecimalField(label=_("Наименьшее допустимое значение"), required=False,
                                   max_digits=20, decimal_places=4)
    max_value = forms.DecimalField(label=_("Наибольшее допустимое значение"), required=False,
                                   max_digits=20, decimal_places=4)
    needs_confirmation = forms.BooleanField(label=_("Требует подтверждения"), required=False)
    is_active = forms.BooleanField(label=_("Действует"), required=False, initial=True)
    note = forms.CharField(label=_("Примечание"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Отчётный год"), min_value=2008, max_value=2100)
    deadline = forms.DateField(
        label=_("Срок представления"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Пусто — по правилу региона (по умолчанию 1 мая следующего года)."))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Заполненный шаблон (XLSX или CSV)"))


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Что исправить"), widget=forms.Textarea(attrs={"rows": 3}))


class RatingForm(forms.Form):
    method = forms.ChoiceField(label=_("Методика"))
    year = forms.IntegerField(label=_("Год"), min_value=2000, max_value=2100)
    group = forms.ChoiceField(label=_("Группа"), required=False)


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("Мероприятие"), max_length=300)
    owner = forms.CharField(label=_("Ответственный"), max_length=200)
    deadline = forms.DateField(label=_("Срок"), widget=forms.DateInput(attrs={"type": "date"}))
    indicator = forms.ChoiceField(label=_("Показатель"))
    expected_change = forms.DecimalField(label=_("Ожидаемое изменение показателя"),
                                         max_digits=20, decimal_places=4)


class MeasureUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Состояние"), choices=MeasureStatus.choices)
    result = forms.CharField(label=_("Результат"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Подтверждение (файл)"), required=False)
