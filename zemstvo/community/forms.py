"""Office forms (Russian labels; the services validate the law)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zemstvo.community.models import FoundingForm, QuestionKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RollForm(forms.Form):
    MODES = (("csv", _("загрузить из файла CSV")),
             ("residents", _("составить по подтверждённым жителям")))
    settlement = forms.ModelChoiceField(label=_("Населённый пункт"), queryset=None)
    title = forms.CharField(label=_("Название списка"), max_length=200)
    compiled_on = forms.DateField(label=_("Дата составления"), widget=DATE)
    mode = forms.ChoiceField(label=_("Способ"), choices=MODES, widget=forms.RadioSelect)
    file = forms.FileField(label=_("Файл CSV (ФИО;Дата рождения;Адрес)"), required=False)

    def __init__(self, *args, settlements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = settlements


class GatheringForm(forms.Form):
    roll = forms.ModelChoiceField(label=_("Список жителей"), queryset=None)
    title = forms.CharField(label=_("Повестка (кратко)"), max_length=300)
    called_by = forms.CharField(label=_("Кем созван"), max_length=300)
    stage1_on = forms.DateField(label=_("Этап 1: дата"), widget=DATE)
    stage1_place = forms.CharField(label=_("Этап 1: место"), max_length=300)
    stage2_on = forms.DateField(label=_("Этап 2: дата"), widget=DATE, required=False)
    stage2_place = forms.CharField(label=_("Этап 2: место"), max_length=300, required=False)
    stage3_on = forms.DateField(label=_("Этап 3: дата"), widget=DATE, required=False)
    stage3_place = forms.CharField(label=_("Этап 3: место"), max_length=300, required=False)

    def __init__(self, *args, rolls=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roll"].queryset = rolls

    def stages(self) -> list:
        data = self.cleaned_data
        return [(data[f"stage{n}_on"], data[f"stage{n}_place"] or "") for n in (1, 2, 3)
                if data.get(f"stage{n}_on")]


class StageForm(forms.Form):
    held_on = forms.DateField(label=_("Дата этапа"), widget=DATE)
    place = forms.CharField(label=_("Место"), max_length=300)


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Вопрос"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Вид"), choices=QuestionKind.choices)
    nominee = forms.IntegerField(label=_("Номер кандидата в старосты по списку"),
                                 required=False, min_value=1)


class VotesForm(forms.Form):
    votes_for = forms.IntegerField(label=_("За"), min_value=0)
    votes_against = forms.IntegerField(label=_("Против"), min_value=0)
    votes_abstained = forms.IntegerField(label=_("Воздержались"), min_value=0)


class CloseForm(forms.Form):
    protocol_number = forms.CharField(label=_("Номер протокола"), max_length=40)


class TosForm(forms.Form):
    settlement = forms.ModelChoiceField(label=_("Населённый пункт"), queryset=None)
    name = forms.CharField(label=_("Наименование"), max_length=300)
    territory = forms.CharField(label=_("Территория: улицы и дома, по одной на строке"),
                                widget=forms.Textarea(attrs={"rows": 4}))
    founding_form = forms.ChoiceField(label=_("Учредительное мероприятие"),
                                      choices=FoundingForm.choices)
    founded_on = forms.DateField(label=_("Дата"), widget=DATE)
    eligible = forms.IntegerField(
        label=_("Жителей территории 16 лет и старше (для конференции — избранных делегатов)"),
        min_value=1)
    present = forms.IntegerField(label=_("Приняло участие"), min_value=0)
    address = forms.CharField(label=_("Адрес для обращений"), max_length=300, required=False)
    phone = forms.CharField(label=_("Телефон"), max_length=40, required=False)
    email = forms.EmailField(label=_("Электронная почта"), required=False)

    def __init__(self, *args, settlements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = settlements


class ContactsForm(forms.Form):
    territory = forms.CharField(label=_("Территория: улицы и дома, по одной на строке"),
                                widget=forms.Textarea(attrs={"rows": 4}))
    address = forms.CharField(label=_("Адрес для обращений"), max_length=300, required=False)
    phone = forms.CharField(label=_("Телефон"), max_length=40, required=False)
    email = forms.EmailField(label=_("Электронная почта"), required=False)


class CharterForm(forms.Form):
    number = forms.CharField(label=_("Регистрационный номер устава"), max_length=40)
    registered_on = forms.DateField(label=_("Дата регистрации"), widget=DATE)


class OfficerForm(forms.Form):
    office = forms.CharField(label=_("Должность"), max_length=200)
    full_name = forms.CharField(label=_("ФИО"), max_length=200)


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("ФИО члена ТОС"), max_length=200)
    address = forms.CharField(label=_("Адрес члена ТОС"), max_length=300, required=False)


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("Год"))
    text = forms.CharField(label=_("Отчёт"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("Файл отчёта"), required=False)


class AppointForm(forms.Form):
    decision_number = forms.CharField(label=_("Номер решения представительного органа"),
                                      max_length=40)
    decision_date = forms.DateField(label=_("Дата решения"), widget=DATE)
    term_years = forms.IntegerField(label=_("Срок полномочий по уставу, лет"))
    territory = forms.CharField(label=_("Территория"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    phone = forms.CharField(label=_("Телефон"), max_length=40, required=False)
    email = forms.EmailField(label=_("Электронная почта"), required=False)


class StarostaContactsForm(forms.Form):
    territory = forms.CharField(label=_("Территория"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    phone = forms.CharField(label=_("Телефон"), max_length=40, required=False)
    email = forms.EmailField(label=_("Электронная почта"), required=False)
