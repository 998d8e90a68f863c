"""Office forms. Field checks live in the services; forms carry input and show the
services' messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zemstvo.programs.models import ActivityStatus, FundingSource, SubprogramKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class PeriodForm(forms.Form):
    title = forms.CharField(label=_("Название"), max_length=300)
    year_from = forms.IntegerField(label=_("Начало периода (год)"))
    year_to = forms.IntegerField(label=_("Конец периода (год)"))
    description = forms.CharField(label=_("Описание"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}))


class ProgramForm(PeriodForm):
    code = forms.CharField(label=_("Код"), max_length=30)
    responsible_unit = forms.CharField(label=_("Ответственный исполнитель"), max_length=300)

    field_order = ["code", "title", "year_from", "year_to", "responsible_unit", "description"]


class SubprogramForm(forms.Form):
    title = forms.CharField(label=_("Название подпрограммы или проекта"), max_length=300)
    kind = forms.ChoiceField(label=_("Вид"), choices=SubprogramKind.choices)
    national_project = forms.CharField(
        label=_("Национальный проект"), required=False, max_length=300,
        help_text=_("Заполните, если это муниципальная часть национального проекта."))


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Мероприятие"), max_length=300)
    responsible_unit = forms.CharField(label=_("Ответственный исполнитель"), max_length=300)
    weight = forms.IntegerField(label=_("Вес в программе"), initial=1)
    status = forms.ChoiceField(label=_("Состояние"), choices=ActivityStatus.choices)


class BudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Год"))
    source = forms.ChoiceField(label=_("Источник"), choices=FundingSource.choices)
    plan = forms.CharField(label=_("План, руб."))
    fact = forms.CharField(label=_("Факт, руб."), required=False)


class BudgetImportForm(forms.Form):
    file = forms.FileField(label=_("Файл XLSX по шаблону"))


class IndicatorForm(forms.Form):
    title = forms.CharField(label=_("Показатель"), max_length=300)
    unit = forms.CharField(label=_("Единица измерения"), max_length=40)
    baseline_value = forms.CharField(label=_("Базовое значение"))
    baseline_year = forms.IntegerField(label=_("Базовый год"))
    lower_is_better = forms.BooleanField(label=_("Чем меньше, тем лучше"), required=False)


class IndicatorValueForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("Показатель"), coerce=int)
    year = forms.IntegerField(label=_("Год"))
    plan = forms.CharField(label=_("План"))
    fact = forms.CharField(label=_("Факт"), required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Контрольная точка"), max_length=300)
    planned_date = forms.DateField(label=_("Плановая дата"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    actual_date = forms.DateField(label=_("Фактическая дата"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    delay_reason = forms.CharField(label=_("Причина задержки"), required=False, max_length=500)


class MilestoneReportForm(forms.Form):
    """Record that a control point was reached, or why it is late."""

    milestone = forms.TypedChoiceField(label=_("Контрольная точка"), coerce=int)
    actual_date = forms.DateField(label=_("Фактическая дата"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    delay_reason = forms.CharField(label=_("Причина задержки"), required=False, max_length=500)


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Что сделано"), widget=forms.Textarea(attrs={"rows": 4}))
    progress = forms.IntegerField(label=_("Готовность, %"), min_value=0, max_value=100)
    files = MultipleFileField(label=_("Подтверждающие файлы (фото, документы)"), required=False)


class PriorityForm(forms.Form):
    title = forms.CharField(label=_("Приоритет"), max_length=300)


class GoalForm(forms.Form):
    priority = forms.TypedChoiceField(label=_("Приоритет"), coerce=int)
    title = forms.CharField(label=_("Цель"), max_length=300)


class TaskForm(forms.Form):
    goal = forms.TypedChoiceField(label=_("Цель"), coerce=int)
    title = forms.CharField(label=_("Задача"), max_length=300)
    programs = forms.TypedMultipleChoiceField(label=_("Программы (план мероприятий)"),
                                              coerce=int, required=False)


class TargetForm(forms.Form):
    goal = forms.TypedChoiceField(label=_("Цель"), coerce=int)
    title = forms.CharField(label=_("Целевой показатель"), max_length=300)
    unit = forms.CharField(label=_("Единица измерения"), max_length=40)
    baseline_value = forms.CharField(label=_("Базовое значение"))
    baseline_year = forms.IntegerField(label=_("Базовый год"))
    values = forms.CharField(
        label=_("Целевые значения по годам"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("По строке на год: «год; цель; факт» (факт — если известен)."))
    lower_is_better = forms.BooleanField(label=_("Чем меньше, тем лучше"), required=False)
