"""Office forms of the effectiveness module. Checks live in the services; the forms
carry input and show the services' messages."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zemstvo.effectiveness.models import (
    Direction,
    Indicator,
    Level,
    MeasureStatus,
    MethodKind,
    Sphere,
    ValueType,
)


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
    expected_change = forms.DecimalField(
        label=_("Ожидаемое изменение показателя"), max_digits=20, decimal_places=4,
        help_text=_("На сколько мероприятие улучшит показатель за год. Для показателей "
                    "«чем меньше, тем лучше» — на сколько он уменьшится."))


class MeasureUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Состояние"), choices=MeasureStatus.choices)
    result = forms.CharField(label=_("Результат"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Подтверждение (файл)"), required=False)


def _weight(label: Any, help_text: Any = "", *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(label=label, help_text=help_text, required=required,
                              min_value=Decimal(0), max_digits=12, decimal_places=4)


def _indicator_field(indicator: Indicator) -> str:
    return f"iw_{indicator.pk}"


class MethodForm(forms.Form):
    """A rating method: every parameter of ``scoring.normalise_parameters``. The sphere
    and indicator weights are added per sphere and per rated indicator of the region;
    an empty weight means 1."""

    name = forms.CharField(label=_("Название"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Вид (типовая методика)"), choices=MethodKind.choices,
        help_text=_("Типовая методика, от которой отсчитываются параметры. Рейтинг "
                    "считается только по параметрам ниже."))
    level_weight = _weight(
        _("Вес уровня"),
        _("Доля индекса уровня — положения значения между минимумом и максимумом группы — "
          "в индексе показателя. В ПП № 1317 — 0,4."))
    trend_weight = _weight(
        _("Вес динамики"),
        _("Доля индекса динамики — темпа роста к прошлому году на той же шкале — в индексе "
          "показателя. В ПП № 1317 — 0,6; 0 — динамика не учитывается. Вес уровня и вес "
          "динамики не могут оба быть нулевыми."))
    mean_weight = _weight(
        _("Вес среднего индекса показателей"),
        _("Доля среднего (взвешенного) индекса показателей в итоговой оценке. "
          "В ПП № 1317 — 0,8."))
    survey_weight = _weight(
        _("Вес опроса населения"),
        _("Доля индекса удовлетворённости населения (показатель 37, процент, делённый "
          "на 100) в итоговой оценке. В ПП № 1317 — 0,2; 0 — опрос не учитывается. "
          "Если опроса нет, оценка равна среднему индексу."))
    equal_value = _weight(
        _("Индекс при равных минимуме и максимуме"),
        _("Индекс, который получают все МО группы, когда у всех одинаковое значение "
          "показателя. 1 — никто ни от кого не отстаёт."))
    max_missing = forms.IntegerField(
        label=_("Допустимое число пропусков"), min_value=0, max_value=1000,
        help_text=_("Сколько показателей (и опрос, если он учитывается) МО может не "
                    "представить. МО с большим числом пропусков не включается в рейтинг."))
    group_by_type = forms.BooleanField(
        label=_("Сравнивать МО только с МО своего вида"), required=False,
        help_text=_("Группы сравнения по видам МО (городские округа, муниципальные районы "
                    "и т. д.). Без отметки все МО сравниваются в одной группе."))

    MAIN = ("name", "kind", "level_weight", "trend_weight", "mean_weight", "survey_weight",
            "equal_value", "max_missing", "group_by_type")

    def __init__(self, *args: Any, indicators: Sequence[Indicator] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.indicator_codes = [i.code for i in indicators]
        # Named by the indicator's id, not its place in the list: should the list change
        # between opening the form and saving it, no weight moves to another indicator.
        self.indicator_field_names = {i.code: _indicator_field(i) for i in indicators}
        for key, label in Sphere.choices:
            self.fields[f"sw_{key}"] = _weight(
                _("Сфера «%(sphere)s»") % {"sphere": label}, required=False)
        for indicator in indicators:
            self.fields[_indicator_field(indicator)] = _weight(
                f"{indicator.code}. {indicator.name[:90]}", required=False)

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.MAIN]

    def sphere_fields(self) -> list[forms.BoundField]:
        return [self[f"sw_{key}"] for key in Sphere.values]

    def indicator_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.indicator_field_names.values()]

    @classmethod
    def initial_from(cls, name: str, kind: str, parameters: dict[str, Any],
                     indicators: Sequence[Indicator]) -> dict[str, Any]:
        """The form's initial values from stored parameters."""
        initial: dict[str, Any] = {"name": name, "kind": kind}
        initial.update({key: parameters.get(key) for key in cls.MAIN[2:]})
        for key, value in (parameters.get("sphere_weights") or {}).items():
            initial[f"sw_{key}"] = value
        weights = parameters.get("indicator_weights") or {}
        for indicator in indicators:
            if indicator.code in weights:
                initial[_indicator_field(indicator)] = weights[indicator.code]
        return initial

    def parameters(self) -> dict[str, Any]:
        """The parameters for ``ratings.method_save`` (decimals as strings)."""
        data = self.cleaned_data
        params: dict[str, Any] = {key: str(data[key]) for key in self.MAIN[2:7]}
        params["max_missing"] = data["max_missing"]
        params["group_by_type"] = bool(data["group_by_type"])
        params["sphere_weights"] = {key: str(data[f"sw_{key}"]) for key in Sphere.values
                                    if data.get(f"sw_{key}") is not None}
        params["indicator_weights"] = {
            code: str(data[name]) for code, name in self.indicator_field_names.items()
            if data.get(name) is not None}
        return params


class SurveyLinkForm(forms.Form):
    year = forms.IntegerField(
        label=_("Год, за который опрос — показатель 37"), min_value=2008, max_value=2100)
    satisfied = forms.MultipleChoiceField(
        label=_("Варианты ответа, которые означают «удовлетворён»"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Индекс опроса — доля ответивших этими вариантами среди всех ответов, "
                    "в процентах."))

    def __init__(self, *args: Any, options: Sequence[Any] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["satisfied"].choices = [(str(o.pk), o.title) for o in options]
